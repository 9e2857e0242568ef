// seats.hold and seats.release: all-or-nothing holds on a show's seats.
// Every change runs in ONE BEGIN IMMEDIATE transaction, so two counters (or two processes on the
// same file) serialise on the write lock instead of both reading "free" and both claiming. The
// seat_claims primary key is the last line of defence if any code path ever gets that wrong.
import { BoxOfficeError, type ChannelOutput, type ParsedInput, type SeatStatus } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';
import { newId } from '../ids';
import { holdSeconds } from '../settings/settings';
import {
  MAX_SEATS_PER_HOLD, deleteExpiredClaims, endHolds, holdView, isClaimConflict, isExpired, liveClaims,
  requireOpenShow, requireOwnHold, type HoldRow,
} from './claims';
import { stmt } from '../db/stmts';
import { bumpSeatVersion, publishSeatChanges } from './versions';
import { withoutFsync } from '../db/open';
import { houseSeats } from './houseSeats';

interface SeatCheckRow { id: string; hall_id: string; blocked: number; removed: number }

interface Change { showId: string; version: number; seats: { id: string; status: SeatStatus }[] }

function publish(ctx: EngineCtx, changes: Change[]): void {
  for (const c of changes) publishSeatChanges(ctx, c.showId, c.version, c.seats);
}

export function holdSeats(ctx: EngineCtx, input: ParsedInput<'seats.hold'>, actor: Actor): ChannelOutput<'seats.hold'> {
  const db = ctx.db;
  // Duplicates in the request are harmless: one seat is one claim.
  const seatIds = [...new Set(input.seatIds)];
  const ttlMs = holdSeconds(ctx) * 1000;

  const run = db.transaction(() => {
    // The clock is read inside the write lock so "expired" means expired at commit time.
    const now = ctx.clock.now();
    const show = requireOpenShow(db, input.showId, now);

    let hold: HoldRow | null = null;
    if (input.holdId !== undefined) {
      hold = requireOwnHold(db, input.holdId, actor.session);
      if (isExpired(hold, now)) throw new BoxOfficeError('HOLD_EXPIRED', 'This hold has expired; please pick the seats again', { holdId: hold.id });
      if (hold.show_id !== show.id) throw new BoxOfficeError('CONFLICT', 'This hold is for another show', { holdId: hold.id, showId: show.id });
    }

    const found = stmt(db, 'SELECT id, hall_id, blocked, removed FROM seats WHERE id IN (SELECT value FROM json_each(?))').all(
      JSON.stringify(seatIds),
    ) as SeatCheckRow[];
    const byId = new Map(found.map((s) => [s.id, s]));
    const unknown = seatIds.filter((id) => {
      const s = byId.get(id);
      return !s || s.hall_id !== show.hall_id || s.removed !== 0;
    });
    if (unknown.length) throw new BoxOfficeError('NOT_FOUND', 'Some seats are not in this show\'s hall', { seatIds: unknown });

    deleteExpiredClaims(db, show.id, seatIds, now);
    const claims = liveClaims(db, show.id, seatIds, now);
    const mine = new Set(claims.filter((c) => hold !== null && c.hold_id === hold.id).map((c) => c.seat_id));
    const taken = new Set(claims.filter((c) => !mine.has(c.seat_id)).map((c) => c.seat_id));
    const house = houseSeats(db, show.id, seatIds);
    const unavailable = seatIds.filter((id) => byId.get(id)!.blocked !== 0 || taken.has(id) || house.has(id));
    if (unavailable.length) {
      throw new BoxOfficeError('SEATS_UNAVAILABLE', 'Some of these seats are no longer available; nothing was held', { seatIds: unavailable });
    }

    const fresh = seatIds.filter((id) => !mine.has(id));
    const already = hold ? (stmt(db, 'SELECT count(*) AS n FROM seat_claims WHERE hold_id = ?').get(hold.id) as { n: number }).n : 0;
    if (already + fresh.length > MAX_SEATS_PER_HOLD) {
      throw new BoxOfficeError('CONFLICT', `A hold may carry at most ${MAX_SEATS_PER_HOLD} seats`, {
        max: MAX_SEATS_PER_HOLD,
        requested: already + fresh.length,
      });
    }

    const expiresAt = now + ttlMs;
    if (hold) {
      // Adding to a hold renews it: the hold row and every claim carry the same expiry.
      stmt(db, 'UPDATE holds SET expires_at = ? WHERE id = ?').run(expiresAt, hold.id);
      stmt(db, 'UPDATE seat_claims SET expires_at = ? WHERE hold_id = ?').run(expiresAt, hold.id);
      hold = { ...hold, expires_at: expiresAt };
    } else {
      hold = { id: newId('hold'), show_id: show.id, staff_id: actor.staffId, session: actor.session, created_at: now, expires_at: expiresAt };
      stmt(db, 'INSERT INTO holds (id, show_id, staff_id, session, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)').run(
        hold.id, hold.show_id, hold.staff_id, hold.session, hold.created_at, hold.expires_at,
      );
    }

    const insert = stmt(db, 'INSERT INTO seat_claims (show_id, seat_id, hold_id, booking_id, expires_at) VALUES (?, ?, ?, NULL, ?)');
    for (const seat of fresh) {
      try {
        insert.run(show.id, seat, hold.id, expiresAt);
      } catch (e) {
        // Unreachable while the checks above hold; if not, the database still refuses the double claim.
        if (isClaimConflict(e)) throw new BoxOfficeError('SEATS_UNAVAILABLE', 'A seat was taken at the same moment; nothing was held', { seatIds: [seat] });
        throw e;
      }
    }

    const version = fresh.length ? bumpSeatVersion(db, show.id) : show.seat_version;
    return { view: holdView(db, hold), change: { showId: show.id, version, seats: fresh.map((id) => ({ id, status: 'held' as const })) } };
  });

  const { view, change } = withoutFsync(ctx.db, () => run.immediate());
  publish(ctx, [change]);
  return view;
}

export function releaseSeats(ctx: EngineCtx, input: ParsedInput<'seats.release'>, actor: Actor): ChannelOutput<'seats.release'> {
  const db = ctx.db;

  const run = db.transaction(() => {
    const now = ctx.clock.now();
    const hold = requireOwnHold(db, input.holdId, actor.session);
    const changes: Change[] = [];

    // An expired hold is already gone for every purpose: end it now, quietly (release is idempotent).
    const endWhole = isExpired(hold, now) || input.seatIds === undefined;
    if (endWhole) {
      const freed = endHolds(db, [hold.id]).get(hold.show_id) ?? [];
      if (freed.length) changes.push(freedChange(ctx, hold.show_id, freed));
      return { view: null, changes };
    }

    const removed = stmt(
      db,
      `DELETE FROM seat_claims WHERE hold_id = ? AND seat_id IN (SELECT value FROM json_each(?)) RETURNING seat_id`,
    ).all(hold.id, JSON.stringify([...new Set(input.seatIds)])) as { seat_id: string }[];
    const left = (stmt(db, 'SELECT count(*) AS n FROM seat_claims WHERE hold_id = ?').get(hold.id) as { n: number }).n;
    if (left === 0) stmt(db, 'DELETE FROM holds WHERE id = ?').run(hold.id);
    if (removed.length) changes.push(freedChange(ctx, hold.show_id, removed.map((r) => r.seat_id)));
    return { view: left === 0 ? null : holdView(db, hold), changes };
  });

  const { view, changes } = withoutFsync(ctx.db, () => run.immediate());
  publish(ctx, changes);
  return view;
}

function freedChange(ctx: EngineCtx, showId: string, seatIds: string[]): Change {
  return { showId, version: bumpSeatVersion(ctx.db, showId), seats: seatIds.map((id) => ({ id, status: 'available' as const })) };
}
