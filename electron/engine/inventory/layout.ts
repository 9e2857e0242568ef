// A hall's seat layout, cached per connection and keyed by the hall's layout version: the seat
// map and seats.claims read it on every call, but it changes only when a manager edits the hall
// (halls.save bumps layout_version in the same transaction), so it is read from the seats table
// once per version. Another process editing the hall bumps the same column, so nothing stale is served.
import type { LayoutSeat, SeatType } from '../../../shared/contract';
import type { Db } from '../db/open';
import { stmt } from '../db/stmts';

export interface HallLayout {
  hallId: string;
  version: number;
  /** Live seats in row, then number order. */
  seats: readonly LayoutSeat[];
  /** Row labels in order. */
  rows: readonly string[];
  /** Sellable seats: live and not blocked in the layout. */
  capacity: number;
  byId: ReadonlyMap<string, LayoutSeat>;
}

const cache = new WeakMap<Db, Map<string, HallLayout>>();

interface SeatRow { id: string; row_label: string; number: number; col: number; width: number; type: SeatType; blocked: number }

export function hallLayout(db: Db, hallId: string, version: number): HallLayout {
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  const hit = perDb.get(hallId);
  if (hit && hit.version === version) return hit;
  const rows = stmt(db, 'SELECT id, row_label, number, col, width, type, blocked FROM seats WHERE hall_id = ? AND removed = 0 ORDER BY row_index, number').all(
    hallId,
  ) as SeatRow[];
  const labels: string[] = [];
  let capacity = 0;
  const seats = rows.map((r): LayoutSeat => {
    if (labels[labels.length - 1] !== r.row_label) labels.push(r.row_label);
    if (!r.blocked) capacity++;
    return { id: r.id, label: `${r.row_label}${r.number}`, row: r.row_label, number: r.number, column: r.col, width: r.width, type: r.type, blocked: r.blocked === 1 };
  });
  const layout: HallLayout = { hallId, version, seats, rows: labels, capacity, byId: new Map(seats.map((s) => [s.id, s])) };
  perDb.set(hallId, layout);
  return layout;
}
