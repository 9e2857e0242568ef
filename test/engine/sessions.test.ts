// Sessions in v2: the in-memory session cache ends a session at once on logout, deactivation,
// a role change or a deletion by another process on the same file; logout releases the caller's
// holds; sign-in attempts are limited per client address and per name (RATE_LIMITED).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../electron/engine/engine';
import { createRouter } from '../../electron/engine/router';
import { LOGIN_LIMITS } from '../../electron/engine/staff/loginLimits';
import { tokenHash } from '../../electron/engine/staff/sessions';
import { makeHarness, MONDAY_10AM, type Harness } from '../support/engineHarness';
import { seatId, seedBasics, seedShow, T, TOKENS } from '../support/fixtures';
import { setPin } from './claimsSql';

let h: Harness;
const extra: Engine[] = [];
afterEach(() => {
  for (const e of extra.splice(0)) e.close();
  h?.close();
});

beforeEach(() => {
  h = makeHarness();
  seedBasics(h.engine.ctx.db, { now: MONDAY_10AM });
  seedShow(h.engine.ctx.db, { id: 'show_1', startsAt: '2026-11-23T23:00:00.000Z', now: MONDAY_10AM });
  setPin(h.engine.ctx.db, T.manager, '1234');
  setPin(h.engine.ctx.db, T.cashier, '0000');
});

const whoAmI = async (token: string) => {
  const r = await h.call('auth.status', {}, token);
  return r.ok ? (r.data.staff?.id ?? null) : r.error.code;
};

describe('the session cache', () => {
  it('serves a signed-in caller without reading the session row again, yet ends it at once on logout', async () => {
    const { token } = await h.ok('auth.login', { name: 'Cashier', pin: '0000' });
    expect(await whoAmI(token)).toBe(T.cashier);
    // The cache answers from memory: a session row changed behind its back (no epoch bump:
    // last_seen is not watched) does not matter...
    h.engine.ctx.db.prepare('UPDATE sessions SET last_seen = 0 WHERE token_hash = ?').run(tokenHash(token));
    expect(await whoAmI(token)).toBe(T.cashier);
    // ...but logging out ends it for the very next request.
    await h.ok('auth.logout', {}, token);
    expect(await whoAmI(token)).toBeNull();
    expect((await h.err('movies.search', {}, token)).code).toBe('UNAUTHENTICATED');
  });

  it('ends a deactivated person\'s session and applies a role change on the next request', async () => {
    expect(await whoAmI(TOKENS.cashier)).toBe(T.cashier);
    expect(await whoAmI(TOKENS.manager)).toBe(T.manager);
    await h.ok('staff.save', { id: T.cashier, name: 'Cashier', role: 'cashier', active: false }, TOKENS.manager);
    expect(await whoAmI(TOKENS.cashier)).toBeNull();
    // A role change by plain SQL (another tool, another process): the trigger bumps the epoch.
    h.engine.ctx.db.prepare("UPDATE staff SET role = 'cashier' WHERE id = 'st_cashier2'").run();
    h.engine.ctx.db.prepare("UPDATE staff SET role = 'manager' WHERE id = 'st_cashier2'").run();
    expect((await h.ok('staff.list', {}, TOKENS.cashier2)).length).toBeGreaterThan(0);
  });

  it('sees a logout made by another process on the same file at once', async () => {
    expect(await whoAmI(TOKENS.cashier)).toBe(T.cashier);
    const other = new Engine({ file: h.file, clock: h.clock });
    extra.push(other);
    const otherRouter = createRouter(other, { checkOutputs: true });
    expect((await otherRouter.dispatch('auth.logout', {}, { token: TOKENS.cashier })).ok).toBe(true);
    expect(await whoAmI(TOKENS.cashier)).toBeNull();
    // And a session deleted by the other process's SQL: same.
    expect(await whoAmI(TOKENS.manager)).toBe(T.manager);
    other.ctx.db.prepare('DELETE FROM sessions WHERE staff_id = ?').run(T.manager);
    expect(await whoAmI(TOKENS.manager)).toBeNull();
  });
});

describe('auth.logout', () => {
  it('releases the caller\'s holds at once and says so with seats.changed; other holds stay', async () => {
    const mine = await h.ok('seats.hold', { showId: 'show_1', seatIds: [seatId('A', 1), seatId('A', 2)] }, TOKENS.cashier);
    const theirs = await h.ok('seats.hold', { showId: 'show_1', seatIds: [seatId('B', 1)] }, TOKENS.cashier2);
    h.events.length = 0;
    await h.ok('auth.logout', {}, TOKENS.cashier);
    expect(h.events).toEqual([
      { name: 'seats.changed', payload: expect.objectContaining({ showId: 'show_1', seats: mine.seatIds.map((id) => ({ id, status: 'available' })) }) },
    ]);
    const map = await h.ok('seats.map', { showId: 'show_1' }, TOKENS.cashier2);
    expect(map.seats.filter((s) => s.status === 'held').map((s) => s.id)).toEqual(theirs.seatIds);
    expect((h.engine.ctx.db.prepare('SELECT count(*) AS n FROM holds').get() as { n: number }).n).toBe(1);
  });
});

describe('login limits', () => {
  const login = (name: string, pin: string, address?: string) =>
    h.router.dispatch('auth.login', { name, pin }, address ? { token: null, address } : { token: null });

  it('limits wrong PINs per client address (each loopback address its own client) with retryAfterSeconds', async () => {
    // Different made-up names, so the per-name lockout never comes into it.
    for (let i = 0; i < LOGIN_LIMITS.perAddress.points; i++) {
      const r = await login(`Nobody ${i}`, '9999', '127.0.0.7');
      expect(r.ok ? 'ok' : r.error.code).toBe('UNAUTHENTICATED');
    }
    const limited = await login('Cashier', '0000', '127.0.0.7');
    expect(limited.ok ? 'ok' : limited.error.code).toBe('RATE_LIMITED');
    const seconds = (limited as { error: { details: { retryAfterSeconds: number } } }).error.details.retryAfterSeconds;
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(LOGIN_LIMITS.perAddress.duration);
    // The same address written as IPv4-mapped IPv6 is the same client.
    expect((await login('Cashier', '0000', '::ffff:127.0.0.7')).ok).toBe(false);
    // Another loopback address is another client, and signs in.
    expect((await login('Cashier', '0000', '127.0.0.8')).ok).toBe(true);
  });

  it('does not count sign-ins that succeed', async () => {
    for (let i = 0; i < LOGIN_LIMITS.perAddress.points + 5; i++) expect((await login('Cashier', '0000', '127.0.0.9')).ok).toBe(true);
  });

  it('counts failures per name across addresses, refusing the name before any hash once past the limit', async () => {
    const n = LOGIN_LIMITS.perName.points + 5;
    // A burst at one name from many addresses: each is checked (the lockout answers some).
    const answers = await Promise.all(Array.from({ length: n }, (_, i) => login('Cashier', '9999', `127.0.1.${i + 1}`)));
    const codes = answers.map((a) => (a.ok ? 'ok' : a.error.code));
    expect(codes.every((c) => c === 'UNAUTHENTICATED' || c === 'LOCKED_OUT')).toBe(true);
    // The lockout is over on the engine's clock, but the name is past its per-minute limit.
    h.clock.advanceSeconds(61);
    const limited = await login('Cashier', '0000', '127.0.2.1');
    expect(limited.ok ? 'ok' : limited.error.code).toBe('RATE_LIMITED');
    // Another name is not affected.
    expect((await login('Manager', '1234', '127.0.2.1')).ok).toBe(true);
  });

  it('lets many counters sign in under one name at the same moment', async () => {
    const n = LOGIN_LIMITS.perName.points + 5;
    const answers = await Promise.all(Array.from({ length: n }, (_, i) => login('Cashier', '0000', `127.0.3.${i + 1}`)));
    expect(answers.every((a) => a.ok)).toBe(true);
  });
});
