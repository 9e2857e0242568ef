// seats.map and seats.claims: a show's seats with their live status. The static layout comes from
// the per-version cache (layout.ts); only the show's live claims are read per call (a range of
// the seat_claims primary key). Both are read inside one (deferred) transaction so the version,
// the layout and the claims are the same snapshot: a client applying later seats.changed events
// by version never misses or double-applies one.
import { BoxOfficeError, type ChannelOutput, type MapSeat, type ParsedInput, type SeatStatus } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';
import { holdView, liveClaimSql, toShow, type HoldRow, type ShowRow } from './claims';
import { stmt } from '../db/stmts';
import type { Db } from '../db/open';
import { hallLayout, type HallLayout } from './layout';

/**
 * The status rule, in order: blocked (in the layout, or a house seat of this show), sold, held
 * (live), else available. Expired holds are available.
 */
export function seatStatus(r: { blocked: number; booking_id: string | null; hold_id: string | null; house_reason?: string | null }): SeatStatus {
  if (r.blocked || (r.house_reason ?? null) !== null) return 'blocked';
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

/** The same claims as bare seat ids and whether sold: all seats.claims needs, with no join. */
const CLAIM_IDS_SQL = `
  SELECT c.seat_id, c.booking_id IS NOT NULL FROM seat_claims c
  WHERE c.show_id = ? AND ${liveClaimSql('c', '?')}`;

/** House seats of one show (shows.blockSeats): seat id and the manager's reason. */
type HouseRow = [seatId: string, reason: string];
const HOUSE_SQL = 'SELECT seat_id, reason FROM show_blocks WHERE show_id = ?';

interface ShowState {
  show: ShowHallRow;
  layout: HallLayout;
  claims: ClaimRow[];
  house: HouseRow[];
  myHold: ChannelOutput<'seats.map'>['myHold'];
}

/** The show with its hall, or NOT_FOUND. */
function showHall(ctx: EngineCtx, showId: string): ShowHallRow {
  const show = stmt(ctx.db, SHOW_HALL_SQL).get(showId) as ShowHallRow | undefined;
  if (!show) throw new BoxOfficeError('NOT_FOUND', 'There is no such show', { showId });
  return show;
}

/**
 * The caller's own live hold on this show (the newest), so a counter that reloads its page takes
 * its hold back with its expiry instead of seeing its own seats as someone else's.
 */
function myHold(ctx: EngineCtx, showId: string, actor: Actor, now: number): ShowState['myHold'] {
  const mine = stmt(
    ctx.db,
    'SELECT * FROM holds WHERE show_id = ? AND session = ? AND expires_at > ? ORDER BY created_at DESC LIMIT 1',
  ).get(showId, actor.session, now) as HoldRow | undefined;
  return mine ? holdView(ctx.db, mine) : null;
}

/** Reads everything seats.map answers, in the caller's transaction. */
function readShowState(ctx: EngineCtx, showId: string, actor: Actor): ShowState {
  const show = showHall(ctx, showId);
  const now = ctx.clock.now();
  const layout = hallLayout(ctx.db, show.hall_id, show.layout_version);
  const claims = stmt(ctx.db, CLAIMS_SQL).raw(true).all({ show: show.id, now, session: actor.session }) as ClaimRow[];
  const house = stmt(ctx.db, HOUSE_SQL).raw(true).all(show.id) as HouseRow[];
  return { show, layout, claims, house, myHold: myHold(ctx, show.id, actor, now) };
}

interface ClaimsState extends Omit<ShowState, 'claims'> { claims: [seatId: string, sold: number][] }

/** Reads everything seats.claims answers, in the caller's transaction. */
function readClaimsState(ctx: EngineCtx, showId: string, actor: Actor): ClaimsState {
  const show = showHall(ctx, showId);
  const now = ctx.clock.now();
  const layout = hallLayout(ctx.db, show.hall_id, show.layout_version);
  const claims = stmt(ctx.db, CLAIM_IDS_SQL).raw(true).all(show.id, now) as [string, number][];
  const house = stmt(ctx.db, HOUSE_SQL).raw(true).all(show.id) as HouseRow[];
  return { show, layout, claims, house, myHold: myHold(ctx, show.id, actor, now) };
}

function hallOf(s: Pick<ShowState, 'show' | 'layout'>) {
  return { id: s.show.hall_id, name: s.show.hall_name, theaterId: s.show.theater_id, capacity: s.layout.capacity, rows: [...s.layout.rows] };
}

/** A reader in one deferred transaction; the wrapper is made once per connection, not per call. */
function inTransaction<T>(read: (ctx: EngineCtx, showId: string, actor: Actor) => T) {
  const wrapped = new WeakMap<Db, (ctx: EngineCtx, showId: string, actor: Actor) => T>();
  return (ctx: EngineCtx, showId: string, actor: Actor): T => {
    let fn = wrapped.get(ctx.db);
    if (!fn) wrapped.set(ctx.db, (fn = ctx.db.transaction(read)));
    return fn(ctx, showId, actor);
  };
}
const readShow = inTransaction(readShowState);
const readClaims = inTransaction(readClaimsState);

export function seatMap(ctx: EngineCtx, input: ParsedInput<'seats.map'>, actor: Actor): ChannelOutput<'seats.map'> {
  const state = readShow(ctx, input.showId, actor);
  const byId = new Map(state.claims.map((c) => [c[0], c]));
  const house = new Map(state.house);
  const seats = state.layout.seats.map((l): MapSeat => {
    const c = byId.get(l.id);
    const reason = house.get(l.id) ?? null;
    const seat: MapSeat = {
      id: l.id, label: l.label, row: l.row, number: l.number, column: l.column, width: l.width, type: l.type,
      status: seatStatus({ blocked: l.blocked ? 1 : 0, booking_id: c?.[2] ?? null, hold_id: c?.[1] ?? null, house_reason: reason }),
    };
    // holdId only on the caller's own holds: other counters' holds stay opaque.
    if (c?.[3] && c[1] !== null) seat.holdId = c[1];
    if (reason !== null) seat.blockReason = reason;
    return seat;
  });
  return { show: toShow(state.show), myHold: state.myHold, hall: hallOf(state), version: state.show.seat_version, seats };
}

export function seatClaims(ctx: EngineCtx, input: ParsedInput<'seats.claims'>, actor: Actor): ChannelOutput<'seats.claims'> {
  const state = readClaims(ctx, input.showId, actor);
  const { layout } = state;
  const sold: string[] = [];
  const held: string[] = [];
  const blocked: { id: string; reason: string }[] = [];
  const house = new Set<string>();
  for (const [id, reason] of state.house) {
    const seat = layout.byId.get(id);
    if (!seat || seat.blocked) continue;
    blocked.push({ id, reason });
    house.add(id);
  }
  for (const [seatId, isSold] of state.claims) {
    const seat = layout.byId.get(seatId);
    // A claim on a seat no longer in the layout, or blocked in it or for this show, changes nothing on the map.
    if (!seat || seat.blocked || house.has(seatId)) continue;
    (isSold ? sold : held).push(seatId);
  }
  const current = input.layout?.hallId === layout.hallId && input.layout.version === layout.version;
  return {
    show: toShow(state.show),
    hall: { ...hallOf(state), layoutVersion: layout.version },
    version: state.show.seat_version,
    ...(current ? {} : { layout: [...layout.seats] }),
    sold,
    held,
    blocked,
    myHold: state.myHold,
  };
}
