// A separate OS process for multiprocess.test.ts: opens its own Engine (its own SQLite connection)
// on the shared database file, waits for the parent's "go", then races the other processes to hold
// random overlapping seats and sell them (a sale in plain SQL, as the confirm code will make it),
// sometimes releasing instead. Reports every outcome to the parent over the IPC channel.
import { ManualClock } from '../../../electron/engine/clock';
import { Engine } from '../../../electron/engine/engine';
import { createRouter } from '../../../electron/engine/router';
import { runOnGo } from './onGo';

export interface RacerArgs {
  file: string;
  token: string;
  staffId: string;
  showId: string;
  pool: string[];
  attempts: number;
  seed: number;
  now: number;
}

export interface RacerReport {
  token: string;
  sales: { bookingId: string; holdId: string; seatIds: string[] }[];
  released: number;
  failures: Record<string, number>;
}

const args = JSON.parse(process.argv[2]!) as RacerArgs;

// A small deterministic PRNG per worker (mulberry32), so a failing run can be reasoned about.
let state = args.seed >>> 0;
function rand(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

// Every process shares one fixed "now", so holds neither expire nor the show starts mid-race.
const engine = new Engine({ file: args.file, clock: new ManualClock(args.now) });
const router = createRouter(engine);
const db = engine.ctx.db;

function sell(holdId: string, seatIds: string[], n: number): string | null {
  const bookingId = `bk_${args.token}_${n}`;
  return db.transaction(() => {
    const hold = db.prepare('SELECT expires_at FROM holds WHERE id = ?').get(holdId) as { expires_at: number } | undefined;
    if (!hold || hold.expires_at <= args.now) return null;
    db.prepare(
      "INSERT INTO bookings (id, code, show_id, status, total, currency, cashier_id, idempotency_key, created_at) VALUES (?, ?, ?, 'confirmed', 0, 'USD', ?, ?, ?)",
    ).run(bookingId, bookingId, args.showId, args.staffId, `idem-${bookingId}`, args.now);
    const ticket = db.prepare(
      "INSERT INTO tickets (id, booking_id, show_id, seat_id, seat_label, ticket_type, amount, breakdown) VALUES (?, ?, ?, ?, ?, 'adult', 0, '[]')",
    );
    for (const s of seatIds) ticket.run(`${bookingId}_${s}`, bookingId, args.showId, s, s);
    db.prepare('UPDATE seat_claims SET booking_id = ?, hold_id = NULL, expires_at = NULL WHERE hold_id = ?').run(bookingId, holdId);
    db.prepare('DELETE FROM holds WHERE id = ?').run(holdId);
    return bookingId;
  }).immediate();
}

async function race(): Promise<RacerReport> {
  const report: RacerReport = { token: args.token, sales: [], released: 0, failures: {} };
  for (let i = 0; i < args.attempts; i++) {
    const k = 1 + Math.floor(rand() * 3);
    const seats = new Set<string>();
    while (seats.size < k) seats.add(args.pool[Math.floor(rand() * args.pool.length)]!);
    const res = await router.dispatch<'seats.hold'>('seats.hold', { showId: args.showId, seatIds: [...seats] }, { token: args.token });
    if (!res.ok) {
      report.failures[res.error.code] = (report.failures[res.error.code] ?? 0) + 1;
      continue;
    }
    if (rand() < 0.6) {
      const rel = await router.dispatch<'seats.release'>('seats.release', { holdId: res.data.id }, { token: args.token });
      if (!rel.ok) report.failures[`release:${rel.error.code}`] = (report.failures[`release:${rel.error.code}`] ?? 0) + 1;
      else report.released++;
      continue;
    }
    const bookingId = sell(res.data.id, res.data.seatIds, i);
    if (bookingId) report.sales.push({ bookingId, holdId: res.data.id, seatIds: res.data.seatIds });
    else report.failures['sale:HOLD_GONE'] = (report.failures['sale:HOLD_GONE'] ?? 0) + 1;
  }
  return report;
}

runOnGo(engine, race);
