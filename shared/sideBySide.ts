// The one definition of "side by side" (contract v2, "Seats that belong together"): two seats of
// one row touch when one's column + width is the other's column; any larger gap is an aisle.
// Best-available, the no-single-empty-seat rule, the layout checks and the seat map's keyboard
// all ask this file, so a 2-wide recliner is next to its neighbour everywhere or nowhere.

/** A seat's place on the hall grid: its row (label or index), first column and width in columns. */
export interface Placed {
  row: string | number;
  column: number;
  /** Grid columns the seat spans, 1 to 3; absent means 1. */
  width?: number;
}

export const MIN_SEAT_WIDTH = 1;
export const MAX_SEAT_WIDTH = 3;

export function widthOf(s: Pick<Placed, 'width'>): number {
  return s.width ?? 1;
}

/** The first grid column to the right of the seat. */
export function endOf(s: Pick<Placed, 'column' | 'width'>): number {
  return s.column + widthOf(s);
}

/** The seat's horizontal centre in grid columns (a 1-wide seat's centre is its column). */
export function centreOf(s: Pick<Placed, 'column' | 'width'>): number {
  return s.column + (widthOf(s) - 1) / 2;
}

/** True when `b` is the seat immediately to the right of `a` in the same row. */
export function isRightOf(a: Placed, b: Placed): boolean {
  return a.row === b.row && endOf(a) === b.column;
}

/** Two seats of one row are side by side when one's column + width equals the other's column. */
export function sideBySide(a: Placed, b: Placed): boolean {
  return isRightOf(a, b) || isRightOf(b, a);
}

/** True when two seats of one row would cover a common grid column. */
export function overlaps(a: Placed, b: Placed): boolean {
  return a.row === b.row && a.column < endOf(b) && b.column < endOf(a);
}

/**
 * One row's seats (any order) as runs: maximal stretches of seats side by side, left to right.
 * Seats of other rows must not be mixed in (a run never crosses rows).
 */
export function runsInRow<T extends Placed>(seats: readonly T[]): T[][] {
  const sorted = [...seats].sort((a, b) => a.column - b.column);
  const runs: T[][] = [];
  let cur: T[] = [];
  for (const s of sorted) {
    const prev = cur[cur.length - 1];
    if (prev && !isRightOf(prev, s)) {
      runs.push(cur);
      cur = [];
    }
    cur.push(s);
  }
  if (cur.length) runs.push(cur);
  return runs;
}
