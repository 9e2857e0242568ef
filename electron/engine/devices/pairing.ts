// Pairing a counter: a manager makes a single-use code (valid 10 minutes, kept only as a hash);
// a counter that types it gets a device id and secret. Using the code and creating the device
// happen in one transaction, so a code pairs at most one device even when two try at once.
import { BoxOfficeError, formatPairingCode, type ChannelOutput, type ParsedInput } from '../../../shared/contract';
import { iso } from '../clock';
import type { Actor, CallerSession, EngineCtx } from '../context';
import { stmt } from '../db/stmts';
import { newId } from '../ids';
import { writeAudit } from '../audit/audit';
import { deviceById } from './devices';
import { newDeviceSecret, newPairingDigits, sha256 } from './secrets';

export const PAIRING_CODE_MS = 10 * 60_000;
const REFUSED = 'That pairing code is wrong, already used or expired; ask the manager for a new one';

/** A new single-use code; earlier unused codes stay valid until they expire. */
export function createPairingCode(ctx: EngineCtx, _input: ParsedInput<'devices.pairingCode'>, actor: Actor | null): ChannelOutput<'devices.pairingCode'> {
  const now = ctx.clock.now();
  const expiresAt = now + PAIRING_CODE_MS;
  const digits = newPairingDigits();
  ctx.db.transaction(() => {
    // Expired and used codes are of no use to anyone: drop them as new ones are made.
    stmt(ctx.db, 'DELETE FROM pairing_codes WHERE expires_at <= ? AND device_id IS NULL').run(now);
    stmt(ctx.db, 'INSERT INTO pairing_codes (code_hash, created_at, expires_at) VALUES (?, ?, ?)').run(sha256(digits), now, expiresAt);
    writeAudit(ctx, actor, 'devices.pairingCode', null, { expiresAt: iso(expiresAt) });
  }).immediate();
  return { code: formatPairingCode(digits), expiresAt: iso(expiresAt) };
}

export function pairDevice(ctx: EngineCtx, input: ParsedInput<'devices.pair'>, _actor: Actor | null, caller?: CallerSession): ChannelOutput<'devices.pair'> {
  const now = ctx.clock.now();
  const id = newId('dv');
  const secret = newDeviceSecret();
  ctx.db.transaction(() => {
    const used = stmt(ctx.db, 'UPDATE pairing_codes SET used_at = ?, device_id = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?');
    // The device row comes first: the code points at it.
    stmt(ctx.db, 'INSERT INTO devices (id, name, secret_hash, paired_at, last_seen_at, last_address, app_version) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, input.name, sha256(secret), now, now, caller?.address ?? null, caller?.appVersion ?? null);
    if (used.run(now, id, sha256(input.code), now).changes !== 1) throw new BoxOfficeError('PAIRING_REFUSED', REFUSED);
    writeAudit(ctx, null, 'devices.pair', id, { name: input.name, address: caller?.address ?? null });
  }).immediate();
  ctx.emit('devices.changed', { deviceId: id, revoked: false });
  return { device: deviceById(ctx, id)!, secret };
}
