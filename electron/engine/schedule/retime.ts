// Re-timing the shows that have not started when what their block is made of changes: a movie's
// running time, a hall's cleaning minutes, or the trailer minutes of the settings. A show's block
// is start + trailers + film (its end) + cleaning (its block end); without this, a film found to
// run 20 minutes longer would leave the next show starting in a hall still in use.
// Start times never move (they are printed on tickets); shows already running keep their block.
// If a new block would overlap another show, the whole change is refused with SCHEDULE_CONFLICT
// naming the shows, and the manager moves or cancels one first: a schedule never overlaps silently.
import { BoxOfficeError } from '../../../shared/contract';
import type { Db } from '../db/open';
import { localParts } from '../../../shared/localTime';
import { overlappingShows } from './shows';

export type RetimeScope = { movieId: string } | { hallId: string } | { all: true };

/** Call inside the write transaction that changed the movie, hall or trailer minutes. Returns the re-timed show ids. */
export function retimeUpcomingShows(db: Db, now: number, scope: RetimeScope, trailerMinutes: number): string[] {
  const movie = 'movieId' in scope ? scope.movieId : null;
  const hall = 'hallId' in scope ? scope.hallId : null;
  const changed = db
    .prepare(
      `UPDATE shows AS s
          SET ends_at = s.starts_at + (@trailer + m.duration_minutes) * 60000,
              block_end = s.starts_at + (@trailer + m.duration_minutes + h.cleaning_minutes) * 60000
         FROM movies m, halls h
        WHERE m.id = s.movie_id AND h.id = s.hall_id
          AND s.status = 'scheduled' AND s.starts_at > @now
          AND (@movie IS NULL OR s.movie_id = @movie) AND (@hall IS NULL OR s.hall_id = @hall)
          AND (s.ends_at != s.starts_at + (@trailer + m.duration_minutes) * 60000
               OR s.block_end != s.starts_at + (@trailer + m.duration_minutes + h.cleaning_minutes) * 60000)
        RETURNING id, hall_id, starts_at, block_end -- only the updated table is visible here, unqualified
      `,
    )
    .all({ trailer: trailerMinutes, now, movie, hall }) as { id: string; hall_id: string; starts_at: number; block_end: number }[];

  // Starts do not move, so a longer block can only run into the shows after it: report those
  // (the later show would otherwise name the same pair a second time). Earliest first.
  const startOf = db.prepare('SELECT starts_at FROM shows WHERE id = ?').pluck();
  const overruns = changed
    .map((c) => ({ c, into: overlappingShows(db, c.hall_id, c.starts_at, c.block_end, c.id).filter((o) => (startOf.get(o) as number) > c.starts_at) }))
    .filter((x) => x.into.length > 0)
    .sort((a, b) => a.c.starts_at - b.c.starts_at || a.c.id.localeCompare(b.c.id));
  if (overruns.length) {
    const n = overruns.length;
    throw new BoxOfficeError(
      'SCHEDULE_CONFLICT',
      `With this change ${n} upcoming show${n === 1 ? '' : 's'} would run into the next one in ${n === 1 ? 'its' : 'their'} hall ` +
        `(first: ${describeShow(db, overruns[0]!.c.id)}); move or cancel ${n === 1 ? 'it' : 'them'} first`,
      // conflicts: show ids, as shows.save gives them; overlaps: which show each would run into.
      { conflicts: overruns.map((x) => x.c.id), overlaps: overruns.map((x) => ({ showId: x.c.id, runsInto: x.into })) },
    );
  }
  return changed.map((c) => c.id);
}

/** "Inception, Hall 1, 2026-11-23 18:00" in the theater's own time: enough to find it on the schedule. */
function describeShow(db: Db, showId: string): string {
  const r = db
    .prepare(
      `SELECT m.title, h.name AS hall, t.timezone, s.starts_at FROM shows s
         JOIN movies m ON m.id = s.movie_id JOIN halls h ON h.id = s.hall_id JOIN theaters t ON t.id = h.theater_id
        WHERE s.id = ?`,
    )
    .get(showId) as { title: string; hall: string; timezone: string; starts_at: number };
  const local = localParts(r.starts_at, r.timezone);
  return `${r.title}, ${r.hall}, ${local.date} ${local.time}`;
}
