// A hall's capacity, defined once for every screen and report: the number of SELLABLE seats,
// i.e. seats still in the layout (removed = 0) and not blocked (blocked = 0). Blocked seats are
// in the layout but cannot be sold, so counting them would make a full show look unsold.
import type { Db } from '../db/open';
import { stmt } from '../db/stmts';

/** SQL predicate (on the seats table, alias-free) for a seat that counts towards capacity. */
export const SELLABLE_SEAT = 'removed = 0 AND blocked = 0';

/** Capacity of every hall, in one grouped query (no query per hall). */
export function allHallCapacities(db: Db): Map<string, number> {
  const rows = db.prepare(`SELECT hall_id, count(*) AS n FROM seats WHERE ${SELLABLE_SEAT} GROUP BY hall_id`).all() as { hall_id: string; n: number }[];
  return new Map(rows.map((r) => [r.hall_id, r.n]));
}

const cached = new WeakMap<Db, Map<string, { version: number; n: number }>>();

/**
 * One hall's capacity at its layout version (halls.layout_version, bumped by every layout edit),
 * counted once per version: the show list needs it for every hall of the day on every call.
 */
export function hallCapacity(db: Db, hallId: string, layoutVersion: number): number {
  let perDb = cached.get(db);
  if (!perDb) cached.set(db, (perDb = new Map()));
  const hit = perDb.get(hallId);
  if (hit && hit.version === layoutVersion) return hit.n;
  const n = (stmt(db, `SELECT count(*) AS n FROM seats WHERE hall_id = ? AND ${SELLABLE_SEAT}`).get(hallId) as { n: number }).n;
  perDb.set(hallId, { version: layoutVersion, n });
  return n;
}
