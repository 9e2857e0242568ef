import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../support/engineHarness';
import { seatId, seedBasics, seedShow, T, TOKENS } from '../support/fixtures';
import { DEFAULT_SETTINGS } from '../../shared/contract';
import { LIST_SHOWS_SQL } from '../../electron/engine/schedule/shows';
import { count, insertHoldClaims, insertSoldClaims } from './claimsSql';

let h: Harness;
beforeEach(() => {
  h = makeHarness(); // Monday 23 Nov 2026, 10:00 in New York
  seedBasics(h.engine.ctx.db, { now: h.clock.now() });
});
afterEach(() => h?.close());

const M = TOKENS.manager;
const C = TOKENS.cashier;
const MIN = 60_000;

function addHall2(): string {
  const db = h.engine.ctx.db;
  db.prepare("INSERT INTO halls (id, theater_id, name, cleaning_minutes, created_at) VALUES ('hall_2', ?, 'Hall 2', 30, 0)").run(T.theater);
  for (let n = 1; n <= 5; n++) db.prepare("INSERT INTO seats (id, hall_id, row_label, row_index, number, col, type) VALUES (?, 'hall_2', 'A', 0, ?, ?, 'regular')").run(`h2_A${n}`, n, n);
  return 'hall_2';
}

describe('shows.list', () => {
  beforeEach(() => {
    const db = h.engine.ctx.db;
    const now = h.clock.now();
    addHall2();
    seedShow(db, { id: 'yesterday', startsAt: '2026-11-22T23:00:00.000Z', now }); // Sun 18:00 local
    seedShow(db, { id: 'this_morning', startsAt: '2026-11-23T13:00:00.000Z', now }); // Mon 08:00 local, started
    seedShow(db, { id: 'late_h2', startsAt: '2026-11-24T03:00:00.000Z', now, hallId: 'hall_2' }); // Mon 22:00 local
    seedShow(db, { id: 'late_h1', startsAt: '2026-11-24T03:00:00.000Z', now }); // same time, Hall 1
    seedShow(db, { id: 'tuesday', startsAt: '2026-11-24T19:00:00.000Z', now }); // Tue 14:00 local
    seedShow(db, { id: 'wednesday', startsAt: '2026-11-25T19:00:00.000Z', now });
  });
  const ids = async (input: object) => (await h.ok('shows.list', input, C)).map((s) => s.id);

  it('judges a date in the theater\'s zone and orders by start, then hall name', async () => {
    expect(await ids({ date: '2026-11-23' })).toEqual(['this_morning', 'late_h1', 'late_h2']);
    expect(await ids({ date: '2026-11-24' })).toEqual(['tuesday']);
    expect(await ids({ date: '2026-11-22' })).toEqual(['yesterday']);
  });

  it('defaults to everything from the start of today; from/to are inclusive local dates', async () => {
    expect(await ids({})).toEqual(['this_morning', 'late_h1', 'late_h2', 'tuesday', 'wednesday']);
    expect(await ids({ from: '2026-11-22', to: '2026-11-24' })).toEqual(['yesterday', 'this_morning', 'late_h1', 'late_h2', 'tuesday']);
    expect(await ids({ from: '2026-11-24' })).toEqual(['tuesday', 'wednesday']);
    expect(await ids({ to: '2026-11-23' })).toEqual(['this_morning', 'late_h1', 'late_h2']);
    expect((await h.err('shows.list', { from: '2026-11-25', to: '2026-11-24' }, C)).code).toBe('VALIDATION');
  });

  it('filters by hall, movie and theater and hides cancelled shows unless asked', async () => {
    expect(await ids({ hallId: 'hall_2' })).toEqual(['late_h2']);
    expect(await ids({ movieId: 'mv_other' })).toEqual([]);
    expect(await ids({ theaterId: 'th_other' })).toEqual([]);
    expect(await ids({ theaterId: T.theater, date: '2026-11-24' })).toEqual(['tuesday']);
    h.engine.ctx.db.prepare("UPDATE shows SET status = 'cancelled' WHERE id = 'tuesday'").run();
    expect(await ids({ date: '2026-11-24' })).toEqual([]);
    const all = await h.ok('shows.list', { date: '2026-11-24', includeCancelled: true }, C);
    expect(all.map((s) => [s.id, s.status])).toEqual([['tuesday', 'cancelled']]);
  });

  it('counts capacity, live holds and sales per show', async () => {
    const db = h.engine.ctx.db;
    const now = h.clock.now();
    db.prepare('UPDATE seats SET blocked = 1 WHERE id = ?').run(seatId('F', 10));
    insertHoldClaims(db, 'tuesday', [seatId('A', 1), seatId('A', 2)], now + 5 * MIN, now);
    insertHoldClaims(db, 'tuesday', [seatId('B', 1)], now - 1, now - 10 * MIN); // expired: available again
    insertSoldClaims(db, 'tuesday', [seatId('C', 1), seatId('C', 2), seatId('C', 3)], now);
    const [tue] = await h.ok('shows.list', { date: '2026-11-24' }, C);
    expect(tue).toEqual({
      id: 'tuesday', movieId: T.movie, movieTitle: 'Inception', hallId: T.hall, hallName: 'Hall 1', theaterId: T.theater,
      startsAt: '2026-11-24T19:00:00.000Z', endsAt: '2026-11-24T21:43:00.000Z', format: '2D', basePrice: 1000, status: 'scheduled',
      capacity: 59, available: 54, held: 2, sold: 3, salesCloseAt: '2026-11-24T19:00:00.000Z',
    });
    // The hold runs out: its seats count as available again.
    h.clock.advance(6 * MIN);
    expect((await h.ok('shows.list', { date: '2026-11-24' }, C))[0]).toMatchObject({ held: 0, sold: 3, available: 56 });
  });

  it('reads shows by a range scan on their start, in one statement', () => {
    const plan = h.engine.ctx.db
      .prepare(`EXPLAIN QUERY PLAN ${LIST_SHOWS_SQL}`)
      .all({ lo: 0, hi: 1, theater: null, movie: null, hall: null, cancelled: 0, now: 0 }) as { detail: string }[];
    const text = plan.map((p) => p.detail).join('\n');
    expect(text).toMatch(/SEARCH s USING INDEX shows_(start|hall_start) \(.*starts_at>\? AND starts_at<\?\)/);
    expect(text).toMatch(/SEARCH seat_claims USING PRIMARY KEY/);
    expect(text).not.toMatch(/SCAN s\b/);
  });

  it('needs a session and valid input', async () => {
    expect((await h.err('shows.list', {})).code).toBe('UNAUTHENTICATED');
    expect((await h.err('shows.list', { date: '23/11/2026' }, C)).code).toBe('VALIDATION');
  });
});

describe('shows.save', () => {
  const WED_7PM = '2026-11-26T00:00:00.000Z'; // Wed 25 Nov 19:00 local
  const at = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * MIN).toISOString();
  const input = (startsAt = WED_7PM, extra: object = {}) => ({ movieId: T.movie, hallId: T.hall, startsAt, basePrice: 1200, ...extra });

  it('creates a show: endsAt after trailers and film, default 2D, audited, announced', async () => {
    const s = await h.ok('shows.save', input(), M);
    expect(s).toEqual({ id: s.id, movieId: T.movie, hallId: T.hall, startsAt: WED_7PM, endsAt: at(WED_7PM, 15 + 148), basePrice: 1200, format: '2D', status: 'scheduled' });
    const row = h.engine.ctx.db.prepare('SELECT block_end FROM shows WHERE id = ?').get(s.id) as { block_end: number };
    expect(row.block_end).toBe(Date.parse(WED_7PM) + (15 + 148 + 15) * MIN);
    expect(h.events).toContainEqual({ name: 'shows.changed', payload: { showId: s.id } });
    expect(count(h.engine.ctx.db, "SELECT count(*) AS n FROM audit WHERE action = 'shows.create' AND entity_id = ? AND staff_id = ?", s.id, T.manager)).toBe(1);
  });

  it('uses the trailer setting', async () => {
    await h.ok('settings.save', { ...DEFAULT_SETTINGS, trailerMinutes: 20 }, M);
    const s = await h.ok('shows.save', input(WED_7PM, { format: 'IMAX' }), M);
    expect(s.endsAt).toBe(at(WED_7PM, 20 + 148));
    expect(s.format).toBe('IMAX');
  });

  it('SCHEDULE_CONFLICT for overlapping blocks; touching blocks are fine', async () => {
    const first = await h.ok('shows.save', input(), M);
    const blockMinutes = 15 + 148 + 15;
    const overlap = await h.err('shows.save', input(at(WED_7PM, blockMinutes - 1)), M);
    expect(overlap.code).toBe('SCHEDULE_CONFLICT');
    expect(overlap.details).toEqual({ conflicts: [first.id] });
    expect((await h.err('shows.save', input(at(WED_7PM, -blockMinutes + 1)), M)).code).toBe('SCHEDULE_CONFLICT');
    h.events.length = 0;
    const after = await h.ok('shows.save', input(at(WED_7PM, blockMinutes)), M);
    const before = await h.ok('shows.save', input(at(WED_7PM, -blockMinutes)), M);
    expect(count(h.engine.ctx.db, "SELECT count(*) AS n FROM shows WHERE status = 'scheduled'")).toBe(3);
    expect(h.events.map((e) => e.payload)).toEqual([{ showId: after.id }, { showId: before.id }]);
    // Another hall is free at the same time.
    addHall2();
    await h.ok('shows.save', input(WED_7PM, { hallId: 'hall_2' }), M);
  });

  it('a cancelled show does not block the hall', async () => {
    seedShow(h.engine.ctx.db, { id: 'gone', startsAt: WED_7PM, now: h.clock.now() });
    h.engine.ctx.db.prepare("UPDATE shows SET status = 'cancelled' WHERE id = 'gone'").run();
    await h.ok('shows.save', input(), M);
  });

  it('moves a show (not onto itself as a conflict) and edits its price', async () => {
    const s = await h.ok('shows.save', input(), M);
    const moved = await h.ok('shows.save', input(at(WED_7PM, 30), { id: s.id }), M);
    expect(moved.startsAt).toBe(at(WED_7PM, 30));
    expect(moved.endsAt).toBe(at(WED_7PM, 30 + 163));
    expect((await h.ok('shows.save', input(at(WED_7PM, 30), { id: s.id, basePrice: 900 }), M)).basePrice).toBe(900);
  });

  it('CONFLICT when moving a show with sales; its price may still change', async () => {
    const s = await h.ok('shows.save', input(), M);
    insertSoldClaims(h.engine.ctx.db, s.id, [seatId('A', 1)], h.clock.now());
    const e = await h.err('shows.save', input(at(WED_7PM, 60), { id: s.id }), M);
    expect(e.code).toBe('CONFLICT');
    addHall2();
    expect((await h.err('shows.save', input(WED_7PM, { id: s.id, hallId: 'hall_2' }), M)).code).toBe('CONFLICT');
    const priced = await h.ok('shows.save', input(WED_7PM, { id: s.id, basePrice: 1500 }), M);
    expect(priced).toMatchObject({ startsAt: WED_7PM, hallId: T.hall, basePrice: 1500 });
  });

  it('refuses the past (VALIDATION), unknown movie or hall (NOT_FOUND), an archived movie (CONFLICT)', async () => {
    expect((await h.err('shows.save', input('2026-11-23T14:00:00.000Z'), M)).code).toBe('VALIDATION');
    expect((await h.err('shows.save', input(WED_7PM, { movieId: 'mv_nope' }), M)).code).toBe('NOT_FOUND');
    expect((await h.err('shows.save', input(WED_7PM, { hallId: 'hall_nope' }), M)).code).toBe('NOT_FOUND');
    expect((await h.err('shows.save', input(WED_7PM, { id: 'show_nope' }), M)).code).toBe('NOT_FOUND');
    h.engine.ctx.db.prepare('UPDATE movies SET archived = 1').run();
    expect((await h.err('shows.save', input(), M)).code).toBe('CONFLICT');
    expect(count(h.engine.ctx.db, 'SELECT count(*) AS n FROM shows')).toBe(0);
    expect(h.events).toEqual([]);
  });

  it('rejects bad input with VALIDATION, and is for managers only', async () => {
    expect((await h.err('shows.save', input(WED_7PM, { basePrice: -1 }), M)).code).toBe('VALIDATION');
    expect((await h.err('shows.save', input('2026-11-26 19:00'), M)).code).toBe('VALIDATION');
    expect((await h.err('shows.save', input(), C)).code).toBe('FORBIDDEN');
    expect((await h.err('shows.save', input())).code).toBe('UNAUTHENTICATED');
    expect(count(h.engine.ctx.db, 'SELECT count(*) AS n FROM shows')).toBe(0);
  });
});
