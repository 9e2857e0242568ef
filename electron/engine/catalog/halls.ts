// Halls and their seat layouts: read a layout, create or edit one without breaking sold seats.
import { BoxOfficeError, type ChannelOutput, type Hall, type ParsedInput, type Seat } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';
import type { Db } from '../db/open';
import { iso } from '../clock';
import { newId } from '../ids';
import { writeAudit } from '../audit/audit';
import { getTheaterRow } from './theaters';
import { planLayout, validateLayout, type ExistingSeat } from './hallLayout';
import { seatsInUse } from '../inventory/claims';
import { retimeUpcomingShows } from '../schedule/retime';
import { getSettings } from '../settings/settings';
import { stmt } from '../db/stmts';

interface HallRow { id: string; theater_id: string; name: string; cleaning_minutes: number; layout_version: number }

export const seatLabel = (row: string, n: number): string => `${row}${n}`;

/** The hall with its live seats (rows by row_index, seats by number); null when unknown. */
export function loadHall(db: Db, id: string): Hall | null {
  const h = stmt(db, 'SELECT id, theater_id, name, cleaning_minutes, layout_version FROM halls WHERE id = ?').get(id) as HallRow | undefined;
  if (!h) return null;
  const seats = stmt(db, 'SELECT id, row_label, number, col, width, type, blocked FROM seats WHERE hall_id = ? AND removed = 0 ORDER BY row_index, number')
    .all(id) as { id: string; row_label: string; number: number; col: number; width: number; type: Seat['type']; blocked: number }[];
  const rows: Hall['rows'] = [];
  let capacity = 0;
  for (const s of seats) {
    let row = rows[rows.length - 1];
    if (!row || row.label !== s.row_label) rows.push((row = { label: s.row_label, seats: [] }));
    row.seats.push({ id: s.id, label: seatLabel(s.row_label, s.number), number: s.number, column: s.col, width: s.width, type: s.type, blocked: s.blocked === 1 });
    // Same definition as capacity.ts: live (removed = 0, filtered above) and not blocked.
    if (!s.blocked) capacity++;
  }
  return { id: h.id, theaterId: h.theater_id, name: h.name, cleaningMinutes: h.cleaning_minutes, capacity, rows, layoutVersion: h.layout_version };
}

export function getHall(ctx: EngineCtx, input: ParsedInput<'halls.get'>, _actor: Actor): ChannelOutput<'halls.get'> {
  const hall = loadHall(ctx.db, input.id);
  if (!hall) throw new BoxOfficeError('NOT_FOUND', 'No such hall');
  return hall;
}

interface InUse { seatId: string; label: string; showId: string; startsAt: string }

/** Live claims (sold, or held and not expired) on these seats for shows still to come, labelled. */
function claimedSeats(ctx: EngineCtx, seats: ExistingSeat[]): InUse[] {
  if (seats.length === 0) return [];
  const byId = new Map(seats.map((s) => [s.id, s]));
  return seatsInUse(ctx.db, [...byId.keys()], ctx.clock.now()).map((r) => {
    const s = byId.get(r.seatId)!;
    return { seatId: r.seatId, label: seatLabel(s.row_label, s.number), showId: r.showId, startsAt: iso(r.startsAt) };
  });
}

export function saveHall(ctx: EngineCtx, input: ParsedInput<'halls.save'>, actor: Actor): ChannelOutput<'halls.save'> {
  validateLayout(input.rows);
  let retimed: string[] = [];
  const id = ctx.db.transaction(() => {
    if (!getTheaterRow(ctx.db, input.theaterId)) throw new BoxOfficeError('NOT_FOUND', 'No such theater');
    let existing: ExistingSeat[] = [];
    let cleaningBefore: number | null = null;
    if (input.id) {
      const h = stmt(ctx.db, 'SELECT id, theater_id, cleaning_minutes FROM halls WHERE id = ?').get(input.id) as
        | { id: string; theater_id: string; cleaning_minutes: number }
        | undefined;
      if (!h) throw new BoxOfficeError('NOT_FOUND', 'No such hall');
      if (h.theater_id !== input.theaterId) throw new BoxOfficeError('CONFLICT', 'A hall cannot move to another theater; create a new hall there');
      cleaningBefore = h.cleaning_minutes;
      existing = stmt(ctx.db, 'SELECT id, row_label, row_index, number, col, type, blocked FROM seats WHERE hall_id = ? AND removed = 0')
        .all(input.id) as ExistingSeat[];
    }
    // The unique (theater_id, name) constraint is case-sensitive; people are not.
    const clash = stmt(ctx.db, 'SELECT id FROM halls WHERE theater_id = ? AND lower(name) = lower(?) AND id IS NOT ?')
      .get(input.theaterId, input.name, input.id ?? null);
    if (clash) throw new BoxOfficeError('CONFLICT', `This theater already has a hall called "${input.name}"`);

    const plan = planLayout(input.rows, existing);
    const hallId = input.id ?? newId('hall');
    if (input.id) {
      const inUse = claimedSeats(ctx, plan.risky);
      if (inUse.length > 0) {
        const labels = [...new Set(inUse.map((u) => u.label))].slice(0, 10).join(', ');
        throw new BoxOfficeError('LAYOUT_IN_USE', `Seats ${labels} are held or sold for upcoming shows; they cannot be removed, re-typed or blocked now`, { seats: inUse });
      }
      // A new layout version: cached layouts (engine and counters) of this hall are stale from now on.
      stmt(ctx.db, 'UPDATE halls SET name = ?, cleaning_minutes = ?, layout_version = layout_version + 1 WHERE id = ?').run(input.name, input.cleaningMinutes, hallId);
      // New cleaning minutes move the block end of the hall's upcoming shows (or refuse overlaps);
      // a rename or a seat edit leaves the schedule alone.
      if (cleaningBefore !== input.cleaningMinutes) {
        retimed = retimeUpcomingShows(ctx.db, ctx.clock.now(), { hallId }, getSettings(ctx).trailerMinutes);
      }
      // Retire every live seat first, then revive the kept ones with their new values: this way
      // swapping two seats' numbers never trips the unique (hall, row, number) index midway.
      stmt(ctx.db, 'UPDATE seats SET removed = 1 WHERE hall_id = ? AND removed = 0').run(hallId);
    } else {
      stmt(ctx.db, 'INSERT INTO halls (id, theater_id, name, cleaning_minutes, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(hallId, input.theaterId, input.name, input.cleaningMinutes, ctx.clock.now());
    }
    const revive = stmt(ctx.db, 'UPDATE seats SET row_label = ?, row_index = ?, number = ?, col = ?, width = ?, type = ?, blocked = ?, removed = 0 WHERE id = ?');
    const insert = stmt(ctx.db, 'INSERT INTO seats (id, hall_id, row_label, row_index, number, col, width, type, blocked) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    for (const s of plan.seats) {
      if (s.existing) revive.run(s.rowLabel, s.rowIndex, s.number, s.col, s.width, s.type, s.blocked ? 1 : 0, s.existing.id);
      else insert.run(newId('seat'), hallId, s.rowLabel, s.rowIndex, s.number, s.col, s.width, s.type, s.blocked ? 1 : 0);
    }
    writeAudit(ctx, actor, input.id ? 'halls.update' : 'halls.create', hallId, {
      name: input.name,
      cleaningMinutes: input.cleaningMinutes,
      seats: plan.seats.length,
      added: plan.seats.filter((s) => !s.existing).length,
      removed: plan.removed.map((s) => seatLabel(s.row_label, s.number)),
      ...(retimed.length ? { retimedShows: retimed.length } : {}),
    });
    return hallId;
  }).immediate();
  for (const showId of retimed) ctx.emit('shows.changed', { showId });
  return loadHall(ctx.db, id)!;
}
