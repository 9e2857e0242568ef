// Backups: online copies of the live database made with SQLite's backup API (consistent while
// counters keep selling), kept for settings.backupRetentionDays, and restore from one of them.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BoxOfficeError, type BackupInfo, type ChannelOutput, type ParsedInput } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';
import { iso } from '../clock';
import { LATEST_VERSION } from '../db/migrations';
import { writeAudit } from '../audit/audit';
import { getSettings } from '../settings/settings';
import { backupName, backupSeq, backupTime, BACKUP_RE, isPlainName, PRE_MIGRATION_RE } from './files';

const DAY_MS = 86_400_000;

function backupDirOf(ctx: EngineCtx): string {
  if (!ctx.backupDir) throw new BoxOfficeError('NOT_SUPPORTED', 'Backups are not available in this box office (no backup folder)');
  return ctx.backupDir;
}

/**
 * Writes a backup and returns its info. The copy goes to a hidden ".partial" name first and is
 * renamed when complete, so a crash mid-copy never leaves something that looks like a backup.
 */
async function writeBackup(ctx: EngineCtx, actor: Actor, reason: string): Promise<BackupInfo> {
  const dir = backupDirOf(ctx);
  mkdirSync(dir, { recursive: true });
  const now = ctx.clock.now();
  let name = backupName(now);
  // Two backups in one millisecond (a manual clock in tests, a double click) get -1, -2, ...
  for (let i = 1; existsSync(join(dir, name)) || existsSync(join(dir, `.${name}.partial`)); i++) name = backupName(now, i);
  const target = join(dir, name);
  const partial = join(dir, `.${name}.partial`);
  try {
    await ctx.db.backup(partial);
    renameSync(partial, target);
  } catch (e) {
    try {
      unlinkSync(partial);
    } catch {
      // nothing was written
    }
    ctx.log.error('backup failed', { error: String(e) });
    throw new BoxOfficeError('INTERNAL', 'The backup could not be written; check the backup folder and free disk space');
  }
  const bytes = statSync(target).size;
  ctx.db.transaction(() => writeAudit(ctx, actor, 'backup.create', name, { bytes, reason }))();
  ctx.log.info('backup written', { file: name, bytes });
  return { file: name, bytes, createdAt: iso(now) };
}

/** Deletes regular backups older than the retention; never `keep`, never pre-migration copies. */
function applyRetention(ctx: EngineCtx, dir: string, keep: string): void {
  const cutoff = ctx.clock.now() - getSettings(ctx).backupRetentionDays * DAY_MS;
  for (const name of readdirSync(dir)) {
    if (name === keep || !BACKUP_RE.test(name)) continue;
    const t = backupTime(name);
    if (t !== null && t < cutoff) {
      try {
        unlinkSync(join(dir, name));
        ctx.log.info('old backup deleted', { file: name });
      } catch (e) {
        // A file another program holds open is retried on the next backup; not worth failing this one.
        ctx.log.warn('could not delete an old backup', { file: name, error: String(e) });
      }
    }
  }
}

export async function createBackup(ctx: EngineCtx, _input: ParsedInput<'backup.create'>, actor: Actor): Promise<ChannelOutput<'backup.create'>> {
  const info = await writeBackup(ctx, actor, 'manual');
  applyRetention(ctx, backupDirOf(ctx), info.file);
  return info;
}

export function listBackups(ctx: EngineCtx, _input: ParsedInput<'backup.list'>, _actor: Actor): ChannelOutput<'backup.list'> {
  const dir = backupDirOf(ctx);
  if (!existsSync(dir)) return [];
  const out: (BackupInfo & { t: number })[] = [];
  for (const name of readdirSync(dir)) {
    if (!BACKUP_RE.test(name) && !PRE_MIGRATION_RE.test(name)) continue;
    let bytes: number;
    try {
      const st = statSync(join(dir, name));
      if (!st.isFile()) continue;
      bytes = st.size;
    } catch {
      continue; // deleted between readdir and stat
    }
    const t = backupTime(name)!;
    out.push({ file: name, bytes, createdAt: iso(t), t });
  }
  out.sort((a, b) => b.t - a.t || backupSeq(b.file) - backupSeq(a.file) || b.file.localeCompare(a.file));
  return out.map(({ file, bytes, createdAt }) => ({ file, bytes, createdAt }));
}

/**
 * Opens the candidate read-only and checks it is a sound box office database this version can
 * run: integrity ok, a schema version we know, and the box office's tables present.
 */
export function verifyBackupFile(path: string): { version: number } {
  const notOurs = (why: string) => new BoxOfficeError('VALIDATION', `This file is not a usable box office backup (${why})`);
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch {
    throw notOurs('it cannot be opened');
  }
  try {
    let version: number;
    let integrity: unknown;
    let tables: number;
    try {
      version = db.pragma('user_version', { simple: true }) as number;
      integrity = db.pragma('integrity_check', { simple: true });
      tables = (
        db
          .prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('bookings', 'shows', 'seat_claims', 'staff')")
          .get() as { n: number }
      ).n;
    } catch {
      throw notOurs('it is not a SQLite database');
    }
    if (integrity !== 'ok') throw notOurs('it is damaged: the integrity check failed');
    if (version > LATEST_VERSION) {
      throw new BoxOfficeError(
        'CONFLICT',
        `This backup was made by a newer version of the box office (schema ${version}, this version knows up to ${LATEST_VERSION})`,
        { databaseVersion: version, supportedVersion: LATEST_VERSION },
      );
    }
    if (version < 1 || tables !== 4) throw notOurs('it has no box office tables');
    return { version };
  } finally {
    db.close();
  }
}

export async function restoreBackup(ctx: EngineCtx, input: ParsedInput<'backup.restore'>, actor: Actor): Promise<ChannelOutput<'backup.restore'>> {
  const dir = backupDirOf(ctx);
  const file = input.file;
  if (!isPlainName(file)) {
    throw new BoxOfficeError('VALIDATION', 'Give the name of a backup file in the backup folder, not a path', [
      { path: 'file', message: 'a plain file name', code: 'custom' },
    ]);
  }
  const path = join(dir, file);
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch {
    // missing
  }
  if (!isFile) throw new BoxOfficeError('NOT_FOUND', `No backup named ${file}`, { file });
  const { version } = verifyBackupFile(path);

  // The current state is copied aside first, so a restore can itself be undone.
  const safety = await writeBackup(ctx, actor, `before restoring ${file}`);
  try {
    ctx.reopen(path);
  } catch (e) {
    // Refused (another program has the database open) or failed: the live data was kept, so the
    // copy taken to undo this restore undoes nothing and would only crowd the backup list.
    rmSync(join(dir, safety.file), { force: true });
    throw e;
  }
  // Written into the restored database: its own log says when and by whom it was brought back.
  ctx.db.transaction(() => writeAudit(ctx, actor, 'backup.restore', file, { safetyBackup: safety.file, schemaVersion: version }))();
  ctx.log.info('backup restored', { file, safetyBackup: safety.file });
  return { restored: file };
}
