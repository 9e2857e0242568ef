// The engine part of `npm run bench`: throughput and latency through the router (validation,
// session and role checks included), on one cached database under .cache/bench/, next to the raw
// SQLite limit of a one-row write transaction with the same pragmas. Opens (and on first use
// generates) the database when imported.
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Engine } from '../electron/engine/engine';
import { createRouter } from '../electron/engine/router';
import { applyPragmas } from '../electron/engine/db/open';
import { addDays, localToInstant } from '../shared/localTime';
import { BIG_HALL, ensureBenchDatabase, FIRST_DAY, hallId, HISTORY_DAYS, showId, theaterId, TOKENS, TZ, THEATERS } from './generate';
import { measure, OpError, table, timed, type Result } from './measure';

const file = join(process.cwd(), '.cache', 'bench', HISTORY_DAYS === 365 ? 'boxoffice-bench.sqlite' : `boxoffice-bench-${HISTORY_DAYS}d.sqlite`);
ensureBenchDatabase(file);

// The bench's "now" is 09:00 in New York on the schedule's first day, running at real speed, so
// every scheduled show is in the future and holds behave as at a real counter.
const BASE = localToInstant(FIRST_DAY, '09:00', TZ);
const real0 = Date.now();
const clock = { now: () => BASE + (Date.now() - real0) };

const engine = new Engine({ file, clock, backupDir: null });
const router = createRouter(engine);
const db = engine.ctx.db;
// A previous run's holds (same bench clock) would still look live: start clean; keep sessions fresh
// (as if signed in now: sessions also end a fixed time after sign-in).
db.exec('DELETE FROM seat_claims WHERE hold_id IS NOT NULL; DELETE FROM holds;');
db.prepare('UPDATE sessions SET created_at = ?, last_seen = ?').run(clock.now(), clock.now());

async function call<T = unknown>(channel: string, input: unknown, token: string): Promise<T> {
  const r = await router.dispatch(channel, input, { token });
  if (!r.ok) throw new OpError(r.error.code === 'NOT_SUPPORTED' ? 'NOT_SUPPORTED' : `${r.error.code}: ${r.error.message.slice(0, 60)}`);
  return r.data as T;
}

const freeSeats = db.prepare(
  `SELECT id FROM seats WHERE hall_id = ? AND removed = 0 AND blocked = 0
     AND id NOT IN (SELECT seat_id FROM seat_claims WHERE show_id = ?) ORDER BY row_index, number LIMIT ?`,
);
const free = (hall: string, show: string, n: number) => (freeSeats.all(hall, show, n) as { id: string }[]).map((r) => r.id);

// --- the raw limit: a bare one-row conditional UPDATE in its own IMMEDIATE transaction ---------
async function rawLimit(synchronous: 'FULL' | 'NORMAL'): Promise<Result> {
  const raw = new Database(file);
  applyPragmas(raw); // WAL, synchronous FULL, busy_timeout, foreign_keys: what the engine runs with
  raw.pragma(`synchronous = ${synchronous}`);
  const update = raw.prepare('UPDATE bench_counter SET n = n + 1 WHERE id = 1 AND n >= 0');
  const tx = raw.transaction(() => update.run());
  const r = await measure(`raw SQLite UPDATE, synchronous=${synchronous}`, () => timed(() => tx.immediate()), { maxOps: 5000, maxSeconds: 5 });
  raw.close();
  return r;
}

export async function benchEngine(): Promise<{ engineTable: string; results: Result[] }> {
  const env = {
    date: new Date().toISOString(),
    cores: cpus().length,
    node: process.version,
    sqlite: (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v,
    fileBytes: statSync(file).size,
    counts: Object.fromEntries(
      ['shows', 'bookings', 'tickets', 'payments', 'seats', 'movies'].map((t) => [t, (db.prepare(`SELECT MAX(rowid) AS n FROM ${t}`).get() as { n: number }).n]),
    ),
  };
  console.log(`\nbench database ${file} (${(env.fileBytes / 2 ** 30).toFixed(2)} GiB), node ${env.node}, SQLite ${env.sqlite}, ${env.cores} cores`);
  console.log(`rows (approx., max rowid): ${JSON.stringify(env.counts)}\n`);

  const full = await rawLimit('FULL');
  const normal = await rawLimit('NORMAL');
  const results: Result[] = [full, normal];
  const say = (r: Result) => {
    results.push(r);
    console.log(r.error ? `${r.name}: ${r.error}` : `${r.name}: ${r.opsPerSec.toFixed(0)} ops/s, p50 ${r.p50.toFixed(3)} ms, p99 ${r.p99.toFixed(3)} ms (n=${r.ops})`);
  };
  console.log(`${full.name}: ${full.opsPerSec.toFixed(0)} ops/s, p50 ${full.p50.toFixed(3)} ms`);
  console.log(`${normal.name}: ${normal.opsPerSec.toFixed(0)} ops/s, p50 ${normal.p50.toFixed(3)} ms`);

  // --- seats.hold (4 seats) and seats.release, on a 200-seat show ---------------------------------
  const holdHall = hallId(1, 2);
  const holdShow = showId(holdHall, FIRST_DAY, 2);
  const groups = (() => {
    const seats = free(holdHall, holdShow, 200);
    const out: string[][] = [];
    for (let i = 0; i + 4 <= seats.length; i += 4) out.push(seats.slice(i, i + 4));
    return out;
  })();
  const hold = (i: number) => call<{ id: string }>('seats.hold', { showId: holdShow, seatIds: groups[i % groups.length] }, TOKENS.cashier);
  const release = (holdId: string) => call('seats.release', { holdId }, TOKENS.cashier);
  say(await measure('seats.hold (4 seats)', async (i) => {
    let h: { id: string } | undefined;
    const t = await timed(async () => (h = await hold(i)));
    await release(h!.id);
    return t;
  }));
  say(await measure('seats.release (4 seats)', async (i) => {
    const h = await hold(i);
    return timed(() => release(h.id));
  }));

  // --- bookings.confirm: a fresh hold of 4 seats each time (untimed), then the timed sale -------
  await router.dispatch('shifts.open', { float: 10_000 }, { token: TOKENS.cashier }); // CONFLICT if a previous run left one open: fine
  let t = 2;
  let h = 1;
  let slot = 0;
  const nextShow = () => {
    slot++;
    if (slot === 5) [slot, h] = [0, h + 1];
    if (h > 10) [h, t] = [1, t + 1];
    if (t > THEATERS) throw new OpError('ran out of shows');
  };
  say(await measure('bookings.confirm (4 seats, cash)', async () => {
    let hall = hallId(t, h);
    let show = showId(hall, addDays(FIRST_DAY, 3), slot);
    let seats = free(hall, show, 4);
    while (seats.length < 4) {
      nextShow();
      hall = hallId(t, h);
      show = showId(hall, addDays(FIRST_DAY, 3), slot);
      seats = free(hall, show, 4);
    }
    const held = await call<{ id: string }>('seats.hold', { showId: show, seatIds: seats }, TOKENS.cashier);
    const tickets = seats.map((seatId) => ({ seatId, ticketType: 'adult' }));
    const quote = await call<{ total: number }>('pricing.quote', { showId: show, tickets }, TOKENS.cashier);
    return timed(() =>
      call('bookings.confirm', {
        holdId: held.id,
        tickets,
        payments: [{ method: 'cash', amount: quote.total, tendered: quote.total }],
        idempotencyKey: randomUUID(),
      }, TOKENS.cashier),
    );
  }, { maxOps: 1000 }));

  // --- reads ---------------------------------------------------------------------------------------
  const smallShow = showId(hallId(1, 1), FIRST_DAY, 3);
  const bigShow = showId(BIG_HALL, FIRST_DAY, 0);
  say(await measure('seats.map, 200-seat hall', () => timed(() => call('seats.map', { showId: smallShow }, TOKENS.cashier))));
  say(await measure('seats.map, 3,000-seat hall', () => timed(() => call('seats.map', { showId: bigShow }, TOKENS.cashier)), { maxOps: 500 }));
  // What a counter loads once it has the hall's layout: the claims alone.
  const layoutOf = async (show: string) => {
    const c = await call<{ hall: { id: string; layoutVersion: number } }>('seats.claims', { showId: show }, TOKENS.cashier);
    return { hallId: c.hall.id, version: c.hall.layoutVersion };
  };
  const smallLayout = await layoutOf(smallShow);
  const bigLayout = await layoutOf(bigShow);
  say(await measure('seats.claims, 200-seat hall (layout cached)', () => timed(() => call('seats.claims', { showId: smallShow, layout: smallLayout }, TOKENS.cashier))));
  say(await measure('seats.claims, 3,000-seat hall (layout cached)', () => timed(() => call('seats.claims', { showId: bigShow, layout: bigLayout }, TOKENS.cashier))));
  say(await measure('shows.list, one day, one theater (50 of 150,000 shows)', (i) =>
    timed(() => call('shows.list', { date: addDays(FIRST_DAY, i % 30), theaterId: theaterId(1 + (i % THEATERS)) }, TOKENS.cashier)),
  ));
  say(await measure('shows.list, one day, all 100 theaters (5,000 shows)', (i) =>
    timed(() => call('shows.list', { date: addDays(FIRST_DAY, i % 30) }, TOKENS.cashier)), { warmup: 3, maxOps: 100, maxSeconds: 15 },
  ));
  say(await measure('movies.search "knight" (500 movies)', () => timed(() => call('movies.search', { query: 'knight' }, TOKENS.cashier))));
  say(await measure(`reports.daily over ${HISTORY_DAYS} days x 10,000 bookings`, (i) =>
    timed(() => call('reports.daily', { date: addDays(FIRST_DAY, -1 - ((i * 37) % HISTORY_DAYS)) }, TOKENS.manager)),
    { warmup: 3, maxOps: 60, maxSeconds: 30 },
  ));

  return { engineTable: table(results, { full: full.opsPerSec, normal: normal.opsPerSec }), results };
}

/** Closes the bench database. */
export function closeEngine(): void {
  engine.close();
}
