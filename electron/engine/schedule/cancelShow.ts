// shows.cancel (manager): the show is called off. Every confirmed booking is refunded in full
// through the same refund code as bookings.cancel, every hold is released and every claim deleted.
//
// Order: ONE transaction commits the whole new state (show cancelled, bookings cancelled, refund
// rows, claims and holds gone), and only then are the card/UPI/wallet refunds sent to the
// terminal. A terminal refund cannot be undone, so it must not run before the database state it
// belongs to is durable (a failed or concurrent cancellation would otherwise refund money for
// bookings that stay sold, or refund twice). The same transaction writes a 'pending' intent per
// terminal refund (payments/intents.ts), so a refund that fails afterwards, or that a crash kept
// from being sent, is retried by the Engine's payment recovery; failures are logged and audited.
import { BoxOfficeError, type Booking, type ChannelOutput, type ParsedInput, type Show } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';
import type { Db } from '../db/open';
import { writeAudit } from '../audit/audit';
import { bumpSeatVersion, publishSeatChanges } from '../inventory/versions';
import { cancelBookingInTx, runTerminalRefunds, type RefundPlan } from '../bookings/refund';
import { requireBooking } from '../bookings/query';
import { getShowRow, toShow } from '../inventory/claims';

function loadShow(db: Db, id: string): Show {
  const r = getShowRow(db, id);
  if (!r) throw new BoxOfficeError('NOT_FOUND', 'That show does not exist', { id });
  return toShow(r);
}

export async function cancelShow(ctx: EngineCtx, input: ParsedInput<'shows.cancel'>, actor: Actor): Promise<ChannelOutput<'shows.cancel'>> {
  const db = ctx.db;
  const outcome = db
    .transaction(() => {
      // Read inside the transaction: a second manager cancelling at the same moment gets CONFLICT.
      const show = loadShow(db, input.id);
      if (show.status === 'cancelled') throw new BoxOfficeError('CONFLICT', 'This show is already cancelled', { id: show.id });
      db.prepare("UPDATE shows SET status = 'cancelled', cancel_reason = ? WHERE id = ?").run(input.reason, show.id);
      const bookingIds = (
        db.prepare("SELECT id FROM bookings WHERE show_id = ? AND status = 'confirmed' ORDER BY created_at, rowid").all(show.id) as { id: string }[]
      ).map((r) => r.id);
      const plans: RefundPlan[] = bookingIds.map((id) =>
        cancelBookingInTx(ctx, actor, id, 100, `Show cancelled: ${input.reason}`, { showCancelled: true }, 'show.cancelled', false, { includeAdmitted: true }),
      );
      // Whatever is left are holds (and claims of holds that already expired): release them all.
      const freed = db.prepare('DELETE FROM seat_claims WHERE show_id = ? RETURNING seat_id').all(show.id) as { seat_id: string }[];
      const holds = db.prepare('DELETE FROM holds WHERE show_id = ?').run(show.id).changes;
      const version = bumpSeatVersion(db, show.id);
      writeAudit(ctx, actor, 'show.cancel', show.id, {
        reason: input.reason,
        bookings: bookingIds.length,
        refunded: plans.reduce((s, p) => s + p.amount, 0),
        holdsReleased: holds,
      });
      const seatIds = [...plans.flatMap((p) => p.seatIds), ...freed.map((f) => f.seat_id)];
      return { plans, version, seatIds };
    })
    .immediate();

  const money = await runTerminalRefunds(ctx, actor, outcome.plans.flatMap((p) => p.terminal));
  ctx.emit('shows.changed', { showId: input.id });
  publishSeatChanges(ctx, input.id, outcome.version, outcome.seatIds.map((id) => ({ id, status: 'available' as const })));
  for (const p of outcome.plans) ctx.emit('bookings.changed', { bookingId: p.bookingId, status: 'cancelled' });
  const refunded: Booking[] = outcome.plans.map((p) => requireBooking(db, p.bookingId));
  const refundFailed = money.failed.map((f) => ({ bookingId: f.bookingId, method: f.method, amount: f.amount }));
  return { show: loadShow(db, input.id), refunded, ...(refundFailed.length ? { refundFailed } : {}) };
}
