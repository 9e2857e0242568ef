// seats.map through the router: shape, order, statuses (blocked, sold, held, available, expired),
// holdId only on my own holds, the version, removed seats, and speed on a 3,000-seat hall.
import { afterEach, describe, expect, it } from 'vitest';
import { SeatMap } from '../../shared/contract';
import { claimCounts, seatsInUse } from '../../electron/engine/inventory/claims';
import { MONDAY_10AM, makeHarness, type Harness } from '../support/engineHarness';
import { T, TOKENS, seatId, seedBasics, seedShow } from '../support/fixtures';

const SHOW = 'show_1';
const STARTS = '2026-11-23T23:00:00.000Z';
let h: Harness;
afterEach(() => h?.close());

function setup(opts: { rows?: string[]; seatsPerRow?: number } = {}): Harness {
  h = makeHarness();
  seedBasics(h.engine.ctx.db, { now: MONDAY_10AM, ...opts });
  seedShow(h.engine.ctx.db, { id: SHOW, startsAt: STARTS, now: MONDAY_10AM, basePrice: 1250 });
  return h;
}

const map = (token = TOKENS.cashier) => h.ok('seats.map', { showId: SHOW }, token);

/** Sells seats with plain SQL, as the confirm code will: a booking and its sold claims. */
function sellSeats(seatIds: string[]): void {
  const db = h.engine.ctx.db;
  db.transaction(() => {
    db.prepare(
      "INSERT INTO bookings (id, code, show_id, status, total, currency, cashier_id, idempotency_key, created_at) VALUES ('bk_1', 'ABCDEF', ?, 'confirmed', 0, 'USD', ?, 'idem-bk_1', ?)",
    ).run(SHOW, T.cashier, MONDAY_10AM);
    const ins = db.prepare('INSERT INTO seat_claims (show_id, seat_id, booking_id) VALUES (?, ?, ?)');
    for (const s of seatIds) ins.run(SHOW, s, 'bk_1');
  })();
}

describe('seats.map', () => {
  it('returns the show, the hall and every seat in row then number order, all available', async () => {
    setup();
    const m = await map();
    expect(SeatMap.safeParse(m).success).toBe(true);
    expect(m.show).toEqual({
      id: SHOW, movieId: T.movie, hallId: T.hall, startsAt: STARTS,
      endsAt: new Date(Date.parse(STARTS) + 163 * 60_000).toISOString(), basePrice: 1250, format: '2D', status: 'scheduled',
    });
    expect(m.hall).toEqual({ id: T.hall, name: 'Hall 1', theaterId: T.theater, capacity: 60, rows: ['A', 'B', 'C', 'D', 'E', 'F'] });
    expect(m.version).toBe(0);
    expect(m.seats).toHaveLength(60);
    expect(m.seats.slice(0, 11).map((s) => s.label)).toEqual(['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8', 'A9', 'A10', 'B1']);
    expect(m.seats[5]).toEqual({ id: seatId('A', 6), label: 'A6', row: 'A', number: 6, column: 7, width: 1, type: 'vip', status: 'available' });
    expect(new Set(m.seats.map((s) => s.status))).toEqual(new Set(['available']));
  });

  it('shows blocked, sold, held and available, with holdId only on my own holds', async () => {
    setup();
    const db = h.engine.ctx.db;
    db.prepare('UPDATE seats SET blocked = 1 WHERE id = ?').run(seatId('C', 1));
    sellSeats([seatId('D', 1), seatId('D', 2)]);
    const mine = await h.ok('seats.hold', { showId: SHOW, seatIds: [seatId('E', 1)] }, TOKENS.cashier);
    const theirs = await h.ok('seats.hold', { showId: SHOW, seatIds: [seatId('E', 2)] }, TOKENS.cashier2);

    const m = await map();
    const by = (id: string) => m.seats.find((s) => s.id === id)!;
    expect(by(seatId('C', 1)).status).toBe('blocked');
    expect(by(seatId('D', 1)).status).toBe('sold');
    expect(by(seatId('E', 1))).toMatchObject({ status: 'held', holdId: mine.id });
    expect(by(seatId('E', 2)).status).toBe('held');
    expect(by(seatId('E', 2)).holdId).toBeUndefined();
    expect(by(seatId('F', 1)).status).toBe('available');
    expect(m.hall.capacity).toBe(59); // blocked seats are not sellable
    expect(m.version).toBe(2);

    const m2 = await map(TOKENS.cashier2);
    expect(m2.seats.find((s) => s.id === seatId('E', 2))!.holdId).toBe(theirs.id);
    expect(m2.seats.find((s) => s.id === seatId('E', 1))!.holdId).toBeUndefined();

    const tally = (st: string) => m.seats.filter((s) => s.status === st).length;
    expect(tally('available') + tally('held') + tally('sold') + tally('blocked')).toBe(60);
    expect([tally('held'), tally('sold'), tally('blocked')]).toEqual([2, 2, 1]);
  });

  it('agrees with the exported claim helpers (counts per show, seats in use)', async () => {
    setup();
    sellSeats([seatId('D', 1)]);
    await h.ok('seats.hold', { showId: SHOW, seatIds: [seatId('E', 1), seatId('E', 2)] }, TOKENS.cashier);
    const db = h.engine.ctx.db;
    expect(claimCounts(db, [SHOW, 'nope'], h.clock.now())).toEqual(new Map([[SHOW, { held: 2, sold: 1 }], ['nope', { held: 0, sold: 0 }]]));
    expect(seatsInUse(db, [seatId('D', 1), seatId('E', 1), seatId('F', 1)], h.clock.now())).toEqual([
      { showId: SHOW, seatId: seatId('D', 1), status: 'sold', startsAt: Date.parse(STARTS) },
      { showId: SHOW, seatId: seatId('E', 1), status: 'held', startsAt: Date.parse(STARTS) },
    ]);
    h.clock.advanceSeconds(600); // the hold expires: only the sale remains
    expect(claimCounts(db, [SHOW], h.clock.now()).get(SHOW)).toEqual({ held: 0, sold: 1 });
    expect(seatsInUse(db, [seatId('E', 1)], h.clock.now())).toEqual([]);
    h.clock.set(STARTS); // a started show no longer blocks a layout edit
    expect(seatsInUse(db, [seatId('D', 1)], h.clock.now())).toEqual([]);
  });

  it('shows expired holds as available before any sweep', async () => {
    setup();
    await h.ok('seats.hold', { showId: SHOW, seatIds: [seatId('A', 1)] }, TOKENS.cashier);
    h.clock.advanceSeconds(600);
    const s = (await map()).seats[0]!;
    expect(s.status).toBe('available');
    expect(s.holdId).toBeUndefined();
  });

  it('leaves out removed seats and empty rows', async () => {
    setup({ rows: ['A', 'B'], seatsPerRow: 4 });
    const db = h.engine.ctx.db;
    db.prepare("UPDATE seats SET removed = 1 WHERE row_label = 'B' OR id = ?").run(seatId('A', 2));
    const m = await map();
    expect(m.seats.map((s) => s.label)).toEqual(['A1', 'A3', 'A4']);
    expect(m.hall.rows).toEqual(['A']);
  });

  it('answers NOT_FOUND for an unknown show, VALIDATION for bad input and needs a session', async () => {
    setup();
    expect((await h.err('seats.map', { showId: 'nope' }, TOKENS.cashier)).code).toBe('NOT_FOUND');
    for (const bad of [{}, { showId: '' }, { showId: SHOW, x: 1 }, { showId: 1 }]) {
      expect((await h.err('seats.map', bad, TOKENS.cashier)).code).toBe('VALIDATION');
    }
    expect((await h.err('seats.map', { showId: SHOW })).code).toBe('UNAUTHENTICATED');
    expect((await map(TOKENS.manager)).seats).toHaveLength(60);
  });

  it('draws a 3,000-seat hall quickly', async () => {
    // Letters only, so fixture ids (row + number) stay unique: A..Z, then AA..AX.
    const rows = Array.from({ length: 50 }, (_, i) => (i < 26 ? '' : 'A') + String.fromCharCode(65 + (i % 26)));
    setup({ rows, seatsPerRow: 60 });
    // Some claims so the join has work to do.
    const first = Array.from({ length: 20 }, (_, i) => seatId('AE', i + 1));
    await h.ok('seats.hold', { showId: SHOW, seatIds: first }, TOKENS.cashier);
    await map(); // warm the statement cache
    const t0 = performance.now();
    const m = await map();
    const elapsed = performance.now() - t0;
    expect(m.seats).toHaveLength(3000);
    expect(m.seats.filter((s) => s.status === 'held')).toHaveLength(20);
    // Generous for a shared CI machine; typically a few ms.
    expect(elapsed).toBeLessThan(250);
  });
});
