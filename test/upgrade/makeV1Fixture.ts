// Writes test/fixtures/schema-v1.sqlite: a database as the first released schema (v1) left it,
// with a theater, a hall, shows, a live hold, sales (cash and card) and a cancelled booking.
// Committed as a file so the upgrade test opens exactly what an installed v1 wrote.
// Regenerate only if the fixture is lost: `npx tsx test/upgrade/makeV1Fixture.ts`.
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { MIGRATIONS } from '../../electron/engine/db/migrations';
import { applyPragmas, migrate } from '../../electron/engine/db/open';
import { seedBasics, seedShow, seatId, T } from '../support/fixtures';

export const V1_FIXTURE = new URL('../fixtures/schema-v1.sqlite', import.meta.url).pathname;
const NOW = Date.parse('2026-11-20T15:00:00.000Z');

export function makeV1Fixture(file = V1_FIXTURE): void {
  rmSync(file, { force: true });
  const db = new Database(file);
  applyPragmas(db);
  migrate(db, MIGRATIONS.slice(0, 1));
  seedBasics(db, { now: NOW });
  seedShow(db, { id: 'show_a', startsAt: '2026-11-21T00:00:00.000Z', now: NOW });
  seedShow(db, { id: 'show_b', startsAt: '2026-12-01T00:00:00.000Z', now: NOW });
  db.transaction(() => {
    db.prepare("INSERT INTO holds (id, show_id, staff_id, session, created_at, expires_at) VALUES ('hold_1', 'show_b', ?, 'tok-cashier', ?, ?)").run(T.cashier, NOW, NOW + 600_000);
    db.prepare("INSERT INTO seat_claims (show_id, seat_id, hold_id, expires_at) VALUES ('show_b', ?, 'hold_1', ?)").run(seatId('C', 5), NOW + 600_000);
    const booking = db.prepare(
      `INSERT INTO bookings (id, code, show_id, status, total, currency, customer_name, customer_email, cashier_id, idempotency_key, created_at, cancelled_at, refund_amount, refund_percent)
       VALUES (?, ?, ?, ?, ?, 'USD', ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const ticket = db.prepare("INSERT INTO tickets (id, booking_id, show_id, seat_id, seat_label, ticket_type, amount, breakdown) VALUES (?, ?, ?, ?, ?, 'adult', ?, '[]')");
    const pay = db.prepare("INSERT INTO payments (id, booking_id, kind, method, amount, tendered, change, terminal_txn, staff_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const claim = db.prepare('INSERT INTO seat_claims (show_id, seat_id, booking_id) VALUES (?, ?, ?)');
    booking.run('bk_1', 'ABC234', 'show_a', 'confirmed', 3000, 'Ann', 'ann@example.com', T.cashier, 'key-1', NOW, null, null, null);
    for (const n of [4, 5]) { ticket.run(`tk_1_${n}`, 'bk_1', 'show_a', seatId('E', n), `E${n}`, 1500); claim.run('show_a', seatId('E', n), 'bk_1'); }
    pay.run('pay_1', 'bk_1', 'charge', 'cash', 3000, 5000, 2000, null, T.cashier, NOW);
    booking.run('bk_2', 'DEF567', 'show_b', 'confirmed', 1950, 'Bob', null, T.cashier, 'key-2', NOW, null, null, null);
    ticket.run('tk_2', 'bk_2', 'show_b', seatId('C', 1), 'C1', 1950);
    claim.run('show_b', seatId('C', 1), 'bk_2');
    pay.run('pay_2', 'bk_2', 'charge', 'card', 1950, null, null, 'sim_fixture', T.cashier, NOW);
    booking.run('bk_3', 'GHJ789', 'show_b', 'cancelled', 1000, null, null, T.cashier, 'key-3', NOW, NOW + 1000, 1000, 100);
    ticket.run('tk_3', 'bk_3', 'show_b', seatId('F', 1), 'F1', 1000);
    pay.run('pay_3', 'bk_3', 'charge', 'cash', 1000, 1000, 0, null, T.cashier, NOW);
    pay.run('pay_3r', 'bk_3', 'refund', 'cash', 1000, null, null, null, T.cashier, NOW + 1000);
    db.prepare("INSERT INTO audit (at, staff_id, staff_name, action, entity_id, details) VALUES (?, ?, 'Cashier', 'booking.confirm', 'bk_1', '{}')").run(NOW, T.cashier);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  db.close();
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) makeV1Fixture();
