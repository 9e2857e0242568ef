// The browser host under abuse, over real loopback HTTP: a login flood does not stall other calls,
// login limits answer 429 with Retry-After, oversized uploads get a 413 they can read, slow
// clients are cut by the header and request timeouts, a stream that does not read is closed,
// streams get only the shows they watch, and a client's own failures are not logged as errors.
import { connect, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallerSession, Logger } from '../../electron/engine/context';
import type { Router } from '../../electron/engine/router';
import { startHost, type HostOptions, type RunningHost } from '../../electron/host/server';
import { LOGIN_LIMITS } from '../../electron/engine/staff/loginLimits';
import { makeHarness, MONDAY_10AM, type Harness } from '../support/engineHarness';
import { seatId, seedBasics, seedShow, T, TOKENS } from '../support/fixtures';
import { setPin } from '../engine/claimsSql';
import { api, send } from './http';
import { openSse } from './sse';

let h: Harness;
let host: RunningHost;
let base: string;
let staticDir: string;
let logged: { level: string; msg: string }[];

async function boot(opts: Partial<HostOptions> = {}): Promise<void> {
  h = makeHarness();
  seedBasics(h.engine.ctx.db, { now: MONDAY_10AM });
  seedShow(h.engine.ctx.db, { id: 'show_1', startsAt: '2026-11-23T23:00:00.000Z', now: MONDAY_10AM });
  seedShow(h.engine.ctx.db, { id: 'show_2', startsAt: '2026-11-24T23:00:00.000Z', now: MONDAY_10AM });
  setPin(h.engine.ctx.db, T.cashier, '0000');
  logged = [];
  const log: Logger = {
    info: (msg) => logged.push({ level: 'info', msg }),
    warn: (msg) => logged.push({ level: 'warn', msg }),
    error: (msg) => logged.push({ level: 'error', msg }),
  };
  staticDir = mkdtempSync(join(tmpdir(), 'bo-static-'));
  host = await startHost({ router: h.router, engine: h.engine, port: 0, host: '127.0.0.1', staticDir, log, ...opts });
  base = host.url;
}

afterEach(async () => {
  await host?.close();
  h?.close();
  if (staticDir) rmSync(staticDir, { recursive: true, force: true });
});

/** A raw connection to the host, and a promise of its end (by the server). */
function rawSocket(): Promise<{ socket: Socket; received: () => string; closed: Promise<void> }> {
  const { port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => {
      let text = '';
      socket.on('data', (d) => (text += d.toString('latin1')));
      const closed = new Promise<void>((done) => socket.on('close', () => done()));
      resolve({ socket, received: () => text, closed });
    });
    socket.on('error', () => {});
    socket.once('error', reject);
  });
}

describe('logins off the request thread', () => {
  it('keeps answering other calls while 20 parallel wrong logins run', async () => {
    let started = 0;
    await boot({
      // The real router, counting the logins that reached it.
      router: {
        dispatch: ((channel: string, input: unknown, caller: CallerSession) => {
          if (channel === 'auth.login') started += 1;
          return h.router.dispatch(channel, input, caller);
        }) as Router['dispatch'],
        identify: (session) => h.router.identify(session),
      },
    });
    // One wrong login first, so nothing is left to warm up (the dummy hash for unknown names).
    expect((await api(base, 'auth.login', { name: 'Nobody', pin: '9999' }, null, {}, '127.0.0.19')).status).toBe(401);
    started = 0;
    let pending = 20;
    // Twenty clients (each its own loopback address, so no limit stops them) with made-up names.
    const logins = Array.from({ length: 20 }, (_, i) =>
      api(base, 'auth.login', { name: `Nobody ${i}`, pin: '9999' }, null, {}, `127.0.0.${20 + i}`).then((r) => {
        pending -= 1;
        return r;
      }),
    );
    // Once all twenty are being checked, other calls still answer while most checks are running
    // (with the hash on the event loop, each login would hold every other call until it is done).
    while (started < 20) await new Promise((r) => setTimeout(r, 1));
    const seen: number[] = [];
    for (let i = 0; i < 3; i++) {
      const s = await api(base, 'auth.status', {}, TOKENS.cashier);
      expect(s.status).toBe(200);
      expect(s.json.data.staff.id).toBe(T.cashier);
      seen.push(pending);
    }
    expect(seen.every((p) => p >= 10)).toBe(true);
    const answers = await Promise.all(logins);
    expect(answers.map((a) => a.json.error.code)).toEqual(Array(20).fill('UNAUTHENTICATED'));
  });

  it('answers 429 RATE_LIMITED with Retry-After past the per-address limit; another address still signs in', async () => {
    await boot();
    for (let i = 0; i < LOGIN_LIMITS.perAddress.points; i++) {
      const r = await api(base, 'auth.login', { name: `Nobody ${i}`, pin: '9999' }, null, {}, '127.0.0.5');
      expect(r.status).toBe(401);
    }
    const limited = await api(base, 'auth.login', { name: 'Cashier', pin: '0000' }, null, {}, '127.0.0.5');
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe('RATE_LIMITED');
    const seconds = limited.json.error.details.retryAfterSeconds;
    expect(Number(limited.headers['retry-after'])).toBe(seconds);
    expect(seconds).toBeGreaterThanOrEqual(1);
    const other = await api(base, 'auth.login', { name: 'Cashier', pin: '0000' }, null, {}, '127.0.0.6');
    expect(other.status).toBe(200);
    // The lockout's wait travels in the same header.
    for (let i = 0; i < 5; i++) await api(base, 'auth.login', { name: 'Cashier', pin: '9999' }, null, {}, '127.0.0.7');
    const locked = await api(base, 'auth.login', { name: 'Cashier', pin: '0000' }, null, {}, '127.0.0.7');
    expect(locked.json.error.code).toBe('LOCKED_OUT');
    expect(Number(locked.headers['retry-after'])).toBe(locked.json.error.details.retryAfterSeconds);
  });
});

describe('oversized uploads', () => {
  it('answers 413 that the client reads, declared or streamed, up to several MiB, and keeps serving', async () => {
    await boot();
    for (const mib of [1.5, 3, 8]) {
      const big = JSON.stringify({ query: 'x'.repeat(mib * 1024 * 1024) });
      for (const chunked of [false, true]) {
        const r = await send(base, '/api/movies.search', { body: big, chunked, headers: { Authorization: `Bearer ${TOKENS.cashier}` } });
        // The whole upload went through (read and dropped), then the answer: no reset.
        expect([mib, chunked, r.status, r.uploadError]).toEqual([mib, chunked, 413, undefined]);
        expect(r.json).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
      }
    }
    expect((await api(base, 'auth.status', {})).status).toBe(200);
    expect(logged.filter((l) => l.level === 'error')).toEqual([]);
  });
});

describe('slow clients', () => {
  it('cuts a client that never finishes its headers, and one that drips its body', async () => {
    await boot({ headersTimeoutMs: 300, requestTimeoutMs: 600 });
    const headers = await rawSocket();
    headers.socket.write('POST /api/auth.status HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    await headers.closed; // the server ends it: the test would time out otherwise
    const drip = await rawSocket();
    const { port } = new URL(base);
    drip.socket.write(`POST /api/auth.status HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`);
    const timer = setInterval(() => drip.socket.writable && drip.socket.write(' '), 100);
    await drip.closed;
    clearInterval(timer);
    expect(drip.received()).toMatch(/^HTTP\/1\.1 408/);
    expect(logged.filter((l) => l.level === 'error')).toEqual([]);
    // Ordinary calls are unaffected.
    expect((await api(base, 'auth.status', {})).status).toBe(200);
  });

  it('logs an upload the client abandons at info, not error', async () => {
    await boot();
    const s = await rawSocket();
    const { port } = new URL(base);
    s.socket.write(`POST /api/movies.search HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 5000\r\nAuthorization: Bearer ${TOKENS.cashier}\r\n\r\n{"query":`);
    await new Promise((r) => setTimeout(r, 100));
    s.socket.destroy();
    const deadline = Date.now() + 5000;
    while (!logged.some((l) => l.msg.includes('went away')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(logged.filter((l) => l.msg.includes('went away')).map((l) => l.level)).toEqual(['info']);
    expect(logged.filter((l) => l.level === 'error')).toEqual([]);
  });
});

describe('event streams', () => {
  it('closes a stream whose client does not read, and keeps one that does', async () => {
    await boot({ maxStreamBacklog: 64 * 1024 });
    const reader = await openSse(base, { Authorization: `Bearer ${TOKENS.manager}` });
    const stuck = await rawSocket();
    const { port } = new URL(base);
    stuck.socket.write(`GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${TOKENS.cashier}\r\n\r\n`);
    while (host.openStreams() < 2) await new Promise((r) => setTimeout(r, 10));
    stuck.socket.pause(); // never reads again: the kernel buffers fill, then the host's backlog grows
    const seats = Array.from({ length: 400 }, (_, i) => ({ id: `seat_${String(i).padStart(6, '0')}`, status: 'held' as const }));
    let sent = 0;
    // Bounded: at most 2,000 events of ~20 KB (the loopback buffers hold a few MB at most).
    while (host.openStreams() === 2 && sent < 2000) {
      h.engine.ctx.emit('seats.changed', { showId: 'show_1', version: ++sent, seats });
      await new Promise((r) => setImmediate(r));
      if (sent % 20 === 0) await new Promise((r) => setTimeout(r, 5)); // let the reader read
    }
    expect(host.openStreams()).toBe(1);
    stuck.socket.resume(); // reading now, it finds the stream ended
    await stuck.closed;
    expect(logged.some((l) => l.level === 'warn' && l.msg.includes('not reading'))).toBe(true);
    await reader.waitFor((e) => e.event === 'seats.changed' && e.data.version === sent);
    reader.close();
  });

  it('sends a stream only the shows it watches (non-seat events to all), each tick in one batch', async () => {
    await boot();
    const auth = { Authorization: `Bearer ${TOKENS.cashier}` };
    const one = await openSse(base, auth, '/api/events?show=show_1');
    const all = await openSse(base, auth);
    while (host.openStreams() < 2) await new Promise((r) => setTimeout(r, 10));
    const seat = (showId: string, version: number) => ({ showId, version, seats: [{ id: seatId('A', 1), status: 'held' as const }] });
    h.engine.ctx.emit('seats.changed', seat('show_2', 1));
    h.engine.ctx.emit('seats.changed', seat('show_1', 1));
    h.engine.ctx.emit('bookings.changed', { bookingId: 'bk_1', status: 'confirmed' });
    h.engine.ctx.emit('seats.changed', seat('show_2', 2));
    await all.waitFor((e) => e.event === 'seats.changed' && e.data.showId === 'show_2' && e.data.version === 2);
    await one.waitFor((e) => e.event === 'bookings.changed');
    // A marker after everything: once it arrives, nothing else is on its way.
    h.engine.ctx.emit('shows.changed', { showId: 'show_1' });
    await one.waitFor((e) => e.event === 'shows.changed');
    expect(one.events.map((e) => [e.event, e.data.showId ?? e.data.bookingId])).toEqual([
      ['seats.changed', 'show_1'], ['bookings.changed', 'bk_1'], ['shows.changed', 'show_1'],
    ]);
    expect(all.events.filter((e) => e.event === 'seats.changed').map((e) => `${e.data.showId}/${e.data.version}`)).toEqual(['show_2/1', 'show_1/1', 'show_2/2']);
    one.close();
    all.close();
  });
});
