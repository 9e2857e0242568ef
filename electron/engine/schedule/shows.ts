// The schedule: list shows with live seat counts, and create or move a show without overlaps.
import { claimCounts, getShowRow, toShow, type ShowRow } from '../inventory/claims';
import { BoxOfficeError, type ChannelOutput, type ParsedInput, type Show } from '../../../shared/contract';
import { localDayRange, localParts } from '../../../shared/localTime';
import type { Actor, EngineCtx } from '../context';
import type { Db } from '../db/open';
import { stmt } from '../db/stmts';
import { newId } from '../ids';
import { writeAudit } from '../audit/audit';
import { getSettings } from '../settings/settings';
import { hallCapacity } from '../catalog/capacity';

const NO_END = 8.64e15; // the largest JS date: "no upper bound" without a second query shape

/** [lo, hi) instants of the requested local dates in one zone. No dates: from the start of today. */
function rangeIn(tz: string, input: ParsedInput<'shows.list'>, now: number): [number, number] {
  if (input.date) return localDayRange(input.date, tz);
  const from = input.from ?? localParts(now, tz).date;
  return [localDayRange(from, tz)[0], input.to ? localDayRange(input.to, tz)[1] : NO_END];
}

interface ListRow extends ShowRow {
  movie_title: string; hall_name: string; theater_id: string; layout_version: number; timezone: string; held: number; sold: number;
  /** House seats (shows.blockSeats) of this show: not for sale. */
  house: number;
}

/**
 * One statement: the shows in range, then held/sold per show as a grouped sub-query over just
 * those shows (no query per show); each hall's capacity comes from its count per layout version.
 * `from` picks how the shows in range are found: for one theater (what a counter asks) through
 * that theater's halls and the shows_hall_start index, a short range per hall; otherwise a range
 * scan on shows_start.
 */
function listShowsSql(byTheater: boolean): string {
  // CROSS JOIN fixes the loop order: the theater's halls outside, each hall's range of shows inside.
  const from = byTheater
    ? `halls h
  CROSS JOIN shows s INDEXED BY shows_hall_start ON s.hall_id = h.id
  JOIN theaters t ON t.id = h.theater_id`
    : `shows s
  JOIN halls h ON h.id = s.hall_id
  JOIN theaters t ON t.id = h.theater_id`;
  return `
WITH sel AS MATERIALIZED (
  SELECT s.*, m.title AS movie_title, h.name AS hall_name, h.theater_id, h.layout_version, t.timezone
  FROM ${from}
  JOIN movies m ON m.id = s.movie_id
  WHERE s.starts_at >= @lo AND s.starts_at < @hi
    AND ${byTheater ? 'h.theater_id = @theater' : '(@theater IS NULL OR h.theater_id = @theater)'}
    AND (@movie IS NULL OR s.movie_id = @movie)
    AND (@hall IS NULL OR s.hall_id = @hall)
    AND (@cancelled = 1 OR s.status = 'scheduled')
)
SELECT sel.*, coalesce(c.held, 0) AS held, coalesce(c.sold, 0) AS sold,
       coalesce(hb.n, 0) AS house
FROM sel
LEFT JOIN (
  SELECT show_id,
         sum(hold_id IS NOT NULL AND expires_at > @now) AS held,
         sum(booking_id IS NOT NULL) AS sold
  FROM seat_claims WHERE show_id IN (SELECT id FROM sel)
  GROUP BY show_id
) c ON c.show_id = sel.id
LEFT JOIN (
  SELECT show_id, count(*) AS n FROM show_blocks WHERE show_id IN (SELECT id FROM sel) GROUP BY show_id
) hb ON hb.show_id = sel.id
ORDER BY sel.starts_at, sel.hall_name, sel.id`;
}

export const LIST_SHOWS_SQL = listShowsSql(false);
export const LIST_THEATER_SHOWS_SQL = listShowsSql(true);

export function listShows(ctx: EngineCtx, input: ParsedInput<'shows.list'>, _actor: Actor): ChannelOutput<'shows.list'> {
  if (!input.date && input.from && input.to && input.from > input.to) {
    throw new BoxOfficeError('VALIDATION', '"from" must not be after "to"', [{ path: 'from', message: 'after "to"', code: 'custom' }]);
  }
  const now = ctx.clock.now();
  // Local dates are judged in each show's theater zone: one range per zone in use, queried as
  // their union, then each row checked against its own zone's range.
  const zones = (
    input.theaterId
      ? stmt(ctx.db, 'SELECT timezone FROM theaters WHERE id = ?').all(input.theaterId)
      : stmt(ctx.db, 'SELECT DISTINCT timezone FROM theaters').all()
  ) as { timezone: string }[];
  if (zones.length === 0) return [];
  const ranges = new Map(zones.map((z) => [z.timezone, rangeIn(z.timezone, input, now)]));
  const all = [...ranges.values()];
  const rows = stmt(ctx.db, input.theaterId ? LIST_THEATER_SHOWS_SQL : LIST_SHOWS_SQL).all({
    lo: Math.min(...all.map((r) => r[0])),
    hi: Math.max(...all.map((r) => r[1])),
    theater: input.theaterId ?? null,
    movie: input.movieId ?? null,
    hall: input.hallId ?? null,
    cancelled: input.includeCancelled ? 1 : 0,
    now,
  }) as ListRow[];
  const out: ChannelOutput<'shows.list'> = [];
  const closeAfter = getSettings(ctx).salesCloseMinutesAfterStart * 60_000;
  for (const r of rows) {
    const [lo, hi] = ranges.get(r.timezone)!;
    if (r.starts_at < lo || r.starts_at >= hi) continue;
    const capacity = hallCapacity(ctx.db, r.hall_id, r.layout_version);
    out.push({
      ...toShow(r),
      movieTitle: r.movie_title,
      hallName: r.hall_name,
      theaterId: r.theater_id,
      capacity,
      // A seat sold and later blocked (past shows) must not make "available" negative.
      available: Math.max(0, capacity - r.held - r.sold - r.house),
      held: r.held,
      sold: r.sold,
      salesCloseAt: new Date(r.starts_at + closeAfter).toISOString(),
    });
  }
  return out;
}

// The longest possible block (120 min trailers + 600 min film + 240 min cleaning, the contract's
// limits) is under 24 h, so a show that starts more than 24 h earlier cannot overlap; bounding
// the search lets the shows_hall_start index do a short range scan.
const MAX_BLOCK_MS = 24 * 60 * 60_000;

/** Scheduled shows in the hall whose block overlaps [start, end); touching blocks are fine. */
export function overlappingShows(db: Db, hallId: string, start: number, blockEnd: number, exceptId: string | null): string[] {
  const rows = stmt(db, 
      `SELECT id FROM shows
       WHERE hall_id = @hall AND starts_at > @earliest AND starts_at < @end AND block_end > @start
         AND status = 'scheduled' AND id IS NOT @except
       ORDER BY starts_at`,
    )
    .all({ hall: hallId, earliest: start - MAX_BLOCK_MS, start, end: blockEnd, except: exceptId }) as { id: string }[];
  return rows.map((r) => r.id);
}

const MAX_AHEAD_MS = 2 * 366 * 24 * 60 * 60_000;

export function saveShow(ctx: EngineCtx, input: ParsedInput<'shows.save'>, actor: Actor): ChannelOutput<'shows.save'> {
  const now = ctx.clock.now();
  const start = Date.parse(input.startsAt);
  const trailerMinutes = getSettings(ctx).trailerMinutes;

  const id = ctx.db.transaction(() => {
    const before = input.id ? (getShowRow(ctx.db, input.id) ?? null) : null;
    if (input.id && !before) throw new BoxOfficeError('NOT_FOUND', 'No such show');
    if (before?.status === 'cancelled') throw new BoxOfficeError('CONFLICT', 'This show was cancelled and cannot be changed');

    const movie = stmt(ctx.db, 'SELECT id, title, duration_minutes, archived FROM movies WHERE id = ?').get(input.movieId) as
      | { id: string; title: string; duration_minutes: number; archived: number }
      | undefined;
    if (!movie) throw new BoxOfficeError('NOT_FOUND', 'No such movie');
    const hall = stmt(ctx.db, 'SELECT id, cleaning_minutes FROM halls WHERE id = ?').get(input.hallId) as
      | { id: string; cleaning_minutes: number }
      | undefined;
    if (!hall) throw new BoxOfficeError('NOT_FOUND', 'No such hall');

    const moving = !before || before.starts_at !== start || before.hall_id !== input.hallId || before.movie_id !== input.movieId;
    // An archived film may keep the shows it has, but gets no new ones.
    if (movie.archived && (!before || before.movie_id !== movie.id)) {
      throw new BoxOfficeError('CONFLICT', `"${movie.title}" is archived; restore it before scheduling it`);
    }
    if (moving && start < now) {
      throw new BoxOfficeError('VALIDATION', 'A show cannot start in the past', [{ path: 'startsAt', message: 'in the past', code: 'custom' }]);
    }
    // Schedules are planned weeks ahead, not centuries: a far date is a typing slip (and past the
    // year 9999 an instant no longer fits the contract's ISO format).
    if (moving && start > now + MAX_AHEAD_MS) {
      throw new BoxOfficeError('VALIDATION', 'A show can be scheduled at most two years ahead', [{ path: 'startsAt', message: 'more than two years ahead', code: 'custom' }]);
    }
    if (before && moving) {
      if (before.starts_at <= now) throw new BoxOfficeError('CONFLICT', 'This show has already started and cannot be moved');
      const claims = claimCounts(ctx.db, [before.id], now).get(before.id)!;
      if (claims.sold > 0) {
        throw new BoxOfficeError('CONFLICT', 'Tickets are already sold for this show; cancel it (refunding them) instead of moving it');
      }
      // Held seats belong to the old hall's layout: they would point at seats that are not there.
      if (before.hall_id !== input.hallId && claims.held > 0) {
        throw new BoxOfficeError('CONFLICT', 'Seats are being held for this show right now; try again when the sale is done');
      }
    }

    let endsAt = before?.ends_at ?? 0;
    let blockEnd = before?.block_end ?? 0;
    if (moving) {
      endsAt = start + (trailerMinutes + movie.duration_minutes) * 60_000;
      blockEnd = endsAt + hall.cleaning_minutes * 60_000;
      const conflicts = overlappingShows(ctx.db, hall.id, start, blockEnd, before?.id ?? null);
      if (conflicts.length > 0) {
        throw new BoxOfficeError('SCHEDULE_CONFLICT', 'The hall is busy then: this show would overlap another one (including trailers and cleaning)', { conflicts });
      }
    }
    const format = input.format ?? before?.format ?? '2D';
    const showId = before?.id ?? newId('show');
    if (before) {
      stmt(ctx.db, 'UPDATE shows SET movie_id = ?, hall_id = ?, starts_at = ?, ends_at = ?, block_end = ?, base_price = ?, format = ? WHERE id = ?')
        .run(input.movieId, input.hallId, start, endsAt, blockEnd, input.basePrice, format, showId);
    } else {
      stmt(ctx.db, 
          `INSERT INTO shows (id, movie_id, hall_id, starts_at, ends_at, block_end, base_price, format, status, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'scheduled', ?)`,
        )
        .run(showId, input.movieId, input.hallId, start, endsAt, blockEnd, input.basePrice, format, now);
    }
    writeAudit(ctx, actor, before ? 'shows.update' : 'shows.create', showId, {
      movie: movie.title,
      hallId: input.hallId,
      startsAt: input.startsAt,
      basePrice: input.basePrice,
      format,
      ...(before ? { before: toShow(before) } : {}),
    });
    return showId;
  }).immediate();

  // After the commit: nobody is told about a change that was rolled back. A price or format
  // edit is announced too, so open show lists refresh.
  ctx.emit('shows.changed', { showId: id });
  return toShow(getShowRow(ctx.db, id)!);
}
