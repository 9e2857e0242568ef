// Cash shifts: a cashier opens a drawer with a float, sells, and closes it by counting the cash.
// Expected cash is derived from the payments rows tagged with the shift (charges in, refunds out),
// never from a running counter, so a crash between a sale and an update cannot skew the count.
import { BoxOfficeError, type ChannelOutput, type ParsedInput, type Shift } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';
import type { Db } from '../db/open';
import { iso } from '../clock';
import { newId } from '../ids';
import { writeAudit } from '../audit/audit';
import { dayRange, firstTheaterZone } from '../reports/zone';
import { stmt } from '../db/stmts';
import { openShiftId } from '../bookings/shift';

interface ShiftRow {
  id: string;
  staff_id: string;
  staff_name: string;
  opened_at: number;
  float: number;
  closed_at: number | null;
  counted_cash: number | null;
  expected_cash: number | null;
}

const SELECT_SHIFT = `SELECT sh.id, sh.staff_id, st.name AS staff_name, sh.opened_at, sh.float, sh.closed_at,
                             sh.counted_cash, sh.expected_cash
                      FROM shifts sh JOIN staff st ON st.id = sh.staff_id`;

function toShift(r: ShiftRow): Shift {
  const s: Shift = { id: r.id, staffId: r.staff_id, staffName: r.staff_name, openedAt: iso(r.opened_at), float: r.float };
  if (r.closed_at !== null) {
    s.closedAt = iso(r.closed_at);
    if (r.counted_cash !== null) s.countedCash = r.counted_cash;
    if (r.expected_cash !== null) s.expectedCash = r.expected_cash;
    if (r.counted_cash !== null && r.expected_cash !== null) s.difference = r.counted_cash - r.expected_cash;
  }
  return s;
}

function shiftRow(db: Db, id: string): ShiftRow | undefined {
  return stmt(db, `${SELECT_SHIFT} WHERE sh.id = ?`).get(id) as ShiftRow | undefined;
}

/** The staff member's open shift: which one is open is openShiftId's to say (sales tag payments with it). */
function openShiftRow(db: Db, staffId: string): ShiftRow | undefined {
  const id = openShiftId(db, staffId);
  return id === null ? undefined : shiftRow(db, id);
}

/** Cash that should be in the drawer: the float, plus cash kept on sales, minus cash paid back. */
export function expectedCashOf(db: Db, shiftId: string, float: number): number {
  const row = stmt(db, 
      `SELECT COALESCE(SUM(CASE kind WHEN 'charge' THEN amount ELSE -amount END), 0) AS net
       FROM payments WHERE shift_id = ? AND method = 'cash'`,
    )
    .get(shiftId) as { net: number };
  return float + row.net;
}

export function currentShift(ctx: EngineCtx, _input: ParsedInput<'shifts.current'>, actor: Actor): ChannelOutput<'shifts.current'> {
  const row = openShiftRow(ctx.db, actor.staffId);
  return row ? toShift(row) : null;
}

export function openShift(ctx: EngineCtx, input: ParsedInput<'shifts.open'>, actor: Actor): ChannelOutput<'shifts.open'> {
  const id = newId('sh');
  const now = ctx.clock.now();
  const run = ctx.db.transaction(() => {
    if (openShiftRow(ctx.db, actor.staffId)) {
      throw new BoxOfficeError('CONFLICT', 'You already have an open shift; close it before opening another');
    }
    stmt(ctx.db, 'INSERT INTO shifts (id, staff_id, opened_at, float) VALUES (?, ?, ?, ?)').run(id, actor.staffId, now, input.float);
    writeAudit(ctx, actor, 'shift.open', id, { float: input.float });
  });
  try {
    // IMMEDIATE takes the write lock before the check, so two counters signed in as the same
    // person cannot both pass it; the unique index is the last word if they somehow do.
    run.immediate();
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
      throw new BoxOfficeError('CONFLICT', 'You already have an open shift; close it before opening another');
    }
    throw e;
  }
  return toShift(openShiftRow(ctx.db, actor.staffId)!);
}

export function closeShift(ctx: EngineCtx, input: ParsedInput<'shifts.close'>, actor: Actor): ChannelOutput<'shifts.close'> {
  const now = ctx.clock.now();
  const run = ctx.db.transaction(() => {
    const open = openShiftRow(ctx.db, actor.staffId);
    if (!open) throw new BoxOfficeError('CONFLICT', 'You have no open shift to close');
    // Computed inside the write transaction: no sale can land on the shift between sum and close.
    const expected = expectedCashOf(ctx.db, open.id, open.float);
    stmt(ctx.db, 'UPDATE shifts SET closed_at = ?, counted_cash = ?, expected_cash = ? WHERE id = ?')
      .run(now, input.countedCash, expected, open.id);
    const difference = input.countedCash - expected;
    writeAudit(ctx, actor, 'shift.close', open.id, { expectedCash: expected, countedCash: input.countedCash, difference });
    return { id: open.id, expected, difference };
  });
  const r = run.immediate();
  return { shift: toShift(shiftRow(ctx.db, r.id)!), expectedCash: r.expected, countedCash: input.countedCash, difference: r.difference };
}

export function listShifts(ctx: EngineCtx, input: ParsedInput<'shifts.list'>, _actor: Actor): ChannelOutput<'shifts.list'> {
  const [from, to] = dayRange(input.date, firstTheaterZone(ctx.db));
  const rows = stmt(ctx.db, `${SELECT_SHIFT} WHERE sh.opened_at >= ? AND sh.opened_at < ? ORDER BY sh.opened_at, sh.id`)
    .all(from, to) as ShiftRow[];
  return rows.map(toShift);
}
