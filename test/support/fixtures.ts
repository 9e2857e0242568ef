// Fixtures written with plain SQL (not through the engine), so a domain's tests do not depend on
// another domain's code. Ids are fixed and readable.
import type { Db } from '../../electron/engine/db/open';
import { tokenHash } from '../../electron/engine/staff/sessions';

export const T = { theater: 'th_1', hall: 'hall_1', movie: 'mv_inception', manager: 'st_manager', cashier: 'st_cashier', cashier2: 'st_cashier2' };
export const TOKENS = { manager: 'tok-manager', cashier: 'tok-cashier', cashier2: 'tok-cashier2' };
/** The key each fixture session is stored and owns its holds under (sessions keep only a hash). */
export const SESSION_KEYS = {
  manager: tokenHash(TOKENS.manager),
  cashier: tokenHash(TOKENS.cashier),
  cashier2: tokenHash(TOKENS.cashier2),
};

export interface SeedOptions {
  now: number;
  /** Rows of Hall 1, each 10 seats: default A-F (A,B vip; C,D premium; E,F regular). */
  rows?: string[];
  /** Seats per row (default 10). */
  seatsPerRow?: number;
  /**
   * Open a cash shift (float 0) for each of the three staff, the normal state of a counter that
   * takes cash (default true). Off for the tests of shifts themselves.
   */
  openShifts?: boolean;
}

/** The fixture shifts' ids, by staff: shift_st_cashier. */
export function fixtureShiftId(staffId: string): string {
  return `shift_${staffId}`;
}

function seatTypeFor(row: string): string {
  if (row === 'A' || row === 'B') return 'vip';
  if (row === 'C' || row === 'D') return 'premium';
  return 'regular';
}

/** Theater (New York, USD), Hall 1, the movie Inception (148 min), a manager and two cashiers with sessions. */
export function seedBasics(db: Db, opts: SeedOptions): void {
  const { now } = opts;
  const rows = opts.rows ?? ['A', 'B', 'C', 'D', 'E', 'F'];
  const perRow = opts.seatsPerRow ?? 10;
  db.transaction(() => {
    db.prepare("INSERT INTO theaters (id, name, city, timezone, currency, created_at) VALUES (?, 'PVR Cinemas', 'New York', 'America/New_York', 'USD', ?)").run(T.theater, now);
    db.prepare("INSERT INTO halls (id, theater_id, name, cleaning_minutes, created_at) VALUES (?, ?, 'Hall 1', 15, ?)").run(T.hall, T.theater, now);
    const seat = db.prepare('INSERT INTO seats (id, hall_id, row_label, row_index, number, col, type) VALUES (?, ?, ?, ?, ?, ?, ?)');
    rows.forEach((r, ri) => {
      for (let n = 1; n <= perRow; n++) seat.run(seatId(r, n), T.hall, r, ri, n, n + (n > perRow / 2 ? 1 : 0), seatTypeFor(r));
    });
    db.prepare(
      "INSERT INTO movies (id, title, duration_minutes, genres, language, rating, created_at) VALUES (?, 'Inception', 148, '[\"Sci-Fi\",\"Thriller\"]', 'English', 'PG-13', ?)",
    ).run(T.movie, now);
    const staff = db.prepare("INSERT INTO staff (id, name, role, pin_hash, created_at) VALUES (?, ?, ?, 'fixture-no-login', ?)");
    staff.run(T.manager, 'Manager', 'manager', now);
    staff.run(T.cashier, 'Cashier', 'cashier', now);
    staff.run(T.cashier2, 'Cashier Two', 'cashier', now);
    // Before schema 9 (a migration test seeding an old database) sessions kept the token itself.
    const hashed = (db.prepare("SELECT count(*) AS n FROM pragma_table_info('sessions') WHERE name = 'token_hash'").get() as { n: number }).n > 0;
    const sess = db.prepare(`INSERT INTO sessions (${hashed ? 'token_hash' : 'token'}, staff_id, created_at, last_seen) VALUES (?, ?, ?, ?)`);
    const key = (who: keyof typeof TOKENS) => (hashed ? SESSION_KEYS[who] : TOKENS[who]);
    sess.run(key('manager'), T.manager, now, now);
    sess.run(key('cashier'), T.cashier, now, now);
    sess.run(key('cashier2'), T.cashier2, now, now);
    if (opts.openShifts ?? true) {
      const shift = db.prepare('INSERT INTO shifts (id, staff_id, opened_at, float) VALUES (?, ?, ?, 0)');
      for (const id of [T.manager, T.cashier, T.cashier2]) shift.run(fixtureShiftId(id), id, now);
    }
  })();
}

/** Fixture seat ids are readable: seat_A1. */
export function seatId(row: string, n: number): string {
  return `seat_${row}${n}`;
}

/** Adds a scheduled show of Inception in Hall 1 (15 min trailers, 148 min, 15 min cleaning). */
export function seedShow(db: Db, opts: { id: string; startsAt: string; basePrice?: number; now: number; hallId?: string }): string {
  const start = Date.parse(opts.startsAt);
  const ends = start + (15 + 148) * 60_000;
  db.prepare(
    "INSERT INTO shows (id, movie_id, hall_id, starts_at, ends_at, block_end, base_price, format, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, '2D', ?)",
  ).run(opts.id, T.movie, opts.hallId ?? T.hall, start, ends, ends + 15 * 60_000, opts.basePrice ?? 1000, opts.now);
  return opts.id;
}
