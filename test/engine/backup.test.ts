// Backups through the router: create (name, retention, audit), list, restore (validation,
// verification, safety copy, stale WAL), roles and sessions.
import { fork } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, MONDAY_10AM, type Harness } from '../support/engineHarness';
import { seedBasics, TOKENS } from '../support/fixtures';
import { LATEST_VERSION } from '../../electron/engine/db/migrations';
import { moveClock } from './salesSql';

let h: Harness;
let backups: string;
beforeEach(() => {
  h = makeHarness();
  backups = join(h.dir, 'backups');
  seedBasics(h.engine.ctx.db, { now: MONDAY_10AM });
});
afterEach(() => h.close());

const db = () => h.engine.ctx.db;
const movieCount = () => (db().prepare('SELECT COUNT(*) AS n FROM movies').get() as { n: number }).n;
function addMovie(id: string): void {
  db().prepare("INSERT INTO movies (id, title, duration_minutes, language, rating, created_at) VALUES (?, ?, 100, 'English', 'PG', ?)").run(id, id, MONDAY_10AM);
}

describe('backup.create and backup.list', () => {
  it('writes a named copy into the backup folder and lists it', async () => {
    const b = await h.ok('backup.create', {}, TOKENS.manager);
    // Monday 23 Nov 2026 15:00:00.000 UTC.
    expect(b.file).toBe('boxoffice-20261123-150000-000.sqlite');
    expect(b.createdAt).toBe('2026-11-23T15:00:00.000Z');
    expect(b.bytes).toBe(readFileSync(join(backups, b.file)).length);
    expect(b.bytes).toBeGreaterThan(0);
    // A complete copy of its own: readable alone, with the data, no partial file left behind.
    const copy = new Database(join(backups, b.file), { readonly: true });
    expect((copy.prepare('SELECT COUNT(*) AS n FROM staff').get() as { n: number }).n).toBe(3);
    copy.close();
    expect(readdirSync(backups).filter((f) => f.includes('partial'))).toEqual([]);
    const audit = db().prepare("SELECT staff_id, entity_id FROM audit WHERE action = 'backup.create'").all();
    expect(audit).toEqual([{ staff_id: 'st_manager', entity_id: b.file }]);

    // A second one in the same millisecond gets its own name; later ones sort first.
    const same = await h.ok('backup.create', {}, TOKENS.manager);
    expect(same.file).toBe('boxoffice-20261123-150000-000-1.sqlite');
    moveClock(h, '2026-11-23T15:00:01.250Z');
    const later = await h.ok('backup.create', {}, TOKENS.manager);
    expect(later.file).toBe('boxoffice-20261123-150001-250.sqlite');
    // Pre-migration copies are listed too; anything else in the folder is not.
    const pre = `pre-migration-v1-to-v2-${Date.parse('2026-11-20T00:00:00Z')}.sqlite`;
    copyFileSync(join(backups, b.file), join(backups, pre));
    writeFileSync(join(backups, 'notes.txt'), 'hello');
    writeFileSync(join(backups, 'boxoffice-latest.sqlite'), 'not ours');
    const list = await h.ok('backup.list', {}, TOKENS.manager);
    expect(list.map((x) => x.file)).toEqual([
      later.file,
      same.file,
      b.file,
      pre,
    ]);
    expect(list[3]!.createdAt).toBe('2026-11-20T00:00:00.000Z');
  });

  it('deletes backups older than the retention, never the new one nor pre-migration copies', async () => {
    db().prepare("INSERT INTO kv (key, value) VALUES ('settings', ?)").run(JSON.stringify({ backupRetentionDays: 3 }));
    const first = await h.ok('backup.create', {}, TOKENS.manager);
    const pre = `pre-migration-v1-to-v2-${MONDAY_10AM - 30 * 86_400_000}.sqlite`;
    copyFileSync(join(backups, first.file), join(backups, pre));
    moveClock(h, MONDAY_10AM + 2 * 86_400_000);
    const second = await h.ok('backup.create', {}, TOKENS.manager);
    expect(readdirSync(backups).sort()).toEqual([first.file, second.file, pre].sort());
    moveClock(h, MONDAY_10AM + 3 * 86_400_000 + 1);
    const third = await h.ok('backup.create', {}, TOKENS.manager);
    expect((await h.ok('backup.list', {}, TOKENS.manager)).map((x) => x.file)).toEqual([third.file, second.file, pre]);
  });

  it('answers NOT_SUPPORTED without a backup folder', async () => {
    h.close();
    h = makeHarness({ backupDir: null });
    seedBasics(h.engine.ctx.db, { now: MONDAY_10AM });
    expect((await h.err('backup.create', {}, TOKENS.manager)).code).toBe('NOT_SUPPORTED');
    expect((await h.err('backup.list', {}, TOKENS.manager)).code).toBe('NOT_SUPPORTED');
    expect((await h.err('backup.restore', { file: 'boxoffice-20261123-150000-000.sqlite' }, TOKENS.manager)).code).toBe('NOT_SUPPORTED');
  });

  it('lists nothing before the first backup', async () => {
    expect(await h.ok('backup.list', {}, TOKENS.manager)).toEqual([]);
  });
});

describe('backup.restore', () => {
  it('brings the database back to the backup, after copying the current state aside', async () => {
    addMovie('mv_before');
    const b = await h.ok('backup.create', {}, TOKENS.manager);
    moveClock(h, '2026-11-23T16:00:00Z');
    addMovie('mv_after');
    expect(movieCount()).toBe(3);

    const r = await h.ok('backup.restore', { file: b.file }, TOKENS.manager);
    expect(r).toEqual({ restored: b.file });
    expect(movieCount()).toBe(2);
    expect(db().prepare("SELECT id FROM movies WHERE id = 'mv_after'").get()).toBeUndefined();
    // The state just before the restore was kept, and can itself be restored.
    const list = await h.ok('backup.list', {}, TOKENS.manager);
    const safety = list.find((x) => x.file === 'boxoffice-20261123-160000-000.sqlite');
    expect(safety).toBeDefined();
    const restoredAudit = db().prepare("SELECT staff_id, entity_id, details FROM audit WHERE action = 'backup.restore'").get() as {
      staff_id: string; entity_id: string; details: string;
    };
    expect(restoredAudit).toMatchObject({ staff_id: 'st_manager', entity_id: b.file });
    expect(JSON.parse(restoredAudit.details)).toMatchObject({ safetyBackup: safety!.file });
    await h.ok('backup.restore', { file: safety!.file }, TOKENS.manager);
    expect(movieCount()).toBe(3);
    expect((db().pragma('integrity_check', { simple: true }))).toBe('ok');
  });

  it('refuses while another process has the database open (its writes would be lost), then restores once it closed', async () => {
    const b = await h.ok('backup.create', {}, TOKENS.manager);
    addMovie('mv_live');
    // A second box office on the same file, in its own process, as a browser host on the same
    // data folder would be.
    const other = fork(join(__dirname, 'workers', 'holdOpen.ts'), [h.file], { execPath: process.execPath, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const said = (word: string) => new Promise<void>((r) => other.on('message', (m) => m === word && r()));
    try {
      await said('ready');
      const e = await h.err('backup.restore', { file: b.file }, TOKENS.manager);
      expect(e.code).toBe('CONFLICT');
      expect(e.message).toMatch(/Another box office program is using this database/);
      expect(existsSync(`${h.file}.restoring`)).toBe(false);
      // Nothing was restored, and this engine carries on on the live data.
      expect(movieCount()).toBe(2);
      addMovie('mv_after_refusal');
      expect(movieCount()).toBe(3);
      other.send('close');
      await said('closed');
    } finally {
      if (other.exitCode === null) other.kill();
    }
    await h.ok('backup.restore', { file: b.file }, TOKENS.manager);
    expect(movieCount()).toBe(1);
    expect(db().pragma('integrity_check', { simple: true })).toBe('ok');
  }, 30_000);

  it('leaves no "before restoring" safety copy behind when the restore is refused', async () => {
    const b = await h.ok('backup.create', {}, TOKENS.manager);
    const other = fork(join(__dirname, 'workers', 'holdOpen.ts'), [h.file], { execPath: process.execPath, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const said = (word: string) => new Promise<void>((r) => other.on('message', (m) => m === word && r()));
    try {
      await said('ready');
      moveClock(h, '2026-11-23T15:05:00.000Z');
      expect((await h.err('backup.restore', { file: b.file }, TOKENS.manager)).code).toBe('CONFLICT');
      // Only the backup that was there before: the copy taken to undo the restore is gone with it.
      expect(readdirSync(backups).filter((f) => f.endsWith('.sqlite'))).toEqual([b.file]);
      expect((await h.ok('backup.list', {}, TOKENS.manager)).map((x) => x.file)).toEqual([b.file]);
      other.send('close');
      await said('closed');
    } finally {
      if (other.exitCode === null) other.kill();
    }
  }, 30_000);

  it('restores over a live database with un-checkpointed WAL frames, and stays restored after a fresh open', async () => {
    const b = await h.ok('backup.create', {}, TOKENS.manager);
    db().pragma('wal_autocheckpoint = 0');
    for (let i = 0; i < 50; i++) addMovie(`mv_wal_${i}`);
    expect(existsSync(`${h.file}-wal`)).toBe(true);
    await h.ok('backup.restore', { file: b.file }, TOKENS.manager);
    expect(movieCount()).toBe(1);
    expect(db().pragma('integrity_check', { simple: true })).toBe('ok');
    // And after a fresh open from disk as well.
    h.engine.close();
    const again = new Database(h.file, { readonly: true });
    expect((again.prepare('SELECT COUNT(*) AS n FROM movies').get() as { n: number }).n).toBe(1);
    again.close();
  });

  it('refuses paths, missing files and files that are not a usable box office database, changing nothing', async () => {
    addMovie('mv_keep');
    const b = await h.ok('backup.create', {}, TOKENS.manager);
    const before = readdirSync(backups).sort();
    for (const file of ['../boxoffice.sqlite', `../backups/${b.file}`, `sub/${b.file}`, `x\\${b.file}`, '..', `${b.file}/..`]) {
      expect((await h.err('backup.restore', { file }, TOKENS.manager)).code, file).toBe('VALIDATION');
    }
    expect((await h.err('backup.restore', { file: 'boxoffice-20200101-000000-000.sqlite' }, TOKENS.manager)).code).toBe('NOT_FOUND');
    expect((await h.err('backup.restore', { file: '' }, TOKENS.manager)).code).toBe('VALIDATION');

    writeFileSync(join(backups, 'boxoffice-20261101-000000-000.sqlite'), 'definitely not a database'.repeat(100));
    expect((await h.err('backup.restore', { file: 'boxoffice-20261101-000000-000.sqlite' }, TOKENS.manager)).code).toBe('VALIDATION');
    // A SQLite file, but not the box office's.
    const foreign = new Database(join(backups, 'boxoffice-20261102-000000-000.sqlite'));
    foreign.exec('CREATE TABLE t (x); PRAGMA user_version = 1;');
    foreign.close();
    expect((await h.err('backup.restore', { file: 'boxoffice-20261102-000000-000.sqlite' }, TOKENS.manager)).code).toBe('VALIDATION');
    // A box office database from a newer version.
    copyFileSync(join(backups, b.file), join(backups, 'boxoffice-20261103-000000-000.sqlite'));
    const newer = new Database(join(backups, 'boxoffice-20261103-000000-000.sqlite'));
    newer.pragma(`user_version = ${LATEST_VERSION + 1}`);
    newer.close();
    const e = await h.err('backup.restore', { file: 'boxoffice-20261103-000000-000.sqlite' }, TOKENS.manager);
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(/newer version/);

    // Nothing changed: no safety backups were taken, the data is the same.
    const planted = /^boxoffice-2026110[123]-/;
    expect(readdirSync(backups).filter((f) => !planted.test(f)).sort()).toEqual(before);
    expect(movieCount()).toBe(2);
    expect((db().prepare("SELECT COUNT(*) AS n FROM audit WHERE action = 'backup.restore'").get() as { n: number }).n).toBe(0);
  });
});

describe('backup roles and sessions', () => {
  it('is for managers only, needs a session, and validates input', async () => {
    for (const [ch, input] of [['backup.create', {}], ['backup.list', {}], ['backup.restore', { file: 'boxoffice-20261123-150000-000.sqlite' }]] as const) {
      expect((await h.err(ch, input, TOKENS.cashier)).code).toBe('FORBIDDEN');
      expect((await h.err(ch, input)).code).toBe('UNAUTHENTICATED');
    }
    expect((await h.err('backup.create', { now: true }, TOKENS.manager)).code).toBe('VALIDATION');
    expect((await h.err('backup.list', { all: 1 }, TOKENS.manager)).code).toBe('VALIDATION');
    expect((await h.err('backup.restore', {}, TOKENS.manager)).code).toBe('VALIDATION');
    expect((await h.err('backup.restore', { file: 'x'.repeat(201) }, TOKENS.manager)).code).toBe('VALIDATION');
    expect(existsSync(backups)).toBe(false);
  });
});
