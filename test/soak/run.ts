// `npm run soak`: concurrent selling clients against the browser host (electron/host/cli.ts as a
// real child process), SIGKILLed at random moments and restarted on the same data folder. After
// each restart, with the clients paused, it checks the database file itself: every sale a client
// saw acknowledged is there as sold, no seat is sold twice, the cash drawer holds exactly the cash
// of the sales that committed, and PRAGMA integrity_check is ok. Prints the figures; exits 1 on
// any loss. Bounded in count and time; talks only to 127.0.0.x. Not part of `npm test`.
//   npm run soak -- [--kills N] [--clients N] [--min-seconds S] [--max-seconds S]
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { DB_FILE } from '../../electron/host/paths';
import { spawnHost, type HostProcess } from '../support/hostProcess';

const { values: args } = parseArgs({
  options: {
    kills: { type: 'string', default: '6' },
    clients: { type: 'string', default: '12' },
    'min-seconds': { type: 'string', default: '3' },
    'max-seconds': { type: 'string', default: '9' },
    keep: { type: 'boolean', default: false },
  },
});
const KILLS = Number(args.kills);
const CLIENTS = Number(args.clients);
const MIN_MS = Number(args['min-seconds']) * 1000;
const MAX_MS = Number(args['max-seconds']) * 1000;
const FLOAT = 20_000;

interface Sale { key: string; bookingId: string; showId: string; seatIds: string[]; total: number; method: 'cash' | 'card' }
interface Attempt { key: string; showId: string; seatIds: string[]; total: number; method: 'cash' | 'card' }
interface Answer { status: number; body: { ok: boolean; data?: any; error?: { code: string; message: string } } }

class Down extends Error {}

const dir = mkdtempSync(join(tmpdir(), 'boxoffice-soak-'));
const file = join(dir, DB_FILE);
let host: HostProcess | null = null;
let base = '';
let up: Promise<void> = Promise.resolve();
let markUp: () => void = () => {};
let stopping = false;
let requests = 0;
let loadMs = 0;
const acknowledged: Sale[] = [];
const recovered: Sale[] = [];
let inDoubt: Attempt[] = [];
let notCommitted = 0;
const failures: string[] = [];

function call(agent: Agent, localAddress: string, channel: string, input: unknown, token?: string): Promise<Answer> {
  const target = new URL(`${base}/api/${channel}`);
  const body = JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        hostname: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, localAddress,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          try {
            requests += 1;
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
          } catch {
            reject(new Down(`unreadable answer (${res.statusCode})`));
          }
        });
        res.on('error', (e) => reject(new Down(String(e))));
      },
    );
    req.on('error', (e) => reject(new Down(String(e))));
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.end(body);
  });
}

const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startHost(): Promise<void> {
  host = spawnHost(['--demo', '--data', dir, '--port', '0']);
  base = await host.ready(60_000);
}

/** One selling counter: its own loopback address, its own session, sales until told to stop. */
async function counter(i: number, showIds: string[]): Promise<void> {
  const localAddress = `127.0.0.${10 + i}`;
  let agent = new Agent({ keepAlive: true, maxSockets: 1 });
  let token = '';
  let n = 0;
  while (!stopping) {
    await up;
    if (stopping) return;
    try {
      if (!token) {
        const login = await call(agent, localAddress, 'auth.login', { name: 'Cashier', pin: '0000' });
        if (!login.body.ok) throw new Error(`login failed: ${JSON.stringify(login.body.error)}`);
        token = login.body.data.token;
      }
      const showId = pick(showIds);
      const map = await call(agent, localAddress, 'seats.map', { showId }, token);
      if (!map.body.ok) continue;
      const free = (map.body.data.seats as { id: string; status: string }[]).filter((s) => s.status === 'available');
      if (free.length < 4) continue;
      const start = Math.floor(Math.random() * (free.length - 4));
      const seatIds = free.slice(start, start + 1 + Math.floor(Math.random() * 4)).map((s) => s.id);
      const hold = await call(agent, localAddress, 'seats.hold', { showId, seatIds }, token);
      if (!hold.body.ok) continue;
      const tickets = seatIds.map((seatId) => ({ seatId, ticketType: 'adult' }));
      const quote = await call(agent, localAddress, 'pricing.quote', { showId, tickets }, token);
      if (!quote.body.ok) continue;
      if (Math.random() < 0.1) {
        await call(agent, localAddress, 'seats.release', { holdId: hold.body.data.id }, token);
        continue;
      }
      const total = quote.body.data.total as number;
      const method = Math.random() < 0.7 ? 'cash' : 'card';
      const key = `soak-${i}-${++n}-${Date.now()}`;
      const attempt: Attempt = { key, showId, seatIds, total, method };
      let sold: Answer;
      try {
        sold = await call(agent, localAddress, 'bookings.confirm', {
          holdId: hold.body.data.id, tickets, payments: [{ method, amount: total }], idempotencyKey: key,
        }, token);
      } catch (e) {
        inDoubt.push(attempt); // the host died with the sale in flight: settled after the restart
        throw e;
      }
      if (sold.body.ok) acknowledged.push({ ...attempt, bookingId: sold.body.data.id });
    } catch (e) {
      if (!(e instanceof Down)) {
        failures.push(`counter ${i}: ${String(e)}`);
        return;
      }
      agent.destroy();
      agent = new Agent({ keepAlive: true, maxSockets: 1 });
      await sleep(50);
    }
  }
  agent.destroy();
}

interface Check { lost: string[]; duplicates: number; drawerOk: boolean; drawer: string; integrity: string }

/** Reads the file itself (the host is up, the counters paused). */
function check(): Check {
  const db = new Database(file, { readonly: true });
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const byKey = db.prepare('SELECT id FROM bookings WHERE idempotency_key = ?').pluck();
    // Sales in flight at the kill: committed (the customer paid) or not (nothing happened).
    for (const a of inDoubt) {
      const id = byKey.get(a.key) as string | undefined;
      if (id) recovered.push({ ...a, bookingId: id });
      else notCommitted += 1;
    }
    inDoubt = [];
    const booking = db.prepare("SELECT status, total FROM bookings WHERE id = ?");
    const seatsOf = db.prepare("SELECT c.seat_id FROM seat_claims c WHERE c.booking_id = ? ORDER BY c.seat_id").pluck();
    const lost: string[] = [];
    for (const s of acknowledged) {
      const b = booking.get(s.bookingId) as { status: string; total: number } | undefined;
      const seats = seatsOf.all(s.bookingId) as string[];
      if (!b || b.status !== 'confirmed' || b.total !== s.total || seats.join() !== [...s.seatIds].sort().join()) lost.push(s.bookingId);
    }
    const duplicates = (db.prepare(
      `SELECT count(*) FROM (SELECT t.show_id, t.seat_id FROM tickets t JOIN bookings b ON b.id = t.booking_id
       WHERE b.status = 'confirmed' GROUP BY t.show_id, t.seat_id HAVING count(*) > 1)`,
    ).pluck().get() as number) + (db.prepare(
      `SELECT count(*) FROM tickets t JOIN bookings b ON b.id = t.booking_id
       LEFT JOIN seat_claims c ON c.show_id = t.show_id AND c.seat_id = t.seat_id AND c.booking_id = b.id
       WHERE b.status = 'confirmed' AND c.seat_id IS NULL`,
    ).pluck().get() as number);
    // The drawer: what the engine expects in it (float + cash payments on the shift) against the
    // cash of every sale that committed, as the counters know them.
    const shift = db.prepare(
      "SELECT sh.id, sh.float FROM shifts sh JOIN staff st ON st.id = sh.staff_id WHERE st.name = 'Cashier' AND sh.closed_at IS NULL",
    ).get() as { id: string; float: number } | undefined;
    const engineCash = shift ? (db.prepare(
      "SELECT COALESCE(SUM(CASE kind WHEN 'charge' THEN amount ELSE -amount END), 0) FROM payments WHERE shift_id = ? AND method = 'cash'",
    ).pluck().get(shift.id) as number) : 0;
    const countersCash = [...acknowledged, ...recovered].filter((s) => s.method === 'cash').reduce((t, s) => t + s.total, 0);
    return { lost, duplicates, drawerOk: engineCash === countersCash, drawer: `engine ${engineCash}, counters ${countersCash}`, integrity };
  } finally {
    db.close();
  }
}

async function main(): Promise<number> {
  const began = Date.now();
  await startHost();
  // The shows on sale for the soak: later than two hours from now, so none starts meanwhile.
  const agent = new Agent({ keepAlive: true });
  const login = await call(agent, '127.0.0.9', 'auth.login', { name: 'Cashier', pin: '0000' });
  const token = login.body.data.token as string;
  await call(agent, '127.0.0.9', 'shifts.open', { float: FLOAT }, token);
  const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
  const shows = (await call(agent, '127.0.0.9', 'shows.list', { from: day(-1), to: day(8) }, token)).body.data as { id: string; startsAt: string; status: string }[];
  const showIds = shows.filter((s) => s.status === 'scheduled' && Date.parse(s.startsAt) > Date.now() + 2 * 3600_000).map((s) => s.id);
  if (showIds.length === 0) throw new Error('the demo has no shows to sell');

  up = new Promise((r) => (markUp = r));
  markUp();
  const counters = Array.from({ length: CLIENTS }, (_, i) => counter(i, showIds));
  let kills = 0;
  let ok = true;
  for (let k = 0; k < KILLS && failures.length === 0; k++) {
    const loadStart = Date.now();
    await sleep(MIN_MS + Math.random() * (MAX_MS - MIN_MS));
    // Pause the counters first, so the checks below see no sale in flight after the restart.
    up = new Promise((r) => (markUp = r));
    host!.child.kill('SIGKILL');
    await host!.exited;
    loadMs += Date.now() - loadStart;
    kills += 1;
    await startHost();
    const c = check();
    const line = `kill ${kills}: acknowledged ${acknowledged.length}, recovered in flight ${recovered.length}, lost ${c.lost.length}, duplicates ${c.duplicates}, drawer ${c.drawerOk ? 'balances' : 'OFF'} (${c.drawer}), integrity ${c.integrity}`;
    process.stdout.write(`${line}\n`);
    if (c.lost.length || c.duplicates || !c.drawerOk || c.integrity !== 'ok') ok = false;
    markUp();
  }
  stopping = true;
  markUp();
  await Promise.all(counters);
  // Close the drawer through the API, counting exactly the cash the counters took.
  const cash = FLOAT + [...acknowledged, ...recovered].filter((s) => s.method === 'cash').reduce((t, s) => t + s.total, 0);
  const closed = await call(agent, '127.0.0.9', 'shifts.close', { countedCash: cash }, token);
  agent.destroy();
  const difference = closed.body.ok ? closed.body.data.difference : `refused: ${JSON.stringify(closed.body.error)}`;
  if (difference !== 0) ok = false;
  host!.child.kill('SIGTERM');
  await host!.exited;
  const final = check();
  if (final.lost.length || final.duplicates || final.integrity !== 'ok') ok = false;
  const seconds = loadMs / 1000;
  process.stdout.write(
    [
      '',
      `clients            ${CLIENTS}`,
      `kills (SIGKILL)    ${kills}`,
      `acknowledged       ${acknowledged.length}`,
      `recovered          ${recovered.length} (in flight at a kill, committed; ${notCommitted} more in flight did not commit)`,
      `lost               ${final.lost.length}`,
      `duplicates         ${final.duplicates}`,
      `drawer difference  ${difference}`,
      `integrity_check    ${final.integrity}`,
      `requests           ${requests} in ${seconds.toFixed(1)} s of load = ${(requests / seconds).toFixed(0)} requests/s`,
      `wall time          ${((Date.now() - began) / 1000).toFixed(0)} s`,
      ...failures.map((f) => `FAILURE            ${f}`),
      '',
    ].join('\n'),
  );
  if (failures.length) ok = false;
  process.stdout.write(ok ? 'soak: ok\n' : 'soak: FAILED\n');
  return ok ? 0 : 1;
}

main()
  .catch((e: unknown) => {
    process.stderr.write(`soak failed to run: ${String((e as Error)?.stack ?? e)}\n`);
    return 1;
  })
  .then((code) => {
    if (host && host.child.exitCode === null) host.child.kill('SIGKILL');
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
    else process.stdout.write(`data kept in ${dir}\n`);
    process.exit(code);
  });
