// The pure best-available selection: a grid of seats in, seat ids out. No database, no clock, so
// it is unit-tested on hand-drawn grids and its answer depends only on its input (deterministic).
//
// Geometry: row index 0 is nearest the screen; `column` places a seat on the grid, so two seats of
// a row are adjacent only when their columns differ by exactly 1 (a gap is an aisle).
//
// Score of a place (lower is better): the squared distance, in hall-normalised coordinates, from
// the sweet spot, which sits two thirds of the way back from the screen and on the hall's centre
// line:  ((row - targetRow) / rowSpan)^2 + ((centreColumn - midColumn) / columnSpan)^2.
// Normalising by the hall's depth and width makes "one row off" and "one seat off" weigh the same
// share of the hall in a 6-row hall and in a 60-row one.
//
// Choice, in order:
//  1. a block of `count` free eligible seats, adjacent in one row, that leaves no single empty seat
//     stranded between it and a taken seat, an aisle or the row's end; best score wins;
//  2. failing that, such a block that does strand one (fewest stranded seats first);
//  3. failing that, seats split as tightly as possible (grown seat by seat from the best free seats,
//     preferring the same row, then the row behind or in front, over crossing an aisle).
import type { SeatType } from '../../../shared/contract';

export interface GridSeat {
  id: string;
  /** Row position, 0 nearest the screen (seats.row_index). */
  row: number;
  number: number;
  column: number;
  type: SeatType;
  /** Neither blocked nor claimed (held or sold). */
  free: boolean;
}

export interface BestOptions {
  count: number;
  /** Seat types that may be offered; default: all but wheelchair and companion. */
  types?: readonly SeatType[];
}

export interface BestResult {
  /** Ordered by row, then number. */
  seatIds: string[];
  /** True when the seats form one block in one row. */
  contiguous: boolean;
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
    cMin = Math.min(cMin, s.column); cMax = Math.max(cMax, s.column);
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

/** Runs: maximal stretches of a row whose seats sit in adjacent columns. Sorted by row then column. */
export function runsOf(seats: readonly GridSeat[]): GridSeat[][] {
  const sorted = [...seats].sort((a, b) => a.row - b.row || a.column - b.column || a.number - b.number);
  const runs: GridSeat[][] = [];
  let cur: GridSeat[] = [];
  for (const s of sorted) {
    const prev = cur[cur.length - 1];
    if (prev && (prev.row !== s.row || s.column !== prev.column + 1)) {
      runs.push(cur);
      cur = [];
    }
    cur.push(s);
  }
  if (cur.length) runs.push(cur);
  return runs;
}

/** 1 when taking run[from..to] strands the seat just outside it on that side, else 0. */
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

function bestBlock(seats: readonly GridSeat[], g: Geometry, count: number, types?: readonly SeatType[]): GridSeat[] | null {
  let best: Candidate | null = null;
  for (const run of runsOf(seats)) {
    // Slide a window of `count` seats; `ok` counts usable seats in it so each step is O(1).
    let ok = 0;
    for (let i = 0; i < run.length; i++) {
      const s = run[i]!;
      if (s.free && isEligibleType(s.type, types)) ok++;
      const start = i - count + 1;
      if (start > 0) {
        const out = run[start - 1]!;
        if (out.free && isEligibleType(out.type, types)) ok--;
      }
      if (start < 0 || ok < count) continue;
      const block = run.slice(start, i + 1);
      const centre = (block[0]!.column + block[block.length - 1]!.column) / 2;
      const c: Candidate = { seats: block, orphans: strands(run, start, i), score: placeScore(g, s.row, centre) };
      if (!best || compareCandidates(c, best) < 0) best = c;
    }
  }
  return best?.seats ?? null;
}

/** Grid distance used to keep a split group tight: seat widths along a row, ROW_STEP per row. */
function gap(a: GridSeat, b: GridSeat): number {
  return Math.abs(a.row - b.row) * ROW_STEP + Math.abs(a.column - b.column);
}

function bestSplit(free: readonly GridSeat[], g: Geometry, count: number): GridSeat[] {
  // Typed arrays indexed by position in `free`: this loop runs seeds x count x free seats, and on
  // a fragmented 3,000-seat hall Map lookups by id would dominate the time.
  const n = free.length;
  const sweet = Float64Array.from(free, (s) => placeScore(g, s.row, s.column));
  const order = (a: number, b: number) => sweet[a]! - sweet[b]! || free[a]!.row - free[b]!.row || free[a]!.column - free[b]!.column;
  const seeds = Array.from({ length: n }, (_, i) => i).sort(order).slice(0, SPLIT_SEEDS);
  const near = new Float64Array(n);
  const taken = new Uint8Array(n);

  let best: { group: number[]; cost: number } | null = null;
  for (const seed of seeds) {
    const group = [seed];
    taken.fill(0);
    taken[seed] = 1;
    // Each free seat's distance to the nearest member of the group, updated as the group grows.
    for (let i = 0; i < n; i++) near[i] = gap(free[i]!, free[seed]!);
    let spread = 0;
    while (group.length < count) {
      let pick = -1;
      for (let i = 0; i < n; i++) {
        if (taken[i]) continue;
        if (pick < 0 || near[i]! < near[pick]! || (near[i] === near[pick] && order(i, pick) < 0)) pick = i;
      }
      spread += near[pick]!;
      group.push(pick);
      taken[pick] = 1;
      const p = free[pick]!;
      for (let i = 0; i < n; i++) near[i] = Math.min(near[i]!, gap(free[i]!, p));
    }
    const meanSweet = group.reduce((t, i) => t + sweet[i]!, 0) / group.length;
    const cost = spread + SPLIT_SWEET_WEIGHT * meanSweet;
    if (!best || cost < best.cost) best = { group, cost };
  }
  return best!.group.map((i) => free[i]!);
}

/**
 * The best `count` seats of the grid, or null when fewer than `count` free seats of the eligible
 * types exist. Nothing is held: this is a suggestion for the cashier.
 */
export function pickBestSeats(seats: readonly GridSeat[], opts: BestOptions): BestResult | null {
  const { count, types } = opts;
  if (count < 1) return { seatIds: [], contiguous: true };
  const free = seats.filter((s) => s.free && isEligibleType(s.type, types));
  if (free.length < count) return null;
  const g = geometry(seats);
  const block = bestBlock(seats, g, count, types);
  const chosen = block ?? bestSplit(free, g, count);
  const ordered = [...chosen].sort((a, b) => a.row - b.row || a.number - b.number);
  return { seatIds: ordered.map((s) => s.id), contiguous: block !== null };
}
