// Reports through the router: the daily report (hand-computed totals, a refund, the New York day
// boundary, the theater filter, index-only range scans) and the occupancy report.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, MONDAY_10AM, type Harness } from '../support/engineHarness';
import { seatId, seedBasics, seedShow, T, TOKENS } from '../support/fixtures';
import { MONEY_SQL, SALES_SQL } from '../../electron/engine/reports/daily';
import { insertRefund, insertSale, insertShow, seedSecondMovie, seedSecondTheater } from './salesSql';
import { tokenHash } from '../../electron/engine/staff/sessions';

let h: Harness;
afterEach(() => h.close());

describe('reports.daily', () => {
  beforeEach(() => {
    h = makeHarness();
    const db = h.engine.ctx.db;
    seedBasics(db, { now: MONDAY_10AM });
    seedSecondMovie(db, MONDAY_10AM);
    seedSecondTheater(db, MONDAY_10AM);
    seedShow(db, { id: 'show_1', startsAt: '2026-11-24T00:00:00.000Z', now: MONDAY_10AM }); // Inception, Mon 19:00 NY
    insertShow(db, { id: 'show_2', movieId: 'mv_tdk', startsAt: '2026-11-25T00:00:00.000Z', now: MONDAY_10AM }); // TDK, Tue 19:00 NY
    insertShow(db, { id: 'show_w', hallId: 'hall_2', startsAt: '2026-11-25T03:00:00.000Z', now: MONDAY_10AM }); // West, LA

    // Monday 23 Nov in New York runs from 05:00 UTC on the 23rd to 05:00 UTC on the 24th.
    // B1 Mon 10:00 NY: Inception, Cashier, 2 x 1,000 cash (5,000 tendered).
    insertSale(db, { showId: 'show_1', cashierId: T.cashier, createdAt: '2026-11-23T15:00:00Z', tickets: [1000, 1000], firstSeat: 1, payments: [{ method: 'cash', amount: 2000, tendered: 5000 }] });
    // B2 Mon 23:30 NY (Tue 04:30 UTC): TDK, Cashier Two, 3 x 1,200, card 2,000 + cash 1,600.
    insertSale(db, { showId: 'show_2', cashierId: T.cashier2, createdAt: '2026-11-24T04:30:00Z', tickets: [1200, 1200, 1200], firstSeat: 1, payments: [{ method: 'card', amount: 2000 }, { method: 'cash', amount: 1600 }] });
    // B3 Tue 00:30 NY (05:30 UTC): Inception, Cashier, 1,500 card: Tuesday, not Monday.
    insertSale(db, { showId: 'show_1', cashierId: T.cashier, createdAt: '2026-11-24T05:30:00Z', tickets: [1500], firstSeat: 3, payments: [{ method: 'card', amount: 1500 }] });
    // B4 sold Sunday (UPI 2,000), refunded in full on Monday 11:00 NY by the manager.
    const b4 = insertSale(db, { showId: 'show_1', cashierId: T.cashier, createdAt: '2026-11-22T20:00:00Z', tickets: [1000, 1000], firstSeat: 4, payments: [{ method: 'upi', amount: 2000 }] });
    insertRefund(db, { bookingId: b4, staffId: T.manager, at: '2026-11-23T16:00:00Z', method: 'upi', amount: 2000, percent: 100 });
    // B5 sold Monday 12:00 NY (1,200 cash, Cashier Two), half refunded in cash the same day.
    const b5 = insertSale(db, { showId: 'show_1', cashierId: T.cashier2, createdAt: '2026-11-23T17:00:00Z', tickets: [1200], firstSeat: 6, payments: [{ method: 'cash', amount: 1200 }] });
    insertRefund(db, { bookingId: b5, staffId: T.cashier2, at: '2026-11-23T18:00:00Z', method: 'cash', amount: 600, percent: 50 });
    // B6 in the Los Angeles theater, Mon 22:30 LA (Tue 06:30 UTC): 900 card. Never in th_1's report.
    insertSale(db, { showId: 'show_w', cashierId: T.cashier, createdAt: '2026-11-24T06:30:00Z', tickets: [900], firstSeat: 7, payments: [{ method: 'card', amount: 900 }] });
  });

  it('adds up a New York business day by hand', async () => {
    const r = await h.ok('reports.daily', { date: '2026-11-23' }, TOKENS.manager);
    // Sold Monday: B1 (2), B2 (3, at 23:30), B5 (1, cancelled later: sold, then refunded).
    expect(r).toMatchObject({ date: '2026-11-23', currency: 'USD', ticketsSold: 6, bookings: 3 });
    // Charges Monday: 2,000 + 3,600 + 1,200; refunds Monday: 2,000 (B4) + 600 (B5).
    expect(r.gross).toBe(6800);
    expect(r.refunds).toBe(2600);
    expect(r.net).toBe(4200);
    expect(r.byPaymentMethod).toEqual([
      { method: 'cash', collected: 4800, refunded: 600, net: 4200 },
      { method: 'card', collected: 2000, refunded: 0, net: 2000 },
      { method: 'upi', collected: 0, refunded: 2000, net: -2000 },
      { method: 'wallet', collected: 0, refunded: 0, net: 0 },
    ]);
    expect(r.byMovie).toEqual([
      { key: 'mv_tdk', label: 'The Dark Knight', tickets: 3, gross: 3600, refunds: 0, net: 3600 },
      { key: T.movie, label: 'Inception', tickets: 3, gross: 3200, refunds: 2600, net: 600 },
    ]);
    expect(r.byShow.map((l) => [l.key, l.tickets, l.gross, l.refunds, l.net])).toEqual([
      ['show_2', 3, 3600, 0, 3600],
      ['show_1', 3, 3200, 2600, 600],
    ]);
    expect(r.byShow[1]!.label).toBe('Inception · Hall 1 · 2026-11-23 19:00');
    // Money goes to whoever took or paid it back; tickets to whoever sold the booking.
    expect(r.byCashier).toEqual([
      { key: T.cashier2, label: 'Cashier Two', tickets: 4, gross: 4800, refunds: 600, net: 4200 },
      { key: T.cashier, label: 'Cashier', tickets: 2, gross: 2000, refunds: 0, net: 2000 },
      { key: T.manager, label: 'Manager', tickets: 0, gross: 0, refunds: 2000, net: -2000 },
    ]);
    // The breakdowns add up to the totals.
    for (const list of [r.byMovie, r.byShow, r.byCashier]) {
      expect(list.reduce((a, l) => a + l.net, 0)).toBe(r.net);
      expect(list.reduce((a, l) => a + l.tickets, 0)).toBe(r.ticketsSold);
    }
  });

  it('puts 00:30 local on the next day and keeps other theaters out', async () => {
    const tue = await h.ok('reports.daily', { date: '2026-11-24' }, TOKENS.manager);
    expect(tue).toMatchObject({ ticketsSold: 1, bookings: 1, gross: 1500, refunds: 0, net: 1500 });
    const sun = await h.ok('reports.daily', { date: '2026-11-22' }, TOKENS.manager);
    expect(sun).toMatchObject({ ticketsSold: 2, gross: 2000, refunds: 0 });
    expect(await h.ok('reports.daily', { date: '2026-11-23', theaterId: T.theater }, TOKENS.manager)).toEqual(
      await h.ok('reports.daily', { date: '2026-11-23' }, TOKENS.manager),
    );
    // The LA theater's Monday is judged in LA time: B6 at 22:30 LA is Monday there.
    const west = await h.ok('reports.daily', { date: '2026-11-23', theaterId: 'th_2' }, TOKENS.manager);
    expect(west).toMatchObject({ ticketsSold: 1, bookings: 1, gross: 900, net: 900 });
    expect(west.byMovie).toEqual([{ key: T.movie, label: 'Inception', tickets: 1, gross: 900, refunds: 0, net: 900 }]);
    const empty = await h.ok('reports.daily', { date: '2027-01-01' }, TOKENS.manager);
    expect(empty).toMatchObject({ ticketsSold: 0, bookings: 0, gross: 0, refunds: 0, net: 0, byMovie: [], byShow: [], byCashier: [] });
  });

  it('reads only the day through the created_at indexes (no full-table scans)', () => {
    const db = h.engine.ctx.db;
    for (const [sql, index] of [[SALES_SQL, 'bookings_created'], [MONEY_SQL, 'payments_created']] as const) {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(0, 1) as { detail: string }[]).map((p) => p.detail);
      expect(plan.join('\n')).toContain(`USING INDEX ${index} (created_at>? AND created_at<?)`);
      expect(plan.filter((d) => d.startsWith('SCAN ')), plan.join('\n')).toEqual([]);
    }
  });

  it('answers NOT_FOUND for an unknown theater, VALIDATION for bad input, FORBIDDEN to a cashier, UNAUTHENTICATED without a session', async () => {
    expect((await h.err('reports.daily', { date: '2026-11-23', theaterId: 'th_nope' }, TOKENS.manager)).code).toBe('NOT_FOUND');
    for (const input of [{}, { date: '2026-13-01' }, { date: 20261123 }, { date: '2026-11-23', extra: 1 }, { date: '2026-11-23', theaterId: '' }]) {
      expect((await h.err('reports.daily', input, TOKENS.manager)).code).toBe('VALIDATION');
    }
    expect((await h.err('reports.daily', { date: '2026-11-23' }, TOKENS.cashier)).code).toBe('FORBIDDEN');
    expect((await h.err('reports.daily', { date: '2026-11-23' })).code).toBe('UNAUTHENTICATED');
  });
});

describe('reports.occupancy', () => {
  beforeEach(() => {
    h = makeHarness();
    const db = h.engine.ctx.db;
    seedBasics(db, { now: MONDAY_10AM }); // Hall 1: 6 rows x 10 = 60 seats
    seedSecondTheater(db, MONDAY_10AM);
    // Capacity 57: two blocked seats and one removed seat do not count.
    db.prepare("UPDATE seats SET blocked = 1 WHERE id IN ('seat_F9', 'seat_F10')").run();
    db.prepare("UPDATE seats SET removed = 1 WHERE id = 'seat_F8'").run();
    insertShow(db, { id: 'show_mon_eve', startsAt: '2026-11-24T00:00:00.000Z', now: MONDAY_10AM }); // Mon 19:00 NY
    insertShow(db, { id: 'show_mon_noon', startsAt: '2026-11-23T17:00:00.000Z', now: MONDAY_10AM }); // Mon 12:00 NY
    insertShow(db, { id: 'show_tue_late', startsAt: '2026-11-25T04:30:00.000Z', now: MONDAY_10AM }); // Tue 23:30 NY
    insertShow(db, { id: 'show_wed_early', startsAt: '2026-11-25T05:30:00.000Z', now: MONDAY_10AM }); // Wed 00:30 NY: out of range
    insertShow(db, { id: 'show_cancelled', startsAt: '2026-11-23T20:00:00.000Z', status: 'cancelled', now: MONDAY_10AM });
    insertShow(db, { id: 'show_west', hallId: 'hall_2', startsAt: '2026-11-23T22:00:00.000Z', now: MONDAY_10AM });
    // Monday evening: 3 sold seats (two bookings), one of 2 seats cancelled -> its seats are free again.
    insertSale(db, { showId: 'show_mon_eve', cashierId: T.cashier, createdAt: '2026-11-23T15:00:00Z', tickets: [1000, 1000], firstSeat: 1, claims: true, payments: [{ method: 'cash', amount: 2000 }] });
    insertSale(db, { showId: 'show_mon_eve', cashierId: T.cashier, createdAt: '2026-11-23T15:05:00Z', tickets: [1000], row: 'B', firstSeat: 1, claims: true, payments: [{ method: 'cash', amount: 1000 }] });
    const gone = insertSale(db, { showId: 'show_mon_eve', cashierId: T.cashier, createdAt: '2026-11-23T15:10:00Z', tickets: [1000, 1000], row: 'C', firstSeat: 1, claims: true, payments: [{ method: 'card', amount: 2000 }] });
    insertRefund(db, { bookingId: gone, staffId: T.cashier, at: '2026-11-23T15:20:00Z', method: 'card', amount: 2000, percent: 100 });
    // Two held seats are not sold.
    db.prepare("INSERT INTO holds (id, show_id, staff_id, session, created_at, expires_at) VALUES ('hold_1', 'show_mon_eve', ?, ?, ?, ?)").run(T.cashier, tokenHash(TOKENS.cashier), MONDAY_10AM, MONDAY_10AM + 600_000);
    for (const s of [seatId('D', 1), seatId('D', 2)]) {
      db.prepare("INSERT INTO seat_claims (show_id, seat_id, hold_id, expires_at) VALUES ('show_mon_eve', ?, 'hold_1', ?)").run(s, MONDAY_10AM + 600_000);
    }
    // Tuesday late: every sellable seat sold (57).
    const sellable = db.prepare("SELECT id FROM seats WHERE hall_id = ? AND removed = 0 AND blocked = 0").all(T.hall) as { id: string }[];
    db.prepare("INSERT INTO bookings (id, code, show_id, status, total, currency, cashier_id, idempotency_key, created_at) VALUES ('bk_full', 'FULL22', 'show_tue_late', 'confirmed', 0, 'USD', ?, 'idem-full', ?)").run(T.cashier, MONDAY_10AM);
    for (const s of sellable) db.prepare("INSERT INTO seat_claims (show_id, seat_id, booking_id) VALUES ('show_tue_late', ?, 'bk_full')").run(s.id);
  });

  it('lists scheduled shows of the range by start, with sold seats over sellable capacity', async () => {
    const rows = await h.ok('reports.occupancy', { from: '2026-11-23', to: '2026-11-24' }, TOKENS.manager);
    expect(rows).toEqual([
      { showId: 'show_mon_noon', startsAt: '2026-11-23T17:00:00.000Z', movieTitle: 'Inception', hallName: 'Hall 1', capacity: 57, sold: 0, occupancy: 0 },
      { showId: 'show_mon_eve', startsAt: '2026-11-24T00:00:00.000Z', movieTitle: 'Inception', hallName: 'Hall 1', capacity: 57, sold: 3, occupancy: 0.0526 },
      { showId: 'show_tue_late', startsAt: '2026-11-25T04:30:00.000Z', movieTitle: 'Inception', hallName: 'Hall 1', capacity: 57, sold: 57, occupancy: 1 },
    ]);
    // One day, and the other theater in its own zone.
    expect((await h.ok('reports.occupancy', { from: '2026-11-23', to: '2026-11-23' }, TOKENS.manager)).map((r) => r.showId)).toEqual(['show_mon_noon', 'show_mon_eve']);
    const west = await h.ok('reports.occupancy', { from: '2026-11-23', to: '2026-11-23', theaterId: 'th_2' }, TOKENS.manager);
    expect(west).toEqual([{ showId: 'show_west', startsAt: '2026-11-23T22:00:00.000Z', movieTitle: 'Inception', hallName: 'West 1', capacity: 10, sold: 0, occupancy: 0 }]);
    expect(await h.ok('reports.occupancy', { from: '2027-01-01', to: '2027-01-31' }, TOKENS.manager)).toEqual([]);
  });

  it('rejects bad ranges and input with VALIDATION, unknown theaters with NOT_FOUND, cashiers with FORBIDDEN', async () => {
    for (const input of [
      {},
      { from: '2026-11-23' },
      { from: '2026-11-24', to: '2026-11-23' },
      { from: '2020-01-01', to: '2026-11-23' },
      { from: '2026-11-23', to: 'tomorrow' },
      { from: '2026-11-23', to: '2026-11-23', hallId: 'x' },
    ]) {
      expect((await h.err('reports.occupancy', input, TOKENS.manager)).code, JSON.stringify(input)).toBe('VALIDATION');
    }
    expect((await h.err('reports.occupancy', { from: '2026-11-23', to: '2026-11-23', theaterId: 'nope' }, TOKENS.manager)).code).toBe('NOT_FOUND');
    expect((await h.err('reports.occupancy', { from: '2026-11-23', to: '2026-11-23' }, TOKENS.cashier)).code).toBe('FORBIDDEN');
    expect((await h.err('reports.occupancy', { from: '2026-11-23', to: '2026-11-23' })).code).toBe('UNAUTHENTICATED');
  });
});
