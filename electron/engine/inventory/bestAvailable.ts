// seats.bestAvailable: reads the show's grid (live claims only) and asks the pure selection in
// bestSeats.ts, for `count` seats or a `mix` of types. A suggestion: nothing is held, so the
// cashier still confirms with seats.hold; `split: true` says the seats are apart.
import { BoxOfficeError, type ChannelOutput, type ParsedInput, type SeatType } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';
import { availability, demandOf, pickBestSeats, type GridSeat, type Party } from './bestSeats';
import { liveClaimSql, requireOpenShow } from './claims';
import { stmt } from '../db/stmts';

interface GridRow { id: string; row_index: number; number: number; col: number; width: number; type: SeatType; free: number }

/** Free means: not blocked (in the layout or as a house seat of this show) and no live claim (an expired hold does not count). */
const GRID_SQL = `
  SELECT s.id, s.row_index, s.number, s.col, s.width, s.type,
         (s.blocked = 0 AND c.seat_id IS NULL AND hb.seat_id IS NULL) AS free
  FROM seats s
  LEFT JOIN show_blocks hb ON hb.show_id = @show AND hb.seat_id = s.id
  LEFT JOIN seat_claims c
    ON c.show_id = @show AND c.seat_id = s.id AND ${liveClaimSql('c', '@now')}
  WHERE s.hall_id = @hall AND s.removed = 0
  ORDER BY s.row_index, s.number`;

export function loadGrid(ctx: EngineCtx, showId: string, hallId: string, now: number): GridSeat[] {
  const rows = stmt(ctx.db, GRID_SQL).all({ show: showId, hall: hallId, now }) as GridRow[];
  return rows.map((r) => ({ id: r.id, row: r.row_index, number: r.number, column: r.col, width: r.width, type: r.type, free: r.free === 1 }));
}

export function bestAvailable(ctx: EngineCtx, input: ParsedInput<'seats.bestAvailable'>, _actor: Actor): ChannelOutput<'seats.bestAvailable'> {
  const now = ctx.clock.now();
  // Same gate as seats.hold: suggesting seats that cannot be held would only waste the cashier's time.
  const show = requireOpenShow(ctx.db, input.showId, now);
  const grid = loadGrid(ctx, show.id, show.hall_id, now);
  const party: Party = input.mix ? { mix: input.mix } : { count: input.count!, ...(input.types ? { types: input.types } : {}) };
  const result = pickBestSeats(grid, party);
  if (!result) {
    const d = demandOf(party);
    const free = availability(grid, d).usable.length;
    const asked = input.mix ? input.mix.map((m) => `${m.count} ${m.type}`).join(' + ') : `${d.size}`;
    throw new BoxOfficeError('SEATS_UNAVAILABLE', `Not enough suitable seats are free for this show: ${asked} asked for, ${free} free`, {
      seatIds: [],
      requested: d.size,
      free,
    });
  }
  return result.split ? { seatIds: result.seatIds, split: true } : { seatIds: result.seatIds };
}
