// bookings.search loads its results in one batch: each booking is whole and the same as
// bookings.get gives it, in the search's order, whatever the mix of tickets and payments.
import { afterEach, describe, expect, it } from 'vitest';
import type { Harness } from '../support/engineHarness';
import { loadBookings } from '../../electron/engine/bookings/query';
import { seat, sell, setup, TOKENS } from './bookingSupport';

let h: Harness;
afterEach(() => h?.close());
const C = TOKENS.cashier;

describe('loading bookings in a batch', () => {
  it('gives each search result exactly as bookings.get does, newest first', async () => {
    ({ h } = setup());
    const one = await sell(h, [seat('F', 2), seat('A', 3), seat('C', 5)], { customer: { name: 'Ada' } });
    h.clock.advanceSeconds(60);
    const two = await sell(h, [seat('B', 1)], { method: 'card' });
    h.clock.advanceSeconds(60);
    const three = await sell(h, [seat('D', 4), seat('D', 3)], { customer: { email: 'grace@navy.mil' } });
    await h.ok('bookings.cancel', { id: two.id, reason: 'changed plans' }, C);

    const found = await h.ok('bookings.search', {}, C);
    const each = await Promise.all([three, two, one].map((b) => h.ok('bookings.get', { id: b.id }, C)));
    expect(found).toEqual(each);
    expect(found[2]!.tickets.map((t) => t.seatLabel)).toEqual(['A3', 'C5', 'F2']);
    expect(found[0]!.tickets.map((t) => t.seatLabel)).toEqual(['D3', 'D4']);
    expect(found[1]!.status).toBe('cancelled');
    expect(found[1]!.refund?.reason).toBe('changed plans');
  });

  it('keeps the order asked for, leaves out unknown ids and answers none for none', async () => {
    ({ h } = setup());
    const a = await sell(h, [seat('A', 1)]);
    const b = await sell(h, [seat('A', 2), seat('A', 3)]);
    const db = h.engine.ctx.db;
    expect(loadBookings(db, [b.id, 'bk_none', a.id]).map((x) => x.id)).toEqual([b.id, a.id]);
    expect(loadBookings(db, [])).toEqual([]);
  });
});
