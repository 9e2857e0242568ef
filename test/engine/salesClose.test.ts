// settings.salesCloseMinutesAfterStart: holds and sales stay open that long after the start
// (trailers run first), and shows.list says until when; 0 (the default) closes at the start.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/contract';
import { SHOW, TOKENS, key, seat, setup } from './bookingSupport';
import type { Harness } from '../support/engineHarness';

const C = TOKENS.cashier;
let h: Harness;
afterEach(() => h?.close());

describe('sales close after the start', () => {
  it('holds and sells until startsAt + salesCloseMinutesAfterStart', async () => {
    ({ h } = setup());
    expect(await h.ok('settings.get', {}, C)).toMatchObject({ salesCloseMinutesAfterStart: 0, doorsOpenMinutes: 60 });
    // Older clients that do not know the setting keep the default.
    await h.ok('settings.save', { ...DEFAULT_SETTINGS, salesCloseMinutesAfterStart: undefined }, TOKENS.manager);
    expect((await h.err('settings.save', { ...DEFAULT_SETTINGS, salesCloseMinutesAfterStart: 61 }, TOKENS.manager)).code).toBe('VALIDATION');
    h.clock.set('2026-11-24T00:05:00.000Z'); // five minutes after the start
    expect((await h.err('seats.hold', { showId: SHOW, seatIds: [seat('A', 1)] }, C)).code).toBe('SHOW_STARTED');
    await h.ok('settings.save', { ...DEFAULT_SETTINGS, salesCloseMinutesAfterStart: 15 }, TOKENS.manager);
    const [show] = await h.ok('shows.list', { date: '2026-11-23' }, C);
    expect(show!.salesCloseAt).toBe('2026-11-24T00:15:00.000Z');
    const hold = await h.ok('seats.hold', { showId: SHOW, seatIds: [seat('E', 1)] }, C);
    const b = await h.ok('bookings.confirm', {
      holdId: hold.id, tickets: [{ seatId: seat('E', 1), ticketType: 'adult' }], payments: [{ method: 'cash', amount: 1000 }], idempotencyKey: key(),
    }, C);
    expect(b.status).toBe('confirmed');
    h.clock.set('2026-11-24T00:15:00.000Z');
    expect((await h.err('seats.hold', { showId: SHOW, seatIds: [seat('A', 1)] }, C)).code).toBe('SHOW_STARTED');
    expect((await h.err('seats.bestAvailable', { showId: SHOW, count: 1 }, C)).code).toBe('SHOW_STARTED');
  });
});
