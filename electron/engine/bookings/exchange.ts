// bookings.exchange: a confirmed booking moves to the seats of the caller's hold (the same show
// or another one, until that show's sales close) in ONE transaction. On the same show the
// tickets may also name seats the booking already has ("A2 A3" for "A1 A2"): those are kept,
// their claim passes to the new booking without ever being free. The previous booking keeps
// its id and code and becomes 'exchanged' (its tickets cancelled, its seats on sale again); the
// new booking has a new id and code and carries the previous booking's money: its payment rows
// move over, so later refunds still go back to the card they came from. The difference (new
// total - the previous booking's live tickets) is paid with `payments` like a sale (charge.ts)
// or refunded like a cancellation (refund.ts allocateRefund: card back to the card, cash back at
// the caller's shift). Idempotent like confirm: the same key returns the same exchange.
import { BoxOfficeError, type BookingStatus, type ChannelOutput, type ParsedInput } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';
import { stmt } from '../db/stmts';
import { newTimeId } from '../ids';
import { writeAudit } from '../audit/audit';
import { enqueueForBooking } from '../notify/outbox';
import { bumpSeatVersion, publishSeatChanges } from '../inventory/versions';
import { computeQuote, loadPricedShow } from '../pricing/quote';
import { markChargesDone, newLeaseOwner } from '../payments/intents';
import { salesCloseAt } from '../schedule/salesWindow';
import { bookingIdByKey, checkCoverage, checkPayments, holdSeatIds, isUniqueViolation } from './confirm';
import { chargeTerminal, compensate, insertCharges, type Approved } from './charge';
import { allocateRefund, runTerminalRefunds, type TerminalRefund } from './refund';
import { requireBooking } from './query';
import { freshBookingCode, insertTickets, sellHold } from './rows';
import { openShiftId, requireShiftForCash } from './shift';
import { requireBookingMove } from './states';

type Input = ParsedInput<'bookings.exchange'>;
type Output = ChannelOutput<'bookings.exchange'>;

interface OldBooking { id: string; status: BookingStatus; show_id: string; starts_at: number; live: number; admitted: number }

function loadOld(ctx: EngineCtx, id: string): OldBooking {
  const row = stmt(ctx.db,
    `SELECT b.id, b.status, b.show_id, s.starts_at,
            (SELECT coalesce(sum(t.amount), 0) FROM tickets t WHERE t.booking_id = b.id AND t.status <> 'cancelled') AS live,
            (SELECT count(*) FROM tickets t WHERE t.booking_id = b.id AND t.status = 'admitted') AS admitted
     FROM bookings b JOIN shows s ON s.id = b.show_id WHERE b.id = ?`,
  ).get(id) as OldBooking | undefined;
  if (!row) throw new BoxOfficeError('NOT_FOUND', 'No booking with that id', { id });
  requireBookingMove(row.id, row.status, 'exchanged');
  if (row.admitted > 0) {
    throw new BoxOfficeError('ILLEGAL_TRANSITION', 'A booking with a ticket already used at the door cannot be exchanged', { entity: 'booking', id, from: 'admitted', to: 'exchanged' });
  }
  return row;
}

/** The exchange a key already made; the same key for another booking is a client bug (contract v2). */
/**
 * The seats the new tickets name: the hold's, plus (same show only) seats the previous booking
 * already has and keeps. Must cover the tickets exactly (checkCoverage).
 */
function exchangeSeats(ctx: EngineCtx, old: OldBooking, showId: string, holdId: string, tickets: Input['tickets']): { held: string[]; kept: string[] } {
  const held = holdSeatIds(ctx.db, holdId);
  const wanted = new Set(tickets.map((t) => t.seatId));
  const own = old.show_id === showId
    ? (stmt(ctx.db, "SELECT seat_id FROM tickets WHERE booking_id = ? AND status = 'sold'").all(old.id) as { seat_id: string }[]).map((r) => r.seat_id)
    : [];
  const kept = own.filter((id) => wanted.has(id) && !held.includes(id));
  checkCoverage([...held, ...kept], tickets);
  return { held, kept };
}

function answer(ctx: EngineCtx, newId: string, actor: Actor, bookingId: string): Output {
  const booking = requireBooking(ctx.db, newId);
  if (booking.cashier.id !== actor.staffId) throw new BoxOfficeError('CONFLICT', 'This idempotency key belongs to another sale; start a new attempt');
  if (booking.exchangedFrom !== bookingId) {
    throw new BoxOfficeError('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was used for another sale or exchange; start a new attempt');
  }
  const previous = requireBooking(ctx.db, booking.exchangedFrom);
  const { exchange_difference: difference } = stmt(ctx.db, 'SELECT exchange_difference FROM bookings WHERE id = ?').get(newId) as { exchange_difference: number };
  return { booking, previous, difference };
}

/**
 * Another attempt with the same key won the race: charges it shares with ours (the terminal
 * recognised the key) are its payments; any others of ours go back.
 */
async function lostRace(ctx: EngineCtx, actor: Actor, winner: string, bookingId: string, approved: Approved[], owner: string): Promise<Output> {
  const kept = new Set(
    (stmt(ctx.db, 'SELECT terminal_txn FROM payments WHERE booking_id = ? AND terminal_txn IS NOT NULL').all(winner) as { terminal_txn: string }[]).map((r) => r.terminal_txn),
  );
  await compensate(ctx, actor, approved, owner, kept);
  return answer(ctx, winner, actor, bookingId);
}

export async function exchangeBooking(ctx: EngineCtx, input: Input, actor: Actor): Promise<Output> {
  const db = ctx.db;
  const existing = bookingIdByKey(db, input.idempotencyKey);
  if (existing) return answer(ctx, existing, actor, input.bookingId);

  const old = loadOld(ctx, input.bookingId);
  if (ctx.clock.now() >= old.starts_at) {
    throw new BoxOfficeError('SHOW_STARTED', 'This booking\'s show has already started; it can no longer be exchanged', { id: old.id });
  }
  const hold = stmt(db, 'SELECT id, show_id, expires_at FROM holds WHERE id = ? AND session = ?').get(input.holdId, actor.session) as
    | { id: string; show_id: string; expires_at: number }
    | undefined;
  if (!hold) throw new BoxOfficeError('NOT_FOUND', 'This hold no longer exists at this counter; please select the seats again', { holdId: input.holdId });
  if (hold.expires_at <= ctx.clock.now()) throw new BoxOfficeError('HOLD_EXPIRED', 'The hold on these seats has expired; please select them again', { holdId: hold.id });
  const show = loadPricedShow(db, hold.show_id);
  if (show.status !== 'scheduled') throw new BoxOfficeError('CONFLICT', 'This show has been cancelled', { showId: show.id });
  if (ctx.clock.now() >= salesCloseAt(db, show.startsAt)) throw new BoxOfficeError('SHOW_STARTED', 'This show has already started; tickets can no longer be sold', { showId: show.id });
  exchangeSeats(ctx, old, show.id, hold.id, input.tickets);
  const quote = computeQuote(db, show, input.tickets);
  const difference = quote.total - old.live;
  const payments = input.payments ?? [];
  if (difference > 0) checkPayments(difference, payments);
  else if (payments.length) {
    throw new BoxOfficeError('VALIDATION', 'Nothing is to be paid: the new seats cost the same or less', [
      { path: 'payments', message: `the difference is ${difference}`, code: 'custom' },
    ]);
  }
  const takesCash = payments.some((p) => p.method === 'cash');
  if (takesCash) requireShiftForCash(db, actor.staffId, 'take');

  const owner = newLeaseOwner();
  const approved = await chargeTerminal(ctx, actor, { idempotencyKey: input.idempotencyKey, payments, currency: show.currency, owner });
  const txnByIndex = new Map(approved.map((a) => [a.index, a.transactionId]));

  const commit = db.transaction(() => {
    const dup = bookingIdByKey(db, input.idempotencyKey);
    if (dup) return { bookingId: dup, duplicate: true as const };
    const now = ctx.clock.now();
    // Everything again under the write lock: another counter may have cancelled, exchanged or
    // admitted the booking, or the hold may have run out, while the card was charged.
    const again = loadOld(ctx, old.id);
    if (again.live !== old.live) throw new BoxOfficeError('CONFLICT', 'This booking changed at another counter; please look it up again', { id: old.id });
    if (now >= salesCloseAt(db, show.startsAt)) throw new BoxOfficeError('SHOW_STARTED', 'The show started while the payment was taken', { showId: show.id });
    const live = stmt(db, 'SELECT expires_at FROM holds WHERE id = ? AND session = ?').get(hold.id, actor.session) as { expires_at: number } | undefined;
    if (!live || live.expires_at <= now) throw new BoxOfficeError('HOLD_EXPIRED', 'The hold expired before the exchange could complete', { holdId: hold.id });
    const { held: seatIds, kept } = exchangeSeats(ctx, again, show.id, hold.id, input.tickets);

    const bookingId = newTimeId('bk');
    const code = freshBookingCode(db);
    const shiftId = takesCash ? requireShiftForCash(db, actor.staffId, 'take') : openShiftId(db, actor.staffId);
    stmt(db,
      `INSERT INTO bookings (id, code, show_id, status, total, currency, customer_name, customer_phone, customer_email,
         cashier_id, shift_id, idempotency_key, created_at, exchanged_from, exchange_difference)
       SELECT ?, ?, ?, 'confirmed', ?, currency, customer_name, customer_phone, customer_email, ?, ?, ?, ?, id, ? FROM bookings WHERE id = ?`,
    ).run(bookingId, code, show.id, quote.total, actor.staffId, shiftId, input.idempotencyKey, now, difference, old.id);
    insertTickets(db, bookingId, show.id, quote.lines);
    // The money moves with the seats: every charge and refund row of the previous booking is the new one's.
    stmt(db, 'UPDATE payments SET booking_id = ? WHERE booking_id = ?').run(bookingId, old.id);
    insertCharges(db, bookingId, payments, txnByIndex, actor.staffId, shiftId, now);
    let terminal: TerminalRefund[] = [];
    let allocations: { method: string; amount: number }[] = [];
    if (difference < 0) ({ terminal, allocations } = allocateRefund(ctx, actor, bookingId, -difference, true));

    // The previous booking ends: its tickets cancelled, its seats on sale again.
    stmt(db, "UPDATE tickets SET status = 'cancelled', cancelled_at = ? WHERE booking_id = ? AND status = 'sold'").run(now, old.id);
    const moved = stmt(db, "UPDATE bookings SET status = 'exchanged', exchanged_to = ?, cancelled_at = ? WHERE id = ? AND status = 'confirmed'").run(bookingId, now, old.id);
    if (moved.changes !== 1) throw new BoxOfficeError('CONFLICT', 'This booking changed at another counter; please look it up again', { id: old.id });
    // Seats kept pass to the new booking; the others are on sale again.
    stmt(db, 'UPDATE seat_claims SET booking_id = ? WHERE booking_id = ? AND seat_id IN (SELECT value FROM json_each(?))').run(bookingId, old.id, JSON.stringify(kept));
    const freed = (stmt(db, 'DELETE FROM seat_claims WHERE booking_id = ? RETURNING seat_id').all(old.id) as { seat_id: string }[]).map((r) => r.seat_id);
    sellHold(db, hold.id, bookingId, seatIds.length);
    if (!markChargesDone(db, now, approved.map((a) => a.opId), owner, bookingId)) {
      throw new BoxOfficeError('CONFLICT', 'The payment was reversed while the exchange was pending; nothing was changed', { holdId: hold.id });
    }
    const oldVersion = bumpSeatVersion(db, old.show_id);
    const newVersion = bumpSeatVersion(db, show.id);
    enqueueForBooking(db, now, bookingId, 'booking.confirmed');
    writeAudit(ctx, actor, 'booking.exchange', bookingId, {
      code, from: old.id, showId: show.id, total: quote.total, difference, seats: quote.lines.map((l) => l.seatLabel),
      payments: payments.map((p) => ({ method: p.method, amount: p.amount })), refunds: allocations,
    });
    return { bookingId, duplicate: false as const, terminal, freed, seatIds, oldVersion, newVersion };
  });

  let result: ReturnType<typeof commit>;
  try {
    result = commit.immediate();
  } catch (e) {
    const dup = isUniqueViolation(e, 'idempotency_key') ? bookingIdByKey(db, input.idempotencyKey) : null;
    if (dup) return lostRace(ctx, actor, dup, input.bookingId, approved, owner);
    // Nothing changed: give back what this attempt charged.
    const comp = await compensate(ctx, actor, approved, owner);
    if (e instanceof BoxOfficeError) {
      const details = typeof e.details === 'object' && e.details !== null ? e.details : {};
      throw new BoxOfficeError(e.code, e.message, approved.length ? { ...details, ...comp } : e.details);
    }
    throw e;
  }
  if (result.duplicate) return lostRace(ctx, actor, result.bookingId, input.bookingId, approved, owner);

  // After commit, and only then, card money goes back (see refund.ts for why).
  const money = await runTerminalRefunds(ctx, actor, result.terminal);
  // Same show: the freed and the newly sold seats are one change, with the later version.
  if (old.show_id === show.id) {
    const sold = new Set(result.seatIds);
    publishSeatChanges(ctx, show.id, result.newVersion, [
      ...result.freed.filter((id) => !sold.has(id)).map((id) => ({ id, status: 'available' as const })),
      ...result.seatIds.map((id) => ({ id, status: 'sold' as const })),
    ]);
  } else {
    publishSeatChanges(ctx, old.show_id, result.oldVersion, result.freed.map((id) => ({ id, status: 'available' as const })));
    publishSeatChanges(ctx, show.id, result.newVersion, result.seatIds.map((id) => ({ id, status: 'sold' as const })));
  }
  ctx.emit('bookings.changed', { bookingId: old.id, status: 'exchanged' });
  ctx.emit('bookings.changed', { bookingId: result.bookingId, status: 'confirmed' });
  const out = answer(ctx, result.bookingId, actor, input.bookingId);
  const failed = money.failed.map((f) => ({ method: f.method, amount: f.amount }));
  return failed.length ? { ...out, refund: { failed } } : out;
}
