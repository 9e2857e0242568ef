// An installed box office upgraded in place: the database written by the first released schema
// (committed fixture) is migrated with every row kept, backed up first, and usable afterwards.
import { copyFileSync, readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/engine/clock';
import { LATEST_VERSION } from '../../electron/engine/db/migrations';
import { Engine } from '../../electron/engine/engine';
import { createRouter } from '../../electron/engine/router';
import { tokenHash } from '../../electron/engine/staff/sessions';
import { V1_FIXTURE } from './makeV1Fixture';

const TABLES = ['kv', 'staff', 'sessions', 'theaters', 'halls', 'seats', 'movies', 'shows', 'holds', 'seat_claims', 'shifts', 'bookings', 'tickets', 'payments', 'audit'];
let dir = '';
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

function snapshot(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) out[t] = db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all();
  db.close();
  return out;
}

describe('upgrading a v1 database', () => {
  it('migrates to the latest schema with every row kept and a backup taken first', async () => {
    dir = mkdtempSync(join(tmpdir(), 'upgrade-'));
    const file = join(dir, 'boxoffice.sqlite');
    copyFileSync(V1_FIXTURE, file);
    const before = snapshot(file);
    expect(before.bookings).toHaveLength(3);
    expect(before.holds).toHaveLength(1);

    const clock = new ManualClock(Date.parse('2026-11-20T15:05:00.000Z'));
    const engine = new Engine({ file, clock, backupDir: join(dir, 'backups') });
    expect(engine.ctx.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    engine.close();

    // Every row kept as it was; columns added by later versions are checked on their own.
    const after = snapshot(file);
    const asBefore = (t: string) => after[t]!.map((r) => Object.fromEntries(Object.keys((before[t]![0] ?? r) as object).map((k) => [k, (r as Record<string, unknown>)[k]])));
    // v9: sessions ended (their plain tokens cannot be hashed in SQL) and holds no longer carry a token.
    for (const t of TABLES.filter((x) => x !== 'sessions' && x !== 'holds')) expect(asBefore(t), t).toEqual(before[t]);
    expect(before.sessions!.length).toBeGreaterThan(0);
    expect(after.sessions).toEqual([]);
    const tokens = (before.sessions as { token: string }[]).map((s) => s.token);
    expect(JSON.stringify(after.holds)).not.toMatch(new RegExp(tokens.join('|')));
    const noSession = (rows: unknown[]) => rows.map((r) => ({ ...(r as object), session: undefined }));
    expect(noSession(after.holds!)).toEqual(noSession(before.holds!));
    // v6: no refund written before it is "owed" (they were paid when written).
    expect(after.payments!.length).toBeGreaterThan(0);
    expect(after.payments!.every((p) => (p as { owed: number }).owed === 0)).toBe(true);
    const backups = readdirSync(join(dir, 'backups'));
    expect(backups.some((f) => f.startsWith(`pre-migration-v1-to-v${LATEST_VERSION}`))).toBe(true);
    const backup = join(dir, 'backups', backups.find((f) => f.startsWith('pre-migration'))!);
    expect(new Database(backup, { readonly: true }).pragma('user_version', { simple: true })).toBe(1);
  });

  it('serves the migrated bookings, holds and seat maps through the router', async () => {
    dir = mkdtempSync(join(tmpdir(), 'upgrade-'));
    const file = join(dir, 'boxoffice.sqlite');
    copyFileSync(V1_FIXTURE, file);
    const clock = new ManualClock(Date.parse('2026-11-20T15:05:00.000Z'));
    const engine = new Engine({ file, clock, backupDir: join(dir, 'backups') });
    const router = createRouter(engine, { checkOutputs: true });
    // Everyone signs in again after the v9 upgrade (sessions keep only token hashes since).
    expect((await router.dispatch('seats.map', { showId: 'show_b' }, { token: 'tok-manager' })).ok).toBe(false);
    engine.ctx.db.prepare("INSERT INTO sessions (token_hash, staff_id, created_at, last_seen) SELECT ?, id, ?, ? FROM staff WHERE role = 'manager' LIMIT 1")
      .run(tokenHash('tok-manager-v9'), clock.now(), clock.now());
    const token = { token: 'tok-manager-v9' };
    const b = await router.dispatch('bookings.get', { code: 'ABC234' }, token);
    expect(b.ok && b.data).toMatchObject({ id: 'bk_1', total: 3000, status: 'confirmed' });
    const map = await router.dispatch('seats.map', { showId: 'show_b' }, token);
    if (!map.ok) throw new Error(JSON.stringify(map.error));
    const status = Object.fromEntries(map.data.seats.map((s) => [s.label, s.status]));
    expect(status).toMatchObject({ C1: 'sold', C5: 'held', F1: 'available' }); // the old hold runs out as usual
    const cancelled = await router.dispatch('bookings.get', { id: 'bk_3' }, token);
    expect(cancelled.ok && cancelled.data.refund).toMatchObject({ amount: 1000, percent: 100 });
    engine.close();
  });

  it('refuses a database from a newer version and leaves it untouched', () => {
    dir = mkdtempSync(join(tmpdir(), 'upgrade-'));
    const file = join(dir, 'boxoffice.sqlite');
    copyFileSync(V1_FIXTURE, file);
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST_VERSION + 5}`);
    db.close();
    const bytes = readFileSync(file);
    expect(() => new Engine({ file, backupDir: join(dir, 'backups') })).toThrow(/newer version/);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });
});
