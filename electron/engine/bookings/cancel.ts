// bookings.cancel and bookings.refundQuote: tiered refunds from the settings, the manager override,
// and the seats back on sale at once; with ticketIds only those tickets (partial cancellation). The money part is in refund.ts (shared with shows.cancel).
import { BoxOfficeError, type BookingStatus, type ChannelOutput, type ParsedInput, type Settings } from '../../../shared/contract';
import { requireBookingMove } from './states';
import type { Actor, EngineCtx } from '../context';
import { getSettings } from '../settings/settings';
import { verifyManager } from '../staff/auth';
import { bumpSeatVersion, publishSeatChanges } from '../inventory/versions';
import { cancelBookingInTx, refundAmount, runTerminalRefunds } from './refund';
import { requireBooking } from './query';

type Tier = Settings['cancellationTiers'][number];

/**
 * The refund percent for a cancellation at `now`: the first tier (largest minutesBefore first)
 * whose threshold the time left before the start reaches applies; later than the last tier
 * refunds 0 %.
 */
export function tierPercent(tiers: readonly Tier[], startsAt: number, now: number): number {
  const left = startsAt - now;
  const sorted = [...tiers].sort((a, b) => b.minutesBefore - a.minutesBefore);
  for (const t of sorted) if (left >= t.minutesBefore * 60_000) return t.percent;
  return 0;
}

interface Target { id: string; status: BookingStatus; startsAt: number; /** The amounts of the tickets asked about (default every live one). */ amount: number }

function loadTarget(ctx: EngineCtx, id: string, ticketIds?: readonly string[]): Target {
  const row = ctx.db
    .prepare('SELECT b.id, b.status, s.starts_at FROM bookings b JOIN shows s ON s.id = b.show_id WHERE b.id = ?')
    .get(id) as { id: string; status: BookingStatus; starts_at: number } | undefined;
  if (!row) throw new BoxOfficeError('NOT_FOUND', 'No booking with that id', { id });
  // Only a confirmed booking can be cancelled (already cancelled: CONFLICT; exchanged: illegal).
  if (row.status !== 'confirmed') requireBookingMove(row.id, row.status, 'cancelled');
  const tickets = ctx.db.prepare("SELECT id, amount FROM tickets WHERE booking_id = ? AND status <> 'cancelled'").all(id) as { id: string; amount: number }[];
  const wanted = ticketIds ? new Set(ticketIds) : null;
  const amount = tickets.filter((t) => !wanted || wanted.has(t.id)).reduce((s, t) => s + t.amount, 0);
  return { id: row.id, status: row.status, startsAt: row.starts_at, amount };
}

export function refundQuote(ctx: EngineCtx, input: ParsedInput<'bookings.refundQuote'>, _actor: Actor): ChannelOutput<'bookings.refundQuote'> {
  const b = loadTarget(ctx, input.id, input.ticketIds);
  const now = ctx.clock.now();
  const showStarted = now >= b.startsAt;
  // Once the show started there is no tiered refund; only a manager's override (100 %) remains.
  const percent = showStarted ? 0 : tierPercent(getSettings(ctx).cancellationTiers, b.startsAt, now);
  return { amount: refundAmount(b.amount, percent), percent, showStarted };
}

/**
 * Who approved an override: the caller when a manager, else the manager whose name and PIN were
 * typed at the counter. A wrong PIN is FORBIDDEN (LOCKED_OUT passes through: too many tries).
 */
async function overrideApprover(ctx: EngineCtx, input: ParsedInput<'bookings.cancel'>, actor: Actor): Promise<{ id: string; name: string }> {
  if (actor.role === 'manager') return { id: actor.staffId, name: actor.name };
  if (!input.approval) throw new BoxOfficeError('FORBIDDEN', 'An override needs a manager (or a manager\'s name and PIN)');
  let manager: Actor;
  try {
    manager = await verifyManager(ctx, input.approval.name, input.approval.pin);
  } catch (e) {
    if (e instanceof BoxOfficeError && (e.code === 'LOCKED_OUT' || e.code === 'RATE_LIMITED')) throw e;
    throw new BoxOfficeError('FORBIDDEN', 'The manager\'s name or PIN is not right');
  }
  if (manager.role !== 'manager') throw new BoxOfficeError('FORBIDDEN', 'Only a manager may approve an override');
  return { id: manager.staffId, name: manager.name };
}

export async function cancelBooking(ctx: EngineCtx, input: ParsedInput<'bookings.cancel'>, actor: Actor): Promise<ChannelOutput<'bookings.cancel'>> {
  const b = loadTarget(ctx, input.id, input.ticketIds);
  const approver = input.override ? await overrideApprover(ctx, input, actor) : null;
  const now = ctx.clock.now();
  if (!approver && now >= b.startsAt) {
    throw new BoxOfficeError('SHOW_STARTED', 'The show has already started; only a manager override can refund it now', { id: b.id });
  }
  const percent = approver ? 100 : tierPercent(getSettings(ctx).cancellationTiers, b.startsAt, now);

  const plan = ctx.db
    .transaction(() => {
      const p = cancelBookingInTx(
        ctx, actor, b.id, percent, input.reason, approver ? { override: true, approvedBy: approver } : {}, 'booking.cancelled', true,
        input.ticketIds ? { ticketIds: input.ticketIds } : {},
      );
      return { ...p, version: bumpSeatVersion(ctx.db, p.showId) };
    })
    .immediate();

  // After commit, and only then, money leaves through the terminal (see refund.ts for why). The
  // commit already holds a 'pending' intent per terminal refund: if we die here, recovery sends it.
  const money = await runTerminalRefunds(ctx, actor, plan.terminal);
  publishSeatChanges(ctx, plan.showId, plan.version, plan.seatIds.map((id) => ({ id, status: 'available' as const })));
  ctx.emit('bookings.changed', { bookingId: b.id, status: plan.bookingCancelled ? 'cancelled' : 'confirmed' });
  // A refund the terminal refused is not hidden behind "refunded": the cashier is told at once.
  const failed = money.failed.map((f) => ({ method: f.method, amount: f.amount }));
  return { booking: requireBooking(ctx.db, b.id), refund: { amount: plan.amount, percent: plan.percent, ...(failed.length ? { failed } : {}) } };
}
