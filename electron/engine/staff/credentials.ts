// Checks a name and PIN with the lockout rule: 5 wrong PINs for one name lock it for 60 s.
// Unknown names, wrong PINs and inactive staff all fail the same way, so nobody can learn
// which names exist (not from the message, nor from the lockout, nor from the timing).
import { BoxOfficeError, type Role } from '../../../shared/contract';
import type { EngineCtx } from '../context';
import type { Db } from '../db/open';
import { writeAudit } from '../audit/audit';
import { dummyPinHash, verifyPin } from './pin';

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

/**
 * Names that do not exist get the same lockout as real ones, kept in memory (there is no row to
 * keep it in). Keyed by database so two engines in one process (tests) do not share it.
 */
const ghostAttempts = new WeakMap<Db, Map<string, { failed: number; lockedUntil: number | null }>>();
const GHOST_LIMIT = 10_000;

function ghostsOf(db: Db): Map<string, { failed: number; lockedUntil: number | null }> {
  let m = ghostAttempts.get(db);
  if (!m) ghostAttempts.set(db, (m = new Map()));
  return m;
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

/** Returns the staff row when the PIN is right and the person active; throws otherwise. */
export function checkCredentials(ctx: Pick<EngineCtx, 'db' | 'clock'>, name: string, pin: string): StaffRow {
  const now = ctx.clock.now();
  const row = findStaffByName(ctx.db, name);
  if (!row) return failUnknown(ctx, name, pin, now);

  if (row.locked_until !== null && row.locked_until > now) throw lockedOut(row.locked_until, now);
  const good = verifyPin(pin, row.pin_hash);
  if (!good) {
    const lockedMeanwhile = countFailure(ctx, row, now);
    if (lockedMeanwhile !== null) throw lockedOut(lockedMeanwhile, now);
    throw new BoxOfficeError('UNAUTHENTICATED', WRONG_CREDENTIALS);
  }
  if (row.failed_attempts !== 0 || row.locked_until !== null) {
    ctx.db.prepare('UPDATE staff SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(row.id);
  }
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

/**
 * Unknown names: the same lockout, kept in this process's memory (there is no row to keep it in),
 * so with two hosts on one database a guesser gets 5 tries per process, not 5 in all.
 */
function failUnknown(ctx: Pick<EngineCtx, 'db'>, name: string, pin: string, now: number): never {
  const ghosts = ghostsOf(ctx.db);
  const key = name.trim().toLowerCase();
  const g = ghosts.get(key) ?? { failed: 0, lockedUntil: null };
  if (g.lockedUntil !== null && g.lockedUntil > now) throw lockedOut(g.lockedUntil, now);
  verifyPin(pin, dummyPinHash()); // same cost as a real check
  g.failed += 1;
  g.lockedUntil = null;
  if (g.failed >= MAX_FAILED_ATTEMPTS) {
    g.failed = 0;
    g.lockedUntil = now + LOCKOUT_MS;
  }
  if (!ghosts.has(key) && ghosts.size >= GHOST_LIMIT) ghosts.clear(); // bounded memory
  ghosts.set(key, g);
  throw new BoxOfficeError('UNAUTHENTICATED', WRONG_CREDENTIALS);
}
