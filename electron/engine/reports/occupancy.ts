// Occupancy per show: how full each scheduled show starting in a range of local days is.
// capacity = the hall's sellable seats now (not removed, not blocked); sold = live sold claims
// (seat_claims rows carrying a booking), so a cancelled booking's seats no longer count.
import { BoxOfficeError, type ChannelOutput, type ParsedInput } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';
import { iso } from '../clock';
import { dayRange, reportTheater } from './zone';
import { stmt } from '../db/stmts';

/** Enough for a year-on-year look; bounds the work one call can ask for. */
const MAX_DAYS = 400;

interface Row { id: string; starts_at: number; title: string; hall_name: string; capacity: number; sold: number }

// The capacity is counted once per hall (the CTE), not once per show; sold uses the claims'
// primary key prefix (show_id) so it reads only that show's claims.
const SQL = `
  WITH picked AS (
    SELECT s.id, s.starts_at, s.hall_id, s.movie_id
    FROM shows s JOIN halls h ON h.id = s.hall_id
    WHERE s.starts_at >= ? AND s.starts_at < ? AND s.status = 'scheduled' AND h.theater_id = ?
  ),
  cap AS (
    SELECT hall_id, COUNT(*) AS n FROM seats
    WHERE hall_id IN (SELECT DISTINCT hall_id FROM picked) AND removed = 0 AND blocked = 0
    GROUP BY hall_id
  )
  SELECT p.id, p.starts_at, m.title, h.name AS hall_name, COALESCE(cap.n, 0) AS capacity,
         (SELECT COUNT(*) FROM seat_claims c WHERE c.show_id = p.id AND c.booking_id IS NOT NULL) AS sold
  FROM picked p
  JOIN movies m ON m.id = p.movie_id
  JOIN halls h ON h.id = p.hall_id
  LEFT JOIN cap ON cap.hall_id = p.hall_id
  ORDER BY p.starts_at, p.id`;

export function occupancyReport(ctx: EngineCtx, input: ParsedInput<'reports.occupancy'>, _actor: Actor): ChannelOutput<'reports.occupancy'> {
  if (input.from > input.to) {
    throw new BoxOfficeError('VALIDATION', 'The range ends before it starts', [{ path: 'to', message: 'must not be before from', code: 'custom' }]);
  }
  const theater = reportTheater(ctx.db, input.theaterId);
  const [from] = dayRange(input.from, theater.timezone);
  const [, to] = dayRange(input.to, theater.timezone);
  if (to - from > MAX_DAYS * 86_400_000) {
    throw new BoxOfficeError('VALIDATION', `Pick a range of at most ${MAX_DAYS} days`, [{ path: 'to', message: 'range too long', code: 'custom' }]);
  }
  const rows = stmt(ctx.db, SQL).all(from, to, theater.id) as Row[];
  return rows.map((r) => ({
    showId: r.id,
    startsAt: iso(r.starts_at),
    movieTitle: r.title,
    hallName: r.hall_name,
    capacity: r.capacity,
    sold: r.sold,
    // A seat sold and blocked afterwards can push sold past capacity; a fraction stays within 0..1.
    occupancy: r.capacity > 0 ? Math.min(1, Math.round((r.sold / r.capacity) * 10_000) / 10_000) : 0,
  }));
}
