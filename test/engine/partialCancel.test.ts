// bookings.cancel with ticketIds: only those tickets are cancelled and refunded at the tier in
// force, their seats go back on sale, the booking stays confirmed until its last live ticket goes.
import { afterEach, describe, expect, it } from 'vitest';
import { SHOW, TOKENS, seat, sell, setup } from './bookingSupport';
import type { Harness } from '../support/engineHarness';

const C = TOKENS.cashier;
let h: Harness;
afterEach(() => h?.close());

describe('partial cancellation', () => {
  it('cancels some tickets at the tier, then the last one cancels the booking', async () => {
    ({ h } = setup());
    // Monday 10:00 New York, the show at 19:00: 9 h before, the 100 % tier.
    const b = await sell(h, [seat('A', 1), seat('A', 2), seat('E', 1)], { method: 'card' }); // 1500 + 1500 + 1000
    const a2 = b.tickets.find((t) => t.seatLabel === 'A2')!;
    expect(await h.ok('bookings.refundQuote', { id: b.id, ticketIds: [a2.id] }, C)).toEqual({ amount: 1500, percent: 100, showStarted: false });
    const one = await h.ok('bookings.cancel', { id: b.id, reason: 'one fewer', ticketIds: [a2.id] }, C);
    expect(one.refund).toEqual({ amount: 1500, percent: 100 });
    expect(one.booking.status).toBe('confirmed');
    expect(one.booking.tickets.map((t) => [t.seatLabel, t.status])).toEqual([['A1', 'sold'], ['A2', 'cancelled'], ['E1', 'sold']]);
    const map = await h.ok('seats.map', { showId: SHOW }, C);
    expect(map.seats.find((s) => s.label === 'A2')!.status).toBe('available');
    expect(map.seats.find((s) => s.label === 'A1')!.status).toBe('sold');
    // The same ticket again is refused by the state machine; a ticket of another booking is not found.
    expect((await h.err('bookings.cancel', { id: b.id, reason: 'x', ticketIds: [a2.id] }, C)).code).toBe('ILLEGAL_TRANSITION');
    expect((await h.err('bookings.cancel', { id: b.id, reason: 'x', ticketIds: ['tk_nope'] }, C)).code).toBe('NOT_FOUND');
    // 4 h before the start: the 50 % tier, on E1's 1000 only.
    h.clock.set('2026-11-23T20:00:00.000Z');
    const e1 = b.tickets.find((t) => t.seatLabel === 'E1')!;
    const two = await h.ok('bookings.cancel', { id: b.id, reason: 'another', ticketIds: [e1.id] }, C);
    expect(two.refund).toEqual({ amount: 500, percent: 50 });
    // The last live ticket cancels the booking.
    const a1 = b.tickets.find((t) => t.seatLabel === 'A1')!;
    const last = await h.ok('bookings.cancel', { id: b.id, reason: 'all', ticketIds: [a1.id] }, C);
    expect(last.booking.status).toBe('cancelled');
    expect(last.refund).toEqual({ amount: 750, percent: 50 });
    expect(last.booking.refund).toMatchObject({ amount: 1500 + 500 + 750 });
    // Every refund went back to the card, never past what it was charged.
    expect([...h.terminal.charges.values()][0]).toMatchObject({ amount: 4000, refunded: 2750 });
    const events = h.events.filter((e) => e.name === 'bookings.changed').map((e) => e.payload);
    expect(events.slice(-3)).toEqual([
      { bookingId: b.id, status: 'confirmed' }, { bookingId: b.id, status: 'confirmed' }, { bookingId: b.id, status: 'cancelled' },
    ]);
  });

  it('a whole cancellation after a partial one refunds only the live tickets', async () => {
    ({ h } = setup());
    const b = await sell(h, [seat('E', 1), seat('E', 2)], { customer: { email: 'ada@example.com' } });
    await h.ok('bookings.cancel', { id: b.id, reason: 'one', ticketIds: [b.tickets[0]!.id] }, C);
    // The customer hears of it: a partial cancellation has its own notice.
    const topics = () => (h.engine.ctx.db.prepare('SELECT topic FROM outbox WHERE booking_id = ? ORDER BY id').all(b.id) as { topic: string }[]).map((r) => r.topic);
    expect(topics()).toEqual(['booking.confirmed', 'booking.partly_cancelled']);
    // A ticket's own code finds its booking at the counter.
    expect((await h.ok('bookings.search', { query: b.tickets[1]!.code.toLowerCase() }, C)).map((x) => x.id)).toEqual([b.id]);
    const rest = await h.ok('bookings.cancel', { id: b.id, reason: 'rest' }, C);
    expect(rest.refund.amount).toBe(1000);
    const refunds = h.engine.ctx.db.prepare("SELECT coalesce(sum(amount), 0) AS n FROM payments WHERE booking_id = ? AND kind = 'refund'").get(b.id) as { n: number };
    expect(refunds.n).toBe(2000);
    expect(topics()).toEqual(['booking.confirmed', 'booking.partly_cancelled', 'booking.cancelled']);
  });
});
