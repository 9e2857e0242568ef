// Pure schedule arithmetic: a show's block (trailers, movie, cleaning) and overlaps in one hall,
// computed in the page while a manager edits, before the engine is asked.

export interface Block {
  start: number;
  trailersEnd: number;
  movieEnd: number;
  end: number;
}

const MIN = 60_000;

export function blockOf(start: number, trailerMinutes: number, durationMinutes: number, cleaningMinutes: number): Block {
  const trailersEnd = start + trailerMinutes * MIN;
  const movieEnd = trailersEnd + durationMinutes * MIN;
  return { start, trailersEnd, movieEnd, end: movieEnd + cleaningMinutes * MIN };
}

/** The block of an existing show from its startsAt/endsAt (endsAt = start + trailers + runtime). */
export function blockOfShow(show: { startsAt: string; endsAt: string }, trailerMinutes: number, cleaningMinutes: number): Block {
  const start = Date.parse(show.startsAt);
  const movieEnd = Date.parse(show.endsAt);
  const trailersEnd = Math.min(movieEnd, start + trailerMinutes * MIN);
  return { start, trailersEnd, movieEnd, end: movieEnd + cleaningMinutes * MIN };
}

/** Blocks may touch, not overlap. */
export function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

export interface Placed {
  id: string;
  hallId: string;
  status?: string;
  block: Block;
}

/** Scheduled shows in the same hall whose block overlaps the candidate's (ignoring the show itself). */
export function conflictsOf<T extends Placed>(candidate: { id?: string; hallId: string; block: Block }, others: T[]): T[] {
  return others.filter(
    (o) => o.id !== candidate.id && o.hallId === candidate.hallId && o.status !== 'cancelled' && overlaps(candidate.block, o.block),
  );
}

/** Fraction [0, 1] of a span that an instant sits at, clamped. */
export function fraction(t: number, from: number, to: number): number {
  return Math.min(1, Math.max(0, (t - from) / (to - from)));
}
