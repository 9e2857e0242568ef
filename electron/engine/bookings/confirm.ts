// bookings.confirm: a hold becomes a sale. The order of the steps is what keeps the promises of
// contract.md ("a customer charged without a ticket" and "a seat sold twice" must never happen):
//  1. idempotency: a retried confirm returns the booking it already made, before charging anything;
//  2. everything checkable is checked (own hold, not expired, tickets = the hold's seats, the
//     total = the quote now, payments add up, an open shift when cash is taken) before any money
//     moves;
//  3. card/UPI/wallet go through the terminal; a decline refunds what this attempt already charged
//     and sells nothing (the hold stays, the cashier may retry another way);
//  4. ONE immediate transaction re-checks the hold at the clock's now, writes booking, tickets,
//     payments, turns the hold's claims into sold claims and ends the hold; synchronous=FULL makes
//     the commit durable before we answer;
//  5. if that transaction fails (the hold expired while the card was being charged), every charge
//     of this attempt is refunded and the error says so; events are published only after commit.
// Crash safety (payments/intents.ts): before each terminal.charge a 'pending' terminal_ops row is
// committed on its own; the approval's transaction id is recorded at once; the sale's transaction
// marks this attempt's rows 'done' (and refuses to commit if payment recovery has claimed one);
// a decline marks the row 'failed', a refund after a failed sale 'compensated'. If the process dies
// anywhere in between, the Engine's payment recovery refunds the orphaned charge.
import { stmt } from '../db/stmts';
import { enqueueForBooking } from '../notify/outbox';
import {
  BoxOfficeError, type Booking, type ChannelOutput, type ParsedInput,
} from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';
import type { Db } from '../db/open';
import { newTimeId } from '../ids';
import { writeAudit } from '../audit/audit';
import { bumpSeatVersion, publishSeatChanges } from '../inventory/versions';
import { rememberRequest, requestFingerprint, requireSameRequest } from './idempotency';
import { computeQuote, loadPricedShow } from '../pricing/quote';
import { isExpired, requireOpenShow, requireOwnHold } from '../inventory/claims';
import { requireBooking, toBooking } from './query';
import { freshBookingCode, insertTickets, sellHold } from './rows';
import { salesCloseAt } from '../schedule/salesWindow';
import { chargeTerminal, compensate, insertCharges } from './charge';
import { openShiftId, requireShiftForCash } from './shift';
import { markChargesDone, newLeaseOwner } from '../payments/intents';

type Input = ParsedInput<'bookings.confirm'>;

export function bookingIdByKey(db: Db, key: string): string | null {
  const row = stmt(db, 'SELECT id FROM bookings WHERE idempotency_key = ?').get(key) as { id: string } | undefined;
  return row?.id ?? null;
}

/**
 * The same idempotency key again: the sale already went through, so answer with it, but only for
 * the identical request (idempotency.ts). Anything else is a client bug and must not look like a sale.
 */
function replay(db: Db, bookingId: string, actor: Actor, input: Input): Booking {
  const checked = requireSameRequest(db, 'bookings.confirm', input.idempotencyKey, requestFingerprint(input, actor));
  const booking = requireBooking(db, bookingId);
  // A sale from before fingerprints were kept: at least the cashier must be the same.
  if (!checked && booking.cashier.id !== actor.staffId) {
    throw new BoxOfficeError('IDEMPOTENCY_KEY_REUSED', 'This idempotency key belongs to another sale; start a new sale attempt');
  }
  return booking;
}

export function holdSeatIds(db: Db, holdId: string): string[] {
  return (stmt(db, 'SELECT seat_id FROM seat_claims WHERE hold_id = ? ORDER BY seat_id').all(holdId) as { seat_id: string }[]).map(
    (r) => r.seat_id,
  );
}

/** The tickets must name exactly the hold's seats: no seat missing, none extra. */
export function checkCoverage(held: string[], tickets: Input['tickets']): void {
  const heldSet = new Set(held);
  const ticketSet = new Set(tickets.map((t) => t.seatId));
  const missing = held.filter((s) => !ticketSet.has(s));
  const extra = [...ticketSet].filter((s) => !heldSet.has(s));
  if (missing.length || extra.length || ticketSet.size !== tickets.length) {
    throw new BoxOfficeError('VALIDATION', 'The tickets must cover exactly the seats of the hold', [
      { path: 'tickets', message: `missing: ${missing.join(', ') || 'none'}; not in the hold: ${extra.join(', ') || 'none'}`, code: 'custom' },
    ]);
  }
}

/** Payments must add up to the total exactly; cash must be tendered in full. */
export function checkPayments(total: number, payments: Input['payments']): void {
  payments.forEach((p, i) => {
    if (p.method !== 'cash' && p.tendered !== undefined) {
      throw new BoxOfficeError('VALIDATION', 'Only a cash payment has a tendered amount', [
        { path: `payments.${i}.tendered`, message: 'only for cash', code: 'custom' },
      ]);
    }
    if (p.amount === 0) {
      // Cash too: a cash line of 0 would hand out its whole "change" outside any drawer count.
      throw new BoxOfficeError('VALIDATION', `A ${p.method} payment of 0 has nothing to ${p.method === 'cash' ? 'take' : 'charge'}`, [
        { path: `payments.${i}.amount`, message: 'must be more than 0', code: 'custom' },
      ]);
    }
  });
  const paid = payments.reduce((s, p) => s + p.amount, 0);
  if (paid !== total) {
    throw new BoxOfficeError('PAYMENT_MISMATCH', `The payments add up to ${paid} but the total is ${total}`, { total, paid });
  }
  payments.forEach((p, i) => {
    if (p.method === 'cash' && p.tendered !== undefined && p.tendered < p.amount) {
      throw new BoxOfficeError('PAYMENT_MISMATCH', `The cash tendered (${p.tendered}) is less than the cash amount (${p.amount})`, {
        total,
        paid,
        payment: i,
        amount: p.amount,
        tendered: p.tendered,
      });
    }
  });
}

export function isUniqueViolation(e: unknown, column: string): boolean {
  const err = e as { code?: string; message?: string };
  return err?.code === 'SQLITE_CONSTRAINT_UNIQUE' && (err.message ?? '').includes(column);
}

export async function confirmBooking(ctx: EngineCtx, input: Input, actor: Actor): Promise<ChannelOutput<'bookings.confirm'>> {
  const db = ctx.db;

  // 1. A retry of a confirm that already went through: same booking, nothing charged again.
  const existing = bookingIdByKey(db, input.idempotencyKey);
  if (existing) return replay(db, existing, actor, input);

  // 2. Everything that can be checked before money moves.
  // A hold belongs to the session that made it; someone else's hold is as good as not there.
  // A hold the sweeper already ended still answers HOLD_EXPIRED (its tombstone); a released one NOT_FOUND.
  const hold = requireOwnHold(db, input.holdId, actor.session,
    'This hold no longer exists at this counter (it may have been released); please select the seats again');
  if (isExpired(hold, ctx.clock.now())) {
    throw new BoxOfficeError('HOLD_EXPIRED', 'The hold on these seats has expired; please select them again', { holdId: hold.id });
  }
  // Holds are refused once a show starts; a hold taken just before must not turn into a sale after.
  requireOpenShow(db, hold.show_id, ctx.clock.now());
  const show = loadPricedShow(db, hold.show_id);
  checkCoverage(holdSeatIds(db, hold.id), input.tickets);
  const quote = computeQuote(db, show, input.tickets);
  checkPayments(quote.total, input.payments);
  const takesCash = input.payments.some((p) => p.method === 'cash');
  // Before any card is charged: a split card + cash sale must not charge the card and then fail.
  if (takesCash) requireShiftForCash(db, actor.staffId, 'take');

  // 3. Electronic payments through the terminal (charge.ts: each on file before it is charged).
  const owner = newLeaseOwner();
  const approved = await chargeTerminal(ctx, actor, { idempotencyKey: input.idempotencyKey, payments: input.payments, currency: show.currency, owner });

  // 4. The sale, in one transaction.
  const txnByIndex = new Map(approved.map((a) => [a.index, a.transactionId]));
  const commit = db.transaction((): { bookingId: string; duplicate: boolean; version: number; seatIds: string[]; booking?: Booking } => {
    const dup = bookingIdByKey(db, input.idempotencyKey);
    if (dup) return { bookingId: dup, duplicate: true, version: 0, seatIds: [] };
    const now = ctx.clock.now();
    if (now >= salesCloseAt(db, show.startsAt)) throw new BoxOfficeError('SHOW_STARTED', 'The show started while the payment was taken', { showId: show.id });
    // A seat blocked or removed from the layout while the customer paid is not sold.
    const unsellable = stmt(db, 'SELECT s.id FROM seat_claims c JOIN seats s ON s.id = c.seat_id WHERE c.hold_id = ? AND (s.blocked = 1 OR s.removed = 1)')
      .all(hold.id) as { id: string }[];
    if (unsellable.length) {
      throw new BoxOfficeError('SEATS_UNAVAILABLE', 'A seat was taken out of sale during payment; please choose again', { seatIds: unsellable.map((u) => u.id) });
    }
    const live = stmt(db, 'SELECT expires_at FROM holds WHERE id = ? AND session = ?').get(hold.id, actor.session) as
      | { expires_at: number }
      | undefined;
    if (!live || live.expires_at <= now) {
      throw new BoxOfficeError('HOLD_EXPIRED', 'The hold expired before the sale could complete', { holdId: hold.id });
    }
    const status = stmt(db, 'SELECT status FROM shows WHERE id = ?').get(show.id) as { status: string };
    if (status.status !== 'scheduled') throw new BoxOfficeError('CONFLICT', 'This show was cancelled meanwhile', { showId: show.id });
    // Seats added to or released from the hold while the card was charged: the priced tickets no
    // longer match, so do not sell a different set of seats than the one the customer paid for.
    const seatIds = holdSeatIds(db, hold.id);
    const ticketSeats = [...input.tickets.map((t) => t.seatId)].sort();
    if (seatIds.length !== ticketSeats.length || seatIds.some((s, i) => s !== ticketSeats[i])) {
      throw new BoxOfficeError('CONFLICT', 'The seats of the hold changed during payment; please confirm again', { holdId: hold.id });
    }

    const bookingId = newTimeId('bk');
    const code = freshBookingCode(db);
    const c = input.customer;
    // Again inside the write lock: the shift may have been closed while a card was charged.
    const shiftId = takesCash ? requireShiftForCash(db, actor.staffId, 'take') : openShiftId(db, actor.staffId);
    stmt(db,
      `INSERT INTO bookings (id, code, show_id, status, total, currency, customer_name, customer_phone, customer_email,
         cashier_id, shift_id, idempotency_key, created_at)
       VALUES (?, ?, ?, 'confirmed', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      bookingId, code, show.id, quote.total, quote.currency,
      c?.name || null, c?.phone || null, c?.email || null,
      actor.staffId, shiftId, input.idempotencyKey, now,
    );
    rememberRequest(db, 'bookings.confirm', input.idempotencyKey, requestFingerprint(input, actor), now);
    const ticketRows = insertTickets(db, bookingId, show.id, quote.lines);
    const paymentRows = insertCharges(db, bookingId, input.payments, txnByIndex, actor.staffId, shiftId, now);
    sellHold(db, hold.id, bookingId, seatIds.length);
    // This attempt's charges are the booking's, unless payment recovery took one over (a charge
    // slower than the grace period): then it is being refunded, and the sale must not commit.
    if (!markChargesDone(db, now, approved.map((a) => a.opId), owner, bookingId)) {
      throw new BoxOfficeError('CONFLICT', 'The payment was reversed while the sale was pending; nothing was sold', { holdId: hold.id });
    }
    const version = bumpSeatVersion(db, show.id);
    // The receipt email/SMS rides in the sale's transaction: no sale, no message; no message lost.
    enqueueForBooking(db, now, bookingId, 'booking.confirmed');
    writeAudit(ctx, actor, 'booking.confirm', bookingId, {
      code,
      showId: show.id,
      total: quote.total,
      seats: quote.lines.map((l) => l.seatLabel),
      payments: input.payments.map((p) => ({ method: p.method, amount: p.amount })),
    });
    // The answer is built from what this transaction wrote, by loadBooking's own mapper, instead
    // of reading the booking back after the commit.
    const names = stmt(db, 'SELECT m.title, h.name FROM shows s JOIN movies m ON m.id = s.movie_id JOIN halls h ON h.id = s.hall_id WHERE s.id = ?')
      .get(show.id) as { title: string; name: string };
    const booking = toBooking(
      {
        id: bookingId, code, show_id: show.id, status: 'confirmed', total: quote.total, currency: quote.currency,
        customer_name: c?.name || null, customer_phone: c?.phone || null, customer_email: c?.email || null,
        cashier_id: actor.staffId, cashier_name: actor.name, created_at: now, cancelled_at: null, cancel_reason: null,
        refund_amount: null, refund_percent: null, owed_cash: 0, starts_at: show.startsAt, movie_title: names.title,
        hall_name: names.name, exchanged_to: null, exchanged_from: null,
      },
      ticketRows,
      paymentRows,
    );
    return { bookingId, duplicate: false, version, seatIds, booking };
  });

  let result: ReturnType<typeof commit>;
  try {
    result = commit.immediate();
  } catch (e) {
    // 5. Nothing was sold: give back what this attempt charged.
    if (isUniqueViolation(e, 'idempotency_key')) {
      const dup = bookingIdByKey(db, input.idempotencyKey);
      if (dup) result = { bookingId: dup, duplicate: true, version: 0, seatIds: [] };
      else throw e;
    } else {
      const comp = await compensate(ctx, actor, approved, owner);
      if (e instanceof BoxOfficeError) {
        const details = typeof e.details === 'object' && e.details !== null ? e.details : {};
        const note = comp.refunded.length ? `; the ${comp.refunded.map((r) => r.method).join(' and ')} payment was refunded` : '';
        throw new BoxOfficeError(e.code, `${e.message}${note}`, { ...details, ...comp });
      }
      if (approved.length === 0) throw e;
      // An unexpected failure after money moved: the attempt is over and refunded. Say so with a
      // stable code (not INTERNAL, which a client may retry with the same key and so reach the
      // terminal's earlier, refunded transaction); the cause goes to the log.
      ctx.log.error('sale failed after charging; refunded', { error: String(e), stack: (e as Error)?.stack });
      throw new BoxOfficeError('CONFLICT', 'The sale could not be completed; nothing was sold and the payment was refunded. Please try again', comp);
    }
  }

  if (result.duplicate) {
    // Another attempt with the same key won the race. Charges it shares with us (the terminal
    // recognised the same idempotency key) are its payments; any others of ours go back.
    const kept = new Set(
      (stmt(db, 'SELECT terminal_txn FROM payments WHERE booking_id = ? AND terminal_txn IS NOT NULL').all(result.bookingId) as {
        terminal_txn: string;
      }[]).map((r) => r.terminal_txn),
    );
    const shared = approved.filter((a) => kept.has(a.transactionId)).map((a) => a.opId);
    if (shared.length) db.transaction(() => markChargesDone(db, ctx.clock.now(), shared, owner, result.bookingId)).immediate();
    await compensate(ctx, actor, approved, owner, kept);
    return replay(db, result.bookingId, actor, input);
  }

  const booking: Booking = result.booking ?? requireBooking(db, result.bookingId);
  publishSeatChanges(ctx, show.id, result.version, result.seatIds.map((id) => ({ id, status: 'sold' as const })));
  ctx.emit('bookings.changed', { bookingId: booking.id, status: 'confirmed' });
  return booking;
}
