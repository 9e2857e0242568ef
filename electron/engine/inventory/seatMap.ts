// seats.map and seats.claims: a show's seats with their live status. The static layout comes from
// the per-version cache (layout.ts); only the show's live claims are read per call (a range of
// the seat_claims primary key). Both are read inside one (deferred) transaction so the version,
// the layout and the claims are the same snapshot: a client applying later seats.changed events
// by version never misses or double-applies one.
import {
  BoxOfficeError, type ChannelOutput, type MapSeat, type ParsedInput, type SeatClaim, type SeatStatus,
} from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';
import { holdView, liveClaimSql, toShow, type HoldRow, type ShowRow } from './claims';
import { stmt } from '../db/stmts';
import type { Db } from '../db/open';
import { hallLayout, type HallLayout } from './layout';

/** The status rule, in order: blocked, sold, held (live), else available. Expired holds are available. */
export function seatStatus(r: { blocked: number; booking_id: string | null; hold_id: string | null }): SeatStatus {
  if (r.blocked) return 'blocked';
  if (r.booking_id !== null) return 'sold';
  if (r.hold_id !== null) return 'held';
  return 'available';
}

interface ShowHallRow extends ShowRow { hall_name: string; theater_id: string; layout_version: number }
/** A claim row as an array (raw mode: a 3,000-seat show has up to 3,000 of them per call). */
type ClaimRow = [seatId: string, holdId: string | null, bookingId: string | null, own: number];

const SHOW_HALL_SQL = `
  SELECT s.id, s.movie_id, s.hall_id, s.starts_at, s.ends_at, s.block_end, s.base_price, s.format, s.status, s.seat_version,
         h.name AS hall_name, h.theater_id, h.layout_version
  FROM shows s JOIN halls h ON h.id = s.hall_id WHERE s.id = ?`;

/** The live claims of one show (expired holds are left out: they read as available). */
const CLAIMS_SQL = `
  SELECT c.seat_id, c.hold_id, c.booking_id, (h.session IS NOT NULL AND h.session = @session) AS own
  FROM seat_claims c LEFT JOIN holds h ON h.id = c.hold_id
  WHERE c.show_id = @show AND ${liveClaimSql('c', '@now')}`;

interface ShowState { show: ShowHallRow; layout: HallLayout; claims: ClaimRow[]; myHold: ChannelOutput<'seats.map'>['myHold'] }

/** Reads everything both channels answer, in the caller's transaction. */
function readShowState(ctx: EngineCtx, showId: string, actor: Actor): ShowState {
  const db = ctx.db;
  const show = stmt(db, SHOW_HALL_SQL).get(showId) as ShowHallRow | undefined;
  if (!show) throw new BoxOfficeError('NOT_FOUND', 'There is no such show', { showId });
  const now = ctx.clock.now();
  const layout = hallLayout(db, show.hall_id, show.layout_version);
  const claims = stmt(db, CLAIMS_SQL).raw(true).all({ show: show.id, now, session: actor.session }) as ClaimRow[];
  // The caller's own live hold on this show (the newest), so a counter that reloads its page
  // takes its hold back with its expiry instead of seeing its own seats as someone else's.
  const mine = stmt(
    db,
    'SELECT * FROM holds WHERE show_id = ? AND session = ? AND expires_at > ? ORDER BY created_at DESC LIMIT 1',
  ).get(show.id, actor.session, now) as HoldRow | undefined;
  return { show, layout, claims, myHold: mine ? holdView(db, mine) : null };
}

function hallOf(s: ShowState) {
  return { id: s.show.hall_id, name: s.show.hall_name, theaterId: s.show.theater_id, capacity: s.layout.capacity, rows: [...s.layout.rows] };
}

/** readShowState in one deferred transaction; the wrapper is made once per connection, not per call. */
const readers = new WeakMap<Db, (ctx: EngineCtx, showId: string, actor: Actor) => ShowState>();
function readShow(ctx: EngineCtx, showId: string, actor: Actor): ShowState {
  let read = readers.get(ctx.db);
  if (!read) readers.set(ctx.db, (read = ctx.db.transaction(readShowState)));
  return read(ctx, showId, actor);
}

export function seatMap(ctx: EngineCtx, input: ParsedInput<'seats.map'>, actor: Actor): ChannelOutput<'seats.map'> {
  const state = readShow(ctx, input.showId, actor);
  const byId = new Map(state.claims.map((c) => [c[0], c]));
  const seats = state.layout.seats.map((l): MapSeat => {
    const c = byId.get(l.id);
    const seat: MapSeat = {
      id: l.id, label: l.label, row: l.row, number: l.number, column: l.column, type: l.type,
      status: seatStatus({ blocked: l.blocked ? 1 : 0, booking_id: c?.[2] ?? null, hold_id: c?.[1] ?? null }),
    };
    // holdId only on the caller's own holds: other counters' holds stay opaque.
    if (c?.[3] && c[1] !== null && !l.blocked) seat.holdId = c[1];
    return seat;
  });
  return { show: toShow(state.show), myHold: state.myHold, hall: hallOf(state), version: state.show.seat_version, seats };
}

export function seatClaims(ctx: EngineCtx, input: ParsedInput<'seats.claims'>, actor: Actor): ChannelOutput<'seats.claims'> {
  const state = readShow(ctx, input.showId, actor);
  const { layout } = state;
  const claims: SeatClaim[] = [];
  for (const [seatId, holdId, bookingId, own] of state.claims) {
    const seat = layout.byId.get(seatId);
    // A claim on a seat no longer in the layout, or blocked in it, changes nothing on the map.
    if (!seat || seat.blocked) continue;
    if (bookingId !== null) claims.push({ id: seatId, status: 'sold' });
    else claims.push(own && holdId !== null ? { id: seatId, status: 'held', holdId } : { id: seatId, status: 'held' });
  }
  const current = input.layout?.hallId === layout.hallId && input.layout.version === layout.version;
  return {
    show: toShow(state.show),
    hall: { ...hallOf(state), layoutVersion: layout.version },
    version: state.show.seat_version,
    ...(current ? {} : { layout: [...layout.seats] }),
    claims,
    myHold: state.myHold,
  };
}
