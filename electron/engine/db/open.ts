// Opens the one SQLite file with the pragmas the box office relies on, then migrates it.
import Database from 'better-sqlite3';
import { BoxOfficeError } from '../../../shared/contract';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations';
import { stmt } from './stmts';

export type Db = Database.Database;

export interface OpenOptions {
  /** Called before a migration runs on an existing database (the engine backs it up here). */
  beforeMigrate?: (db: Db, fromVersion: number, toVersion: number) => void;
  migrations?: Migration[];
  readonly?: boolean;
}

export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  const db = new Database(file, { readonly: opts.readonly ?? false });
  try {
    // Refuse a newer database BEFORE any pragma: switching to WAL rewrites the file header, and a
    // refused file must be left byte for byte as it was.
    refuseNewer(db, (opts.migrations ?? MIGRATIONS).length);
    applyPragmas(db);
    if (!opts.readonly) migrate(db, opts.migrations ?? MIGRATIONS, opts.beforeMigrate);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

export function applyPragmas(db: Db): void {
  // WAL lets readers (seat maps, reports) run beside the single writer of a sale.
  db.pragma('journal_mode = WAL');
  // FULL fsyncs the WAL on every commit: a sale the cashier saw confirmed survives power loss.
  db.pragma('synchronous = FULL');
  // Other processes (a second counter's host) may hold the write lock briefly; wait, don't fail.
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
}

/**
 * True when no other connection, in this process or another, has the database open. In WAL mode
 * every connection keeps a SHARED lock on the file from its first read until it closes, so an
 * EXCLUSIVE lock is granted only to a sole user. Call it with the caller's own connection closed.
 */
export function noOtherConnections(file: string): boolean {
  const probe = new Database(file, { timeout: 0 });
  try {
    probe.pragma('locking_mode = EXCLUSIVE');
    probe.exec('BEGIN EXCLUSIVE');
    probe.exec('COMMIT');
    return true;
  } catch (e) {
    // SQLITE_BUSY and its extended codes (SQLITE_BUSY_RECOVERY while another process recovers the WAL).
    if (((e as { code?: string }).code ?? '').startsWith('SQLITE_BUSY')) return false;
    throw e;
  } finally {
    probe.close();
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function refuseNewer(db: Db, latest: number): void {
  const current = schemaVersion(db);
  if (current > latest) {
    throw new BoxOfficeError(
      'CONFLICT',
      `This database was written by a newer version of the box office (schema ${current}, this version knows up to ${latest}). ` +
        'Install the newer version, or restore a backup made by this one. The file was not changed.',
      { databaseVersion: current, supportedVersion: latest },
    );
  }
}

/** Applies every pending migration in one transaction; refuses a database from a newer version. */
export function migrate(db: Db, migrations: Migration[] = MIGRATIONS, beforeMigrate?: OpenOptions['beforeMigrate']): void {
  const latest = migrations.length;
  refuseNewer(db, latest);
  const current = schemaVersion(db);
  if (current === latest) return;
  if (current > 0 && beforeMigrate) beforeMigrate(db, current, latest);
  const run = db.transaction(() => {
    for (const m of migrations.slice(current)) {
      db.exec(m.sql);
      m.run?.(db);
      db.pragma(`user_version = ${m.version}`);
    }
  });
  // IMMEDIATE: two processes opening a fresh file at once must not both try to create tables.
  run.immediate();
}

export { LATEST_VERSION };

/**
 * Runs a write whose loss on power failure is harmless (a seat hold, its release, the sweep of
 * expired holds) without waiting for an fsync: in WAL mode with synchronous=NORMAL the database
 * stays consistent, only the last such commits may be lost, and the next FULL commit (a sale)
 * syncs the whole log, these frames included. Money-moving writes never go through here.
 */
export function withoutFsync<T>(db: Db, fn: () => T): T {
  // Cached statements: db.pragma() compiles its SQL on every call, twice per hold.
  stmt(db, 'PRAGMA synchronous = NORMAL').run();
  try {
    return fn();
  } finally {
    stmt(db, 'PRAGMA synchronous = FULL').run();
  }
}

/**
 * Takes WAL checkpoints off the request path: SQLite's automatic checkpoint runs inside whichever
 * commit crosses 1,000 WAL pages (a sale's p99), so the engine turns it off on its own connection
 * and checkpoints from a timer instead (checkpointNow). Other connections keep SQLite's default.
 */
export function disableAutoCheckpoint(db: Db): void {
  db.pragma('wal_autocheckpoint = 0');
}

/**
 * One PASSIVE checkpoint: copies what it can from the WAL into the database without waiting for
 * readers or writers (a busy database simply gets the rest next time). Answers the WAL's size and
 * how much of it was copied, in pages.
 */
export function checkpointNow(db: Db): { log: number; checkpointed: number } {
  const r = stmt(db, 'PRAGMA wal_checkpoint(PASSIVE)').get() as { busy: number; log: number; checkpointed: number };
  return { log: r.log, checkpointed: r.checkpointed };
}
