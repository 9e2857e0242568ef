// `npm run serve -- --lan` as a real process on loopback with real TLS: the printed fingerprint and
// pairing code, the kept certificate, pinning, pairing over HTTPS (wrong, reused, rate limited),
// the device gate and the browser counter's cookie, tokens bound to their device, revoke closing
// a live event stream, VERSION_MISMATCH.
import { X509Certificate } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { get } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PinnedAgent } from '../../electron/main/counter/pinnedAgent';
import { postJson } from '../../electron/main/counter/httpsJson';
import { LanClient, pairedClient, startLanHost, type LanHost } from '../support/lanClient';

let host: LanHost;
let manager: LanClient;
const clients: LanClient[] = [];

beforeAll(async () => {
  host = await startLanHost();
  manager = await pairedClient(host, host.pairingCode, 'Office', ['Manager', '1234']);
  clients.push(manager);
}, 60_000);

afterAll(async () => {
  for (const c of clients) c.close();
  host.proc.child.kill('SIGKILL');
  await host.proc.exited;
  rmSync(host.data, { recursive: true, force: true });
});

async function code(): Promise<string> {
  return (await manager.ok<{ code: string }>('devices.pairingCode')).code;
}

function client(): LanClient {
  const c = new LanClient(host.url, host.fingerprint);
  clients.push(c);
  return c;
}

/** Opens the event stream; resolves with the response once the stream is open. */
function openStream(c: LanClient): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = get(new URL('/api/events', host.url), { agent: c.agent, headers: c.headers() }, (res) => resolve(res));
    req.on('error', reject);
  });
}

describe('LAN server over HTTPS', () => {
  it('prints its https ready line, the certificate fingerprint and a pairing code', () => {
    expect(host.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const cert = readFileSync(join(host.data, 'tls', 'server-cert.pem'), 'utf8');
    expect(host.fingerprint).toBe(`SHA256 ${new X509Certificate(cert).fingerprint256}`);
    expect(host.fingerprint).toMatch(/^SHA256 ([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('refuses a server whose certificate is not the pinned one, before sending anything', async () => {
    const wrong = new PinnedAgent('SHA256 ' + '00:'.repeat(31) + '00');
    await expect(postJson(host.url, '/api/auth.status', {}, { agent: wrong })).rejects.toMatchObject({ code: 'CERT_PIN_MISMATCH' });
    wrong.destroy();
  });

  it('answers auth.status to anyone, and DEVICE_UNPAIRED to every other call without a paired device', async () => {
    const c = client();
    const status = await c.raw('auth.status');
    expect(status.status).toBe(200);
    expect((status.body as any).data).toMatchObject({ mode: 'server', contractVersion: '2', device: null });
    const r = await c.raw('shows.list');
    expect(r.status).toBe(401);
    expect((r.body as any).error.code).toBe('DEVICE_UNPAIRED');
    const login = await c.raw('auth.login', { name: 'Cashier', pin: '0000' });
    expect((login.body as any).error.code).toBe('DEVICE_UNPAIRED');
  });

  it('pairs once per code: a reused or wrong code is PAIRING_REFUSED', async () => {
    const c = client();
    const k = await code();
    await c.pair(k, 'Till 1');
    const again = await client().raw('devices.pair', { code: k, name: 'Till 2' });
    expect(again.status).toBe(401);
    expect((again.body as any).error.code).toBe('PAIRING_REFUSED');
    await c.login('Cashier', '0000');
    expect((await c.ok<unknown[]>('shows.list', {})).length).toBeGreaterThan(0);
  });

  it('binds a staff token to its device: from another paired device it is UNAUTHENTICATED', async () => {
    const a = await pairedClient(host, await code(), 'Till A', ['Cashier', '0000']);
    const b = await pairedClient(host, await code(), 'Till B', ['Cashier', '0000']);
    clients.push(a, b);
    const stolen = await b.raw('shows.list', {}, { Authorization: `Bearer ${a.token}` });
    expect(stolen.status).toBe(401);
    expect((stolen.body as any).error.code).toBe('UNAUTHENTICATED');
  });

  it('lets a browser counter pair at /pair with an HttpOnly, Secure, SameSite=Strict cookie', async () => {
    const c = client();
    const page = await new Promise<IncomingMessage>((resolve, reject) => get(new URL('/pair', host.url), { agent: c.agent }, resolve).on('error', reject));
    page.resume();
    expect(page.statusCode).toBe(200);
    const r = await c.raw('devices.pair', { code: await code(), name: 'Browser till' });
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toMatch(/^bo_device=dv_[^;]+; Path=\/; Max-Age=\d+; HttpOnly; Secure; SameSite=Strict/);
    const jar = cookie.split(';')[0]!;
    const login = await c.raw('auth.login', { name: 'Cashier', pin: '0000' }, { Cookie: jar });
    expect(login.status).toBe(200);
    const session = String(login.headers['set-cookie']).split(';')[0]!;
    expect(String(login.headers['set-cookie'])).toContain('Secure');
    const shows = await c.raw('shows.list', {}, { Cookie: `${jar}; ${session}` });
    expect(shows.status).toBe(200);
  });

  it('answers VERSION_MISMATCH (409) to a counter of another contract version, naming both', async () => {
    const r = await manager.raw('shows.list', {}, { 'X-Box-Office-Contract': '1' });
    expect(r.status).toBe(409);
    expect((r.body as any).error).toMatchObject({ code: 'VERSION_MISMATCH', details: { server: '2', client: '1' } });
    expect((await manager.raw('shows.list', {}, { 'X-Box-Office-Contract': '2' })).status).toBe(200);
  });

  it('revoking a device ends its session, refuses its calls and closes its live event stream', async () => {
    const c = await pairedClient(host, await code(), 'Door', ['Cashier', '0000']);
    clients.push(c);
    const stream = await openStream(c);
    expect(stream.statusCode).toBe(200);
    const ended = new Promise<void>((resolve) => {
      stream.on('end', () => resolve());
      stream.on('close', () => resolve());
      stream.resume();
    });
    const revoked = await manager.ok<{ revoked: boolean }>('devices.revoke', { id: c.deviceId });
    expect(revoked.revoked).toBe(true);
    await ended;
    const r = await c.raw('shows.list');
    expect(r.status).toBe(401);
    expect((r.body as any).error.code).toBe('DEVICE_UNPAIRED');
    const again = await openStream(c);
    again.resume();
    expect(again.statusCode).toBe(401);
    const list = await manager.ok<{ id: string; revoked: boolean; lastAddress?: string; appVersion?: string }[]>('devices.list');
    expect(list.find((d) => d.id === c.deviceId)).toMatchObject({ revoked: true, lastAddress: expect.stringMatching(/^127\./) });
  });

  it('rate limits pairing: past 5 tries a minute from one address, 429 RATE_LIMITED with Retry-After', async () => {
    const c = client();
    for (let i = 0; i < 5; i++) {
      expect((await c.raw('devices.pair', { code: '0000-0000', name: 'x' })).status).toBe(401);
    }
    const k = await code();
    const limited = await c.raw('devices.pair', { code: k, name: 'x' });
    expect(limited.status).toBe(429);
    expect((limited.body as any).error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is its own client, and the refused try did not use the code up.
    await client().pair(k, 'y');
  });
});

describe('browser requests to the LAN server', () => {
  it('accepts a POST from its own https origin under any name, refuses another site', async () => {
    const host_ = new URL(host.url).host;
    const same = await manager.raw('shows.list', {}, { Origin: `https://${host_}` });
    expect(same.status).toBe(200);
    const other = await manager.raw('shows.list', {}, { Origin: 'https://evil.example' });
    expect(other.status).toBe(403);
    const plain = await manager.raw('shows.list', {}, { Origin: `http://${host_}` });
    expect(plain.status).toBe(403);
  });
});
