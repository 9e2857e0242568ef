import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../support/engineHarness';
import { seedBasics } from '../support/fixtures';
import { seedDemo, seedLargeHall } from '../../electron/engine/demo/seed';
import { count } from './claimsSql';

let h: Harness;
afterEach(() => h?.close());

describe('demo data', () => {
  let manager: string;
  let cashier: string;
  beforeEach(async () => {
    h = makeHarness(); // Monday 23 Nov 2026, 10:00 in New York
    expect(seedDemo(h.engine.ctx)).toBe(true);
    manager = (await h.ok('auth.login', { name: 'Manager', pin: '1234' })).token;
    cashier = (await h.ok('auth.login', { name: 'Cashier', pin: '0000' })).token;
  });

  it('has the demo accounts with their roles', async () => {
    const staff = await h.ok('staff.list', {}, manager);
    expect(staff.map((s) => [s.name, s.role])).toEqual([['Cashier', 'cashier'], ['Manager', 'manager']]);
    expect((await h.err('staff.list', {}, cashier)).code).toBe('FORBIDDEN');
  });

  it('has PVR Cinemas with Hall 1 (60 seats, aisle) and a larger accessible Hall 2', async () => {
    const [theater, ...others] = await h.ok('theaters.list', {}, cashier);
    expect(others).toEqual([]);
    expect(theater).toMatchObject({ name: 'PVR Cinemas', city: 'New York', timezone: 'America/New_York', currency: 'USD' });
    const byName = new Map(theater!.halls.map((x) => [x.name, x]));
    const hall1 = await h.ok('halls.get', { id: byName.get('Hall 1')!.id }, cashier);
    expect(hall1.capacity).toBe(60);
    expect(hall1.rows.map((r) => [r.label, r.seats.length, r.seats[0]!.type])).toEqual([
      ['A', 10, 'vip'], ['B', 10, 'vip'], ['C', 10, 'premium'], ['D', 10, 'premium'], ['E', 10, 'regular'], ['F', 10, 'regular'],
    ]);
    expect(hall1.rows[0]!.seats.map((s) => s.column)).toEqual([1, 2, 3, 4, 5, 7, 8, 9, 10, 11]); // aisle after 5
    const hall2 = await h.ok('halls.get', { id: byName.get('Hall 2')!.id }, cashier);
    expect(hall2.capacity).toBeGreaterThanOrEqual(200);
    const types = new Set(hall2.rows.flatMap((r) => r.seats.map((s) => s.type)));
    for (const t of ['recliner', 'wheelchair', 'companion']) expect(types).toContain(t);
    const cols = hall2.rows[1]!.seats.map((s) => s.column);
    expect(cols.some((c, i) => i > 0 && c - cols[i - 1]! > 1)).toBe(true); // an aisle
  });

  it('has Inception, The Dark Knight and at least four more films', async () => {
    const movies = await h.ok('movies.search', {}, cashier);
    expect(movies.length).toBeGreaterThanOrEqual(6);
    expect(movies.find((m) => m.title === 'Inception')).toMatchObject({ durationMinutes: 148, genres: ['Sci-Fi', 'Thriller'], language: 'English', rating: 'PG-13' });
    expect(movies.find((m) => m.title === 'The Dark Knight')).toMatchObject({ durationMinutes: 152, genres: ['Action', 'Crime'], language: 'English', rating: 'PG-13' });
  });

  it('schedules both halls over the next 7 days, all to come, never overlapping', async () => {
    const now = h.clock.now();
    const shows = await h.ok('shows.list', { from: '2026-11-23', to: '2026-11-29' }, cashier);
    const total = count(h.engine.ctx.db, 'SELECT count(*) AS n FROM shows');
    expect(shows.length).toBe(total);
    expect(new Set(shows.map((s) => s.hallName))).toEqual(new Set(['Hall 1', 'Hall 2']));
    for (const date of ['2026-11-23', '2026-11-26', '2026-11-29']) expect((await h.ok('shows.list', { date }, cashier)).length).toBeGreaterThanOrEqual(6);
    expect(shows.every((s) => Date.parse(s.startsAt) > now && s.basePrice > 0 && s.available === s.capacity)).toBe(true);
    expect(Math.max(...shows.map((s) => Date.parse(s.startsAt)))).toBeLessThan(now + 7 * 86_400_000);
    const overlaps = count(
      h.engine.ctx.db,
      `SELECT count(*) AS n FROM shows a JOIN shows b ON a.hall_id = b.hall_id AND a.id < b.id
       WHERE a.starts_at < b.block_end AND b.starts_at < a.block_end`,
    );
    expect(overlaps).toBe(0);
    // The blocks follow the trailer, runtime and cleaning rules, as shows.save would compute them.
    const bad = count(
      h.engine.ctx.db,
      `SELECT count(*) AS n FROM shows s JOIN movies m ON m.id = s.movie_id JOIN halls h ON h.id = s.hall_id
       WHERE s.ends_at <> s.starts_at + (15 + m.duration_minutes) * 60000 OR s.block_end <> s.ends_at + h.cleaning_minutes * 60000`,
    );
    expect(bad).toBe(0);
  });

  it('prices Hall 1\'s Inception at $15.00: A1+A2 = $45.00 and C5+C6 = $39.00 on a weekday', async () => {
    const shows = await h.ok('shows.list', { from: '2026-11-23', to: '2026-11-29' }, cashier);
    const inception = shows.filter((s) => s.movieTitle === 'Inception' && s.hallName === 'Hall 1');
    expect(inception.length).toBeGreaterThan(0);
    expect(inception.every((s) => s.basePrice === 1500)).toBe(true);
    // A weekday show (Monday to Friday in New York).
    const weekday = inception.find((s) => ![0, 6].includes(new Date(Date.parse(s.startsAt) - 5 * 3_600_000).getUTCDay()))!;
    const map = await h.ok('seats.map', { showId: weekday.id }, cashier);
    const id = (label: string) => map.seats.find((s) => s.label === label)!.id;
    const quote = async (labels: string[]) =>
      (await h.ok('pricing.quote', { showId: weekday.id, tickets: labels.map((l) => ({ seatId: id(l), ticketType: 'adult' })) }, cashier)).total;
    expect(await quote(['A1', 'A2'])).toBe(4500);
    expect(await quote(['C5', 'C6'])).toBe(3900);
  });

  it('does nothing the second time', async () => {
    const before = count(h.engine.ctx.db, 'SELECT count(*) AS n FROM shows');
    expect(seedDemo(h.engine.ctx)).toBe(false);
    expect(count(h.engine.ctx.db, 'SELECT count(*) AS n FROM shows')).toBe(before);
    expect(count(h.engine.ctx.db, 'SELECT count(*) AS n FROM theaters')).toBe(1);
  });

  it('adds a 3,000-seat Grand Hall with one show soon, once', async () => {
    const { hallId, showId } = seedLargeHall(h.engine.ctx);
    const hall = await h.ok('halls.get', { id: hallId }, cashier);
    expect(hall).toMatchObject({ name: 'Grand Hall', capacity: 3000 });
    expect(hall.rows).toHaveLength(50);
    expect(hall.rows[49]!.label).toBe('AX');
    expect(hall.rows[10]!.seats.map((s) => s.column).slice(14, 17)).toEqual([15, 17, 18]); // aisle after 15
    const [show] = await h.ok('shows.list', { hallId, date: '2026-11-23' }, cashier);
    expect(show).toMatchObject({ id: showId, capacity: 3000, available: 3000 });
    expect(Date.parse(show!.startsAt)).toBeGreaterThan(h.clock.now());
    expect(seedLargeHall(h.engine.ctx)).toEqual({ hallId, showId });
    expect(count(h.engine.ctx.db, 'SELECT count(*) AS n FROM halls')).toBe(3);
  });
});

describe('demo data on a box office in use', () => {
  it('leaves a database with staff alone', () => {
    h = makeHarness();
    seedBasics(h.engine.ctx.db, { now: h.clock.now() });
    expect(seedDemo(h.engine.ctx, { largeHall: true })).toBe(false);
    expect(count(h.engine.ctx.db, 'SELECT count(*) AS n FROM halls')).toBe(1);
    expect(count(h.engine.ctx.db, 'SELECT count(*) AS n FROM shows')).toBe(0);
  });

  it('leaves a database with a theater but no staff yet alone (no second theater)', () => {
    h = makeHarness();
    h.engine.ctx.db
      .prepare("INSERT INTO theaters (id, name, city, timezone, currency, created_at) VALUES ('th_x', 'Real Cinema', 'Boston', 'America/New_York', 'USD', 0)")
      .run();
    expect(seedDemo(h.engine.ctx)).toBe(false);
    expect(count(h.engine.ctx.db, 'SELECT count(*) AS n FROM theaters')).toBe(1);
    expect(count(h.engine.ctx.db, 'SELECT count(*) AS n FROM staff')).toBe(0);
  });

  it('can add the large hall in the same call on an empty one', () => {
    h = makeHarness({ now: Date.parse('2026-11-24T04:50:00.000Z') }); // 23:50 local: today is nearly over
    expect(seedDemo(h.engine.ctx, { largeHall: true })).toBe(true);
    expect(count(h.engine.ctx.db, "SELECT count(*) AS n FROM seats s JOIN halls h ON h.id = s.hall_id WHERE h.name = 'Grand Hall'")).toBe(3000);
    expect(count(h.engine.ctx.db, 'SELECT count(*) AS n FROM shows WHERE starts_at <= ?', h.clock.now())).toBe(0);
  });
});
