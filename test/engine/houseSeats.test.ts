// shows.blockSeats / unblockSeats: house seats of one show, with their reason on the seat map,
// refused by seats.hold and never suggested by best-available; other shows are untouched.
import { afterEach, describe, expect, it } from 'vitest';
import { SHOW, TOKENS, holdSql, seat, setup } from './bookingSupport';
import { MONDAY_10AM, type Harness } from '../support/engineHarness';
import { seedShow } from '../support/fixtures';

const C = TOKENS.cashier;
const M = TOKENS.manager;
let h: Harness;
afterEach(() => h?.close());

describe('house seats', () => {
  it('blocks seats of one show with a reason, and releases them', async () => {
    ({ h } = setup());
    seedShow(h.engine.ctx.db, { id: 'show_2', startsAt: '2026-11-24T03:00:00.000Z', now: MONDAY_10AM });
    const seats = [seat('C', 5), seat('C', 6)];
    expect((await h.err('shows.blockSeats', { showId: SHOW, seatIds: seats, reason: 'Press' }, C)).code).toBe('FORBIDDEN');
    expect(await h.ok('shows.blockSeats', { showId: SHOW, seatIds: seats, reason: 'Press' }, M)).toEqual({ showId: SHOW, seatIds: seats });
    const map = await h.ok('seats.map', { showId: SHOW }, C);
    expect(map.seats.filter((s) => s.status === 'blocked').map((s) => [s.label, s.blockReason])).toEqual([['C5', 'Press'], ['C6', 'Press']]);
    expect(map.hall.capacity).toBe(60);
    // Only that show.
    expect((await h.ok('seats.map', { showId: 'show_2' }, C)).seats.filter((s) => s.status === 'blocked')).toEqual([]);
    const [listed] = await h.ok('shows.list', { date: '2026-11-23' }, C);
    expect(listed).toMatchObject({ id: SHOW, capacity: 60, available: 58 });
    expect((await h.err('seats.hold', { showId: SHOW, seatIds: [seat('C', 5)] }, C)).code).toBe('SEATS_UNAVAILABLE');
    // Best-available never offers them: row C's centre is the sweet spot otherwise.
    const best = await h.ok('seats.bestAvailable', { showId: SHOW, count: 2, types: ['premium'] }, C);
    expect(best.seatIds.some((id) => seats.includes(id))).toBe(false);
    const ev = h.events.filter((e) => e.name === 'seats.changed').at(-1)!;
    expect(ev.payload).toMatchObject({ showId: SHOW, seats: [{ id: seats[0], status: 'blocked' }, { id: seats[1], status: 'blocked' }] });
    expect(await h.ok('shows.unblockSeats', { showId: SHOW, seatIds: seats }, M)).toEqual({ showId: SHOW, seatIds: seats });
    expect((await h.ok('seats.map', { showId: SHOW }, C)).seats.find((s) => s.label === 'C5')).toMatchObject({ status: 'available' });
    expect((await h.ok('seats.hold', { showId: SHOW, seatIds: [seat('C', 5)] }, C)).seatIds).toEqual([seat('C', 5)]);
  });

  it('refuses held or sold seats, seats of another hall, and bad input, changing nothing', async () => {
    ({ h } = setup());
    holdSql(h, SHOW, [seat('A', 1)]);
    const err = await h.err('shows.blockSeats', { showId: SHOW, seatIds: [seat('A', 1), seat('A', 2)], reason: 'Guests' }, M);
    expect(err).toMatchObject({ code: 'SEATS_UNAVAILABLE', details: { seatIds: [seat('A', 1)] } });
    expect((await h.err('shows.blockSeats', { showId: SHOW, seatIds: ['seat_Z9'], reason: 'x' }, M)).code).toBe('NOT_FOUND');
    expect((await h.err('shows.blockSeats', { showId: SHOW, seatIds: [seat('A', 2)], reason: '' }, M)).code).toBe('VALIDATION');
    expect((h.engine.ctx.db.prepare('SELECT count(*) AS n FROM show_blocks').get() as { n: number }).n).toBe(0);
  });
});
