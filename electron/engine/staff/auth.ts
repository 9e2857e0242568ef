// Signing in and out: first-run setup, PIN login with lockout, sessions and manager approval.
import { stmt } from '../db/stmts';
import { BoxOfficeError, CONTRACT_VERSION, type ChannelOutput, type ParsedInput, type Staff } from '../../../shared/contract';
import type { Actor, CallerSession, EngineCtx } from '../context';
import { newId, newToken } from '../ids';
import { writeAudit } from '../audit/audit';
import { hashPin } from './pin';
import { checkCredentials } from './credentials';
import { firstTheaterRow } from '../catalog/theaters';
import { iso } from '../clock';
import { deviceById } from '../devices/devices';

/** A session unused for longer than this is over; the cashier signs in again. */
export const SESSION_IDLE_MS = 12 * 60 * 60_000;
/** last_seen is written at most this often, so reading a seat map does not mean a write. */
const TOUCH_INTERVAL_MS = 60_000;


function staffCount(ctx: EngineCtx): number {
  return (stmt(ctx.db, 'SELECT count(*) AS n FROM staff').get() as { n: number }).n;
}

export function staffById(ctx: Pick<EngineCtx, 'db'>, id: string): Staff | null {
  const r = stmt(ctx.db, 'SELECT id, name, role, active FROM staff WHERE id = ?').get(id) as
    | { id: string; name: string; role: Staff['role']; active: number }
    | undefined;
  return r ? { id: r.id, name: r.name, role: r.role, active: r.active === 1 } : null;
}

/** A new session; on a LAN server it is bound to the paired device it signed in from. */
function createSession(ctx: EngineCtx, staffId: string, deviceId: string | null = null): string {
  const token = newToken();
  const now = ctx.clock.now();
  stmt(ctx.db, 'INSERT INTO sessions (token, staff_id, created_at, last_seen, device_id) VALUES (?, ?, ?, ?, ?)').run(token, staffId, now, now, deviceId);
  return token;
}

export function authStatus(ctx: EngineCtx, _input: ParsedInput<'auth.status'>, actor: Actor | null, caller?: CallerSession): ChannelOutput<'auth.status'> {
  const out: ChannelOutput<'auth.status'> = {
    setupRequired: staffCount(ctx) === 0,
    staff: actor ? staffById(ctx, actor.staffId) : null,
    theater: firstTheaterRow(ctx.db),
    mode: ctx.mode,
    contractVersion: CONTRACT_VERSION,
    appVersion: ctx.appVersion,
    serverTime: iso(ctx.clock.now()),
  };
  if (ctx.mode === 'server') {
    const device = caller?.deviceId ? deviceById(ctx, caller.deviceId) : null;
    out.device = device ? { id: device.id, name: device.name } : null;
    if (ctx.fingerprint) out.fingerprint = ctx.fingerprint;
  }
  return out;
}

export function authSetup(ctx: EngineCtx, input: ParsedInput<'auth.setup'>, _actor: Actor | null, caller?: CallerSession): ChannelOutput<'auth.setup'> {
  const pinHash = hashPin(input.manager.pin); // slow: outside the write transaction
  const now = ctx.clock.now();
  const theaterId = newId('th');
  const staffId = newId('st');
  const token = ctx.db.transaction(() => {
    // Checked inside the transaction: two first-run windows must not both create a manager.
    if (staffCount(ctx) > 0) throw new BoxOfficeError('CONFLICT', 'The box office is already set up; sign in instead');
    const t = input.theater;
    stmt(ctx.db, 'INSERT INTO theaters (id, name, city, timezone, currency, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(theaterId, t.name, t.city, t.timezone, t.currency, now);
    stmt(ctx.db, "INSERT INTO staff (id, name, role, pin_hash, active, created_at) VALUES (?, ?, 'manager', ?, 1, ?)")
      .run(staffId, input.manager.name, pinHash, now);
    const actor: Actor = { staffId, name: input.manager.name, role: 'manager', session: '' };
    writeAudit(ctx, actor, 'auth.setup', theaterId, { theater: t.name, manager: input.manager.name });
    return createSession(ctx, staffId, caller?.deviceId ?? null);
  }).immediate();
  return { staff: { id: staffId, name: input.manager.name, role: 'manager', active: true }, token, theater: firstTheaterRow(ctx.db) };
}

export function authLogin(ctx: EngineCtx, input: ParsedInput<'auth.login'>, _actor: Actor | null, caller?: CallerSession): ChannelOutput<'auth.login'> {
  const row = checkCredentials(ctx, input.name, input.pin);
  const token = createSession(ctx, row.id, caller?.deviceId ?? null);
  return { staff: { id: row.id, name: row.name, role: row.role, active: true }, token, theater: firstTheaterRow(ctx.db) };
}

export function authLogout(ctx: EngineCtx, _input: ParsedInput<'auth.logout'>, actor: Actor): ChannelOutput<'auth.logout'> {
  stmt(ctx.db, 'DELETE FROM sessions WHERE token = ?').run(actor.session);
  return {};
}

/** The signed-in staff member behind a session token, or null (unknown, expired or deactivated). */
export function resolveSession(ctx: EngineCtx, token: string): Actor | null {
  // Runs on every request: cached statements.
  const r = stmt(
    ctx.db,
    `SELECT s.token, s.last_seen, s.device_id, st.id AS staff_id, st.name, st.role, st.active
     FROM sessions s JOIN staff st ON st.id = s.staff_id WHERE s.token = ?`,
  ).get(token) as { token: string; last_seen: number; device_id: string | null; staff_id: string; name: string; role: Actor['role']; active: number } | undefined;
  if (!r) return null;
  const now = ctx.clock.now();
  if (!r.active || now - r.last_seen > SESSION_IDLE_MS) {
    stmt(ctx.db, 'DELETE FROM sessions WHERE token = ?').run(token);
    return null;
  }
  if (now - r.last_seen >= TOUCH_INTERVAL_MS) {
    stmt(ctx.db, 'UPDATE sessions SET last_seen = ? WHERE token = ?').run(now, token);
  }
  return { staffId: r.staff_id, name: r.name, role: r.role, session: r.token, deviceId: r.device_id };
}

/**
 * Checks a manager's name and PIN typed at a counter (override approval); the lockout rules of
 * login apply. The result has no session: it approves one action, it does not sign anyone in.
 */
export function verifyManager(ctx: EngineCtx, name: string, pin: string): Actor {
  const row = checkCredentials(ctx, name, pin);
  if (row.role !== 'manager') throw new BoxOfficeError('FORBIDDEN', `${row.name} is not a manager and cannot approve this`);
  return { staffId: row.id, name: row.name, role: 'manager', session: '' };
}
