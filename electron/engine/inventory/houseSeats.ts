// House seats (shows.blockSeats / shows.unblockSeats): a manager keeps seats of ONE show out of
// sale (guests, press, a seat broken that day) with a reason the seat map shows. A house seat is
// a row of show_blocks; seats.hold, seats.bestAvailable and the seat map all read it, and the
// block is taken in the same IMMEDIATE transaction discipline as holds, so a seat cannot be both
// blocked and claimed: blocking a held or sold seat is refused.
import { BoxOfficeError, type ChannelOutput, type ParsedInput } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';
import type { Db } from '../db/open';
import { stmt } from '../db/stmts';
import { writeAudit } from '../audit/audit';
import { deleteExpiredClaims, getShowRow, liveClaims } from './claims';
import { bumpSeatVersion, publishSeatChanges } from './versions';

/** The house seats among these seats of a show. */
export function houseSeats(db: Db, showId: string, seatIds: string[]): Set<string> {
  const rows = stmt(db, 'SELECT seat_id FROM show_blocks WHERE show_id = ? AND seat_id IN (SELECT value FROM json_each(?))').all(
    showId, JSON.stringify(seatIds),
  ) as { seat_id: string }[];
  return new Set(rows.map((r) => r.seat_id));
}

function requireScheduledShow(db: Db, showId: string) {
  const show = getShowRow(db, showId);
  if (!show) throw new BoxOfficeError('NOT_FOUND', 'There is no such show', { showId });
  if (show.status !== 'scheduled') throw new BoxOfficeError('CONFLICT', 'This show has been cancelled', { showId });
  return show;
}

export function blockSeats(ctx: EngineCtx, input: ParsedInput<'shows.blockSeats'>, actor: Actor): ChannelOutput<'shows.blockSeats'> {
  const db = ctx.db;
  const seatIds = [...new Set(input.seatIds)];
  const { version, fresh } = db.transaction(() => {
    const now = ctx.clock.now();
    const show = requireScheduledShow(db, input.showId);
    const found = stmt(db, 'SELECT id, hall_id, blocked, removed FROM seats WHERE id IN (SELECT value FROM json_each(?))').all(
      JSON.stringify(seatIds),
    ) as { id: string; hall_id: string; blocked: number; removed: number }[];
    const byId = new Map(found.map((s) => [s.id, s]));
    const unknown = seatIds.filter((id) => byId.get(id)?.hall_id !== show.hall_id || byId.get(id)?.removed !== 0);
    if (unknown.length) throw new BoxOfficeError('NOT_FOUND', 'Some seats are not in this show\'s hall', { seatIds: unknown });
    deleteExpiredClaims(db, show.id, seatIds, now);
    const taken = new Set(liveClaims(db, show.id, seatIds, now).map((c) => c.seat_id));
    const unavailable = seatIds.filter((id) => taken.has(id) || byId.get(id)!.blocked !== 0);
    if (unavailable.length) {
      throw new BoxOfficeError('SEATS_UNAVAILABLE', 'Some of these seats are held, sold or out of the layout; nothing was blocked', { seatIds: unavailable });
    }
    const already = houseSeats(db, show.id, seatIds);
    const fresh = seatIds.filter((id) => !already.has(id));
    // Blocking again only updates the reason.
    stmt(db, 'UPDATE show_blocks SET reason = ? WHERE show_id = ? AND seat_id IN (SELECT value FROM json_each(?))').run(
      input.reason, show.id, JSON.stringify([...already]),
    );
    const insert = stmt(db, 'INSERT INTO show_blocks (show_id, seat_id, reason, blocked_by, blocked_at) VALUES (?, ?, ?, ?, ?)');
    for (const id of fresh) insert.run(show.id, id, input.reason, actor.staffId, now);
    writeAudit(ctx, actor, 'show.block_seats', show.id, { seatIds, reason: input.reason });
    return { version: bumpSeatVersion(db, show.id), fresh };
  }).immediate();
  publishSeatChanges(ctx, input.showId, version, fresh.map((id) => ({ id, status: 'blocked' as const, blockReason: input.reason })));
  return { showId: input.showId, seatIds };
}

export function unblockSeats(ctx: EngineCtx, input: ParsedInput<'shows.unblockSeats'>, actor: Actor): ChannelOutput<'shows.unblockSeats'> {
  const db = ctx.db;
  const { version, freed } = db.transaction(() => {
    const show = getShowRow(db, input.showId);
    if (!show) throw new BoxOfficeError('NOT_FOUND', 'There is no such show', { showId: input.showId });
    const freed = (stmt(db, 'DELETE FROM show_blocks WHERE show_id = ? AND seat_id IN (SELECT value FROM json_each(?)) RETURNING seat_id').all(
      show.id, JSON.stringify([...new Set(input.seatIds)]),
    ) as { seat_id: string }[]).map((r) => r.seat_id);
    writeAudit(ctx, actor, 'show.unblock_seats', show.id, { seatIds: freed });
    return { version: freed.length ? bumpSeatVersion(db, show.id) : show.seat_version, freed };
  }).immediate();
  publishSeatChanges(ctx, input.showId, version, freed.map((id) => ({ id, status: 'available' as const })));
  return { showId: input.showId, seatIds: freed };
}
