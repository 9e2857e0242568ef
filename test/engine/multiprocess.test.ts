// Several OS processes, each with its own Engine and SQLite connection on one database file, race
// to hold overlapping seats of one show and sell them. Afterwards: no seat sold twice, every sale a
// process reported is in the database exactly as reported, and the only refusal was SEATS_UNAVAILABLE.
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MONDAY_10AM, makeHarness, type Harness } from '../support/engineHarness';
import { T, seatId, seedBasics, seedShow } from '../support/fixtures';
import type { RacerArgs, RacerReport } from './workers/seatRacer';
import { tokenHash } from '../../electron/engine/staff/sessions';
import { forkWorker, stopWorkers } from '../support/workerProcess';

const WORKERS = 5;
const SHOW = 'show_1';
let h: Harness | undefined;
const children: ChildProcess[] = [];
afterEach(() => {
  stopWorkers(children);
  h?.close();
  h = undefined;
});

const start = (args: RacerArgs) => forkWorker<RacerReport>(join(__dirname, 'workers', 'seatRacer.ts'), args, children, `worker ${args.token}`);

describe('several processes on one database', () => {
  it('never sells a seat twice', async () => {
    h = makeHarness();
    const db = h.engine.ctx.db;
    seedBasics(db, { now: MONDAY_10AM });
    seedShow(db, { id: SHOW, startsAt: '2026-11-23T23:00:00.000Z', now: MONDAY_10AM });
    // One session per process: holds belong to sessions.
    const tokens = Array.from({ length: WORKERS }, (_, i) => `tok-racer-${i}`);
    const staffOf = (i: number) => (i % 2 ? T.cashier2 : T.cashier);
    tokens.forEach((t, i) => db.prepare('INSERT INTO sessions (token_hash, staff_id, created_at, last_seen) VALUES (?, ?, ?, ?)').run(tokenHash(t), staffOf(i), MONDAY_10AM, MONDAY_10AM));
    // 24 seats wanted by 5 x 40 requests of 1-3 seats, most released again: heavy overlap and churn.
    const pool = ['A', 'B', 'C'].flatMap((r) => [2, 3, 4, 5, 6, 7, 8, 9].map((n) => seatId(r, n)));

    const workers = tokens.map((token, i) =>
      start({ file: h!.file, token, staffId: staffOf(i), showId: SHOW, pool, attempts: 40, seed: 1000 + i, now: MONDAY_10AM + 1000 }),
    );
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.child.send('go');
    const reports = await Promise.all(workers.map((w) => w.report));
    if (process.env.RACE_DEBUG) console.log(JSON.stringify(reports.map((r) => ({ sales: r.sales.length, released: r.released, failures: r.failures }))));

    // Only SEATS_UNAVAILABLE was ever refused.
    const codes = new Set(reports.flatMap((r) => Object.keys(r.failures)));
    expect([...codes]).toEqual(codes.size ? ['SEATS_UNAVAILABLE'] : []);
    const sales = reports.flatMap((r) => r.sales);
    expect(sales.length).toBeGreaterThan(0);

    // No seat sold twice: the tickets table has no constraint of its own, so this checks the claims did it.
    const doubles = db.prepare('SELECT seat_id, count(*) AS n FROM tickets WHERE show_id = ? GROUP BY seat_id HAVING n > 1').all(SHOW);
    expect(doubles).toEqual([]);
    const reportedSeats = sales.flatMap((s) => s.seatIds);
    expect(new Set(reportedSeats).size).toBe(reportedSeats.length);

    // Every reported sale is in the database with exactly its seats, as tickets and as sold claims.
    for (const s of sales) {
      const tickets = db.prepare('SELECT seat_id FROM tickets WHERE booking_id = ? ORDER BY seat_id').all(s.bookingId) as { seat_id: string }[];
      expect(tickets.map((t) => t.seat_id)).toEqual([...s.seatIds].sort());
      const claims = db.prepare('SELECT seat_id FROM seat_claims WHERE booking_id = ? ORDER BY seat_id').all(s.bookingId) as { seat_id: string }[];
      expect(claims.map((c) => c.seat_id)).toEqual([...s.seatIds].sort());
    }
    const total = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    expect(total('SELECT count(*) AS n FROM tickets')).toBe(reportedSeats.length);
    expect(total('SELECT count(*) AS n FROM seat_claims WHERE booking_id IS NOT NULL')).toBe(reportedSeats.length);
    // Nothing was left half-done: every hold either sold or released.
    expect(total('SELECT count(*) AS n FROM holds') + total('SELECT count(*) AS n FROM seat_claims WHERE hold_id IS NOT NULL')).toBe(0);
    // The seat version counted every hold and release that changed seats, from every process.
    const released = reports.reduce((n, r) => n + r.released, 0);
    expect(total("SELECT seat_version AS n FROM shows WHERE id = 'show_1'")).toBe(sales.length + released * 2);
  }, 60_000);
});
