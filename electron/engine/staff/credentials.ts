// Checks a name and PIN with the lockout rule: 5 wrong PINs for one name lock it for 60 s.
// Unknown names, wrong PINs and inactive staff all fail the same way, so nobody can learn
// which names exist (not from the message, nor from the lockout, nor from the timing).
import { BoxOfficeError, type Role } from '../../../shared/contract';
import type { EngineCtx } from '../context';
import type { Db } from '../db/open';
import { writeAudit } from '../audit/audit';
import { dummyPinHash, verifyPinAsync } from './pin';
import { stmt } from '../db/stmts';
import { createHash } from 'node:crypto';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MS = 60_000;
export const WRONG_CREDENTIALS = 'That name and PIN do not match an active staff member';

export interface StaffRow {
  id: string;
  name: string;
  role: Role;
  pin_hash: string;
  active: number;
  failed_attempts: number;
  locked_until: number | null;
}

function lockedOut(lockedUntil: number, now: number): BoxOfficeError {
  const retryAfterSeconds = Math.max(1, Math.ceil((lockedUntil - now) / 1000));
  return new BoxOfficeError(
    'LOCKED_OUT',
    `Too many wrong PINs for this name; try again in ${retryAfterSeconds} s`,
    { retryAfterSeconds },
  );
}

export function findStaffByName(db: Db, name: string): StaffRow | undefined {
  // staff.name is COLLATE NOCASE, so this lookup ignores case like the unique constraint does.
  return db.prepare('SELECT * FROM staff WHERE name = ?').get(name.trim()) as StaffRow | undefined;
}

/**
 * Returns the staff row when the PIN is right and the person active; throws otherwise. The hash
 * runs off the event loop; every count is read again under the write lock after it.
 */
export async function checkCredentials(ctx: Pick<EngineCtx, 'db' | 'clock'>, name: string, pin: string): Promise<StaffRow> {
  const now = ctx.clock.now();
  const row = findStaffByName(ctx.db, name);
  if (!row) return failUnknown(ctx, name, pin, now);

  if (row.locked_until !== null && row.locked_until > now) throw lockedOut(row.locked_until, now);
  const good = await verifyPinAsync(pin, row.pin_hash);
  if (!good) {
    const lockedMeanwhile = countFailure(ctx, row, now);
    if (lockedMeanwhile !== null) throw lockedOut(lockedMeanwhile, now);
    throw new BoxOfficeError('UNAUTHENTICATED', WRONG_CREDENTIALS);
  }
  // Decided again under the write lock: another counter may have locked the name while this PIN
  // was being checked, and then even the right PIN waits for the lock to end.
  const lockedMeanwhile = ctx.db
    .transaction((): number | null => {
      const cur = stmt(ctx.db, 'SELECT failed_attempts, locked_until FROM staff WHERE id = ?').get(row.id) as
        | { failed_attempts: number; locked_until: number | null }
        | undefined;
      if (cur?.locked_until != null && cur.locked_until > now) return cur.locked_until;
      if (cur && (cur.failed_attempts !== 0 || cur.locked_until !== null)) {
        stmt(ctx.db, 'UPDATE staff SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(row.id);
      }
      return null;
    })
    .immediate();
  if (lockedMeanwhile !== null) throw lockedOut(lockedMeanwhile, now);
  // Checked after the PIN so an inactive name behaves exactly like a wrong PIN.
  if (!row.active) throw new BoxOfficeError('UNAUTHENTICATED', WRONG_CREDENTIALS);
  return { ...row, failed_attempts: 0, locked_until: null };
}

/**
 * Counts one wrong PIN. The count is read and written in one IMMEDIATE transaction, so wrong PINs
 * typed at the same moment on two counters (two processes on one database) all count; the PIN
 * itself was checked before, outside the write lock (scrypt is slow on purpose).
 * Returns the lock's end when another counter locked the name meanwhile.
 */
function countFailure(ctx: Pick<EngineCtx, 'db' | 'clock'>, row: StaffRow, now: number): number | null {
  return ctx.db
    .transaction((): number | null => {
      const cur = ctx.db.prepare('SELECT failed_attempts, locked_until FROM staff WHERE id = ?').get(row.id) as
        | { failed_attempts: number; locked_until: number | null }
        | undefined;
      if (!cur) return null;
      if (cur.locked_until !== null && cur.locked_until > now) return cur.locked_until;
      const failed = cur.failed_attempts + 1;
      if (failed >= MAX_FAILED_ATTEMPTS) {
        // The counter starts again once the lock ends: the next 5 tries are fresh.
        ctx.db.prepare('UPDATE staff SET failed_attempts = 0, locked_until = ? WHERE id = ?').run(now + LOCKOUT_MS, row.id);
        writeAudit(ctx, null, 'auth.lockout', row.id, { name: row.name });
      } else {
        ctx.db.prepare('UPDATE staff SET failed_attempts = ?, locked_until = NULL WHERE id = ?').run(failed, row.id);
      }
      return null;
    })
    .immediate();
}

/** The key of an unknown name in login_failures: a hash, never the typed text itself. */
function nameHash(name: string): string {
  return createHash('sha256').update(name.trim().toLowerCase()).digest('base64url');
}

// Rows of unknown names last touched more than a day ago are dropped, so the table stays small.
const FORGET_UNKNOWN_MS = 24 * 60 * 60_000;

/**
 * Unknown names: the same rule, the same cost and the same answers as a real name, counted in
 * login_failures (schema v5) in one IMMEDIATE transaction, so every process sees the same count.
 */
async function failUnknown(ctx: Pick<EngineCtx, 'db'>, name: string, pin: string, now: number): Promise<never> {
  const key = nameHash(name);
  const row = stmt(ctx.db, 'SELECT locked_until FROM login_failures WHERE name_hash = ?').get(key) as { locked_until: number | null } | undefined;
  if (row?.locked_until != null && row.locked_until > now) throw lockedOut(row.locked_until, now);
  await verifyPinAsync(pin, await dummyPinHash()); // same cost as a real check
  const lockedMeanwhile = ctx.db
    .transaction((): number | null => {
      stmt(ctx.db, 'DELETE FROM login_failures WHERE updated_at < ?').run(now - FORGET_UNKNOWN_MS);
      const cur = stmt(ctx.db, 'SELECT failed, locked_until FROM login_failures WHERE name_hash = ?').get(key) as
        | { failed: number; locked_until: number | null }
        | undefined;
      if (cur?.locked_until != null && cur.locked_until > now) return cur.locked_until;
      const failed = (cur?.failed ?? 0) + 1;
      const lock = failed >= MAX_FAILED_ATTEMPTS;
      stmt(
        ctx.db,
        `INSERT INTO login_failures (name_hash, failed, locked_until, updated_at) VALUES (@key, @failed, @lockedUntil, @now)
         ON CONFLICT (name_hash) DO UPDATE SET failed = excluded.failed, locked_until = excluded.locked_until, updated_at = excluded.updated_at`,
      ).run({ key, failed: lock ? 0 : failed, lockedUntil: lock ? now + LOCKOUT_MS : null, now });
      return null;
    })
    .immediate();
  if (lockedMeanwhile !== null) throw lockedOut(lockedMeanwhile, now);
  throw new BoxOfficeError('UNAUTHENTICATED', WRONG_CREDENTIALS);
}
