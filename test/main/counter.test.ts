// The desktop counter's main process under Node with the `electron` module mocked, against a real
// `serve --lan` server on loopback: pairing (fingerprint, code), the install config with the
// secret encrypted, window calls forwarded over pinned HTTPS, server events re-emitted to the
// windows, two forwarding counters selling one show at once (0 sold twice), a sale whose answer
// was lost retried with its key (sold once), and the banner event when the server goes and returns.
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('../support/electronMock')).electronModule);

import { electron } from '../support/electronMock';
import { safeStorage } from 'electron';
import { silentLogger } from '../../electron/engine/context';
import { bindIpc } from '../../electron/main/ipc';
import { appOriginCheck } from '../../electron/main/security';
import { loadInstall, saveInstall, INSTALL_FILE } from '../../electron/main/counter/config';
import { pairWithServer, readFingerprint } from '../../electron/main/counter/pairing';
import { createRemote, type Remote } from '../../electron/main/counter/remote';
import { createInstall } from '../../electron/main/counter/install';
import { tempDir } from '../support/engineHarness';
import { LanClient, pairedClient, startLanHost, type LanHost } from '../support/lanClient';
import { newReport, sell, soldTwice, type Call } from '../support/seller';
import { startProxy, type TcpProxy } from '../support/tcpProxy';

const INDEX = '/opt/box office/resources/app.asar/dist/renderer/index.html';
const OUR_URL = 'file:///opt/box%20office/resources/app.asar/dist/renderer/index.html';

let host: LanHost;
let manager: LanClient;
let showId: string;
const remotes: Remote[] = [];

async function code(): Promise<string> {
  return (await manager.ok<{ code: string }>('devices.pairingCode')).code;
}

/** A counter paired from its own loopback address (pairing tries are limited per address). */
async function counter(name: string, url = host.url): Promise<Remote> {
  const pairing = new LanClient(host.url, host.fingerprint);
  await pairing.pair(await code(), name);
  pairing.close();
  const r = createRemote({ url, fingerprint: host.fingerprint, credential: pairing.credential!, appVersion: '0.1.0', log: silentLogger, backoffMs: { first: 50, max: 200 } });
  remotes.push(r);
  return r;
}

async function signIn(r: Remote, name = 'Cashier', pin = '0000'): Promise<Call> {
  const env = await r.dispatch('auth.login', { name, pin }, { token: null });
  if (!env.ok) throw new Error(JSON.stringify(env.error));
  const token = (env.data as { token: string }).token;
  return (channel, input) => r.dispatch(channel, input, { token }) as never;
}

beforeAll(async () => {
  host = await startLanHost();
  manager = await pairedClient(host, host.pairingCode, 'Office', ['Manager', '1234']);
  const shows = await manager.ok<{ id: string; hallName: string; startsAt: string }[]>('shows.list', {});
  showId = shows.find((s) => s.hallName === 'Hall 1' && Date.parse(s.startsAt) > Date.now() + 3600_000)!.id;
}, 60_000);

afterAll(async () => {
  for (const r of remotes) r.close();
  manager.close();
  host.proc.child.kill('SIGKILL');
  await host.proc.exited;
  rmSync(host.data, { recursive: true, force: true });
});

describe('counter mode (main, Electron mocked)', () => {
  it('pairs: shows the fingerprint to compare, keeps the secret only encrypted', async () => {
    expect(await readFingerprint(host.url)).toBe(host.fingerprint);
    const p = await pairWithServer({ url: host.url, fingerprint: host.fingerprint, code: await code(), name: 'Till 9', appVersion: '0.1.0' });
    expect(p.device.name).toBe('Till 9');
    const dir = tempDir();
    saveInstall(dir, safeStorage, { mode: 'counter', counter: { url: p.url, fingerprint: p.fingerprint, deviceId: p.device.id, deviceName: 'Till 9', credential: p.credential } });
    const text = readFileSync(`${dir}/${INSTALL_FILE}`, 'utf8');
    expect(text).not.toContain(p.credential.split('.')[1]);
    expect(loadInstall(dir, safeStorage).counter?.credential).toBe(p.credential);
    await expect(pairWithServer({ url: host.url, fingerprint: host.fingerprint, code: '0000-0000', name: 'x', appVersion: '0.1.0' })).rejects.toMatchObject({ code: 'PAIRING_REFUSED' });
    rmSync(dir, { recursive: true, force: true });
  });

  it('forwards a window call over HTTPS and re-emits the server events to the windows', async () => {
    const remote = await counter('Till W');
    const ipc = bindIpc({ router: remote, engine: remote, isTrustedUrl: appOriginCheck(INDEX), log: silentLogger });
    const frame = { url: OUR_URL, parent: null, processId: 7, routingId: 1 };
    const wc = { id: 99, mainFrame: frame, send: vi.fn(), getURL: () => OUR_URL, isDestroyed: () => false, once: vi.fn() };
    electron.windows.push({ webContents: wc });
    const invoke = (channel: string, input: unknown) => electron.handlers.get(channel)!({ sender: wc, senderFrame: frame }, input) as Promise<any>;
    expect((await invoke('shows.list', {})).error.code).toBe('UNAUTHENTICATED');
    expect((await invoke('auth.login', { name: 'Cashier', pin: '0000' })).ok).toBe(true);
    const map = await invoke('seats.map', { showId });
    expect(map.ok).toBe(true);
    // Another counter holds a seat: this window hears of it through the server's event stream.
    const other = await signIn(await counter('Till X'));
    const seat = map.data.seats.find((s: { status: string }) => s.status === 'available').id;
    await vi.waitFor(async () => {
      expect((await other('seats.hold', { showId, seatIds: [seat] })).ok).toBe(true);
    });
    await vi.waitFor(() => {
      const sent = wc.send.mock.calls.filter((c) => c[0] === 'event' && c[1] === 'seats.changed');
      expect(sent.some((c) => c[2].seats.some((s: { id: string; status: string }) => s.id === seat && s.status === 'held'))).toBe(true);
    }, { timeout: 5000 });
    ipc.dispose();
    electron.windows.length = 0;
  });

  it('two forwarding counters sell one show at the same time with no seat sold twice', async () => {
    const a = await signIn(await counter('Till A'));
    const b = await signIn(await counter('Till B'), 'Manager', '1234');
    const ra = newReport();
    const rb = newReport();
    await Promise.all([sell(a, showId, 15, ra), sell(b, showId, 15, rb)]);
    expect(ra.acknowledged.length + rb.acknowledged.length).toBeGreaterThan(5);
    expect(soldTwice([ra, rb])).toEqual([]);
    const map = await manager.ok<{ seats: { id: string; status: string }[] }>('seats.map', { showId });
    const sold = new Set(map.seats.filter((s) => s.status === 'sold').map((s) => s.id));
    for (const ack of [...ra.acknowledged, ...rb.acknowledged]) for (const s of ack.seatIds) expect(sold.has(s)).toBe(true);
  }, 60_000);

  it('first start: nothing but install.* answers until a mode is chosen; joining makes it a counter of the server', async () => {
    const dir = tempDir();
    const local = vi.fn((_o: { background: boolean }) => ({ dispatch: async () => ({ ok: true as const, data: 'local' }), on: () => () => {}, close: () => {} }));
    const inst = createInstall({ userData: dir, store: safeStorage, appVersion: '0.1.0', log: silentLogger, openLocal: local });
    expect(inst.status()).toEqual({ mode: null, server: null });
    expect((await inst.dispatch('shows.list', {}, { token: null })).ok).toBe(false);
    const probe = await inst.dispatch('install.probe', { address: host.url }, { token: null });
    expect(probe).toMatchObject({ ok: true, data: { url: host.url, fingerprint: host.fingerprint, contractVersion: '2', theater: 'PVR Cinemas' } });
    const bad = await inst.dispatch('install.join', { url: host.url, fingerprint: host.fingerprint, code: '0000-0000', name: 'Till J', extra: 1 }, { token: null });
    expect(bad.ok ? null : bad.error.code).toBe('VALIDATION');
    const joined = await inst.dispatch('install.join', { url: host.url, fingerprint: host.fingerprint, code: await code(), name: 'Till J' }, { token: null });
    expect(joined).toMatchObject({ ok: true, data: { mode: 'counter', server: { url: host.url, deviceName: 'Till J' } } });
    const status = await inst.dispatch('auth.status', {}, { token: null });
    expect(status).toMatchObject({ ok: true, data: { mode: 'server', device: { name: 'Till J' } } });
    expect(local).not.toHaveBeenCalled();
    inst.close();
    // The next start reads the config: still a counter of that server, secret decrypted.
    const again = createInstall({ userData: dir, store: safeStorage, appVersion: '0.1.0', log: silentLogger, openLocal: local });
    expect((await again.dispatch('auth.status', {}, { token: null }))).toMatchObject({ ok: true, data: { device: { name: 'Till J' } } });
    expect((await again.dispatch('install.choose', { mode: 'standalone' }, { token: null })).ok).toBe(false);
    again.close();
    // A standalone install opens its own engine and joins nothing.
    const dir2 = tempDir();
    const solo = createInstall({ userData: dir2, store: safeStorage, appVersion: '0.1.0', log: silentLogger, openLocal: local });
    expect((await solo.dispatch('install.choose', { mode: 'standalone' }, { token: null })).ok).toBe(true);
    expect(await solo.dispatch('shows.list', {}, { token: null })).toEqual({ ok: true, data: 'local' });
    expect((await solo.dispatch('install.join', { url: host.url, fingerprint: host.fingerprint, code: '1234-5678', name: 'x' }, { token: null })).ok).toBe(false);
    solo.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(dir2, { recursive: true, force: true });
  });

  it('server mode: the local engine without background work plus the LAN server; switching back needs a manager', async () => {
    const dir = tempDir();
    const backgrounds: boolean[] = [];
    const stops = vi.fn();
    const startServer = vi.fn(() => ({ stop: stops }));
    const local = (o: { background: boolean }) => {
      backgrounds.push(o.background);
      return {
        dispatch: async (channel: string, _i: unknown, s: { token: string | null }) =>
          channel === 'auth.status' ? { ok: true as const, data: { staff: s.token === 'mgr' ? { role: 'manager' } : s.token ? { role: 'cashier' } : null } } : { ok: true as const, data: 'local' },
        on: () => () => {},
        close: () => {},
      };
    };
    const inst = createInstall({ userData: dir, store: safeStorage, appVersion: '0.1.0', log: silentLogger, openLocal: local, startServer });
    expect((await inst.dispatch('install.choose', { mode: 'server' }, { token: null })).ok).toBe(true);
    expect(backgrounds).toEqual([false]); // the server process runs the outbox and backups
    expect(startServer).toHaveBeenCalledTimes(1);
    // A server cannot be turned into a counter by an unsigned install.join from its window.
    const join = await inst.dispatch('install.join', { url: 'https://127.0.0.1:1', fingerprint: 'SHA256 AB:CD', code: '1234-5678', name: 'x' }, { token: null });
    expect(join.ok ? null : join.error.code).toBe('CONFLICT');
    expect(inst.status().mode).toBe('server');
    expect(stops).not.toHaveBeenCalled();
    const byCashier = await inst.dispatch('install.choose', { mode: 'standalone' }, { token: 'cash' });
    expect(byCashier.ok ? null : byCashier.error.code).toBe('FORBIDDEN');
    expect((await inst.dispatch('install.choose', { mode: 'standalone' }, { token: 'mgr' })).ok).toBe(true);
    expect(stops).toHaveBeenCalledTimes(1);
    expect(backgrounds).toEqual([false, true]);
    expect(inst.status().mode).toBe('standalone');
    inst.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the server child running: reads its fingerprint, restarts it when it dies, stops it with the app', async () => {
    const { EventEmitter } = await import('node:events');
    const { PassThrough } = await import('node:stream');
    const children: any[] = [];
    const spawnFn = vi.fn((_cmd: string, args: string[]) => {
      const c: any = new EventEmitter();
      c.args = args;
      c.stdout = new PassThrough();
      c.stderr = new PassThrough();
      c.kill = vi.fn(() => c.emit('exit', null, 'SIGTERM'));
      children.push(c);
      return c;
    });
    const { spawnServer } = await import('../../electron/main/serve');
    const server = spawnServer({ command: '/opt/Box Office/box-office', prefix: [], dataDir: '/data', log: silentLogger, spawnFn: spawnFn as never });
    expect(children[0].args).toEqual(['--serve', '--lan', '--data', '/data']);
    children[0].stdout.write('Box office ready at https://0.0.0.0:4174\nCertificate fingerprint: SHA256 AB:CD\nPairing code: 1234-5678\n');
    await vi.waitFor(() => expect(server.fingerprint()).toBe('SHA256 AB:CD'));
    children[0].emit('exit', 1, null);
    await vi.waitFor(() => expect(children).toHaveLength(2), { timeout: 3000 });
    server.stop();
    expect(children[1].kill).toHaveBeenCalledWith('SIGTERM');
    await new Promise((r) => setTimeout(r, 50));
    expect(children).toHaveLength(2);
  });

  describe('through a failing network', () => {
    let proxy: TcpProxy;
    beforeAll(async () => {
      proxy = await startProxy(host.url);
    });
    afterAll(() => proxy.close());

    it('retries a sale whose answer was lost with the same key: sold exactly once', async () => {
      const remote = await counter('Till L', proxy.url);
      const call = await signIn(remote);
      const map = (await call('seats.map', { showId })).data as { seats: { id: string; status: string }[] };
      const seatId = map.seats.find((s) => s.status === 'available')!.id;
      const hold = (await call('seats.hold', { showId, seatIds: [seatId] })).data as { id: string };
      const tickets = [{ seatId, ticketType: 'adult' }];
      const quote = (await call('pricing.quote', { showId, tickets })).data as { total: number };
      proxy.dropNextAnswer();
      const r = await call('bookings.confirm', { holdId: hold.id, tickets, payments: [{ method: 'card', amount: quote.total }], idempotencyKey: 'lost-answer-1' });
      expect(r.ok).toBe(true);
      expect(proxy.dropped()).toBe(1); // the first answer really was lost
      const found = await manager.ok<{ id: string; tickets: { seatId: string }[]; status: string }[]>('bookings.search', { showId });
      expect(found.filter((bk) => bk.status === 'confirmed' && bk.tickets.some((t) => t.seatId === seatId))).toHaveLength(1);
    });

    it('tells the window when the server is unreachable and when it is back, and does not retry a hold', async () => {
      const remote = await counter('Till N', proxy.url);
      const call = await signIn(remote);
      const changes: boolean[] = [];
      remote.on((e) => {
        if (e.name === 'connection.changed') changes.push(e.payload.online);
      });
      proxy.down();
      const r = await call('shows.list', {});
      expect(r.ok ? null : r.error!.code).toBe('NETWORK');
      expect(remote.online).toBe(false);
      proxy.up();
      await vi.waitFor(() => expect(remote.online).toBe(true), { timeout: 5000 });
      expect(changes.slice(0, 2)).toEqual([false, true]);
      expect((await call('shows.list', {})).ok).toBe(true);
    });
  });
});
