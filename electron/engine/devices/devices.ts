// Paired devices: the list a manager sees, revoking one, and checking the credential a LAN call
// carries (`<deviceId>.<secret>`), which also notes when and from where the device was last seen.
import { BoxOfficeError, type ChannelOutput, type Device, type ParsedInput } from '../../../shared/contract';
import { iso } from '../clock';
import type { Actor, EngineCtx } from '../context';
import { stmt } from '../db/stmts';
import { writeAudit } from '../audit/audit';
import { releaseSessionHolds } from '../inventory/holds';
import { parseCredential, sameHash, sha256 } from './secrets';

/** last_seen_at is written at most this often (unless the address or version changed). */
const SEEN_INTERVAL_MS = 60_000;

interface DeviceRow {
  id: string;
  name: string;
  secret_hash: string;
  paired_at: number;
  last_seen_at: number | null;
  last_address: string | null;
  app_version: string | null;
  revoked_at: number | null;
}

function toDevice(r: DeviceRow): Device {
  const d: Device = { id: r.id, name: r.name, pairedAt: iso(r.paired_at), revoked: r.revoked_at !== null };
  if (r.last_seen_at !== null) d.lastSeenAt = iso(r.last_seen_at);
  if (r.last_address !== null) d.lastAddress = r.last_address;
  if (r.app_version !== null) d.appVersion = r.app_version;
  return d;
}

function row(ctx: Pick<EngineCtx, 'db'>, id: string): DeviceRow | undefined {
  return stmt(ctx.db, 'SELECT * FROM devices WHERE id = ?').get(id) as DeviceRow | undefined;
}

export function deviceById(ctx: Pick<EngineCtx, 'db'>, id: string): Device | null {
  const r = row(ctx, id);
  return r ? toDevice(r) : null;
}

export function listDevices(ctx: EngineCtx): ChannelOutput<'devices.list'> {
  const rows = stmt(ctx.db, 'SELECT * FROM devices ORDER BY revoked_at IS NOT NULL, paired_at, id').all() as DeviceRow[];
  return rows.map(toDevice);
}

/**
 * Ends the device's sessions (releasing their holds) and refuses its credential from now on; the
 * host closes its stream.
 */
export function revokeDevice(ctx: EngineCtx, input: ParsedInput<'devices.revoke'>, actor: Actor): ChannelOutput<'devices.revoke'> {
  const now = ctx.clock.now();
  const sessions = (stmt(ctx.db, 'SELECT token_hash FROM sessions WHERE device_id = ?').all(input.id) as { token_hash: string }[]).map((r) => r.token_hash);
  ctx.db.transaction(() => {
    const r = row(ctx, input.id);
    if (!r) throw new BoxOfficeError('NOT_FOUND', 'No such device');
    if (r.revoked_at !== null) return;
    stmt(ctx.db, 'UPDATE devices SET revoked_at = ? WHERE id = ?').run(now, input.id);
    stmt(ctx.db, 'DELETE FROM sessions WHERE device_id = ?').run(input.id);
    writeAudit(ctx, actor, 'devices.revoke', input.id, { name: r.name });
  }).immediate();
  // Its seats are on sale again at once, as after a sign-out.
  for (const s of sessions) releaseSessionHolds(ctx, s);
  ctx.emit('devices.changed', { deviceId: input.id, revoked: true });
  return deviceById(ctx, input.id)!;
}

export const UNPAIRED_MESSAGE = 'This counter is not paired with the box office (or was unpaired); pair it again with a code from the manager';

/**
 * The paired, not revoked device behind a credential, or DEVICE_UNPAIRED. Notes the call as the
 * device's last sighting (address and app version), written at most once a minute.
 */
export function authenticateDevice(
  ctx: Pick<EngineCtx, 'db' | 'clock'>,
  credential: string | null | undefined,
  seen: { address?: string | null; appVersion?: string | null } = {},
): { id: string; name: string } {
  const parsed = credential ? parseCredential(credential) : null;
  const r = parsed ? row(ctx, parsed.id) : undefined;
  if (!parsed || !r || r.revoked_at !== null || !sameHash(sha256(parsed.secret), r.secret_hash)) {
    throw new BoxOfficeError('DEVICE_UNPAIRED', UNPAIRED_MESSAGE);
  }
  const now = ctx.clock.now();
  const address = seen.address ?? r.last_address;
  const version = seen.appVersion ?? r.app_version;
  if (r.last_seen_at === null || now - r.last_seen_at >= SEEN_INTERVAL_MS || address !== r.last_address || version !== r.app_version) {
    stmt(ctx.db, 'UPDATE devices SET last_seen_at = ?, last_address = ?, app_version = ? WHERE id = ?').run(now, address, version, r.id);
  }
  return { id: r.id, name: r.name };
}
