// Signing in and out: first-run setup, PIN login with lockout, sessions and manager approval.
import { stmt } from '../db/stmts';
import { BoxOfficeError, CONTRACT_VERSION, type ChannelOutput, type ParsedInput, type Staff } from '../../../shared/contract';
import type { Actor, CallerSession, EngineCtx } from '../context';
import { newId } from '../ids';
import { writeAudit } from '../audit/audit';
import { hashPinAsync } from './pin';
import { checkCredentials } from './credentials';
import { firstTheaterRow } from '../catalog/theaters';
import { loginLimiter } from './loginLimits';
import { createSession, endSession } from './sessions';
import { releaseSessionHolds } from '../inventory/holds';
import { iso } from '../clock';
import { deviceById } from '../devices/devices';

function staffCount(ctx: EngineCtx): number {
  return (stmt(ctx.db, 'SELECT count(*) AS n FROM staff').get() as { n: number }).n;
}

export function staffById(ctx: Pick<EngineCtx, 'db'>, id: string): Staff | null {
  const r = stmt(ctx.db, 'SELECT id, name, role, active FROM staff WHERE id = ?').get(id) as
    | { id: string; name: string; role: Staff['role']; active: number }
    | undefined;
  return r ? { id: r.id, name: r.name, role: r.role, active: r.active === 1 } : null;
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

export async function authSetup(ctx: EngineCtx, input: ParsedInput<'auth.setup'>, _actor: Actor | null, caller?: CallerSession): Promise<ChannelOutput<'auth.setup'>> {
  const pinHash = await hashPinAsync(input.manager.pin); // slow: outside the write transaction, off the event loop
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

export async function authLogin(
  ctx: EngineCtx,
  input: ParsedInput<'auth.login'>,
  _actor: Actor | null,
  caller?: CallerSession,
): Promise<ChannelOutput<'auth.login'>> {
  const row = await loginLimiter(ctx).attempt(caller?.address, input.name, () => checkCredentials(ctx, input.name, input.pin));
  const token = createSession(ctx, row.id, caller?.deviceId ?? null);
  return { staff: { id: row.id, name: row.name, role: row.role, active: true }, token, theater: firstTheaterRow(ctx.db) };
}

/** Signing out ends the session and releases its holds at once (their seats are on sale again). */
export function authLogout(ctx: EngineCtx, _input: ParsedInput<'auth.logout'>, actor: Actor): ChannelOutput<'auth.logout'> {
  // Holds first: if releasing fails, the session is still alive and the sign-out can be retried.
  releaseSessionHolds(ctx, actor.session);
  endSession(ctx, actor.session);
  return {};
}

/**
 * Checks a manager's name and PIN typed at a counter (override approval); the lockout rules of
 * login apply. The result has no session: it approves one action, it does not sign anyone in.
 */
export async function verifyManager(ctx: EngineCtx, name: string, pin: string, address?: string): Promise<Actor> {
  const row = await loginLimiter(ctx).attempt(address, name, () => checkCredentials(ctx, name, pin));
  if (row.role !== 'manager') throw new BoxOfficeError('FORBIDDEN', `${row.name} is not a manager and cannot approve this`);
  return { staffId: row.id, name: row.name, role: 'manager', session: '' };
}
