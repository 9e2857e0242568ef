import { describe, expect, it } from 'vitest';
import { useSeededHarness } from '../support/seeded';
import type { Harness } from '../support/engineHarness';
import { seatId, seedShow, T, TOKENS } from '../support/fixtures';
import type { Hall } from '../../shared/contract';
import { count, insertHoldClaims, insertSoldClaims } from './claimsSql';

const h = useSeededHarness();

const M = TOKENS.manager;
const C = TOKENS.cashier;
const TOMORROW = '2026-11-24T19:00:00.000Z';

type SeatIn = { id?: string; number: number; column: number; type: string; blocked?: boolean };
const row = (label: string, n: number, type = 'regular', aisleAfter = 0): { label: string; seats: SeatIn[] } => ({
  label,
  seats: Array.from({ length: n }, (_, i) => ({ number: i + 1, column: i + 1 + (aisleAfter && i + 1 > aisleAfter ? 1 : 0), type })),
});

/** The layout as halls.save takes it back, with ids, so a test can edit one thing. */
function asInput(hall: Hall) {
  return {
    id: hall.id, theaterId: hall.theaterId, name: hall.name, cleaningMinutes: hall.cleaningMinutes,
    rows: hall.rows.map((r) => ({ label: r.label, seats: r.seats.map((s) => ({ id: s.id, number: s.number, column: s.column, type: s.type, blocked: s.blocked })) })),
  };
}
const snapshot = () => h.engine.ctx.db.prepare('SELECT * FROM seats ORDER BY id').all();

describe('halls.get', () => {
  it('returns rows in order, seats by number with labels, and the sellable capacity', async () => {
    h.engine.ctx.db.prepare('UPDATE seats SET blocked = 1 WHERE id = ?').run(seatId('F', 10));
    const hall = await h.ok('halls.get', { id: T.hall }, C);
    expect(hall).toMatchObject({ id: T.hall, theaterId: T.theater, name: 'Hall 1', cleaningMinutes: 15, capacity: 59 });
    expect(hall.rows.map((r) => r.label)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    expect(hall.rows[0]!.seats.slice(4, 6)).toEqual([
      { id: seatId('A', 5), label: 'A5', number: 5, column: 5, width: 1, type: 'vip', blocked: false },
      { id: seatId('A', 6), label: 'A6', number: 6, column: 7, width: 1, type: 'vip', blocked: false },
    ]);
    expect(hall.rows[5]!.seats[9]).toMatchObject({ label: 'F10', blocked: true });
  });

  it('answers NOT_FOUND, VALIDATION and UNAUTHENTICATED', async () => {
    expect((await h.err('halls.get', { id: 'hall_nope' }, C)).code).toBe('NOT_FOUND');
    expect((await h.err('halls.get', {}, C)).code).toBe('VALIDATION');
    expect((await h.err('halls.get', { id: T.hall })).code).toBe('UNAUTHENTICATED');
  });
});

describe('halls.save: create', () => {
  it('creates a hall with its layout, audited', async () => {
    const hall = await h.ok('halls.save', { theaterId: T.theater, name: 'Hall 2', cleaningMinutes: 20, rows: [row('A', 8, 'recliner', 4), row('B', 10)] }, M);
    expect(hall).toMatchObject({ theaterId: T.theater, name: 'Hall 2', cleaningMinutes: 20, capacity: 18 });
    expect(hall.rows[0]!.seats.map((s) => s.column)).toEqual([1, 2, 3, 4, 6, 7, 8, 9]);
    expect(await h.ok('halls.get', { id: hall.id }, C)).toEqual(hall);
    expect(count(h.engine.ctx.db, "SELECT count(*) AS n FROM audit WHERE action = 'halls.create' AND entity_id = ?", hall.id)).toBe(1);
  });

  it('rejects duplicate rows, seat numbers and columns with VALIDATION details, saving nothing', async () => {
    const base = { theaterId: T.theater, name: 'Hall 2', cleaningMinutes: 20 };
    const dupRow = await h.err('halls.save', { ...base, rows: [row('A', 3), row('a', 3)] }, M);
    expect(dupRow.code).toBe('VALIDATION');
    expect(dupRow.details).toEqual([expect.objectContaining({ path: 'rows.1.label' })]);
    const dupSeat = await h.err('halls.save', { ...base, rows: [{ label: 'A', seats: [{ number: 1, column: 1, type: 'regular' }, { number: 1, column: 2, type: 'regular' }] }] }, M);
    expect(dupSeat.details).toEqual([expect.objectContaining({ path: 'rows.0.seats.1.number' })]);
    const dupCol = await h.err('halls.save', { ...base, rows: [{ label: 'A', seats: [{ number: 1, column: 3, type: 'regular' }, { number: 2, column: 3, type: 'regular' }] }] }, M);
    expect(dupCol.details).toEqual([expect.objectContaining({ path: 'rows.0.seats.1.column' })]);
    expect((await h.err('halls.save', { ...base, rows: [{ label: 'A', seats: [] }] }, M)).code).toBe('VALIDATION');
    expect((await h.err('halls.save', { ...base, rows: [{ label: 'A', seats: [{ number: 1, column: 1, type: 'sofa' }] }] }, M)).code).toBe('VALIDATION');
    expect(count(h.engine.ctx.db, 'SELECT count(*) AS n FROM halls')).toBe(1);
  });

  it('refuses a second hall with the same name in the theater (CONFLICT), NOT_FOUND for an unknown theater', async () => {
    expect((await h.err('halls.save', { theaterId: T.theater, name: 'hall 1', cleaningMinutes: 20, rows: [row('A', 3)] }, M)).code).toBe('CONFLICT');
    expect((await h.err('halls.save', { theaterId: 'th_nope', name: 'X', cleaningMinutes: 20, rows: [row('A', 3)] }, M)).code).toBe('NOT_FOUND');
    expect(count(h.engine.ctx.db, 'SELECT count(*) AS n FROM halls')).toBe(1);
  });

  it('is for managers only', async () => {
    const input = { theaterId: T.theater, name: 'Hall 2', cleaningMinutes: 20, rows: [row('A', 3)] };
    expect((await h.err('halls.save', input, C)).code).toBe('FORBIDDEN');
    expect((await h.err('halls.save', input)).code).toBe('UNAUTHENTICATED');
    expect(count(h.engine.ctx.db, 'SELECT count(*) AS n FROM halls')).toBe(1);
  });
});

describe('halls.save: editing a layout', () => {
  it('keeps seats matched by row and number when ids are not given, and retires missing ones', async () => {
    const rows = ['A', 'B', 'C', 'D', 'E'].map((l) => row(l, 10, 'regular', 5)); // row F goes, all become regular
    const hall = await h.ok('halls.save', { id: T.hall, theaterId: T.theater, name: 'Hall One', cleaningMinutes: 10, rows }, M);
    expect(hall).toMatchObject({ name: 'Hall One', cleaningMinutes: 10, capacity: 50 });
    expect(hall.rows[0]!.seats[0]).toEqual({ id: seatId('A', 1), label: 'A1', number: 1, column: 1, width: 1, type: 'regular', blocked: false });
    // Removed seats stay in the table (tickets point at them), flagged removed.
    const f1 = h.engine.ctx.db.prepare('SELECT removed FROM seats WHERE id = ?').get(seatId('F', 1)) as { removed: number };
    expect(f1.removed).toBe(1);
    expect(count(h.engine.ctx.db, 'SELECT count(*) AS n FROM seats WHERE hall_id = ?', T.hall)).toBe(60);
  });

  it('moves a seat by id and can swap two seats\' numbers', async () => {
    const input = asInput(await h.ok('halls.get', { id: T.hall }, C));
    const a = input.rows[0]!.seats;
    [a[0]!.number, a[1]!.number] = [2, 1];
    [a[0]!.column, a[1]!.column] = [2, 1];
    const hall = await h.ok('halls.save', input, M);
    expect(hall.rows[0]!.seats.slice(0, 2).map((s) => [s.id, s.label])).toEqual([[seatId('A', 2), 'A1'], [seatId('A', 1), 'A2']]);
  });

  it('rejects a seat id from elsewhere with VALIDATION', async () => {
    const input = asInput(await h.ok('halls.get', { id: T.hall }, C));
    input.rows[0]!.seats[0]!.id = 'seat_of_another_hall';
    expect((await h.err('halls.save', input, M)).code).toBe('VALIDATION');
  });

  it('LAYOUT_IN_USE: removing a held seat, re-typing a sold one or blocking one, for a show to come', async () => {
    const db = h.engine.ctx.db;
    const now = h.clock.now();
    seedShow(db, { id: 'show_1', startsAt: TOMORROW, now });
    insertHoldClaims(db, 'show_1', [seatId('F', 10)], now + 600_000, now);
    insertSoldClaims(db, 'show_1', [seatId('A', 1), seatId('A', 2)], now);
    const input = asInput(await h.ok('halls.get', { id: T.hall }, C));
    const before = snapshot();

    const removeHeld = structuredClone(input);
    removeHeld.rows[5]!.seats.pop();
    const e1 = await h.err('halls.save', removeHeld, M);
    expect(e1.code).toBe('LAYOUT_IN_USE');
    expect(e1.details).toEqual({ seats: [{ seatId: seatId('F', 10), label: 'F10', showId: 'show_1', startsAt: TOMORROW }] });

    const retype = structuredClone(input);
    retype.rows[0]!.seats[0]!.type = 'regular';
    retype.rows[0]!.seats[1]!.blocked = true;
    const e2 = await h.err('halls.save', retype, M);
    expect(e2.code).toBe('LAYOUT_IN_USE');
    expect((e2.details as { seats: { label: string }[] }).seats.map((s) => s.label).sort()).toEqual(['A1', 'A2']);

    // Removing a whole row through a save without ids is caught the same way.
    const noIds = { ...input, id: T.hall, rows: input.rows.slice(1).map((r) => ({ label: r.label, seats: r.seats.map(({ id: _id, ...s }) => s) })) };
    expect((await h.err('halls.save', noIds, M)).code).toBe('LAYOUT_IN_USE');

    expect(snapshot()).toEqual(before);
    // Moving a sold seat (same type, not blocked) is fine.
    const move = structuredClone(input);
    move.rows[0]!.seats[0]!.column = 0;
    expect((await h.ok('halls.save', move, M)).rows[0]!.seats[0]!.column).toBe(0);
  });

  it('allows the edit when the claim is an expired hold, the show started, or it was cancelled', async () => {
    const db = h.engine.ctx.db;
    const now = h.clock.now();
    seedShow(db, { id: 'show_1', startsAt: TOMORROW, now });
    seedShow(db, { id: 'show_started', startsAt: new Date(now - 3600_000).toISOString(), now });
    seedShow(db, { id: 'show_cancelled', startsAt: '2026-11-25T19:00:00.000Z', now });
    db.prepare("UPDATE shows SET status = 'cancelled' WHERE id = 'show_cancelled'").run();
    insertHoldClaims(db, 'show_1', [seatId('A', 1)], now - 1, now - 600_000);
    insertSoldClaims(db, 'show_started', [seatId('A', 2)], now);
    insertSoldClaims(db, 'show_cancelled', [seatId('A', 3)], now);
    const input = asInput(await h.ok('halls.get', { id: T.hall }, C));
    input.rows[0]!.seats.splice(0, 3);
    const hall = await h.ok('halls.save', input, M);
    expect(hall.rows[0]!.seats.map((s) => s.label)).toEqual(['A4', 'A5', 'A6', 'A7', 'A8', 'A9', 'A10']);
  });

  it('refuses to move a hall to another theater and NOT_FOUND for an unknown hall', async () => {
    const input = asInput(await h.ok('halls.get', { id: T.hall }, C));
    const other = await h.ok('theaters.save', { name: 'Other', city: 'Boston', timezone: 'America/New_York', currency: 'USD' }, M);
    expect((await h.err('halls.save', { ...input, theaterId: other.id }, M)).code).toBe('CONFLICT');
    expect((await h.err('halls.save', { ...input, id: 'hall_nope' }, M)).code).toBe('NOT_FOUND');
  });
});
