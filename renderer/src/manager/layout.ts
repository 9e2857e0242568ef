// Pure hall-layout editing: generate a grid, paint seat types and widths, block, remove (aisles),
// and convert to and from halls.get / halls.save. No React, no api: unit-tested on its own.
import type { Hall, MapSeat, SeatType } from '../../../shared/contract';
import { endOf, overlaps, widthOf } from '../../../shared/sideBySide';

export interface EditSeat {
  /** Kept from halls.get so the engine matches existing seats (and the tickets on them). */
  id?: string;
  number: number;
  column: number;
  /** Grid columns the seat spans (1 to 3); absent means 1. */
  width?: number;
  type: SeatType;
  blocked: boolean;
}
export interface EditRow {
  label: string;
  seats: EditSeat[];
}

export type Tool =
  | { kind: 'type'; type: SeatType }
  | { kind: 'block' }
  | { kind: 'unblock' }
  | { kind: 'remove' }
  | { kind: 'add' }
  | { kind: 'width'; width: number };

/** A, B, ..., Z, AA, AB, ... */
export function rowLabel(index: number): string {
  let n = index;
  let s = '';
  do {
    s = String.fromCharCode(65 + (n % 26)) + s;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return s;
}

export function generate(rows: number, seatsPerRow: number, type: SeatType = 'regular'): EditRow[] {
  const out: EditRow[] = [];
  for (let r = 0; r < rows; r++) {
    const seats: EditSeat[] = [];
    for (let n = 1; n <= seatsPerRow; n++) seats.push({ number: n, column: n - 1, type, blocked: false });
    out.push({ label: rowLabel(r), seats });
  }
  return out;
}

export function fromHall(hall: Pick<Hall, 'rows'>): EditRow[] {
  return hall.rows.map((r) => ({
    label: r.label,
    seats: r.seats.map((s) => ({ id: s.id, number: s.number, column: s.column, width: s.width, type: s.type, blocked: s.blocked })),
  }));
}

/** The `rows` of a halls.save input. */
export function toSaveRows(rows: EditRow[]): { label: string; seats: EditSeat[] }[] {
  return rows.map((r) => ({
    label: r.label.trim(),
    seats: [...r.seats]
      .sort((a, b) => a.column - b.column)
      .map((s) => {
        const seat = { number: s.number, column: s.column, width: widthOf(s), type: s.type, blocked: s.blocked };
        return s.id ? { id: s.id, ...seat } : seat;
      }),
  }));
}

/** The seat of the row that covers grid column `column` (a wide seat covers several), if any. */
export function seatAt(row: EditRow, column: number): EditSeat | undefined {
  return row.seats.find((s) => s.column <= column && column < endOf(s));
}

/** Sellable seats: present and not blocked (the engine's definition of capacity). */
export function capacity(rows: EditRow[]): number {
  let n = 0;
  for (const r of rows) for (const s of r.seats) if (!s.blocked) n++;
  return n;
}

export function seatCount(rows: EditRow[]): number {
  return rows.reduce((n, r) => n + r.seats.length, 0);
}

export function columnRange(rows: EditRow[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows)
    for (const s of r.seats) {
      lo = Math.min(lo, s.column);
      hi = Math.max(hi, endOf(s) - 1);
    }
  return lo === Infinity ? [0, -1] : [lo, hi];
}

/** Applies a tool to the cell (row, column). Tools are idempotent, so a drag may touch a cell twice. */
export function paint(rows: EditRow[], rowIndex: number, column: number, tool: Tool): EditRow[] {
  const row = rows[rowIndex];
  if (!row) return rows;
  const hit = seatAt(row, column);
  const at = hit ? row.seats.indexOf(hit) : -1;
  let seats = row.seats;
  if (tool.kind === 'add') {
    if (at >= 0) return rows;
    const used = new Set(row.seats.map((s) => s.number));
    // Number the new seat after its left neighbour when that number is free, else the first free number.
    const left = row.seats.filter((s) => s.column < column).sort((a, b) => b.column - a.column)[0];
    let number = left ? left.number + 1 : 1;
    if (used.has(number)) {
      number = 1;
      while (used.has(number)) number++;
    }
    seats = [...row.seats, { number, column, type: 'regular' as SeatType, blocked: false }].sort((a, b) => a.column - b.column);
  } else {
    if (at < 0) return rows;
    const s = row.seats[at]!;
    if (tool.kind === 'remove') seats = row.seats.filter((_, i) => i !== at);
    else if (tool.kind === 'width') {
      // Widening stops at the next seat: a seat never covers another one's column.
      const next: EditSeat = { ...s, width: tool.width };
      if (widthOf(next) === widthOf(s)) return rows;
      if (row.seats.some((x, i) => i !== at && overlaps({ ...x, row: 0 }, { ...next, row: 0 }))) return rows;
      seats = row.seats.map((x, i) => (i === at ? next : x));
    } else {
      const next: EditSeat =
        tool.kind === 'type' ? { ...s, type: tool.type } : { ...s, blocked: tool.kind === 'block' };
      if (next.type === s.type && next.blocked === s.blocked) return rows;
      seats = row.seats.map((x, i) => (i === at ? next : x));
    }
  }
  return rows.map((r, i) => (i === rowIndex ? { ...r, seats } : r));
}

export function setRowType(rows: EditRow[], rowIndex: number, type: SeatType): EditRow[] {
  return rows.map((r, i) => (i === rowIndex ? { ...r, seats: r.seats.map((s) => ({ ...s, type })) } : r));
}

export function renameRow(rows: EditRow[], rowIndex: number, label: string): EditRow[] {
  return rows.map((r, i) => (i === rowIndex ? { ...r, label } : r));
}

/** Removes every seat in a column (wide seats covering it too): an aisle across the hall. */
export function removeColumn(rows: EditRow[], column: number): EditRow[] {
  return rows.map((r) => ({ ...r, seats: r.seats.filter((s) => !(s.column <= column && column < endOf(s))) }));
}

/**
 * Opens an empty column (an aisle) before `column`: seats at or right of it move one to the right,
 * and so does a wide seat reaching into it (the aisle opens just before that seat).
 */
export function insertAisle(rows: EditRow[], column: number): EditRow[] {
  return rows.map((r) => ({ ...r, seats: r.seats.map((s) => (endOf(s) > column ? { ...s, column: s.column + 1 } : s)) }));
}

/** Numbers each row's seats 1..n from left to right. */
export function renumber(rows: EditRow[]): EditRow[] {
  return rows.map((r) => ({
    ...r,
    seats: [...r.seats].sort((a, b) => a.column - b.column).map((s, i) => ({ ...s, number: i + 1 })),
  }));
}

export function addRow(rows: EditRow[], seatsPerRow: number, type: SeatType = 'regular'): EditRow[] {
  const used = new Set(rows.map((r) => r.label.toUpperCase()));
  let i = rows.length;
  while (used.has(rowLabel(i))) i++;
  const [lo, hi] = columnRange(rows);
  const cols = hi >= lo ? hi - lo + 1 : seatsPerRow;
  const seats: EditSeat[] = [];
  for (let n = 1; n <= cols; n++) seats.push({ number: n, column: (hi >= lo ? lo : 0) + n - 1, type, blocked: false });
  return [...rows, { label: rowLabel(i), seats }];
}

export function removeRow(rows: EditRow[], rowIndex: number): EditRow[] {
  return rows.filter((_, i) => i !== rowIndex);
}

/** What halls.save would refuse, found before saving. */
export function problems(rows: EditRow[]): string[] {
  const out: string[] = [];
  const seen = new Map<string, number>();
  rows.forEach((r, i) => {
    const label = r.label.trim();
    if (!/^[A-Za-z0-9]{1,4}$/.test(label)) out.push(`Row ${i + 1}: a row label is 1 to 4 letters or digits`);
    const key = label.toUpperCase();
    if (seen.has(key)) out.push(`Row "${label}" appears twice`);
    else seen.set(key, i);
    const nums = new Set<number>();
    const sorted = [...r.seats].sort((a, b) => a.column - b.column);
    sorted.forEach((s, i) => {
      if (nums.has(s.number)) out.push(`Seat ${label}${s.number} appears twice`);
      nums.add(s.number);
      const prev = sorted[i - 1];
      if (prev && overlaps({ ...prev, row: 0 }, { ...s, row: 0 })) out.push(`Seats ${label}${prev.number} and ${label}${s.number} overlap`);
    });
  });
  if (rows.length === 0) out.push('A hall needs at least one row');
  else if (seatCount(rows) === 0) out.push('A hall needs at least one seat');
  return out;
}

/** The layout as the cashier's seat map draws it (every seat available, blocked ones blocked). */
export function toMapSeats(rows: EditRow[]): MapSeat[] {
  const out: MapSeat[] = [];
  rows.forEach((r, ri) => {
    for (const s of [...r.seats].sort((a, b) => a.column - b.column))
      out.push({
        id: s.id ?? `new_${ri}_${s.column}`,
        label: `${r.label}${s.number}`,
        row: r.label,
        number: s.number,
        column: s.column,
        width: widthOf(s),
        type: s.type,
        status: s.blocked ? 'blocked' : 'available',
      });
  });
  return out;
}
