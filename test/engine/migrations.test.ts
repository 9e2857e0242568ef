// Schema migrations: empty -> latest, every older version -> latest with its rows kept, a newer
// database refused untouched, and the engine's pre-migration copy of an existing database.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LATEST_VERSION, MIGRATIONS, type Migration } from '../../electron/engine/db/migrations';
import { migrate, openDatabase, schemaVersion, type Db } from '../../electron/engine/db/open';
import { tempDir } from '../support/engineHarness';

const dirs: string[] = [];
function freshDir(): string {
  const d = tempDir('boxoffice-mig-');
  dirs.push(d);
  return d;
}
afterEach(() => {
  vi.resetModules();
  vi.doUnmock('../../electron/engine/db/migrations');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const tables = (db: Db) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

const V1_TABLES = ['audit', 'bookings', 'holds', 'halls', 'kv', 'movies', 'payments', 'seat_claims', 'seats', 'sessions', 'shifts', 'shows', 'staff', 'theaters', 'tickets'];

/** A database at schema version k, built the way version k of the app left it. */
function databaseAt(file: string, k: number, migrations: Migration[] = MIGRATIONS): Db {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.slice(0, k));
  expect(schemaVersion(db)).toBe(k);
  return db;
}

/** A row or two that every schema version since 1 has: a theater, a hall, a movie, staff. */
function insertRows(db: Db): void {
  db.prepare("INSERT INTO theaters (id, name, city, timezone, currency, created_at) VALUES ('th_1', 'PVR', 'New York', 'America/New_York', 'USD', 1)").run();
  db.prepare("INSERT INTO halls (id, theater_id, name, cleaning_minutes, created_at) VALUES ('hall_1', 'th_1', 'Hall 1', 15, 1)").run();
  db.prepare("INSERT INTO movies (id, title, duration_minutes, language, rating, created_at) VALUES ('mv_1', 'Inception', 148, 'English', 'PG-13', 1)").run();
  db.prepare("INSERT INTO staff (id, name, role, pin_hash, created_at) VALUES ('st_1', 'Manager', 'manager', 'x', 1)").run();
}

describe('migrations', () => {
  it('are numbered 1..N in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });

  it('take an empty database to the latest version with every table', () => {
    const file = join(freshDir(), 'empty.sqlite');
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(tables(db)).toEqual(expect.arrayContaining(V1_TABLES));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
    // Opening again is a no-op.
    const again = openDatabase(file);
    expect(schemaVersion(again)).toBe(LATEST_VERSION);
    again.close();
  });

  // One case per older version: when a migration is appended, the pair (k -> latest) is covered.
  for (let k = 1; k < LATEST_VERSION; k++) {
    it(`take a database at version ${k} to ${LATEST_VERSION} keeping its rows`, () => {
      const file = join(freshDir(), `v${k}.sqlite`);
      const old = databaseAt(file, k);
      insertRows(old);
      old.close();
      const db = openDatabase(file);
      expect(schemaVersion(db)).toBe(LATEST_VERSION);
      expect(db.prepare('SELECT title FROM movies').all()).toEqual([{ title: 'Inception' }]);
      expect(db.prepare('SELECT name FROM halls').all()).toEqual([{ name: 'Hall 1' }]);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    });
  }

  it('(the same, with a pretend version 2, so the version-to-version path runs today)', () => {
    const fake: Migration[] = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'pretend', sql: "ALTER TABLE movies ADD COLUMN poster TEXT NOT NULL DEFAULT '';" }];
    const file = join(freshDir(), 'pretend.sqlite');
    const old = databaseAt(file, MIGRATIONS.length, fake);
    insertRows(old);
    old.close();
    const seen: [number, number][] = [];
    const db = openDatabase(file, { migrations: fake, beforeMigrate: (_db, from, to) => seen.push([from, to]) });
    expect(schemaVersion(db)).toBe(fake.length);
    expect(seen).toEqual([[MIGRATIONS.length, fake.length]]);
    expect(db.prepare('SELECT title, poster FROM movies').all()).toEqual([{ title: 'Inception', poster: '' }]);
    db.close();
  });

  it('refuse a database from a newer version with a clear error and leave the file untouched', async () => {
    const dir = freshDir();
    const file = join(dir, 'newer.sqlite');
    const db = databaseAt(file, LATEST_VERSION);
    insertRows(db);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    const before = readFileSync(file);

    let error: unknown;
    try {
      openDatabase(file).close();
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'CONFLICT', details: { databaseVersion: LATEST_VERSION + 1, supportedVersion: LATEST_VERSION } });
    expect((error as Error).message).toMatch(/newer version of the box office/);
    expect(readFileSync(file).equals(before)).toBe(true);

    // The engine refuses it the same way, and takes no pre-migration copy of it.
    const { Engine } = await import('../../electron/engine/engine');
    expect(() => new Engine({ file, backupDir: join(dir, 'backups') })).toThrow(/newer version/);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(existsSync(join(dir, 'backups'))).toBe(false);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('make the engine copy an existing older database aside before migrating it', async () => {
    // A pretend next version, seen by the engine through the migrations module.
    const fake: Migration[] = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'pretend', sql: 'CREATE TABLE pretend (x INTEGER) STRICT;' }];
    vi.resetModules();
    vi.doMock('../../electron/engine/db/migrations', () => ({ MIGRATIONS: fake, LATEST_VERSION: fake.length }));
    const { Engine } = await import('../../electron/engine/engine');

    const dir = freshDir();
    const file = join(dir, 'boxoffice.sqlite');
    const backups = join(dir, 'backups');
    const old = databaseAt(file, MIGRATIONS.length);
    insertRows(old);
    old.close();

    const engine = new Engine({ file, backupDir: backups });
    expect(schemaVersion(engine.ctx.db)).toBe(fake.length);
    expect(tables(engine.ctx.db)).toContain('pretend');
    engine.close();

    const copies = readdirSync(backups);
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatch(new RegExp(`^pre-migration-v${MIGRATIONS.length}-to-v${fake.length}-\\d+\\.sqlite$`));
    // The copy is the database as it was: the old version, with its rows, and complete on its own.
    const copy = new Database(join(backups, copies[0]!), { readonly: true });
    expect(schemaVersion(copy)).toBe(MIGRATIONS.length);
    expect(copy.prepare('SELECT title FROM movies').all()).toEqual([{ title: 'Inception' }]);
    expect(tables(copy)).not.toContain('pretend');
    copy.close();

    // A brand-new database is not copied (nothing to lose).
    const freshFile = join(dir, 'fresh.sqlite');
    const freshBackups = join(dir, 'fresh-backups');
    mkdirSync(freshBackups);
    new Engine({ file: freshFile, backupDir: freshBackups }).close();
    expect(readdirSync(freshBackups)).toEqual([]);
  });
});
