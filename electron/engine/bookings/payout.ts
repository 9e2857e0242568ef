// bookings.payOutRefund: a customer of a cancelled show comes back for the cash they are owed.
// The cashier hands it over from their own drawer, so the owed refund rows move onto that
// cashier's open shift (its expected cash then includes the payout) and stop being owed. Paying
// out twice is impossible: the rows are taken in one IMMEDIATE transaction, and only owed ones.
import { BoxOfficeError, type ChannelOutput, type ParsedInput } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';
import { stmt } from '../db/stmts';
import { writeAudit } from '../audit/audit';
import { requireBooking } from './query';
import { requireShiftForCash } from './shift';

export function payOutRefund(ctx: EngineCtx, input: ParsedInput<'bookings.payOutRefund'>, actor: Actor): ChannelOutput<'bookings.payOutRefund'> {
  const db = ctx.db;
  const amount = db
    .transaction((): number => {
      requireBooking(db, input.id);
      const owed = (stmt(db, "SELECT COALESCE(SUM(amount), 0) AS n FROM payments WHERE booking_id = ? AND kind = 'refund' AND owed = 1").get(input.id) as { n: number }).n;
      if (owed === 0) throw new BoxOfficeError('CONFLICT', 'No cash is owed on this booking (it may have been paid out already)', { id: input.id });
      const shiftId = requireShiftForCash(db, actor.staffId, 'pay back');
      // The row is dated when the cash moves (v2): the day report counts the refund on that day.
      stmt(db, "UPDATE payments SET owed = 0, shift_id = ?, created_at = ? WHERE booking_id = ? AND kind = 'refund' AND owed = 1").run(shiftId, ctx.clock.now(), input.id);
      writeAudit(ctx, actor, 'booking.refund_payout', input.id, { amount: owed, shiftId });
      return owed;
    })
    .immediate();
  ctx.log.info('owed cash refund paid out', { bookingId: input.id, amount });
  ctx.emit('bookings.changed', { bookingId: input.id, status: 'cancelled' });
  return requireBooking(db, input.id);
}
