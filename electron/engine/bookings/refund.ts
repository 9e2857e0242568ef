// Refunds, shared by bookings.cancel (whole or some tickets), shows.cancel and bookings.exchange,
// and the terminal compensation that bookings.confirm uses when a sale fails after a card was charged.
//
// Two halves, because the database is synchronous and the payment terminal is not:
//  1. cancelBookingInTx runs INSIDE the caller's transaction: the tickets (and, with the last one,
//     the booking) become cancelled, their seats are freed and the refund is recorded as payments
//     rows of kind 'refund' (allocateRefund).
//  2. runTerminalRefunds runs AFTER that transaction committed and sends the card/UPI/wallet part
//     back through the terminal.
// Why this order: a terminal refund cannot be taken back, while the transaction can still fail
// (another counter cancelled the same booking a moment earlier -> CONFLICT). Committing first
// makes the cancellation happen exactly once and then moves the money exactly once. A terminal
// refund that fails afterwards is logged and audited ('refund.terminal_failed'); the refund row
// stays as the record of what the customer is owed.
// Crash safety: the cancellation's transaction also writes one 'pending' terminal_ops row per
// terminal refund (payments/intents.ts), owned by this call. runTerminalRefunds marks it 'done',
// or leaves it 'pending' (attempts + 1, last_error) when the terminal refuses or throws; the
// Engine's payment recovery then retries it, and a crash before the terminal call is retried too.
import { enqueueForBooking, type Topic } from '../notify/outbox';
import { BoxOfficeError, type BookingStatus, type PaymentMethod, type TicketStatus } from '../../../shared/contract';
import { requireBookingMove, requireTicketMove } from './states';
import type { Actor, EngineCtx } from '../context';
import { newTimeId } from '../ids';
import { writeAudit } from '../audit/audit';
import { openShiftId, requireShiftForCash } from './shift';
import { insertRefundOp, newLeaseOwner, refundKey, releaseFailed, renewLease, settleRefunded } from '../payments/intents';

export interface TerminalRefund {
  bookingId: string;
  method: Exclude<PaymentMethod, 'cash'>;
  transactionId: string;
  amount: number;
  /** The terminal_ops row of this refund (or of the charge being compensated) and its lease owner. */
  op?: { id: string; owner: string };
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

interface ChargeRow { method: PaymentMethod; amount: number; reference: string | null; terminal_txn: string | null; refunded: number }

/**
 * Writes the refund of `amount` on a booking as payments rows (inside the caller's transaction)
 * and a 'pending' terminal intent per card/UPI/wallet part. Shared by cancellations (whole or
 * partial) and by exchanges that cost less than the original.
 *
 * Allocation rule: the refund goes back to card/UPI/wallet charges first, in the order they were
 * charged, each up to what is left of it after earlier refunds (money returns to the traceable
 * instrument it came from and the cash drawer only pays out what was really paid in cash);
 * whatever is left is paid in cash: now, from the caller's open shift (`payCashNow`), or recorded
 * as owed (a show cancellation pays nobody at that moment).
 */
export function allocateRefund(
  ctx: EngineCtx,
  actor: Actor,
  bookingId: string,
  amount: number,
  payCashNow: boolean,
): Pick<RefundPlan, 'allocations' | 'terminal'> {
  const db = ctx.db;
  const now = ctx.clock.now();
  const charges = db
    .prepare(
      `SELECT c.method, c.amount, c.reference, c.terminal_txn,
              (SELECT COALESCE(SUM(r.amount), 0) FROM payments r
               WHERE r.booking_id = c.booking_id AND r.kind = 'refund' AND r.terminal_txn = c.terminal_txn) AS refunded
       FROM payments c WHERE c.booking_id = ? AND c.kind = 'charge' ORDER BY c.rowid`,
    )
    .all(bookingId) as ChargeRow[];
  const shiftId = openShiftId(db, actor.staffId);
  const insert = db.prepare(
    `INSERT INTO payments (id, booking_id, kind, method, amount, reference, terminal_txn, staff_id, shift_id, created_at, owed)
     VALUES (?, ?, 'refund', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const allocations: RefundPlan['allocations'] = [];
  const terminal: TerminalRefund[] = [];
  const owner = newLeaseOwner();
  let remaining = amount;
  for (const c of charges) {
    if (remaining <= 0) break;
    if (c.method === 'cash' || !c.terminal_txn) continue;
    const part = Math.min(remaining, c.amount - c.refunded);
    if (part <= 0) continue;
    insert.run(newTimeId('pay'), bookingId, c.method, part, c.reference, c.terminal_txn, actor.staffId, shiftId, now, 0);
    allocations.push({ method: c.method, amount: part });
    const opId = insertRefundOp(db, now, { bookingId, method: c.method, amount: part, terminalTxn: c.terminal_txn, staffId: actor.staffId, owner });
    terminal.push({ bookingId, method: c.method, transactionId: c.terminal_txn, amount: part, op: { id: opId, owner } });
    remaining -= part;
  }
  if (remaining > 0) {
    // Throwing here rolls the whole change back: nothing went through the terminal yet.
    // A show cancellation pays nobody now: its cash row is owed (bookings.payOutRefund pays it at
    // a counter, from that cashier's drawer) and stays out of every drawer until then, even the
    // manager's own open one, whose count it would otherwise throw off.
    const cashShift = payCashNow ? requireShiftForCash(db, actor.staffId, 'pay back') : null;
    insert.run(newTimeId('pay'), bookingId, 'cash', remaining, null, null, actor.staffId, cashShift, now, payCashNow ? 0 : 1);
    allocations.push({ method: 'cash', amount: remaining });
  }
  return { allocations, terminal };
}

export interface CancelOptions {
  /** Cancel only these tickets (bookings.cancel with ticketIds); default every live ticket. */
  ticketIds?: readonly string[];
  /** shows.cancel: admitted tickets are refunded too (the show itself is off). */
  includeAdmitted?: boolean;
}

interface TicketState { id: string; seat_id: string; amount: number; status: TicketStatus }

/**
 * Cancels tickets of a confirmed booking (all of its live ones by default) and records their
 * refund: `percent` of their amounts. Cancelling the last live ticket cancels the booking. Call
 * inside a transaction; the caller bumps the show's seat version and publishes events after
 * commit. CONFLICT if the booking is already cancelled, ILLEGAL_TRANSITION for any other move
 * the state machine refuses (an exchanged booking, an admitted or cancelled ticket).
 */
export function cancelBookingInTx(
  ctx: EngineCtx,
  actor: Actor,
  bookingId: string,
  percent: number,
  reason: string,
  auditDetails: Record<string, unknown> = {},
  topic: Topic = 'booking.cancelled',
  /**
   * True at a counter: the cash goes back now, from the caller's open shift. False for
   * shows.cancel: nobody is paid at that moment, the cash part is recorded as owed.
   */
  payCashNow = true,
  opts: CancelOptions = {},
): RefundPlan & { bookingCancelled: boolean } {
  const db = ctx.db;
  const booking = db.prepare('SELECT id, show_id, status FROM bookings WHERE id = ?').get(bookingId) as
    | { id: string; show_id: string; status: BookingStatus }
    | undefined;
  if (!booking) throw new BoxOfficeError('NOT_FOUND', 'No booking with that id', { id: bookingId });
  const now = ctx.clock.now();
  const tickets = db.prepare('SELECT id, seat_id, amount, status FROM tickets WHERE booking_id = ? ORDER BY rowid').all(bookingId) as TicketState[];
  const liveTickets = tickets.filter((t) => t.status !== 'cancelled');
  let target: TicketState[];
  if (opts.ticketIds) {
    const byId = new Map(tickets.map((t) => [t.id, t]));
    const missing = opts.ticketIds.filter((id) => !byId.has(id));
    if (missing.length) throw new BoxOfficeError('NOT_FOUND', 'Some tickets are not of this booking', { ticketIds: missing });
    target = [...new Set(opts.ticketIds)].map((id) => byId.get(id)!);
  } else {
    target = liveTickets;
  }
  const last = target.length === liveTickets.length && target.every((t) => t.status !== 'cancelled');
  // Only a confirmed booking has tickets to cancel (already cancelled: CONFLICT; exchanged: illegal).
  if (booking.status !== 'confirmed') requireBookingMove(bookingId, booking.status, 'cancelled');
  for (const t of target) if (!(opts.includeAdmitted && t.status === 'admitted')) requireTicketMove(t.id, t.status, 'cancelled');

  const amount = refundAmount(target.reduce((s, t) => s + t.amount, 0), percent);
  // The status guards make a concurrent second cancellation fail instead of refunding twice.
  const done = db
    .prepare(
      `UPDATE tickets SET status = 'cancelled', cancelled_at = ?
       WHERE id IN (SELECT value FROM json_each(?)) AND status IN ('sold', ?)`,
    )
    .run(now, JSON.stringify(target.map((t) => t.id)), opts.includeAdmitted ? 'admitted' : 'sold');
  const updated = db
    .prepare(
      `UPDATE bookings SET status = ?, cancelled_at = CASE WHEN ? THEN ? ELSE cancelled_at END, cancel_reason = ?,
         refund_amount = COALESCE(refund_amount, 0) + ?, refund_percent = ?
       WHERE id = ? AND status = 'confirmed'`,
    )
    .run(last ? 'cancelled' : 'confirmed', last ? 1 : 0, now, reason, amount, percent, bookingId);
  if (updated.changes !== 1 || done.changes !== target.length) throw new BoxOfficeError('CONFLICT', 'This booking changed at another counter; please look it up again', { id: bookingId });

  const { allocations, terminal } = allocateRefund(ctx, actor, bookingId, amount, payCashNow);
  // Deleting the claims puts the seats on sale again at once.
  const freed = db
    .prepare('DELETE FROM seat_claims WHERE booking_id = ? AND seat_id IN (SELECT value FROM json_each(?)) RETURNING seat_id')
    .all(bookingId, JSON.stringify(target.map((t) => t.seat_id))) as { seat_id: string }[];
  // The customer's notice is written with the cancellation itself (see notify/outbox.ts).
  enqueueForBooking(db, now, bookingId, last ? topic : 'booking.partly_cancelled');
  writeAudit(ctx, actor, 'booking.cancel', bookingId, {
    ...auditDetails, reason, percent, amount, allocations, ...(last ? {} : { tickets: target.map((t) => t.id) }),
  });
  return {
    bookingId,
    showId: booking.show_id,
    amount,
    percent,
    allocations,
    terminal,
    seatIds: freed.map((f) => f.seat_id),
    bookingCancelled: last,
  };
}

/**
 * Sends refunds through the terminal, one by one; never throws. Returns the ones that went through
 * and the ones that did not (those are logged and audited; a refund with an intent row stays
 * 'pending' for the payment recovery to retry). A refund whose intent row is no longer this
 * caller's (recovery claimed it after the lease ran out) is left to its new owner and not sent.
 */
export async function runTerminalRefunds(
  ctx: EngineCtx,
  actor: Actor | null,
  refunds: readonly TerminalRefund[],
): Promise<{ done: TerminalRefund[]; failed: TerminalRefund[] }> {
  const done: TerminalRefund[] = [];
  const failed: TerminalRefund[] = [];
  for (const r of refunds) {
    if (r.op) {
      let mine = false;
      try {
        mine = renewLease(ctx, r.op.id, r.op.owner);
      } catch (e) {
        ctx.log.error('could not renew a refund intent', { ...r, error: String(e) });
      }
      if (!mine) {
        ctx.log.warn('terminal refund left to the payment recovery that claimed it', r);
        continue;
      }
    }
    let ok = false;
    let error = 'the terminal refused the refund';
    try {
      ok = (await ctx.terminal.refund(r.transactionId, r.amount, r.op ? refundKey(r.op.id) : `refund-${r.bookingId}-${r.transactionId}`)).refunded;
    } catch (e) {
      error = `the terminal failed: ${String(e)}`;
      ctx.log.error('terminal refund threw', { ...r, error: String(e) });
    }
    if (r.op) {
      try {
        if (ok) settleRefunded(ctx, r.op.id, r.op.owner);
        else releaseFailed(ctx, r.op.id, r.op.owner, error, true);
      } catch (e) {
        ctx.log.error('could not record a terminal refund intent', { ...r, ok, error: String(e) });
      }
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
