// Shifts through the router: open, current, close with the cash reconciliation, list by local day.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, MONDAY_10AM, type Harness } from '../support/engineHarness';
import { seedBasics, seedShow, T, TOKENS } from '../support/fixtures';
import { insertRefund, insertSale, moveClock } from './salesSql';

let h: Harness;
beforeEach(() => {
  h = makeHarness();
  seedBasics(h.engine.ctx.db, { now: MONDAY_10AM, openShifts: false });
  seedShow(h.engine.ctx.db, { id: 'show_1', startsAt: '2026-11-24T00:00:00.000Z', now: MONDAY_10AM });
});
afterEach(() => h.close());

const count = (sql: string) => (h.engine.ctx.db.prepare(sql).get() as { n: number }).n;

describe('shifts.open / shifts.current', () => {
  it('opens a shift for the caller and returns it as current', async () => {
    expect(await h.ok('shifts.current', {}, TOKENS.cashier)).toBeNull();
    const s = await h.ok('shifts.open', { float: 10_000 }, TOKENS.cashier);
    expect(s).toMatchObject({ staffId: T.cashier, staffName: 'Cashier', float: 10_000, openedAt: '2026-11-23T15:00:00.000Z' });
    expect(s.closedAt).toBeUndefined();
    expect(await h.ok('shifts.current', {}, TOKENS.cashier)).toEqual(s);
    // Another cashier has no shift, and may open their own.
    expect(await h.ok('shifts.current', {}, TOKENS.cashier2)).toBeNull();
    await h.ok('shifts.open', { float: 0 }, TOKENS.cashier2);
    const audit = h.engine.ctx.db.prepare("SELECT staff_id, entity_id FROM audit WHERE action = 'shift.open' ORDER BY id").all();
    expect(audit).toEqual([
      { staff_id: T.cashier, entity_id: s.id },
      { staff_id: T.cashier2, entity_id: expect.any(String) },
    ]);
  });

  it('refuses a second open shift for the same person with CONFLICT', async () => {
    await h.ok('shifts.open', { float: 5_000 }, TOKENS.cashier);
    const e = await h.err('shifts.open', { float: 1 }, TOKENS.cashier);
    expect(e.code).toBe('CONFLICT');
    expect(count('SELECT COUNT(*) AS n FROM shifts')).toBe(1);
  });

  it('rejects bad input with VALIDATION and opens nothing', async () => {
    for (const input of [{}, { float: -1 }, { float: 1.5 }, { float: '100' }, { float: 100, extra: true }]) {
      expect((await h.err('shifts.open', input, TOKENS.cashier)).code).toBe('VALIDATION');
    }
    expect((await h.err('shifts.current', { x: 1 }, TOKENS.cashier)).code).toBe('VALIDATION');
    expect(count('SELECT COUNT(*) AS n FROM shifts')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM audit')).toBe(0);
  });

  it('needs a session', async () => {
    for (const ch of ['shifts.current', 'shifts.open', 'shifts.close', 'shifts.list'] as const) {
      const input = ch === 'shifts.open' ? { float: 1 } : ch === 'shifts.close' ? { countedCash: 1 } : ch === 'shifts.list' ? { date: '2026-11-23' } : {};
      expect((await h.err(ch, input)).code).toBe('UNAUTHENTICATED');
      expect((await h.err(ch, input, 'not-a-token')).code).toBe('UNAUTHENTICATED');
    }
    expect(count('SELECT COUNT(*) AS n FROM shifts')).toBe(0);
  });
});

describe('shifts.close', () => {
  it('reconciles: float + cash kept on sales - cash refunds, only this shift, only cash', async () => {
    const db = h.engine.ctx.db;
    const mine = await h.ok('shifts.open', { float: 10_000 }, TOKENS.cashier);
    const other = await h.ok('shifts.open', { float: 2_000 }, TOKENS.cashier2);
    // Cash 2,000 kept (5,000 tendered, 3,000 change): +2,000.
    insertSale(db, { showId: 'show_1', cashierId: T.cashier, createdAt: '2026-11-23T15:10:00Z', tickets: [1000, 1000], firstSeat: 1, payments: [{ method: 'cash', amount: 2000, tendered: 5000 }], shiftId: mine.id });
    // Split: card 1,500 (not in the drawer) + cash 500: +500.
    insertSale(db, { showId: 'show_1', cashierId: T.cashier, createdAt: '2026-11-23T15:20:00Z', tickets: [1000, 1000], firstSeat: 3, payments: [{ method: 'card', amount: 1500 }, { method: 'cash', amount: 500 }], shiftId: mine.id });
    // Cash 1,200 sold, then half paid back in cash on this shift: +1,200 - 600.
    const b3 = insertSale(db, { showId: 'show_1', cashierId: T.cashier, createdAt: '2026-11-23T15:30:00Z', tickets: [1200], firstSeat: 5, payments: [{ method: 'cash', amount: 1200 }], shiftId: mine.id });
    insertRefund(db, { bookingId: b3, staffId: T.cashier, at: '2026-11-23T16:00:00Z', method: 'cash', amount: 600, percent: 50, shiftId: mine.id });
    // The other cashier's cash sale is in their drawer, not this one.
    insertSale(db, { showId: 'show_1', cashierId: T.cashier2, createdAt: '2026-11-23T15:40:00Z', tickets: [900], firstSeat: 6, payments: [{ method: 'cash', amount: 900 }], shiftId: other.id });
    // A cash sale with no shift at all (data from before cash needed an open shift) counts nowhere.
    insertSale(db, { showId: 'show_1', cashierId: T.cashier, createdAt: '2026-11-23T15:45:00Z', tickets: [700], firstSeat: 7, payments: [{ method: 'cash', amount: 700 }], shiftId: null });

    moveClock(h, '2026-11-23T23:00:00Z');
    const expected = 10_000 + 2_000 + 500 + 1_200 - 600; // 13,100
    const r = await h.ok('shifts.close', { countedCash: 13_000 }, TOKENS.cashier);
    expect(r).toMatchObject({ expectedCash: expected, countedCash: 13_000, difference: 13_000 - expected });
    expect(r.shift).toMatchObject({
      id: mine.id, closedAt: '2026-11-23T23:00:00.000Z', float: 10_000, expectedCash: expected, countedCash: 13_000, difference: -100,
    });
    expect(await h.ok('shifts.current', {}, TOKENS.cashier)).toBeNull();
    const audit = db.prepare("SELECT entity_id, details FROM audit WHERE action = 'shift.close'").get() as { entity_id: string; details: string };
    expect(audit.entity_id).toBe(mine.id);
    expect(JSON.parse(audit.details)).toEqual({ expectedCash: expected, countedCash: 13_000, difference: -100 });

    const theirs = await h.ok('shifts.close', { countedCash: 2_900 }, TOKENS.cashier2);
    expect(theirs).toMatchObject({ expectedCash: 2_900, difference: 0 });
    // After closing, a new shift may be opened.
    await h.ok('shifts.open', { float: 100 }, TOKENS.cashier);
  });

  it('answers CONFLICT when there is no open shift, and VALIDATION on bad input', async () => {
    expect((await h.err('shifts.close', { countedCash: 0 }, TOKENS.cashier)).code).toBe('CONFLICT');
    await h.ok('shifts.open', { float: 100 }, TOKENS.cashier);
    for (const input of [{}, { countedCash: -5 }, { countedCash: 0.5 }, { countedCash: 1, float: 1 }]) {
      expect((await h.err('shifts.close', input, TOKENS.cashier)).code).toBe('VALIDATION');
    }
    // Still open, untouched.
    const cur = await h.ok('shifts.current', {}, TOKENS.cashier);
    expect(cur?.closedAt).toBeUndefined();
    expect(count("SELECT COUNT(*) AS n FROM audit WHERE action = 'shift.close'")).toBe(0);
  });
});

describe('shifts.list', () => {
  it('lists the shifts opened on a local day (New York), with their differences', async () => {
    // Monday 23:30 in New York is Tuesday 04:30 UTC; Tuesday 00:30 in New York is 05:30 UTC.
    moveClock(h, '2026-11-24T04:30:00Z');
    const late = await h.ok('shifts.open', { float: 1_000 }, TOKENS.cashier);
    moveClock(h, '2026-11-24T05:30:00Z');
    const next = await h.ok('shifts.open', { float: 2_000 }, TOKENS.cashier2);
    moveClock(h, '2026-11-24T06:00:00Z');
    await h.ok('shifts.close', { countedCash: 1_050 }, TOKENS.cashier);

    const monday = await h.ok('shifts.list', { date: '2026-11-23' }, TOKENS.manager);
    expect(monday).toHaveLength(1);
    expect(monday[0]).toMatchObject({ id: late.id, staffName: 'Cashier', expectedCash: 1_000, countedCash: 1_050, difference: 50 });
    const tuesday = await h.ok('shifts.list', { date: '2026-11-24' }, TOKENS.manager);
    expect(tuesday.map((s) => s.id)).toEqual([next.id]);
    expect(tuesday[0]!.difference).toBeUndefined();
    expect(await h.ok('shifts.list', { date: '2026-11-25' }, TOKENS.manager)).toEqual([]);
  });

  it('is for managers only, and validates the date', async () => {
    expect((await h.err('shifts.list', { date: '2026-11-23' }, TOKENS.cashier)).code).toBe('FORBIDDEN');
    for (const input of [{}, { date: '23/11/2026' }, { date: '2026-02-30' }, { date: '2026-11-23', theaterId: 'x' }]) {
      expect((await h.err('shifts.list', input, TOKENS.manager)).code).toBe('VALIDATION');
    }
  });
});
