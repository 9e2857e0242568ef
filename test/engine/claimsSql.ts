// Live seat claims written with plain SQL (held and sold), for the layout and schedule tests.
import type { Db } from '../../electron/engine/db/open';
import { hashPin } from '../../electron/engine/staff/pin';
import { SESSION_KEYS, T } from '../support/fixtures';

let n = 0;

/** A hold by the fixture cashier on these seats, expiring at `expiresAt` (epoch ms). */
export function insertHoldClaims(db: Db, showId: string, seatIds: string[], expiresAt: number, now: number): string {
  const id = `hold_${++n}`;
  db.transaction(() => {
    db.prepare('INSERT INTO holds (id, show_id, staff_id, session, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)').run(id, showId, T.cashier, SESSION_KEYS.cashier, now, expiresAt);
    for (const s of seatIds) db.prepare('INSERT INTO seat_claims (show_id, seat_id, hold_id, expires_at) VALUES (?, ?, ?, ?)').run(showId, s, id, expiresAt);
  })();
  return id;
}

/** A confirmed booking (no tickets or payments: only the claim matters here) on these seats. */
export function insertSoldClaims(db: Db, showId: string, seatIds: string[], now: number): string {
  const id = `bk_claims_${++n}`;
  db.transaction(() => {
    db.prepare(
      `INSERT INTO bookings (id, code, show_id, status, total, currency, cashier_id, idempotency_key, created_at)
       VALUES (?, ?, ?, 'confirmed', 0, 'USD', ?, ?, ?)`,
    ).run(id, `Z${String(n).padStart(5, '0')}`, showId, T.cashier, `idem-${id}`, now);
    for (const s of seatIds) db.prepare('INSERT INTO seat_claims (show_id, seat_id, booking_id) VALUES (?, ?, ?)').run(showId, s, id);
  })();
  return id;
}

/** Gives a fixture staff member (created with a placeholder hash) a real PIN. */
export function setPin(db: Db, staffId: string, pin: string): void {
  db.prepare('UPDATE staff SET pin_hash = ? WHERE id = ?').run(hashPin(pin), staffId);
}

export function count(db: Db, sql: string, ...params: unknown[]): number {
  return (db.prepare(sql).get(...params) as { n: number }).n;
}
