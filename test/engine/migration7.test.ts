// Schema v7 on a database with sales from v6: every ticket gets its own unique code, the tickets
// of cancelled bookings are cancelled, and bookings accept the 'exchanged' status (and nothing else).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/engine/db/migrations';
import { migrate, openDatabase } from '../../electron/engine/db/open';
import { tempDir } from '../support/engineHarness';
import { seatId, seedBasics, seedShow, T } from '../support/fixtures';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('schema v7 (after the sale)', () => {
  it('gives tickets sold before it their own codes and states', () => {
    dir = tempDir('boxoffice-v7-');
    const file = join(dir, 'v6.sqlite');
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    old.pragma('foreign_keys = ON');
    migrate(old, MIGRATIONS.slice(0, 6));
    seedBasics(old, { now: 1 });
    seedShow(old, { id: 'show_1', startsAt: '2026-11-24T00:00:00.000Z', now: 1 });
    const booking = old.prepare(
      "INSERT INTO bookings (id, code, show_id, status, total, currency, cashier_id, idempotency_key, created_at, cancelled_at) VALUES (?, ?, 'show_1', ?, 2000, 'USD', ?, ?, 1, ?)",
    );
    booking.run('bk_live', 'LIVE22', 'confirmed', T.cashier, 'k1', null);
    booking.run('bk_gone', 'GONE22', 'cancelled', T.cashier, 'k2', 5);
    const ticket = old.prepare("INSERT INTO tickets (id, booking_id, show_id, seat_id, seat_label, ticket_type, amount, breakdown) VALUES (?, ?, 'show_1', ?, ?, 'adult', 1000, '[]')");
    for (const [i, b] of [[1, 'bk_live'], [2, 'bk_live'], [3, 'bk_gone']] as const) ticket.run(`tk_${i}`, b, seatId('A', i), `A${i}`);
    old.close();

    const db = openDatabase(file);
    const rows = db.prepare('SELECT id, code, status, cancelled_at FROM tickets ORDER BY id').all() as { id: string; code: string; status: string; cancelled_at: number | null }[];
    for (const r of rows) expect(r.code).toMatch(/^[ABCDEFGHJKLMNPQRSTUVWXYZ2-9]{10}$/);
    expect(new Set(rows.map((r) => r.code)).size).toBe(3);
    expect(rows.map((r) => [r.id, r.status, r.cancelled_at])).toEqual([['tk_1', 'sold', null], ['tk_2', 'sold', null], ['tk_3', 'cancelled', 5]]);
    expect(() => db.prepare("UPDATE tickets SET code = (SELECT code FROM tickets WHERE id = 'tk_1') WHERE id = 'tk_2'").run()).toThrow(/UNIQUE/);
    db.prepare("UPDATE bookings SET status = 'exchanged' WHERE id = 'bk_live'").run();
    expect(() => db.prepare("UPDATE bookings SET status = 'lost' WHERE id = 'bk_live'").run()).toThrow(/CHECK/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
