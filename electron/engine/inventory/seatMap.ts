// seats.map: every seat of a show's hall with its status, in one LEFT JOIN over the claims.
// Read inside one (deferred) transaction so the version and the seats are the same snapshot: a
// client applying later seats.changed events by version never misses or double-applies one.
import { BoxOfficeError, type ChannelOutput, type MapSeat, type ParsedInput, type SeatStatus, type SeatType } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';
import { getShowRow, holdView, liveClaimSql, toShow, type HoldRow } from './claims';
import { stmt } from '../db/stmts';

interface MapRow {
  id: string;
  row_label: string;
  number: number;
  col: number;
  type: SeatType;
  blocked: number;
  hold_id: string | null;
  booking_id: string | null;
  own: number;
  house_reason: string | null;
}

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

/**
 * One row per live seat of the hall. The join condition drops expired hold claims, so they read
 * as available without anyone having swept them yet.
 */
export const MAP_SQL = `
  SELECT s.id, s.row_label, s.number, s.col, s.type, s.blocked,
         c.hold_id, c.booking_id, (h.session IS NOT NULL AND h.session = @session) AS own, hb.reason AS house_reason
  FROM seats s
  LEFT JOIN show_blocks hb ON hb.show_id = @show AND hb.seat_id = s.id
  LEFT JOIN seat_claims c
    ON c.show_id = @show AND c.seat_id = s.id AND ${liveClaimSql('c', '@now')}
  LEFT JOIN holds h ON h.id = c.hold_id
  WHERE s.hall_id = @hall AND s.removed = 0
  ORDER BY s.row_index, s.number`;

export function seatMap(ctx: EngineCtx, input: ParsedInput<'seats.map'>, actor: Actor): ChannelOutput<'seats.map'> {
  const db = ctx.db;
  return db.transaction(() => {
    const show = getShowRow(db, input.showId);
    if (!show) throw new BoxOfficeError('NOT_FOUND', 'There is no such show', { showId: input.showId });
    const hall = stmt(db, 'SELECT id, name, theater_id FROM halls WHERE id = ?').get(show.hall_id) as
      | { id: string; name: string; theater_id: string }
      | undefined;
    if (!hall) throw new BoxOfficeError('NOT_FOUND', 'The show\'s hall no longer exists', { hallId: show.hall_id });

    const rows = stmt(db, MAP_SQL).all({ show: show.id, hall: hall.id, now: ctx.clock.now(), session: actor.session }) as MapRow[];
    const labels: string[] = [];
    const seats: MapSeat[] = rows.map((r) => {
      if (labels[labels.length - 1] !== r.row_label) labels.push(r.row_label);
      const seat: MapSeat = {
        id: r.id,
        label: `${r.row_label}${r.number}`,
        row: r.row_label,
        number: r.number,
        column: r.col,
        type: r.type,
        status: seatStatus(r),
      };
      // holdId only on the caller's own holds: other counters' holds stay opaque.
      if (r.own && r.hold_id !== null) seat.holdId = r.hold_id;
      if (r.house_reason !== null) seat.blockReason = r.house_reason;
      return seat;
    });

    // Capacity counts sellable seats (in the layout and not blocked there), as every other screen
    // does; a house seat of this show stays in the capacity, like a sold one.
    const capacity = rows.reduce((n, r) => n + (r.blocked ? 0 : 1), 0);
    // The caller's own live hold on this show (the newest), so a counter that reloads its page
    // takes its hold back with its expiry instead of seeing its own seats as someone else's.
    const mine = stmt(
      db,
      'SELECT * FROM holds WHERE show_id = ? AND session = ? AND expires_at > ? ORDER BY created_at DESC LIMIT 1',
    ).get(show.id, actor.session, ctx.clock.now()) as HoldRow | undefined;
    return {
      show: toShow(show),
      myHold: mine ? holdView(db, mine) : null,
      hall: { id: hall.id, name: hall.name, theaterId: hall.theater_id, capacity, rows: labels },
      version: show.seat_version,
      seats,
    };
  })();
}
