// Demo data for `serve --demo` and the end-to-end tests: one theater, two halls, eight films,
// a week of shows and two staff accounts; optionally a 3,000-seat hall for the big seat map.
import { BoxOfficeError } from '../../../shared/contract';
import { addDays, localParts, localToInstant } from '../../../shared/localTime';
import type { EngineCtx } from '../context';
import type { Db } from '../db/open';
import { newId } from '../ids';
import { writeAudit } from '../audit/audit';
import { getSettings } from '../settings/settings';
import { hashPin } from '../staff/pin';
import { firstTheaterRow } from '../catalog/theaters';
import { DEMO_MOVIES, DEMO_STAFF, DEMO_THEATER, grandHallRows, hall1Rows, hall2Rows, type DemoRow } from './data';

const MINUTE = 60_000;
const SLOT = 15 * MINUTE;
const roundUp = (t: number, step: number): number => Math.ceil(t / step) * step;

function insertHall(db: Db, theaterId: string, name: string, cleaningMinutes: number, rows: DemoRow[], now: number): string {
  const hallId = newId('hall');
  db.prepare('INSERT INTO halls (id, theater_id, name, cleaning_minutes, created_at) VALUES (?, ?, ?, ?, ?)').run(hallId, theaterId, name, cleaningMinutes, now);
  const seat = db.prepare('INSERT INTO seats (id, hall_id, row_label, row_index, number, col, width, type, blocked) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)');
  rows.forEach((row, ri) => {
    for (const s of row.seats) seat.run(newId('seat'), hallId, row.label, ri, s.number, s.column, s.width ?? 1, s.type);
  });
  return hallId;
}

interface DemoMovieRef { id: string; title: string; duration: number }

function insertShow(db: Db, hallId: string, movieId: string, start: number, endsAt: number, blockEnd: number, basePrice: number, format: string, now: number): string {
  const id = newId('show');
  db.prepare(
    `INSERT INTO shows (id, movie_id, hall_id, starts_at, ends_at, block_end, base_price, format, status, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'scheduled', ?)`,
  ).run(id, movieId, hallId, start, endsAt, blockEnd, basePrice, format, now);
  return id;
}

/**
 * Shows from 10:00 to 23:00 local for 7 days, one after the other: each starts on the first
 * quarter hour after the previous block (trailers + film + cleaning) ends, so none overlap.
 */
function scheduleWeek(
  db: Db, ctx: EngineCtx,
  hall: { id: string; cleaning: number; firstStart: string; basePrice: number; format: string; moviePrices?: Record<string, number> },
  movies: DemoMovieRef[], offset: number, tz: string,
): number {
  const now = ctx.clock.now();
  const trailers = getSettings(ctx).trailerMinutes;
  const today = localParts(now, tz).date;
  let count = 0;
  let m = offset;
  for (let d = 0; d < 7; d++) {
    const date = addDays(today, d);
    const lastStart = localToInstant(date, '23:00', tz);
    let t = localToInstant(date, hall.firstStart, tz);
    if (d === 0) t = Math.max(t, roundUp(now + SLOT, SLOT)); // today: only shows still to come
    while (t <= lastStart) {
      const movie = movies[m++ % movies.length]!;
      const endsAt = t + (trailers + movie.duration) * MINUTE;
      const blockEnd = endsAt + hall.cleaning * MINUTE;
      insertShow(db, hall.id, movie.id, t, endsAt, blockEnd, hall.moviePrices?.[movie.title] ?? hall.basePrice, hall.format, now);
      count++;
      t = roundUp(blockEnd, SLOT);
    }
  }
  return count;
}

/** Any staff or theater means the box office is in use: demo data never goes on top of it. */
function inUse(ctx: EngineCtx): boolean {
  return (ctx.db.prepare('SELECT (SELECT count(*) FROM staff) + (SELECT count(*) FROM theaters) AS n').get() as { n: number }).n > 0;
}

/** Fills an EMPTY box office with demo data; does nothing (returns false) once staff or a theater exists. */
export function seedDemo(ctx: EngineCtx, opts: { largeHall?: boolean } = {}): boolean {
  if (inUse(ctx)) return false;
  const pins = DEMO_STAFF.map((s) => hashPin(s.pin)); // slow: before the write transaction
  const now = ctx.clock.now();
  const tz = DEMO_THEATER.timezone;

  const seeded = ctx.db.transaction(() => {
    // Re-checked inside: a second process may have seeded in the meantime.
    if (inUse(ctx)) return false;
    const theaterId = newId('th');
    ctx.db
      .prepare('INSERT INTO theaters (id, name, city, timezone, currency, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(theaterId, DEMO_THEATER.name, DEMO_THEATER.city, tz, DEMO_THEATER.currency, now);
    const hall1 = insertHall(ctx.db, theaterId, 'Hall 1', 15, hall1Rows(), now);
    const hall2 = insertHall(ctx.db, theaterId, 'Hall 2', 20, hall2Rows(), now);

    const movies: DemoMovieRef[] = [];
    const insertMovie = ctx.db.prepare(
      `INSERT INTO movies (id, title, duration_minutes, genres, language, rating, release_date, synopsis, archived, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`,
    );
    for (const mv of DEMO_MOVIES) {
      const id = newId('mv');
      insertMovie.run(id, mv.title, mv.durationMinutes, JSON.stringify(mv.genres), mv.language, mv.rating, mv.releaseDate, mv.synopsis, now);
      movies.push({ id, title: mv.title, duration: mv.durationMinutes });
    }
    const insertStaff = ctx.db.prepare('INSERT INTO staff (id, name, role, pin_hash, active, created_at) VALUES (?, ?, ?, ?, 1, ?)');
    DEMO_STAFF.forEach((s, i) => insertStaff.run(newId('st'), s.name, s.role, pins[i], now));

    const shows =
      // Inception at $15.00 in Hall 1: the seeds' worked example (A1+A2 vip = $45.00, C5+C6 premium = $39.00 on a weekday).
      scheduleWeek(ctx.db, ctx, { id: hall1, cleaning: 15, firstStart: '10:00', basePrice: 1200, format: '2D', moviePrices: { Inception: 1500 } }, movies, 0, tz) +
      scheduleWeek(ctx.db, ctx, { id: hall2, cleaning: 20, firstStart: '10:30', basePrice: 1000, format: '2D' }, movies, 3, tz);
    writeAudit(ctx, null, 'demo.seed', theaterId, { halls: 2, movies: movies.length, shows });
    return true;
  }).immediate();

  if (seeded && opts.largeHall) seedLargeHall(ctx);
  return seeded;
}

/**
 * Adds the 3,000-seat "Grand Hall" (50 rows x 60 seats, two aisles) to the first theater with one
 * show starting on the next quarter hour (today, unless it is nearly midnight). Idempotent: a
 * second call returns the hall and its next show.
 */
export function seedLargeHall(ctx: EngineCtx): { hallId: string; showId: string } {
  const now = ctx.clock.now();
  return ctx.db.transaction(() => {
    const theater = firstTheaterRow(ctx.db);
    if (!theater) throw new BoxOfficeError('CONFLICT', 'Add the demo data (or a theater) before the Grand Hall');
    const movie = ctx.db
      .prepare("SELECT id, duration_minutes FROM movies WHERE archived = 0 ORDER BY title = 'Inception' DESC, title LIMIT 1")
      .get() as { id: string; duration_minutes: number } | undefined;
    if (!movie) throw new BoxOfficeError('CONFLICT', 'Add a movie before the Grand Hall');

    const found = ctx.db.prepare("SELECT id FROM halls WHERE theater_id = ? AND name = 'Grand Hall'").get(theater.id) as { id: string } | undefined;
    const hallId = found?.id ?? insertHall(ctx.db, theater.id, 'Grand Hall', 20, grandHallRows(), now);
    const next = ctx.db
      .prepare("SELECT id FROM shows WHERE hall_id = ? AND status = 'scheduled' AND starts_at > ? ORDER BY starts_at LIMIT 1")
      .get(hallId, now) as { id: string } | undefined;
    if (next) return { hallId, showId: next.id };

    const start = roundUp(now + SLOT, SLOT);
    const endsAt = start + (getSettings(ctx).trailerMinutes + movie.duration_minutes) * MINUTE;
    // A previous Grand Hall show may still be running: start after its block instead.
    const busy = ctx.db.prepare("SELECT max(block_end) AS b FROM shows WHERE hall_id = ? AND status = 'scheduled'").get(hallId) as { b: number | null };
    const shift = busy.b !== null && busy.b > start ? roundUp(busy.b, SLOT) - start : 0;
    const showId = insertShow(ctx.db, hallId, movie.id, start + shift, endsAt + shift, endsAt + shift + 20 * MINUTE, 1500, 'IMAX', now);
    writeAudit(ctx, null, 'demo.seedLargeHall', hallId, { seats: 3000, showId });
    return { hallId, showId };
  }).immediate();
}
