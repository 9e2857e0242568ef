// The claim model shared by holds, the sweep, the seat map and best-available.
// seat_claims(show_id, seat_id) is the PRIMARY KEY, so SQLite itself allows one claim per seat.
// A hold claim (hold_id set) whose expires_at <= now is EXPIRED: treated as available everywhere
// and deleted lazily by whoever inserts a claim for that seat (in the same transaction).
import { BoxOfficeError, type Hold, type Show } from '../../../shared/contract';
import { iso } from '../clock';
import type { Db } from '../db/open';
import { stmt } from '../db/stmts';
import { salesCloseAt } from '../schedule/salesWindow';

/** The most seats one hold may carry: a counter sale, not a group booking. */
export const MAX_SEATS_PER_HOLD = 20;

export interface ShowRow {
  id: string;
  movie_id: string;
  hall_id: string;
  starts_at: number;
  ends_at: number;
  block_end: number;
  base_price: number;
  format: string;
  status: 'scheduled' | 'cancelled';
  seat_version: number;
}

export interface HoldRow {
  id: string;
  show_id: string;
  staff_id: string;
  session: string;
  created_at: number;
  expires_at: number;
}

export function getShowRow(db: Db, showId: string): ShowRow | undefined {
  return stmt(
    db,
    'SELECT id, movie_id, hall_id, starts_at, ends_at, block_end, base_price, format, status, seat_version FROM shows WHERE id = ?',
  ).get(showId) as ShowRow | undefined;
}

export function toShow(r: ShowRow): Show {
  return {
    id: r.id,
    movieId: r.movie_id,
    hallId: r.hall_id,
    startsAt: iso(r.starts_at),
    endsAt: iso(r.ends_at),
    basePrice: r.base_price,
    format: r.format,
    status: r.status,
  };
}

/** A show whose seats may be claimed now: it exists, is scheduled and its sales have not closed. */
export function requireOpenShow(db: Db, showId: string, now: number): ShowRow {
  const show = getShowRow(db, showId);
  if (!show) throw new BoxOfficeError('NOT_FOUND', 'There is no such show', { showId });
  if (show.status !== 'scheduled') throw new BoxOfficeError('CONFLICT', 'This show has been cancelled', { showId });
  if (now >= salesCloseAt(db, show.starts_at)) throw new BoxOfficeError('SHOW_STARTED', 'This show has already started', { showId });
  return show;
}

export function getHoldRow(db: Db, holdId: string): HoldRow | undefined {
  return stmt(db, 'SELECT id, show_id, staff_id, session, created_at, expires_at FROM holds WHERE id = ?').get(holdId) as
    | HoldRow
    | undefined;
}

/** How long a hold that ended by expiry is still answered as HOLD_EXPIRED (at least a day). */
export const EXPIRED_HOLD_MEMORY_MS = 25 * 60 * 60_000;

/** Keeps a tombstone of these (expired) holds before endHolds removes them. */
export function rememberExpiredHolds(db: Db, holdIds: string[], now: number): void {
  if (holdIds.length === 0) return;
  stmt(
    db,
    `INSERT OR REPLACE INTO expired_holds (id, session, show_id, expired_at)
     SELECT id, session, show_id, expires_at FROM holds WHERE id IN (SELECT value FROM json_each(?))`,
  ).run(JSON.stringify(holdIds));
  stmt(db, 'DELETE FROM expired_holds WHERE expired_at < ?').run(now - EXPIRED_HOLD_MEMORY_MS);
}

/**
 * The answer for a hold this session does not have: HOLD_EXPIRED when it was this session's own
 * hold and ended by expiry (the sweep may have removed it), NOT_FOUND otherwise.
 */
export function missingHoldError(db: Db, holdId: string, session: string, message = 'There is no such hold'): BoxOfficeError {
  const expired = stmt(db, 'SELECT 1 FROM expired_holds WHERE id = ? AND session = ?').get(holdId, session);
  if (expired) return new BoxOfficeError('HOLD_EXPIRED', 'This hold has expired; please pick the seats again', { holdId });
  return new BoxOfficeError('NOT_FOUND', message, { holdId });
}

/**
 * The caller's own hold. Another session's hold answers NOT_FOUND exactly like a missing one, so
 * a counter can neither see nor guess at another counter's holds.
 */
export function requireOwnHold(db: Db, holdId: string, session: string, missing = 'There is no such hold'): HoldRow {
  const hold = getHoldRow(db, holdId);
  if (!hold || hold.session !== session) throw missingHoldError(db, holdId, session, missing);
  return hold;
}

export function isExpired(hold: Pick<HoldRow, 'expires_at'>, now: number): boolean {
  return hold.expires_at <= now;
}

/** Seat ids of a hold in the contract's order: row, then number. */
export function holdSeatIds(db: Db, holdId: string): string[] {
  const rows = stmt(
    db,
    `SELECT c.seat_id AS id FROM seat_claims c JOIN seats s ON s.id = c.seat_id
     WHERE c.hold_id = ? ORDER BY s.row_index, s.number`,
  ).all(holdId) as { id: string }[];
  return rows.map((r) => r.id);
}

export function holdView(db: Db, hold: HoldRow): Hold {
  return { id: hold.id, showId: hold.show_id, seatIds: holdSeatIds(db, hold.id), expiresAt: iso(hold.expires_at) };
}

/**
 * Lazy expiry: deletes expired hold claims of these seats so fresh claims can take their place.
 * The hold rows themselves stay for the sweep, which publishes their remaining seats.
 */
export function deleteExpiredClaims(db: Db, showId: string, seatIds: string[], now: number): number {
  return stmt(
    db,
    `DELETE FROM seat_claims
     WHERE show_id = ? AND seat_id IN (SELECT value FROM json_each(?))
       AND expires_at IS NOT NULL AND expires_at <= ?`,
  ).run(showId, JSON.stringify(seatIds), now).changes;
}

/**
 * SQL for "this claim still counts at `now`": sold (a sale has no expiry) or a hold that has not
 * expired. Expired holds are ignored everywhere before the sweeper deletes them, so every read
 * of seat state uses this one predicate. `table` is the claims table's alias in the query.
 */
export function liveClaimSql(table: string, now: string): string {
  return `(${table}.expires_at IS NULL OR ${table}.expires_at > ${now})`;
}

export interface LiveClaim {
  seat_id: string;
  hold_id: string | null;
  booking_id: string | null;
}

/** The live claims (sold, or held and not expired) on these seats of a show. */
export function liveClaims(db: Db, showId: string, seatIds: string[], now: number): LiveClaim[] {
  return stmt(
    db,
    `SELECT seat_id, hold_id, booking_id FROM seat_claims
     WHERE show_id = ? AND seat_id IN (SELECT value FROM json_each(?))
       AND ${liveClaimSql('seat_claims', '?')}`,
  ).all(showId, JSON.stringify(seatIds), now) as LiveClaim[];
}

/** Ends holds (row and claims) and answers which seats of which show they freed. */
export function endHolds(db: Db, holdIds: string[]): Map<string, string[]> {
  const freed = new Map<string, string[]>();
  if (holdIds.length === 0) return freed;
  const ids = JSON.stringify(holdIds);
  const claims = stmt(
    db,
    `SELECT c.show_id, c.seat_id FROM seat_claims c JOIN seats s ON s.id = c.seat_id
     WHERE c.hold_id IN (SELECT value FROM json_each(?)) ORDER BY c.show_id, s.row_index, s.number`,
  ).all(ids) as { show_id: string; seat_id: string }[];
  for (const c of claims) {
    const list = freed.get(c.show_id) ?? [];
    list.push(c.seat_id);
    freed.set(c.show_id, list);
  }
  // Explicit, although ON DELETE CASCADE would do it: correctness must not hinge on a pragma.
  stmt(db, 'DELETE FROM seat_claims WHERE hold_id IN (SELECT value FROM json_each(?))').run(ids);
  stmt(db, 'DELETE FROM holds WHERE id IN (SELECT value FROM json_each(?))').run(ids);
  return freed;
}

/** True for the error SQLite raises when a second claim on one seat hits the primary key. */
export function isClaimConflict(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export interface ClaimCounts { held: number; sold: number }

/**
 * Live held and sold seat counts per show (expired holds count as nothing), in one grouped query:
 * for show lists and reports that must agree with the seat map.
 */
export function claimCounts(db: Db, showIds: string[], now: number): Map<string, ClaimCounts> {
  const rows = stmt(
    db,
    `SELECT show_id, sum(booking_id IS NOT NULL) AS sold, sum(hold_id IS NOT NULL) AS held
     FROM seat_claims
     WHERE show_id IN (SELECT value FROM json_each(?)) AND ${liveClaimSql('seat_claims', '?')}
     GROUP BY show_id`,
  ).all(JSON.stringify(showIds), now) as { show_id: string; sold: number; held: number }[];
  const out = new Map<string, ClaimCounts>(showIds.map((id) => [id, { held: 0, sold: 0 }]));
  for (const r of rows) out.set(r.show_id, { held: r.held, sold: r.sold });
  return out;
}

/**
 * Live claims on these seats for scheduled shows that have not started: what a layout edit must
 * not remove or re-type (halls.save answers LAYOUT_IN_USE with them).
 */
export function seatsInUse(db: Db, seatIds: string[], now: number): { showId: string; seatId: string; status: 'held' | 'sold'; startsAt: number }[] {
  const rows = stmt(
    db,
    `SELECT c.show_id, c.seat_id, c.booking_id IS NOT NULL AS sold, sh.starts_at
     FROM seat_claims c JOIN shows sh ON sh.id = c.show_id
     WHERE c.seat_id IN (SELECT value FROM json_each(?))
       AND sh.status = 'scheduled' AND sh.starts_at > ?
       AND ${liveClaimSql('c', '?')}
     ORDER BY sh.starts_at, c.show_id, c.seat_id`,
  ).all(JSON.stringify(seatIds), now, now) as { show_id: string; seat_id: string; sold: number; starts_at: number }[];
  return rows.map((r) => ({ showId: r.show_id, seatId: r.seat_id, status: r.sold ? 'sold' : 'held', startsAt: r.starts_at }));
}
