// Two doors in two OS processes (each its own Engine and SQLite connection on one file) scan the
// same tickets at the same time: every ticket is admitted exactly once, and the other door is
// told already_admitted. The conditional UPDATE inside an IMMEDIATE transaction is what holds.
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SHOW, seat, sell, setup } from './bookingSupport';
import type { Harness } from '../support/engineHarness';
import { TOKENS } from '../support/fixtures';
import type { ScannerArgs, ScannerReport } from './workers/doorScanner';
import { forkWorker, stopWorkers } from '../support/workerProcess';

let h: Harness | undefined;
const children: ChildProcess[] = [];
afterEach(() => {
  stopWorkers(children);
  h?.close();
  h = undefined;
});

const start = (args: ScannerArgs) => forkWorker<ScannerReport>(join(__dirname, 'workers', 'doorScanner.ts'), args, children, args.door);

describe('two doors scanning at once', () => {
  it('admit each ticket exactly once', async () => {
    let db;
    ({ h, db } = setup());
    const bookings = [];
    for (const row of ['A', 'B', 'C', 'D']) bookings.push(await sell(h, [1, 2, 3, 4, 5].map((n) => seat(row, n))));
    const codes = bookings.flatMap((b) => b.tickets.map((t) => t.code));
    const now = Date.parse('2026-11-23T23:30:00.000Z');
    // Door 1 scans in order, door 2 backwards, both through the booking codes too.
    const d1 = start({ file: h.file, token: TOKENS.cashier, showId: SHOW, codes: [...codes, ...bookings.map((b) => b.code)], now, door: 'Door 1' });
    const d2 = start({ file: h.file, token: TOKENS.cashier2, showId: SHOW, codes: [...codes].reverse().concat(bookings.map((b) => b.code)), now, door: 'Door 2' });
    await Promise.all([d1.ready, d2.ready]);
    d1.child.send('go');
    d2.child.send('go');
    const reports = await Promise.all([d1.report, d2.report]);

    const admitted = reports.flatMap((r) => r.answers.flatMap((a) => a.admitted));
    expect(admitted).toHaveLength(20);
    expect(new Set(admitted).size).toBe(20);
    // Every ticket scan was admitted at one door and already_admitted at the other.
    for (const code of codes) {
      const results = reports.map((r) => r.answers.find((a) => a.code === code)!.result).sort();
      expect(results).toEqual(['admitted', 'already_admitted']);
    }
    // The booking codes came last: everything was in by then.
    for (const r of reports) for (const b of bookings) expect(r.answers.find((a) => a.code === b.code)!.result).toBe('already_admitted');
    const rows = db.prepare("SELECT count(*) AS n, count(DISTINCT admitted_door) AS doors FROM tickets WHERE status = 'admitted'").get() as { n: number; doors: number };
    expect(rows.n).toBe(20);
    expect(rows.doors).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
