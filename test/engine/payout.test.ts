// Cash owed after a show cancellation, paid out later at a counter from that cashier's drawer.
import { afterEach, describe, expect, it } from 'vitest';
import type { Harness } from '../support/engineHarness';
import { fixtureShiftId, T } from '../support/fixtures';
import { seat, sell, setup, SHOW, TOKENS } from './bookingSupport';

let h: Harness;
afterEach(() => h?.close());
const C = TOKENS.cashier;
const M = TOKENS.manager;

describe('bookings.payOutRefund', () => {
  it('moves the owed cash onto the paying cashier\'s shift, once', async () => {
    let db;
    ({ h, db } = setup());
    const cash = await sell(h, [seat('E', 1), seat('E', 2)]);
    const card = await sell(h, [seat('A', 1)], { method: 'card' });
    await h.ok('shows.cancel', { id: SHOW, reason: 'Projector failure' }, M);
    expect((await h.ok('bookings.get', { id: cash.id }, C)).refund).toMatchObject({ amount: 2000, owedCash: 2000 });
    expect((await h.ok('bookings.get', { id: card.id }, C)).refund).not.toHaveProperty('owedCash');

    h.events.length = 0;
    const paid = await h.ok('bookings.payOutRefund', { id: cash.id }, TOKENS.cashier2);
    expect(paid.refund).toEqual({ amount: 2000, percent: 100, reason: 'Show cancelled: Projector failure' });
    expect(db.prepare("SELECT shift_id, owed FROM payments WHERE booking_id = ? AND kind = 'refund'").all(cash.id)).toEqual([
      { shift_id: fixtureShiftId(T.cashier2), owed: 0 },
    ]);
    expect(h.events).toEqual([{ name: 'bookings.changed', payload: { bookingId: cash.id, status: 'cancelled' } }]);
    const audit = db.prepare("SELECT staff_id, details FROM audit WHERE action = 'booking.refund_payout'").get() as { staff_id: string; details: string };
    expect(audit.staff_id).toBe(T.cashier2);
    expect(JSON.parse(audit.details)).toEqual({ amount: 2000, shiftId: fixtureShiftId(T.cashier2) });

    // The paying drawer expects 20.00 less; the selling one still has its sale.
    expect(await h.ok('shifts.close', { countedCash: 0 }, TOKENS.cashier2)).toMatchObject({ expectedCash: -2000 });
    expect(await h.ok('shifts.close', { countedCash: 2000 }, C)).toMatchObject({ expectedCash: 2000, difference: 0 });

    // Never twice, and not for a booking that owes nothing.
    expect((await h.err('bookings.payOutRefund', { id: cash.id }, M)).code).toBe('CONFLICT');
    expect((await h.err('bookings.payOutRefund', { id: card.id }, M)).code).toBe('CONFLICT');
  });

  it('needs the paying cashier\'s open shift, and changes nothing without one', async () => {
    let db;
    ({ h, db } = setup());
    const cash = await sell(h, [seat('E', 1)]);
    await h.ok('shows.cancel', { id: SHOW, reason: 'Power cut' }, M);
    db.prepare('UPDATE shifts SET closed_at = ?, counted_cash = 0, expected_cash = 0 WHERE id = ?').run(h.clock.now(), fixtureShiftId(T.cashier2));
    expect((await h.err('bookings.payOutRefund', { id: cash.id }, TOKENS.cashier2)).code).toBe('SHIFT_REQUIRED');
    expect((await h.ok('bookings.get', { id: cash.id }, C)).refund?.owedCash).toBe(1000);
  });

  it('answers NOT_FOUND, VALIDATION and UNAUTHENTICATED like every channel', async () => {
    ({ h } = setup());
    expect((await h.err('bookings.payOutRefund', { id: 'bk_nope' }, C)).code).toBe('NOT_FOUND');
    expect((await h.err('bookings.payOutRefund', { id: 'bk_nope', extra: 1 }, C)).code).toBe('VALIDATION');
    expect((await h.err('bookings.payOutRefund', { id: 'bk_nope' })).code).toBe('UNAUTHENTICATED');
  });
});
