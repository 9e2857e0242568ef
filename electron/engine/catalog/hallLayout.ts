// Pure checks and planning for a hall layout edit: rejects impossible layouts and works out which
// existing seats are kept, changed or removed. No database writes here.
import { BoxOfficeError, type ParsedInput, type SeatType } from '../../../shared/contract';
import { overlaps } from '../../../shared/sideBySide';

export type RowInput = ParsedInput<'halls.save'>['rows'][number];

export interface ExistingSeat {
  id: string; row_label: string; row_index: number; number: number; col: number; type: SeatType; blocked: number;
}

export interface PlannedSeat {
  /** The existing seat this input seat keeps, or null for a new seat. */
  existing: ExistingSeat | null;
  rowLabel: string; rowIndex: number; number: number; col: number; width: number; type: SeatType; blocked: boolean;
}

export interface LayoutPlan {
  seats: PlannedSeat[];
  removed: ExistingSeat[];
  /** Existing seats whose sale would be broken: removed, re-typed or newly blocked. */
  risky: ExistingSeat[];
}

interface Issue { path: string; message: string; code: 'custom' }

/** Duplicate row labels, seat numbers or columns (labels compare ignoring case: "a1" is "A1"). */
export function validateLayout(rows: RowInput[]): void {
  const issues: Issue[] = [];
  const labels = new Map<string, number>();
  const seatIds = new Set<string>();
  let total = 0;
  rows.forEach((row, ri) => {
    const key = row.label.toUpperCase();
    if (labels.has(key)) issues.push({ path: `rows.${ri}.label`, message: `Row "${row.label}" appears twice (also row ${labels.get(key)! + 1})`, code: 'custom' });
    else labels.set(key, ri);
    const numbers = new Set<number>();
    const placed: { column: number; width: number; number: number; row: number }[] = [];
    row.seats.forEach((s, si) => {
      total++;
      if (numbers.has(s.number)) issues.push({ path: `rows.${ri}.seats.${si}.number`, message: `Seat ${row.label}${s.number} appears twice`, code: 'custom' });
      numbers.add(s.number);
      // A wide seat covers `width` columns: no other seat of the row may start inside it.
      const me = { row: ri, column: s.column, width: s.width, number: s.number };
      const clash = placed.find((p) => overlaps(p, me));
      if (clash) issues.push({ path: `rows.${ri}.seats.${si}.column`, message: `Seats ${row.label}${clash.number} and ${row.label}${s.number} overlap (column ${s.column})`, code: 'custom' });
      placed.push(me);
      if (s.id !== undefined) {
        if (seatIds.has(s.id)) issues.push({ path: `rows.${ri}.seats.${si}.id`, message: `Seat id ${s.id} is used twice`, code: 'custom' });
        seatIds.add(s.id);
      }
    });
  });
  if (total === 0) issues.push({ path: 'rows', message: 'A hall needs at least one seat', code: 'custom' });
  if (total > 10_000) issues.push({ path: 'rows', message: 'A hall has at most 10,000 seats', code: 'custom' });
  if (issues.length > 0) throw new BoxOfficeError('VALIDATION', `The layout has ${issues.length} problem(s): ${issues[0]!.message}`, issues);
}

/**
 * Matches input seats to existing live seats: by id first, then by (row label, number), so a
 * layout re-saved without ids keeps its seats (and the tickets that point at them).
 */
export function planLayout(rows: RowInput[], existing: ExistingSeat[]): LayoutPlan {
  const byId = new Map(existing.map((s) => [s.id, s]));
  const taken = new Set<string>();
  const issues: Issue[] = [];
  const seats: PlannedSeat[] = [];
  // Pass 1: explicit ids.
  rows.forEach((row, ri) =>
    row.seats.forEach((s, si) => {
      let match: ExistingSeat | null = null;
      if (s.id !== undefined) {
        match = byId.get(s.id) ?? null;
        if (!match) issues.push({ path: `rows.${ri}.seats.${si}.id`, message: `Seat id ${s.id} is not a seat of this hall`, code: 'custom' });
        else taken.add(match.id);
      }
      seats.push({ existing: match, rowLabel: row.label, rowIndex: ri, number: s.number, col: s.column, width: s.width, type: s.type, blocked: s.blocked });
    }),
  );
  if (issues.length > 0) throw new BoxOfficeError('VALIDATION', issues[0]!.message, issues);
  // Pass 2: seats without an id take the free existing seat with the same label.
  const byLabel = new Map<string, ExistingSeat>();
  for (const s of existing) if (!taken.has(s.id)) byLabel.set(`${s.row_label.toUpperCase()}|${s.number}`, s);
  let i = 0;
  for (const row of rows) {
    for (const s of row.seats) {
      const planned = seats[i++]!;
      if (s.id !== undefined) continue;
      const match = byLabel.get(`${row.label.toUpperCase()}|${s.number}`);
      if (match) {
        byLabel.delete(`${row.label.toUpperCase()}|${s.number}`);
        taken.add(match.id);
        planned.existing = match;
      }
    }
  }
  const removed = existing.filter((s) => !taken.has(s.id));
  const risky = [
    ...removed,
    ...seats
      .filter(
        (p) =>
          p.existing &&
          (p.existing.type !== p.type ||
            (p.blocked && p.existing.blocked === 0) ||
            // A new row label or number on a sold seat would let another seat take the label
            // printed on the customer's ticket, and be sold again under it.
            p.existing.row_label !== p.rowLabel ||
            p.existing.number !== p.number),
      )
      .map((p) => p.existing!),
  ];
  return { seats, removed, risky };
}
