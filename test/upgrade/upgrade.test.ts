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
    for (const t of TABLES) expect(asBefore(t), t).toEqual(before[t]);
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
    const token = { token: 'tok-manager' };
    const b = await router.dispatch('bookings.get', { code: 'ABC234' }, token);
    expect(b.ok && b.data).toMatchObject({ id: 'bk_1', total: 3000, status: 'confirmed' });
    const map = await router.dispatch('seats.map', { showId: 'show_b' }, token);
    if (!map.ok) throw new Error(JSON.stringify(map.error));
    const status = Object.fromEntries(map.data.seats.map((s) => [s.label, s.status]));
    expect(status).toMatchObject({ C1: 'sold', C5: 'held', F1: 'available' });
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
