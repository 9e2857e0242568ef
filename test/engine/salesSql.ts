// Sales written with plain SQL for the report and shift tests: bookings, tickets, payments and
// refunds exactly as the sale code stores them, without depending on that code.
import type { Db } from '../../electron/engine/db/open';
import { seatId, T } from '../support/fixtures';

let n = 0;

export interface SaleSpec {
  showId: string;
  cashierId: string;
  createdAt: string; // ISO instant
  /** One amount per ticket; seats are taken from row `row` starting at seat `firstSeat`. */
  tickets: number[];
  row?: string;
  firstSeat?: number;
  payments: { method: 'cash' | 'card' | 'upi' | 'wallet'; amount: number; tendered?: number }[];
  shiftId?: string | null;
  /** Also keep a live sold claim per seat (what the occupancy report counts). */
  claims?: boolean;
}

export function insertSale(db: Db, s: SaleSpec): string {
  const id = `bk_${++n}`;
  const at = Date.parse(s.createdAt);
  const total = s.tickets.reduce((a, b) => a + b, 0);
  db.transaction(() => {
    db.prepare(
      `INSERT INTO bookings (id, code, show_id, status, total, currency, cashier_id, shift_id, idempotency_key, created_at)
       VALUES (?, ?, ?, 'confirmed', ?, 'USD', ?, ?, ?, ?)`,
    ).run(id, `C${String(n).padStart(5, '0')}`, s.showId, total, s.cashierId, s.shiftId ?? null, `idem-${id}`, at);
    s.tickets.forEach((amount, i) => {
      const seat = seatId(s.row ?? 'A', (s.firstSeat ?? 1) + i);
      db.prepare(
        `INSERT INTO tickets (id, booking_id, show_id, seat_id, seat_label, ticket_type, amount, breakdown)
         VALUES (?, ?, ?, ?, ?, 'adult', ?, '[]')`,
      ).run(`${id}_t${i}`, id, s.showId, seat, seat.slice(5), amount);
      if (s.claims) db.prepare('INSERT INTO seat_claims (show_id, seat_id, booking_id) VALUES (?, ?, ?)').run(s.showId, seat, id);
    });
    s.payments.forEach((p, i) => {
      db.prepare(
        `INSERT INTO payments (id, booking_id, kind, method, amount, tendered, change, staff_id, shift_id, created_at)
         VALUES (?, ?, 'charge', ?, ?, ?, ?, ?, ?, ?)`,
      ).run(`${id}_p${i}`, id, p.method, p.amount, p.tendered ?? null, p.tendered != null ? p.tendered - p.amount : null, s.cashierId, s.shiftId ?? null, at);
    });
  })();
  return id;
}

/** Cancels a booking and records the refund payment (paid back by `staffId` at `at`). */
export function insertRefund(
  db: Db,
  r: { bookingId: string; staffId: string; at: string; method: 'cash' | 'card' | 'upi' | 'wallet'; amount: number; percent: number; shiftId?: string | null },
): void {
  const at = Date.parse(r.at);
  db.transaction(() => {
    db.prepare(
      "UPDATE bookings SET status = 'cancelled', cancelled_at = ?, cancel_reason = 'test', refund_amount = ?, refund_percent = ? WHERE id = ?",
    ).run(at, r.amount, r.percent, r.bookingId);
    db.prepare('DELETE FROM seat_claims WHERE booking_id = ?').run(r.bookingId);
    db.prepare(
      `INSERT INTO payments (id, booking_id, kind, method, amount, staff_id, shift_id, created_at)
       VALUES (?, ?, 'refund', ?, ?, ?, ?, ?)`,
    ).run(`${r.bookingId}_r${++n}`, r.bookingId, r.method, r.amount, r.staffId, r.shiftId ?? null, at);
  })();
}

/** A second movie, "The Dark Knight". */
export function seedSecondMovie(db: Db, now: number): string {
  db.prepare(
    "INSERT INTO movies (id, title, duration_minutes, genres, language, rating, created_at) VALUES ('mv_tdk', 'The Dark Knight', 152, '[]', 'English', 'PG-13', ?)",
  ).run(now);
  return 'mv_tdk';
}

/** A show of any movie in any hall (seedShow only does Inception). */
export function insertShow(db: Db, o: { id: string; movieId?: string; hallId?: string; startsAt: string; status?: 'scheduled' | 'cancelled'; now: number }): string {
  const start = Date.parse(o.startsAt);
  db.prepare(
    `INSERT INTO shows (id, movie_id, hall_id, starts_at, ends_at, block_end, base_price, format, status, created_at)
     VALUES (?, ?, ?, ?, ?, ?, 1000, '2D', ?, ?)`,
  ).run(o.id, o.movieId ?? T.movie, o.hallId ?? T.hall, start, start + 170 * 60_000, start + 185 * 60_000, o.status ?? 'scheduled', o.now);
  return o.id;
}

/** A second theater in Los Angeles with one small hall (rows A, B of 5 seats: seat ids seat2_A1...). */
export function seedSecondTheater(db: Db, now: number): { theater: string; hall: string } {
  db.transaction(() => {
    db.prepare("INSERT INTO theaters (id, name, city, timezone, currency, created_at) VALUES ('th_2', 'West', 'Los Angeles', 'America/Los_Angeles', 'USD', ?)").run(now + 1);
    db.prepare("INSERT INTO halls (id, theater_id, name, cleaning_minutes, created_at) VALUES ('hall_2', 'th_2', 'West 1', 15, ?)").run(now);
    for (const r of ['A', 'B']) {
      for (let i = 1; i <= 5; i++) {
        db.prepare("INSERT INTO seats (id, hall_id, row_label, row_index, number, col, type) VALUES (?, 'hall_2', ?, ?, ?, ?, 'regular')").run(
          `seat2_${r}${i}`, r, r === 'A' ? 0 : 1, i, i,
        );
      }
    }
  })();
  return { theater: 'th_2', hall: 'hall_2' };
}

/**
 * Moves the test clock and keeps the fixture sessions fresh: sessions end after a while idle and
 * after an absolute lifetime, and these tests jump hours or days at once to cross business-day
 * boundaries. (Re-dating a session also empties the engine's session cache: a trigger.)
 */
export function moveClock(h: { clock: { set(t: string | number): void; now(): number }; engine: { ctx: { db: Db } } }, at: string | number): void {
  h.clock.set(at);
  renewSessions(h.engine.ctx.db, h.clock.now());
}

/** The fixture sessions as if signed in at `now`. */
export function renewSessions(db: Db, now: number): void {
  db.prepare('UPDATE sessions SET created_at = ?, last_seen = ?').run(now, now);
}
