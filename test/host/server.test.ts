// The browser host over real loopback HTTP: envelopes and status codes, sessions (Bearer and
// cookie), body limits, origin checks, Server-Sent Events, static files and a race for seats.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, ERROR_CODES, HTTP_STATUS, type Channel } from '../../shared/contract';
import { silentLogger } from '../../electron/engine/context';
import { startHost, type RunningHost } from '../../electron/host/server';
import { makeHarness, MONDAY_10AM, type Harness } from '../support/engineHarness';
import { seatId, seedBasics, seedShow, T, TOKENS } from '../support/fixtures';
import { api, send } from './http';
import { openSse } from './sse';
import { tokenHash } from '../../electron/engine/staff/sessions';

const SHOW = 'show_1';
let h: Harness;
let host: RunningHost;
let base: string;
let staticDir: string;

async function boot(opts: { seed?: boolean; heartbeatMs?: number } = {}): Promise<void> {
  h = makeHarness();
  if (opts.seed !== false) {
    seedBasics(h.engine.ctx.db, { now: MONDAY_10AM });
    seedShow(h.engine.ctx.db, { id: SHOW, startsAt: '2026-11-23T23:00:00.000Z', now: MONDAY_10AM });
  }
  staticDir = mkdtempSync(join(tmpdir(), 'bo-static-'));
  host = await startHost({ router: h.router, engine: h.engine, port: 0, host: '127.0.0.1', staticDir, log: silentLogger, heartbeatMs: opts.heartbeatMs });
  base = host.url;
}

afterEach(async () => {
  await host?.close();
  h?.close();
  if (staticDir) rmSync(staticDir, { recursive: true, force: true });
});

function expectEnvelope(status: number, body: any): void {
  expect(typeof body).toBe('object');
  if (body.ok === true) {
    expect(status).toBe(200);
    expect('data' in body).toBe(true);
  } else {
    expect(body.ok).toBe(false);
    expect(ERROR_CODES).toContain(body.error.code);
    expect(typeof body.error.message).toBe('string');
    expect(status).toBe(HTTP_STATUS[body.error.code as keyof typeof HTTP_STATUS]);
  }
}

/** Plausible inputs; a channel not listed gets {} (which at least exercises validation). */
const SAMPLES: Partial<Record<Channel, unknown>> = {
  'auth.setup': { theater: { name: 'X', city: 'Y', timezone: 'America/New_York', currency: 'USD' }, manager: { name: 'Boss', pin: '1234' } },
  'auth.login': { name: 'Manager', pin: '9999' },
  'staff.save': { name: 'New Cashier', role: 'cashier', pin: '4321', active: true },
  'movies.search': { query: 'incep' },
  'movies.save': { title: 'Heat', durationMinutes: 170, genres: ['Crime'], language: 'English', rating: 'R' },
  'movies.archive': { id: 'mv_unknown' },
  'theaters.save': { id: T.theater, name: 'PVR Cinemas', city: 'New York', timezone: 'America/New_York', currency: 'USD' },
  'halls.get': { id: T.hall },
  'halls.save': { theaterId: T.theater, name: 'Hall 9', cleaningMinutes: 10, rows: [{ label: 'A', seats: [{ number: 1, column: 1, type: 'regular' }] }] },
  'shows.list': { date: '2026-11-23' },
  'shows.save': { movieId: T.movie, hallId: T.hall, startsAt: '2026-11-25T23:00:00.000Z', basePrice: 1000 },
  'shows.cancel': { id: 'show_unknown', reason: 'test' },
  'seats.map': { showId: SHOW },
  'seats.hold': { showId: SHOW, seatIds: [seatId('E', 1)] },
  'seats.release': { holdId: 'hold_unknown' },
  'seats.bestAvailable': { showId: SHOW, count: 2 },
  'pricing.quote': { showId: SHOW, tickets: [{ seatId: seatId('E', 2), ticketType: 'adult' }] },
  'bookings.confirm': { holdId: 'hold_unknown', tickets: [{ seatId: seatId('E', 3), ticketType: 'adult' }], payments: [{ method: 'cash', amount: 1000, tendered: 1000 }], idempotencyKey: 'key-12345678' },
  'bookings.get': { code: 'ABCDEF' },
  'bookings.search': { query: 'x' },
  'bookings.cancel': { id: 'bk_unknown', reason: 'test' },
  'bookings.refundQuote': { id: 'bk_unknown' },
  'bookings.payOutRefund': { id: 'bk_unknown' },
  'receipts.get': { bookingId: 'bk_unknown' },
  'receipts.print': { bookingId: 'bk_unknown' },
  'reports.daily': { date: '2026-11-23' },
  'reports.occupancy': { from: '2026-11-23', to: '2026-11-24' },
  'shifts.open': { float: 5000 },
  'shifts.close': { countedCash: 5000 },
  'shifts.list': { date: '2026-11-23' },
  'backup.restore': { file: 'no-such-backup.sqlite' },
  'audit.list': {},
};

describe('browser host: every channel over HTTP', () => {
  beforeEach(() => boot());

  it('answers every contract channel with an envelope and its status, never 500', async () => {
    const order: Channel[] = [...CHANNEL_NAMES.filter((c) => c !== 'auth.logout'), 'auth.logout'];
    const failures: string[] = [];
    for (const channel of order) {
      const token = channel === 'auth.logout' ? TOKENS.cashier2 : TOKENS.manager;
      let input = SAMPLES[channel] ?? {};
      if (channel === 'settings.save' || channel === 'pricing.save') {
        const current = await api(base, channel === 'settings.save' ? 'settings.get' : 'pricing.get', {}, token);
        if (current.json?.ok) input = current.json.data;
      }
      const r = await api(base, channel, input, token);
      expectEnvelope(r.status, r.json);
      if (r.status === 500) failures.push(`${channel}: ${r.text}`);
    }
    expect(failures).toEqual([]);
  });

  it('answers the contract status codes', async () => {
    // 400: unknown field
    let r = await api(base, 'movies.search', { nope: 1 }, TOKENS.cashier);
    expect([r.status, r.json.error.code]).toEqual([400, 'VALIDATION']);
    expect(Array.isArray(r.json.error.details)).toBe(true);
    // 401: no session
    r = await api(base, 'movies.search', {});
    expect([r.status, r.json.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    // 403: a cashier asking for a manager's channel
    r = await api(base, 'staff.list', {}, TOKENS.cashier);
    expect([r.status, r.json.error.code]).toEqual([403, 'FORBIDDEN']);
    // 404: unknown channel
    r = await api(base, 'nope.nothing', {}, TOKENS.cashier);
    expect([r.status, r.json.error.code]).toEqual([404, 'NOT_FOUND']);
    // 409: setup once staff exists
    r = await api(base, 'auth.setup', SAMPLES['auth.setup']);
    expect([r.status, r.json.error.code]).toEqual([409, 'CONFLICT']);
  });

  it('answers 409 SEATS_UNAVAILABLE naming the seats when they are taken', async () => {
    const seats = [seatId('C', 4), seatId('C', 5)];
    const first = await api(base, 'seats.hold', { showId: SHOW, seatIds: seats }, TOKENS.cashier);
    expect(first.status).toBe(200);
    const second = await api(base, 'seats.hold', { showId: SHOW, seatIds: [seatId('C', 5), seatId('C', 6)] }, TOKENS.cashier2);
    expect([second.status, second.json.error.code]).toEqual([409, 'SEATS_UNAVAILABLE']);
    expect(second.json.error.details.seatIds).toEqual([seatId('C', 5)]);
  });

  it('refuses malformed JSON with 400 VALIDATION and changes nothing', async () => {
    const r = await send(base, '/api/seats.hold', { body: '{"showId": ', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKENS.cashier}` } });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('treats an empty body as {}', async () => {
    const r = await send(base, '/api/auth.status', {});
    expect(r.status).toBe(200);
    expect(r.json.ok).toBe(true);
  });

  it('refuses a body over 1 MiB with 413, declared or streamed', async () => {
    const big = JSON.stringify({ query: 'x'.repeat(2 * 1024 * 1024) });
    const declared = await send(base, '/api/movies.search', { body: big, headers: { Authorization: `Bearer ${TOKENS.cashier}` } });
    expect(declared.status).toBe(413);
    expect(declared.json).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
    const streamed = await send(base, '/api/movies.search', { body: big, chunked: true, headers: { Authorization: `Bearer ${TOKENS.cashier}` } });
    expect(streamed.status).toBe(413);
    expect(streamed.json.error.code).toBe('PAYLOAD_TOO_LARGE');
    // The host is still fine afterwards.
    expect((await api(base, 'auth.status', {})).status).toBe(200);
  });

  it('accepts a body just under the limit', async () => {
    const r = await send(base, '/api/movies.search', { body: JSON.stringify({ query: 'x' }) + ' '.repeat(1024 * 1024 - 20), headers: { Authorization: `Bearer ${TOKENS.cashier}` } });
    expect(r.status).toBe(200);
  });

  it('refuses a missing or forged token', async () => {
    expect((await api(base, 'shows.list', {})).status).toBe(401);
    expect((await api(base, 'shows.list', {}, 'forged-token')).status).toBe(401);
    const cookie = await send(base, '/api/shows.list', { body: '{}', headers: { Cookie: 'bo_session=forged' } });
    expect(cookie.status).toBe(401);
    expect((await api(base, 'shows.list', {}, TOKENS.cashier)).status).toBe(200);
  });

  it('allows only POST on channels, with an envelope', async () => {
    const r = await send(base, '/api/auth.status', { method: 'GET' });
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('POST');
    expect(r.json.ok).toBe(false);
    const put = await send(base, '/api/auth.status', { method: 'PUT', body: '{}' });
    expect(put.status).toBe(405);
  });

  it('refuses a foreign Origin or Host (CSRF, DNS rebinding) and accepts its own', async () => {
    const evil = await api(base, 'auth.status', {}, null, { Origin: 'http://evil.example' });
    expect([evil.status, evil.json.error.code]).toEqual([403, 'FORBIDDEN']);
    const rebind = await api(base, 'auth.status', {}, null, { Host: `evil.example:${host.port}` });
    expect(rebind.status).toBe(403);
    const own = await api(base, 'auth.status', {}, null, { Origin: base });
    expect(own.status).toBe(200);
    const localhost = await api(base, 'auth.status', {}, null, { Origin: `http://localhost:${host.port}`, Host: `localhost:${host.port}` });
    expect(localhost.status).toBe(200);
    const otherPort = await api(base, 'auth.status', {}, null, { Origin: `http://127.0.0.1:${host.port + 1}` });
    expect(otherPort.status).toBe(403);
  });

  it('sends security headers and no-store on the API', async () => {
    const r = await api(base, 'auth.status', {});
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['content-type']).toMatch(/^application\/json/);
  });
});

describe('browser host: the session cookie', () => {
  beforeEach(() => boot({ seed: false }));

  it('sets an HttpOnly SameSite=Strict cookie on setup that works, and clears it on logout', async () => {
    const setup = await api(base, 'auth.setup', SAMPLES['auth.setup']);
    expect(setup.status).toBe(200);
    const setCookie = String(setup.headers['set-cookie']);
    expect(setCookie).toMatch(/^bo_session=[^;]+;/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    const cookie = setCookie.split(';')[0]!;
    const list = await send(base, '/api/staff.list', { body: '{}', headers: { Cookie: cookie } });
    expect(list.status).toBe(200);
    expect(list.json.data.map((s: { name: string }) => s.name)).toContain('Boss');

    const login = await api(base, 'auth.login', { name: 'Boss', pin: '1234' });
    expect(login.status).toBe(200);
    expect(String(login.headers['set-cookie'])).toMatch(/^bo_session=/);

    const out = await send(base, '/api/auth.logout', { body: '{}', headers: { Cookie: cookie } });
    expect(out.status).toBe(200);
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    const after = await send(base, '/api/staff.list', { body: '{}', headers: { Cookie: cookie } });
    expect(after.status).toBe(401);
  });
});

describe('browser host: Server-Sent Events', () => {
  beforeEach(() => boot({ heartbeatMs: 200 }));

  it('refuses the stream without a valid session', async () => {
    const none = await send(base, '/api/events', { method: 'GET' });
    expect(none.status).toBe(401);
    const forged = await send(base, '/api/events', { method: 'GET', headers: { Authorization: 'Bearer forged' } });
    expect(forged.status).toBe(401);
  });

  it('pushes seats.changed to one client when another holds seats, with heartbeats', async () => {
    const sse = await openSse(base, { Authorization: `Bearer ${TOKENS.cashier}` });
    expect(sse.status).toBe(200);
    const hold = await api(base, 'seats.hold', { showId: SHOW, seatIds: [seatId('D', 3)] }, TOKENS.cashier2);
    expect(hold.status).toBe(200);
    const ev = await sse.waitFor((e) => e.event === 'seats.changed');
    expect(ev.data.showId).toBe(SHOW);
    expect(ev.data.seats).toContainEqual({ id: seatId('D', 3), status: 'held' });
    await new Promise((r) => setTimeout(r, 450));
    expect(sse.raw()).toContain(': heartbeat');
    sse.close();
  });

  it('forgets a stream when the client goes away, and closes streams and its one listener on shutdown', async () => {
    const listeners = () => (h.engine as unknown as { listeners: Set<unknown> }).listeners.size;
    const before = listeners(); // the host listens once, whatever the number of streams
    const sse = await openSse(base, { Authorization: `Bearer ${TOKENS.cashier}` });
    await new Promise((r) => setTimeout(r, 50));
    expect(host.openStreams()).toBe(1);
    expect(listeners()).toBe(before);
    sse.close();
    await new Promise((r) => setTimeout(r, 100));
    expect(host.openStreams()).toBe(0);
    // Publishing after the disconnect must not throw or write to a dead stream.
    h.engine.ctx.emit('shows.changed', { showId: SHOW });
    const second = await openSse(base, { Authorization: `Bearer ${TOKENS.cashier}` });
    const ended = new Promise<void>((r) => {
      const started = Date.now();
      const tick = () => (second.raw().length > 0 && Date.now() - started > 50 ? r() : setTimeout(tick, 20));
      tick();
    });
    await ended;
    expect(host.openStreams()).toBe(1);
    await host.close();
    await new Promise((r) => setTimeout(r, 50));
    expect(host.openStreams()).toBe(0);
    expect(listeners()).toBe(before - 1);
    second.close();
  });
});

describe('browser host: a race for the same seats', () => {
  beforeEach(() => boot());

  it('gives each seat to exactly one of 50 concurrent clients', async () => {
    const db = h.engine.ctx.db;
    const tokens = Array.from({ length: 50 }, (_, i) => `race-${i}`);
    const ins = db.prepare('INSERT INTO sessions (token_hash, staff_id, created_at, last_seen) VALUES (?, ?, ?, ?)');
    for (const t of tokens) ins.run(tokenHash(t), T.cashier, MONDAY_10AM, MONDAY_10AM);
    const pool = [seatId('F', 4), seatId('F', 5), seatId('F', 6), seatId('F', 7)];
    // Overlapping pairs: (F4,F5), (F5,F6), (F6,F7), (F7,F4), ...
    const wants = tokens.map((_, i) => [pool[i % 4]!, pool[(i + 1) % 4]!]);
    const answers = await Promise.all(tokens.map((t, i) => api(base, 'seats.hold', { showId: SHOW, seatIds: wants[i] }, t)));
    for (const a of answers) expect([200, 409]).toContain(a.status);
    const winners = answers.filter((a) => a.status === 200).map((a) => a.json.data.seatIds as string[]);
    expect(winners.length).toBeGreaterThanOrEqual(1);
    const taken = winners.flat();
    expect(new Set(taken).size).toBe(taken.length); // no seat won twice
    const map = await api(base, 'seats.map', { showId: SHOW }, TOKENS.manager);
    const held = map.json.data.seats.filter((s: { status: string }) => s.status === 'held').map((s: { id: string }) => s.id).sort();
    expect(held).toEqual([...taken].sort());
  });

  it('gives the same seats to exactly one of 50 clients asking for exactly them', async () => {
    const db = h.engine.ctx.db;
    const tokens = Array.from({ length: 50 }, (_, i) => `same-${i}`);
    const ins = db.prepare('INSERT INTO sessions (token_hash, staff_id, created_at, last_seen) VALUES (?, ?, ?, ?)');
    for (const t of tokens) ins.run(tokenHash(t), T.cashier, MONDAY_10AM, MONDAY_10AM);
    const answers = await Promise.all(tokens.map((t) => api(base, 'seats.hold', { showId: SHOW, seatIds: [seatId('A', 5), seatId('A', 6)] }, t)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409 && a.json.error.code === 'SEATS_UNAVAILABLE')).toHaveLength(49);
  });
});

describe('browser host: static files', () => {
  beforeEach(() => boot());

  it('says how to build when there is no renderer yet', async () => {
    const r = await send(base, '/', { method: 'GET' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.text).toMatch(/build/i);
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('serves the built renderer with content types, an SPA fallback and no way out', async () => {
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>BO</title><div id="root"></div>');
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'assets', 'app-123.js'), 'console.log(1)');
    writeFileSync(join(staticDir, 'assets', 'app-123.css'), 'body{}');
    writeFileSync(join(staticDir, '.secret'), 'secret');
    writeFileSync(join(staticDir, '..', 'outside.txt'), 'outside');
    try {
      const index = await send(base, '/', { method: 'GET' });
      expect([index.status, index.text]).toEqual([200, '<!doctype html><title>BO</title><div id="root"></div>']);
      expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
      const js = await send(base, '/assets/app-123.js', { method: 'GET' });
      expect([js.status, js.headers['content-type']]).toEqual([200, 'text/javascript; charset=utf-8']);
      const css = await send(base, '/assets/app-123.css', { method: 'GET' });
      expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
      expect(css.headers['x-content-type-options']).toBe('nosniff');
      const route = await send(base, '/sell/show_1', { method: 'GET' });
      expect([route.status, route.text]).toEqual([200, index.text]);
      expect((await send(base, '/assets/missing.js', { method: 'GET' })).status).toBe(404);
      for (const p of ['/../outside.txt', '/%2e%2e/outside.txt', '/assets/%2e%2e/%2e%2e/outside.txt', '/..%2foutside.txt', '/.secret', '/%2esecret']) {
        const r = await send(base, p, { method: 'GET' });
        expect(r.text, p).not.toMatch(/outside|secret/);
      }
      const head = await send(base, '/assets/app-123.js', { method: 'HEAD' });
      expect([head.status, head.text]).toEqual([200, '']);
      expect((await send(base, '/', { method: 'POST', body: '' })).status).toBe(405);
    } finally {
      rmSync(join(staticDir, '..', 'outside.txt'), { force: true });
    }
  });
});
