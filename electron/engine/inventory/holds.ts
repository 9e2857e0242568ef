// seats.hold and seats.release: all-or-nothing holds on a show's seats.
// Every change runs in ONE BEGIN IMMEDIATE transaction, so two counters (or two processes on the
// same file) serialise on the write lock instead of both reading "free" and both claiming. The
// seat_claims primary key is the last line of defence if any code path ever gets that wrong.
import { BoxOfficeError, type ChannelOutput, type Hold, type ParsedInput, type Quote, type SeatStatus } from '../../../shared/contract';
import { iso } from '../clock';
import { computeQuote, loadPricedShow } from '../pricing/quote';
import type { Actor, EngineCtx } from '../context';
import { newId } from '../ids';
import { holdSeconds } from '../settings/settings';
import {
  MAX_SEATS_PER_HOLD, deleteExpiredClaims, endHolds, holdView, isClaimConflict, isExpired, liveClaims,
  rememberExpiredHolds, requireOpenShow, requireOwnHold, type HoldRow,
} from './claims';
import { stmt } from '../db/stmts';
import { bumpSeatVersion, publishSeatChanges } from './versions';
import { withoutFsync } from '../db/open';
import { houseSeats } from './houseSeats';

interface SeatPlace { id: string; row_index: number; number: number }
interface SeatCheckRow extends SeatPlace { hall_id: string; blocked: number; removed: number }

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

    const found = stmt(db, 'SELECT id, hall_id, blocked, removed, row_index, number FROM seats WHERE id IN (SELECT value FROM json_each(?))').all(
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
    // The hold's seats before this call (with their place on the map), so the answer is built
    // from what this transaction knows instead of read back after writing.
    const before = hold
      ? (stmt(db, 'SELECT s.id, s.row_index, s.number FROM seat_claims c JOIN seats s ON s.id = c.seat_id WHERE c.hold_id = ?').all(hold.id) as SeatPlace[])
      : [];
    if (before.length + fresh.length > MAX_SEATS_PER_HOLD) {
      throw new BoxOfficeError('CONFLICT', `A hold may carry at most ${MAX_SEATS_PER_HOLD} seats`, {
        max: MAX_SEATS_PER_HOLD,
        requested: before.length + fresh.length,
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
    // The contract's order: row, then number (the same order holdView reads).
    const places = [...before, ...fresh.map((id) => byId.get(id)!)].sort((a, b) => a.row_index - b.row_index || a.number - b.number);
    const view: Hold = { id: hold.id, showId: show.id, seatIds: places.map((p) => p.id), expiresAt: iso(expiresAt) };
    return { view, change: { showId: show.id, version, seats: fresh.map((id) => ({ id, status: 'held' as const })) } };
  });

  const { view, change } = withoutFsync(ctx.db, () => run.immediate());
  publish(ctx, [change]);
  if (!input.ticketTypes) return view;
  const quote = quoteForHold(ctx, view, input.ticketTypes);
  return quote ? { ...view, quote } : view;
}

/**
 * The quote for a hold's seats (types from `ticketTypes`, else adult), by the same code as
 * pricing.quote. Read after the hold committed; a hold never fails for its price: when it cannot
 * be priced (an unknown ticket type) the answer simply has no quote and the counter asks pricing.quote.
 */
function quoteForHold(ctx: EngineCtx, hold: Hold, ticketTypes: Record<string, string>): Quote | null {
  try {
    const tickets = hold.seatIds.map((seatId) => ({ seatId, ticketType: Object.hasOwn(ticketTypes, seatId) ? ticketTypes[seatId]! : 'adult' }));
    return computeQuote(ctx.db, loadPricedShow(ctx.db, hold.showId), tickets);
  } catch (e) {
    if (e instanceof BoxOfficeError) return null;
    throw e;
  }
}

export function releaseSeats(ctx: EngineCtx, input: ParsedInput<'seats.release'>, actor: Actor): ChannelOutput<'seats.release'> {
  const db = ctx.db;

  const run = db.transaction(() => {
    const now = ctx.clock.now();
    const hold = requireOwnHold(db, input.holdId, actor.session);
    const changes: Change[] = [];

    // An expired hold is already gone for every purpose: end it now, and say so (HOLD_EXPIRED,
    // as after the sweep) once the end is committed.
    const expired = isExpired(hold, now);
    if (expired) rememberExpiredHolds(db, [hold.id], now);
    if (expired || input.seatIds === undefined) {
      const freed = endHolds(db, [hold.id]).get(hold.show_id) ?? [];
      if (freed.length) changes.push(freedChange(ctx, hold.show_id, freed));
      return { view: null, changes, expired };
    }

    const removed = stmt(
      db,
      `DELETE FROM seat_claims WHERE hold_id = ? AND seat_id IN (SELECT value FROM json_each(?)) RETURNING seat_id`,
    ).all(hold.id, JSON.stringify([...new Set(input.seatIds)])) as { seat_id: string }[];
    const left = (stmt(db, 'SELECT count(*) AS n FROM seat_claims WHERE hold_id = ?').get(hold.id) as { n: number }).n;
    if (left === 0) stmt(db, 'DELETE FROM holds WHERE id = ?').run(hold.id);
    if (removed.length) changes.push(freedChange(ctx, hold.show_id, removed.map((r) => r.seat_id)));
    return { view: left === 0 ? null : holdView(db, hold), changes, expired: false };
  });

  const { view, changes, expired } = withoutFsync(ctx.db, () => run.immediate());
  publish(ctx, changes);
  if (expired) throw new BoxOfficeError('HOLD_EXPIRED', 'This hold had expired; its seats are on sale again', { holdId: input.holdId });
  return view;
}

/** Ends every hold of a session (sign-out): the seats are on sale again at once. */
export function releaseSessionHolds(ctx: EngineCtx, session: string): void {
  const run = ctx.db.transaction(() => {
    const ids = (stmt(ctx.db, 'SELECT id FROM holds WHERE session = ?').all(session) as { id: string }[]).map((r) => r.id);
    return [...endHolds(ctx.db, ids)].map(([showId, seats]) => freedChange(ctx, showId, seats));
  });
  publish(ctx, withoutFsync(ctx.db, () => run.immediate()));
}

function freedChange(ctx: EngineCtx, showId: string, seatIds: string[]): Change {
  return { showId, version: bumpSeatVersion(ctx.db, showId), seats: seatIds.map((id) => ({ id, status: 'available' as const })) };
}
