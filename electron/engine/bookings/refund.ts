// Refunds, shared by bookings.cancel and shows.cancel, and the terminal compensation that
// bookings.confirm uses when a sale fails after a card was charged.
//
// Two halves, because the database is synchronous and the payment terminal is not:
//  1. cancelBookingInTx runs INSIDE the caller's transaction: the booking becomes cancelled, its
//     seats are freed and the refund is recorded as payments rows of kind 'refund'.
//  2. runTerminalRefunds runs AFTER that transaction committed and sends the card/UPI/wallet part
//     back through the terminal.
// Why this order: a terminal refund cannot be taken back, while the transaction can still fail
// (another counter cancelled the same booking a moment earlier -> CONFLICT). Committing first
// makes the cancellation happen exactly once and then moves the money exactly once. A terminal
// refund that fails afterwards is logged and audited ('refund.terminal_failed') so a manager can
// settle it by hand; the refund row stays as the record of what the customer is owed.
import { enqueueForBooking, type Topic } from '../notify/outbox';
import { BoxOfficeError, type PaymentMethod } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';
import { newId } from '../ids';
import { writeAudit } from '../audit/audit';
import { openShiftId } from './shift';

export interface TerminalRefund {
  bookingId: string;
  method: Exclude<PaymentMethod, 'cash'>;
  transactionId: string;
  amount: number;
}

export interface RefundPlan {
  bookingId: string;
  showId: string;
  amount: number;
  percent: number;
  /** Refund rows written, in order: electronic first, then cash. */
  allocations: { method: PaymentMethod; amount: number }[];
  /** What still has to go through the terminal once the transaction has committed. */
  terminal: TerminalRefund[];
  /** Seats whose claims were deleted: on sale again. */
  seatIds: string[];
}

/** Round half-up of total x percent / 100, in integers. */
export function refundAmount(total: number, percent: number): number {
  return Math.floor((total * percent + 50) / 100);
}

interface ChargeRow { method: PaymentMethod; amount: number; reference: string | null; terminal_txn: string | null }

/**
 * Cancels a confirmed booking and records its refund. Call inside a transaction; the caller bumps
 * the show's seat version and publishes events after commit. CONFLICT if it is not confirmed.
 *
 * Allocation rule: the refund goes back to card/UPI/wallet charges first, in the order they were
 * charged, each up to its own amount (money returns to the traceable instrument it came from and
 * the cash drawer only pays out what was really paid in cash); whatever is left is paid in cash.
 */
export function cancelBookingInTx(
  ctx: EngineCtx,
  actor: Actor,
  bookingId: string,
  percent: number,
  reason: string,
  auditDetails: Record<string, unknown> = {},
  topic: Topic = 'booking.cancelled',
): RefundPlan {
  const db = ctx.db;
  const booking = db.prepare('SELECT id, show_id, total, status FROM bookings WHERE id = ?').get(bookingId) as
    | { id: string; show_id: string; total: number; status: string }
    | undefined;
  if (!booking) throw new BoxOfficeError('NOT_FOUND', 'No booking with that id', { id: bookingId });
  const now = ctx.clock.now();
  const amount = refundAmount(booking.total, percent);

  // The status guard makes a concurrent second cancellation fail instead of refunding twice.
  const updated = db
    .prepare(
      `UPDATE bookings SET status = 'cancelled', cancelled_at = ?, cancel_reason = ?, refund_amount = ?, refund_percent = ?
       WHERE id = ? AND status = 'confirmed'`,
    )
    .run(now, reason, amount, percent, bookingId);
  if (updated.changes !== 1) throw new BoxOfficeError('CONFLICT', 'This booking is already cancelled', { id: bookingId });

  const charges = db
    .prepare("SELECT method, amount, reference, terminal_txn FROM payments WHERE booking_id = ? AND kind = 'charge' ORDER BY rowid")
    .all(bookingId) as ChargeRow[];
  const shiftId = openShiftId(db, actor.staffId);
  const insert = db.prepare(
    `INSERT INTO payments (id, booking_id, kind, method, amount, reference, terminal_txn, staff_id, shift_id, created_at)
     VALUES (?, ?, 'refund', ?, ?, ?, ?, ?, ?, ?)`,
  );
  const allocations: RefundPlan['allocations'] = [];
  const terminal: TerminalRefund[] = [];
  let remaining = amount;
  for (const c of charges) {
    if (remaining <= 0) break;
    if (c.method === 'cash' || !c.terminal_txn) continue;
    const part = Math.min(remaining, c.amount);
    if (part <= 0) continue;
    insert.run(newId('pay'), bookingId, c.method, part, c.reference, c.terminal_txn, actor.staffId, shiftId, now);
    allocations.push({ method: c.method, amount: part });
    terminal.push({ bookingId, method: c.method, transactionId: c.terminal_txn, amount: part });
    remaining -= part;
  }
  if (remaining > 0) {
    insert.run(newId('pay'), bookingId, 'cash', remaining, null, null, actor.staffId, shiftId, now);
    allocations.push({ method: 'cash', amount: remaining });
  }

  // Deleting the claims puts the seats on sale again at once.
  const freed = db.prepare('DELETE FROM seat_claims WHERE booking_id = ? RETURNING seat_id').all(bookingId) as { seat_id: string }[];
  // The customer's notice is written with the cancellation itself (see notify/outbox.ts).
  enqueueForBooking(db, now, bookingId, topic);
  writeAudit(ctx, actor, 'booking.cancel', bookingId, { ...auditDetails, reason, percent, amount, allocations });
  return {
    bookingId,
    showId: booking.show_id,
    amount,
    percent,
    allocations,
    terminal,
    seatIds: freed.map((f) => f.seat_id),
  };
}

/**
 * Sends refunds through the terminal, one by one; never throws. Returns the ones that went through
 * and the ones that did not (those are logged and audited for a manager to settle by hand).
 */
export async function runTerminalRefunds(
  ctx: EngineCtx,
  actor: Actor | null,
  refunds: readonly TerminalRefund[],
): Promise<{ done: TerminalRefund[]; failed: TerminalRefund[] }> {
  const done: TerminalRefund[] = [];
  const failed: TerminalRefund[] = [];
  for (const r of refunds) {
    let ok = false;
    try {
      ok = (await ctx.terminal.refund(r.transactionId, r.amount)).refunded;
    } catch (e) {
      ctx.log.error('terminal refund threw', { ...r, error: String(e) });
    }
    if (ok) {
      done.push(r);
      continue;
    }
    failed.push(r);
    ctx.log.error('terminal refund failed; settle it by hand', r);
    try {
      writeAudit(ctx, actor, 'refund.terminal_failed', r.bookingId || null, r);
    } catch (e) {
      ctx.log.error('could not audit a failed terminal refund', { ...r, error: String(e) });
    }
  }
  return { done, failed };
}
