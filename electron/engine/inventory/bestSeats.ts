// The pure best-available selection: a grid of seats in, seat ids out. No database, no clock, so
// it is unit-tested on hand-drawn grids and its answer depends only on its input (deterministic).
//
// Geometry: row index 0 is nearest the screen; `column` places a seat on the grid and `width` is
// the columns it spans. Two seats of a row are side by side as shared/sideBySide.ts says (one's
// column + width is the other's column); a larger gap is an aisle.
//
// What is asked (a Party): `count` seats of the eligible types, or a `mix` of exactly so many
// seats of each type (one wheelchair place + one companion seat). Both follow the same rule.
//
// Score of a place (lower is better): the squared distance, in hall-normalised coordinates, from
// the sweet spot, which sits two thirds of the way back from the screen and on the hall's centre
// line:  ((row - targetRow) / rowSpan)^2 + ((centre - midColumn) / columnSpan)^2.
// Normalising by the hall's depth and width makes "one row off" and "one seat off" weigh the same
// share of the hall in a 6-row hall and in a 60-row one.
//
// Choice, in order:
//  1. a block of seats side by side in one row, all free, with exactly the asked types, that
//     leaves no single empty seat stranded between it and a taken seat, an aisle or the row's
//     end; best score wins;
//  2. failing that, such a block that does strand one (fewest stranded seats first);
//  3. only when no row has such a block: seats apart (`split`), as tightly as possible (grown seat
//     by seat from the best free seats, preferring the same row, then the row behind or in front,
//     over crossing an aisle), still with exactly the asked types.
import type { SeatType } from '../../../shared/contract';
import { centreOf, endOf, runsInRow } from '../../../shared/sideBySide';

export interface GridSeat {
  id: string;
  /** Row position, 0 nearest the screen (seats.row_index). */
  row: number;
  number: number;
  column: number;
  /** Grid columns the seat spans; absent means 1. */
  width?: number;
  type: SeatType;
  /** Neither blocked nor claimed (held or sold). */
  free: boolean;
}

/** What the cashier asks for: `count` seats of `types` (default: all but ask-only), or an exact mix. */
export type Party =
  | { count: number; types?: readonly SeatType[] }
  | { mix: readonly { type: SeatType; count: number }[] };

export interface BestResult {
  /** Ordered by row, then number. */
  seatIds: string[];
  /** True when no row could seat the party side by side, so these seats are apart. */
  split: boolean;
}

/** Wheelchair spaces and companion seats are only offered to someone who asks for them. */
export const ASK_ONLY_TYPES: readonly SeatType[] = ['wheelchair', 'companion'];
/** The sweet spot's depth: this fraction of the way from the front row to the back row. */
export const SWEET_ROW_FRACTION = 2 / 3;
/** In a split, how far a seat in the next row counts, in seat widths (rows are deeper than seats are wide). */
export const ROW_STEP = 1.5;
/** In a split, how much being away from the sweet spot weighs against keeping the group tight. */
export const SPLIT_SWEET_WEIGHT = 4;
/** Seeds tried for a split: the best free seats; bounds the work on a 3,000-seat hall. */
const SPLIT_SEEDS = 40;

export function isEligibleType(type: SeatType, types?: readonly SeatType[]): boolean {
  return types ? types.includes(type) : !ASK_ONLY_TYPES.includes(type);
}

/** A party as numbers: how many seats in all, which types may be offered, and an exact quota per type (mix only). */
export interface Demand {
  size: number;
  wanted(type: SeatType): boolean;
  /** For a mix: exactly this many seats of each type; null for the count form. */
  quota: ReadonlyMap<SeatType, number> | null;
}

export function demandOf(party: Party): Demand {
  if ('mix' in party) {
    const quota = new Map<SeatType, number>();
    for (const m of party.mix) quota.set(m.type, (quota.get(m.type) ?? 0) + m.count);
    const size = [...quota.values()].reduce((n, c) => n + c, 0);
    return { size, wanted: (t) => (quota.get(t) ?? 0) > 0, quota };
  }
  const types = party.types ? [...new Set(party.types)] : undefined;
  return { size: party.count, wanted: (t) => isEligibleType(t, types), quota: null };
}

/** Free seats the party could use, and whether there are enough of each asked type. */
export function availability(seats: readonly GridSeat[], d: Demand): { usable: GridSeat[]; enough: boolean } {
  const usable = seats.filter((s) => s.free && d.wanted(s.type));
  if (usable.length < d.size) return { usable, enough: false };
  if (d.quota) {
    const have = new Map<SeatType, number>();
    for (const s of usable) have.set(s.type, (have.get(s.type) ?? 0) + 1);
    for (const [t, n] of d.quota) if ((have.get(t) ?? 0) < n) return { usable, enough: false };
  }
  return { usable, enough: true };
}

interface Geometry {
  targetRow: number;
  midColumn: number;
  rowSpan: number;
  columnSpan: number;
}

function geometry(seats: readonly GridSeat[]): Geometry {
  let rMin = Infinity, rMax = -Infinity, cMin = Infinity, cMax = -Infinity;
  for (const s of seats) {
    rMin = Math.min(rMin, s.row); rMax = Math.max(rMax, s.row);
    // The hall's width runs from the leftmost column to the last column a seat covers.
    cMin = Math.min(cMin, s.column); cMax = Math.max(cMax, endOf(s) - 1);
  }
  return {
    targetRow: rMin + (rMax - rMin) * SWEET_ROW_FRACTION,
    midColumn: (cMin + cMax) / 2,
    rowSpan: Math.max(1, rMax - rMin),
    columnSpan: Math.max(1, cMax - cMin),
  };
}

/** Distance score of a place (a row and a horizontal centre) from the sweet spot; 0 is the spot itself. */
export function placeScore(g: Geometry, row: number, centreColumn: number): number {
  const dr = (row - g.targetRow) / g.rowSpan;
  const dc = (centreColumn - g.midColumn) / g.columnSpan;
  return dr * dr + dc * dc;
}

/** Runs: maximal stretches of a row whose seats are side by side. Sorted by row then column. */
export function runsOf(seats: readonly GridSeat[]): GridSeat[][] {
  const byRow = new Map<number, GridSeat[]>();
  for (const s of seats) {
    let r = byRow.get(s.row);
    if (!r) byRow.set(s.row, (r = []));
    r.push(s);
  }
  return [...byRow.keys()].sort((a, b) => a - b).flatMap((row) => runsInRow(byRow.get(row)!));
}

/**
 * Stranded seats when run[from..to] is taken: the seat just outside it on either side that is
 * free while the seat beyond it is not (taken, an aisle or the row's end). 0, 1 or 2.
 */
function strands(run: readonly GridSeat[], from: number, to: number): number {
  let n = 0;
  const left = run[from - 1];
  if (left?.free && !run[from - 2]?.free) n++;
  const right = run[to + 1];
  if (right?.free && !run[to + 2]?.free) n++;
  return n;
}

interface Candidate { seats: GridSeat[]; orphans: number; score: number }

function compareCandidates(a: Candidate, b: Candidate): number {
  return a.orphans - b.orphans || a.score - b.score || a.seats[0]!.row - b.seats[0]!.row || a.seats[0]!.column - b.seats[0]!.column;
}

function bestBlock(seats: readonly GridSeat[], g: Geometry, d: Demand): GridSeat[] | null {
  const count = d.size;
  let best: Candidate | null = null;
  for (const run of runsOf(seats)) {
    if (run.length < count) continue;
    // Slide a window of `count` seats; `ok` counts usable seats in it and `have` their types, so
    // each step is O(1) (a mix names at most six types).
    let ok = 0;
    const have = new Map<SeatType, number>();
    const usable = (x: GridSeat) => x.free && d.wanted(x.type);
    for (let i = 0; i < run.length; i++) {
      const s = run[i]!;
      if (usable(s)) { ok++; have.set(s.type, (have.get(s.type) ?? 0) + 1); }
      const start = i - count + 1;
      if (start > 0) {
        const out = run[start - 1]!;
        if (usable(out)) { ok--; have.set(out.type, have.get(out.type)! - 1); }
      }
      if (start < 0 || ok < count) continue;
      if (d.quota && [...d.quota].some(([t, n]) => have.get(t) !== n)) continue;
      const block = run.slice(start, i + 1);
      const centre = (centreOf(block[0]!) + centreOf(block[block.length - 1]!)) / 2;
      const c: Candidate = { seats: block, orphans: strands(run, start, i), score: placeScore(g, s.row, centre) };
      if (!best || compareCandidates(c, best) < 0) best = c;
    }
  }
  return best?.seats ?? null;
}

function bestSplit(free: readonly GridSeat[], g: Geometry, d: Demand): GridSeat[] {
  // Typed arrays indexed by position in `free`: this loop runs seeds x count x free seats, and on
  // a fragmented 3,000-seat hall Map lookups (by id or by type) would dominate the time.
  const n = free.length;
  const count = d.size;
  const sweet = Float64Array.from(free, (s) => placeScore(g, s.row, centreOf(s)));
  // Grid distance that keeps a split group tight: columns between centres along a row, ROW_STEP per row.
  const x = Float64Array.from(free, centreOf);
  const y = Float64Array.from(free, (s) => s.row * ROW_STEP);
  const gap = (a: number, b: number) => Math.abs(y[a]! - y[b]!) + Math.abs(x[a]! - x[b]!);
  // A mix's quota per type as small integers (the count form has one bucket, never exhausted).
  const kinds = d.quota ? [...d.quota.keys()] : [];
  const kind = Uint8Array.from(free, (s) => Math.max(0, kinds.indexOf(s.type)));
  const quota = d.quota ? Int32Array.from(kinds, (t) => d.quota!.get(t)!) : Int32Array.of(count);
  const left = new Int32Array(quota.length);

  const order = (a: number, b: number) => sweet[a]! - sweet[b]! || free[a]!.row - free[b]!.row || free[a]!.column - free[b]!.column;
  const seeds = Array.from({ length: n }, (_, i) => i).sort(order).slice(0, SPLIT_SEEDS);
  const near = new Float64Array(n);
  const taken = new Uint8Array(n);

  let best: { group: number[]; cost: number } | null = null;
  for (const seed of seeds) {
    // A mix takes only seats of a type it still needs; the count form takes any usable seat.
    left.set(quota);
    taken.fill(0);
    const group = [seed];
    taken[seed] = 1;
    left[kind[seed]!]!--;
    // Each free seat's distance to the nearest member of the group, updated as the group grows.
    for (let i = 0; i < n; i++) near[i] = gap(i, seed);
    let spread = 0;
    while (group.length < count) {
      let pick = -1;
      for (let i = 0; i < n; i++) {
        if (taken[i] || left[kind[i]!]! <= 0) continue;
        if (pick < 0 || near[i]! < near[pick]! || (near[i] === near[pick] && order(i, pick) < 0)) pick = i;
      }
      spread += near[pick]!;
      group.push(pick);
      taken[pick] = 1;
      left[kind[pick]!]!--;
      for (let i = 0; i < n; i++) near[i] = Math.min(near[i]!, gap(i, pick));
    }
    const meanSweet = group.reduce((t, i) => t + sweet[i]!, 0) / group.length;
    const cost = spread + SPLIT_SWEET_WEIGHT * meanSweet;
    if (!best || cost < best.cost) best = { group, cost };
  }
  return best!.group.map((i) => free[i]!);
}

/**
 * The best seats of the grid for the party, or null when too few free seats of the asked types
 * exist. Nothing is held: this is a suggestion for the cashier.
 */
export function pickBestSeats(seats: readonly GridSeat[], party: Party): BestResult | null {
  const d = demandOf(party);
  if (d.size < 1) return { seatIds: [], split: false };
  const { usable, enough } = availability(seats, d);
  if (!enough) return null;
  const g = geometry(seats);
  const block = bestBlock(seats, g, d);
  const chosen = block ?? bestSplit(usable, g, d);
  const ordered = [...chosen].sort((a, b) => a.row - b.row || a.number - b.number);
  return { seatIds: ordered.map((s) => s.id), split: block === null };
}
