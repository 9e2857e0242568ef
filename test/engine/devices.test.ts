// Paired devices (contract v2, LAN): pairing codes (wrong, reused, expired, rate limited), the
// device gate, tokens bound to their device, revoke, last-seen bookkeeping, secrets kept hashed,
// the contract-version check, and auth.status's new fields.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRouter, type CallerSession, type Router } from '../../electron/engine/router';
import { hashPin } from '../../electron/engine/staff/pin';
import { makeHarness, type Harness } from '../support/engineHarness';
import { seedBasics, T, TOKENS } from '../support/fixtures';

let h: Harness;
let lan: Router;

beforeEach(() => {
  h = makeHarness({ mode: 'server', appVersion: '9.9.9' });
  seedBasics(h.engine.ctx.db, { now: h.clock.now() });
  h.engine.ctx.db.prepare('UPDATE staff SET pin_hash = ? WHERE id = ?').run(hashPin('0000'), T.cashier);
  lan = createRouter(h.engine, { checkOutputs: true, devices: true });
});
afterEach(() => h.close());

async function lanCall(channel: string, input: unknown, s: Partial<CallerSession> = {}) {
  return lan.dispatch(channel, input, { token: null, address: '10.0.0.5', ...s });
}

async function newCode(): Promise<string> {
  const r = await h.ok('devices.pairingCode', {}, TOKENS.manager);
  return r.code;
}

async function pair(name = 'Till 1', address = '10.0.0.5'): Promise<{ id: string; credential: string }> {
  const r = await lanCall('devices.pair', { code: await newCode(), name }, { address });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  const d = r.data as { device: { id: string }; secret: string };
  return { id: d.device.id, credential: `${d.device.id}.${d.secret}` };
}

async function login(credential: string): Promise<string> {
  const r = await lanCall('auth.login', { name: 'Cashier', pin: '0000' }, { device: credential });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return (r.data as { token: string }).token;
}

describe('pairing codes', () => {
  it('pairs a device once with a fresh code, shown as 1234-5678, valid 10 minutes', async () => {
    const { code, expiresAt } = await h.ok('devices.pairingCode', {}, TOKENS.manager);
    expect(code).toMatch(/^\d{4}-\d{4}$/);
    expect(Date.parse(expiresAt) - h.clock.now()).toBe(10 * 60_000);
    const r = await lanCall('devices.pair', { code, name: 'Till 1' });
    expect(r.ok).toBe(true);
    const again = await lanCall('devices.pair', { code, name: 'Till 2' }, { address: '10.0.0.6' });
    expect(again.ok ? null : again.error.code).toBe('PAIRING_REFUSED');
    expect((await h.ok('devices.list', {}, TOKENS.manager)).map((d) => d.name)).toEqual(['Till 1']);
  });

  it('refuses a wrong code and an expired one, and changes nothing', async () => {
    const code = await newCode();
    const wrong = code === '0000-0000' ? '1111-1111' : '0000-0000';
    const r = await lanCall('devices.pair', { code: wrong, name: 'Till' });
    expect(r.ok ? null : r.error.code).toBe('PAIRING_REFUSED');
    h.clock.advance(10 * 60_000);
    const late = await lanCall('devices.pair', { code, name: 'Till' });
    expect(late.ok ? null : late.error.code).toBe('PAIRING_REFUSED');
    expect(await h.ok('devices.list', {}, TOKENS.manager)).toEqual([]);
  });

  it('keeps earlier unused codes valid and accepts the code typed without its dash', async () => {
    const first = await newCode();
    await newCode();
    const r = await lanCall('devices.pair', { code: first.replace('-', ''), name: 'Door' });
    expect(r.ok).toBe(true);
  });

  it('answers RATE_LIMITED past 5 tries a minute from one address, per address (a wall-clock minute, as the login limits)', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await lanCall('devices.pair', { code: '0000-0001', name: 'x' }, { address: '10.0.0.9' });
      expect(r.ok ? null : r.error.code).toBe('PAIRING_REFUSED');
    }
    const code = await newCode();
    const limited = await lanCall('devices.pair', { code, name: 'x' }, { address: '10.0.0.9' });
    expect(limited.ok ? null : limited.error.code).toBe('RATE_LIMITED');
    expect((limited as { error: { details: { retryAfterSeconds: number } } }).error.details.retryAfterSeconds).toBeGreaterThan(0);
    // The refused try did not use the code: another address pairs with it.
    expect((await lanCall('devices.pair', { code, name: 'y' }, { address: '10.0.0.10' })).ok).toBe(true);
  });

  it('validates strictly and refuses pairing off the LAN', async () => {
    const bad = await lanCall('devices.pair', { code: await newCode(), name: 'Till', extra: 1 });
    expect(bad.ok ? null : bad.error.code).toBe('VALIDATION');
    const notLan = await h.call('devices.pair', { code: await newCode(), name: 'Till' });
    expect(notLan.ok ? null : notLan.error.code).toBe('NOT_SUPPORTED');
  });

  it('lets only a manager make codes, list and revoke devices', async () => {
    for (const [ch, input] of [['devices.pairingCode', {}], ['devices.list', {}], ['devices.revoke', { id: 'dv_x' }]] as const) {
      expect((await h.err(ch, input, TOKENS.cashier)).code).toBe('FORBIDDEN');
    }
  });

  it('stores neither the code nor the secret in clear', async () => {
    const code = await newCode();
    const r = await lanCall('devices.pair', { code, name: 'Till' });
    const secret = (r as { data: { secret: string } }).data.secret;
    const dump = JSON.stringify([
      h.engine.ctx.db.prepare('SELECT * FROM devices').all(),
      h.engine.ctx.db.prepare('SELECT * FROM pairing_codes').all(),
    ]);
    expect(dump).not.toContain(secret);
    expect(dump).not.toContain(code.replace('-', ''));
  });
});

describe('the device gate', () => {
  it('answers DEVICE_UNPAIRED without a paired device, except auth.status', async () => {
    const r = await lanCall('shows.list', {}, { token: TOKENS.cashier });
    expect(r.ok ? null : r.error.code).toBe('DEVICE_UNPAIRED');
    const forged = await lanCall('shows.list', {}, { token: TOKENS.cashier, device: 'dv_abc.AAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(forged.ok ? null : forged.error.code).toBe('DEVICE_UNPAIRED');
    const status = await lanCall('auth.status', {});
    expect(status.ok).toBe(true);
  });

  it('binds a staff token to the device it signed in from', async () => {
    const a = await pair('Till A');
    const b = await pair('Till B', '10.0.0.6');
    const token = await login(a.credential);
    expect((await lanCall('shows.list', {}, { token, device: a.credential })).ok).toBe(true);
    const elsewhere = await lanCall('shows.list', {}, { token, device: b.credential });
    expect(elsewhere.ok ? null : elsewhere.error.code).toBe('UNAUTHENTICATED');
    // A session made off the LAN (no device) is no good on it either.
    const local = await lanCall('shows.list', {}, { token: TOKENS.cashier, device: a.credential });
    expect(local.ok ? null : local.error.code).toBe('UNAUTHENTICATED');
    const status = await lanCall('auth.status', {}, { token, device: a.credential });
    expect(status.ok && (status.data as { staff: { name: string } | null; device: { name: string } }).staff?.name).toBe('Cashier');
    expect((status as { data: { device: { name: string } } }).data.device.name).toBe('Till A');
  });

  it('notes last seen, address and app version', async () => {
    const a = await pair('Till A', '10.0.0.5');
    h.clock.advance(120_000);
    await lanCall('auth.status', {}, { device: a.credential, address: '10.0.0.7', appVersion: '0.2.0' });
    const [d] = await h.ok('devices.list', {}, TOKENS.manager);
    expect(d).toMatchObject({ name: 'Till A', lastAddress: '10.0.0.7', appVersion: '0.2.0', lastSeenAt: new Date(h.clock.now()).toISOString(), revoked: false });
  });

  it('revoke ends the sessions, refuses the device and tells the event listeners', async () => {
    const a = await pair('Till A');
    const token = await login(a.credential);
    h.events.length = 0;
    const revoked = await h.ok('devices.revoke', { id: a.id }, TOKENS.manager);
    expect(revoked.revoked).toBe(true);
    expect(h.events).toContainEqual({ name: 'devices.changed', payload: { deviceId: a.id, revoked: true } });
    const r = await lanCall('shows.list', {}, { token, device: a.credential });
    expect(r.ok ? null : r.error.code).toBe('DEVICE_UNPAIRED');
    expect(h.engine.ctx.db.prepare('SELECT count(*) AS n FROM sessions WHERE device_id = ?').get(a.id)).toEqual({ n: 0 });
    expect(lan.identify({ token, device: a.credential })).toMatchObject({ ok: false, error: { code: 'DEVICE_UNPAIRED' } });
  });
});

describe('versions and status', () => {
  it('answers VERSION_MISMATCH before anything else, naming both versions', async () => {
    const r = await lanCall('nope.nothing', {}, { contract: '1' });
    expect(r).toMatchObject({ ok: false, error: { code: 'VERSION_MISMATCH', details: { server: '2', client: '1' } } });
    expect((r as { error: { message: string } }).error.message).toMatch(/upgrade this counter/);
    const newer = await h.call('auth.status', {});
    expect(newer.ok).toBe(true);
    const viaIpc = await h.router.dispatch('auth.status', {}, { token: null, contract: '3' });
    expect(viaIpc.ok ? null : viaIpc.error.message).toMatch(/upgrade the box office server/);
    expect((await h.router.dispatch('auth.status', {}, { token: null, contract: '2' })).ok).toBe(true);
  });

  it('auth.status tells the mode, versions and the server time', async () => {
    const s = await h.ok('auth.status', {});
    expect(s).toMatchObject({ mode: 'server', contractVersion: '2', appVersion: '9.9.9', serverTime: new Date(h.clock.now()).toISOString() });
  });
});
