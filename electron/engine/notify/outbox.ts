// The outbox: notification rows written in the same transaction as the change they tell about,
// listed for the manager, retried on demand. Delivery is the worker's job (worker.ts).
import { stmt } from '../db/stmts';
import { BoxOfficeError, type OutboxItem, type ParsedInput } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';
import type { Db } from '../db/open';
import { iso } from '../clock';
import { writeAudit } from '../audit/audit';

export type Topic = 'booking.confirmed' | 'booking.cancelled' | 'booking.partly_cancelled' | 'show.cancelled' | 'booking.receipt';

/**
 * Queues the email and SMS for a booking, for the customer's address and phone on file.
 * MUST be called inside the transaction that changes the booking: if that rolls back, so does this.
 */
export function enqueueForBooking(db: Db, now: number, bookingId: string, topic: Topic, to?: { email?: string | null; phone?: string | null }): number {
  const b = stmt(db, 'SELECT customer_email AS email, customer_phone AS phone FROM bookings WHERE id = ?').get(bookingId) as
    | { email: string | null; phone: string | null }
    | undefined;
  if (!b) return 0;
  const email = to ? (to.email ?? null) : b.email;
  const phone = to ? (to.phone ?? null) : b.phone;
  const insert = stmt(db,
    'INSERT INTO outbox (channel, topic, booking_id, recipient, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  let n = 0;
  if (email) n += insert.run('email', topic, bookingId, email, now, now).changes;
  if (phone && phone.replace(/\D/g, '').length >= 6) n += insert.run('sms', topic, bookingId, phone, now, now).changes;
  return n;
}

interface OutboxRow {
  id: number; channel: 'email' | 'sms'; topic: string; booking_id: string | null; recipient: string; status: OutboxItem['status'];
  attempts: number; next_attempt_at: number; last_error: string | null; created_at: number; sent_at: number | null;
}

export function toItem(r: OutboxRow): OutboxItem {
  return {
    id: String(r.id), channel: r.channel, topic: r.topic, bookingId: r.booking_id, recipient: r.recipient, status: r.status,
    attempts: r.attempts, nextAttemptAt: iso(r.next_attempt_at), lastError: r.last_error, createdAt: iso(r.created_at),
    sentAt: r.sent_at === null ? null : iso(r.sent_at),
  };
}

export function listOutbox(ctx: EngineCtx, input: ParsedInput<'notifications.list'>): OutboxItem[] {
  const rows = stmt(ctx.db,
      `SELECT * FROM outbox WHERE (@status IS NULL OR status = @status) AND (@booking IS NULL OR booking_id = @booking)
       ORDER BY id DESC LIMIT @limit`,
    )
    .all({ status: input.status ?? null, booking: input.bookingId ?? null, limit: input.limit ?? 200 }) as OutboxRow[];
  return rows.map(toItem);
}

/** "Retry now": due at once; a dead row gets a fresh set of attempts. */
export function retryOutbox(ctx: EngineCtx, input: ParsedInput<'notifications.retry'>, actor: Actor): { scheduled: number } {
  const now = ctx.clock.now();
  const id = input.id === undefined ? null : Number(input.id);
  if (input.id !== undefined && !Number.isSafeInteger(id)) throw new BoxOfficeError('NOT_FOUND', 'No such notification');
  const run = ctx.db.transaction(() => {
    const r = stmt(ctx.db,
        `UPDATE outbox SET status = 'pending', next_attempt_at = @now, lease_until = NULL,
           attempts = CASE WHEN status = 'dead' THEN 0 ELSE attempts END
         WHERE status IN ('pending','dead') AND (@id IS NULL OR id = @id)`,
      )
      .run({ now, id });
    if (id !== null && r.changes === 0) {
      const exists = stmt(ctx.db, 'SELECT status FROM outbox WHERE id = ?').get(id) as { status: string } | undefined;
      if (!exists) throw new BoxOfficeError('NOT_FOUND', 'No such notification');
      throw new BoxOfficeError('CONFLICT', `That notification is already ${exists.status}`);
    }
    writeAudit(ctx, actor, 'notifications.retry', id === null ? null : String(id), { scheduled: r.changes });
    return r.changes;
  });
  return { scheduled: run() };
}

export function resendReceipt(ctx: EngineCtx, input: ParsedInput<'bookings.resendReceipt'>, actor: Actor): { queued: number } {
  const now = ctx.clock.now();
  return ctx.db.transaction(() => {
    const b = stmt(ctx.db, 'SELECT customer_email AS email FROM bookings WHERE id = ?').get(input.bookingId) as { email: string | null } | undefined;
    if (!b) throw new BoxOfficeError('NOT_FOUND', 'No such booking');
    const email = input.email ?? b.email;
    if (!email) throw new BoxOfficeError('VALIDATION', 'This booking has no email address; type one to send the receipt to');
    const queued = enqueueForBooking(ctx.db, now, input.bookingId, 'booking.receipt', { email });
    writeAudit(ctx, actor, 'bookings.resendReceipt', input.bookingId, { email });
    return { queued };
  })();
}
