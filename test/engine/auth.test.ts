import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../support/engineHarness';
import { seedBasics, T, TOKENS } from '../support/fixtures';
import { verifyManager } from '../../electron/engine/staff/auth';
import { hashPin, hashPinAsync, verifyPin, verifyPinAsync } from '../../electron/engine/staff/pin';
import { tokenHash } from '../../electron/engine/staff/sessions';
import { BoxOfficeError } from '../../shared/contract';
import { count, setPin } from './claimsSql';

let h: Harness;
afterEach(() => h?.close());

const SETUP = {
  theater: { name: 'PVR Cinemas', city: 'New York', timezone: 'America/New_York', currency: 'USD' },
  manager: { name: 'Asha', pin: '4321' },
};

describe('pin hashing', () => {
  it('stores a salted scrypt hash that verifies only the right PIN', () => {
    const a = hashPin('1234');
    const b = hashPin('1234');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(a).not.toBe(b); // salted
    expect(a).not.toContain('1234');
    expect(verifyPin('1234', a)).toBe(true);
    expect(verifyPin('1235', a)).toBe(false);
    expect(verifyPin('1234', 'fixture-no-login')).toBe(false);
  });

  it('hashes and verifies off the event loop with the same format', async () => {
    const a = await hashPinAsync('1234');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(await verifyPinAsync('1234', a)).toBe(true);
    expect(await verifyPinAsync('1235', a)).toBe(false);
    expect(verifyPin('1234', a)).toBe(true);
    expect(await verifyPinAsync('1234', hashPin('1234'))).toBe(true);
    expect(await verifyPinAsync('1234', 'fixture-no-login')).toBe(false);
  });
});

describe('auth.status and auth.setup', () => {
  beforeEach(() => {
    h = makeHarness();
  });

  it('asks for setup on an empty box office', async () => {
    expect(await h.ok('auth.status', {})).toEqual({
      setupRequired: true, staff: null, theater: null, mode: 'standalone', contractVersion: '2', appVersion: '0.0.0',
      serverTime: new Date(h.clock.now()).toISOString(),
    });
  });

  it('creates the theater and the first manager, signed in', async () => {
    const r = await h.ok('auth.setup', SETUP);
    expect(r.staff).toMatchObject({ name: 'Asha', role: 'manager', active: true });
    const status = await h.ok('auth.status', {}, r.token);
    expect(status.setupRequired).toBe(false);
    expect(status.staff).toEqual(r.staff);
    expect(status.theater).toMatchObject(SETUP.theater);
    // Without a token: no staff, but the theater is there.
    expect((await h.ok('auth.status', {})).staff).toBeNull();
    const hash = (h.engine.ctx.db.prepare('SELECT pin_hash FROM staff').get() as { pin_hash: string }).pin_hash;
    expect(hash.startsWith('scrypt$')).toBe(true);
    expect(hash).not.toContain('4321');
    expect((await h.ok('auth.login', { name: 'asha', pin: '4321' })).staff.id).toBe(r.staff.id);
  });

  it('refuses a second setup with CONFLICT and changes nothing', async () => {
    await h.ok('auth.setup', SETUP);
    const e = await h.err('auth.setup', { ...SETUP, manager: { name: 'Eve', pin: '9999' } });
    expect(e.code).toBe('CONFLICT');
    expect(count(h.engine.ctx.db, 'SELECT count(*) AS n FROM staff')).toBe(1);
    expect(count(h.engine.ctx.db, 'SELECT count(*) AS n FROM theaters')).toBe(1);
  });

  it('rejects a bad PIN or time zone with VALIDATION and creates nothing', async () => {
    expect((await h.err('auth.setup', { ...SETUP, manager: { name: 'Asha', pin: '12a4' } })).code).toBe('VALIDATION');
    expect((await h.err('auth.setup', { ...SETUP, theater: { ...SETUP.theater, timezone: 'Mars/Base' } })).code).toBe('VALIDATION');
    expect(count(h.engine.ctx.db, 'SELECT count(*) AS n FROM staff')).toBe(0);
    expect(count(h.engine.ctx.db, 'SELECT count(*) AS n FROM theaters')).toBe(0);
  });
});

describe('auth.login, lockout and sessions', () => {
  beforeEach(() => {
    h = makeHarness();
    seedBasics(h.engine.ctx.db, { now: h.clock.now() });
    setPin(h.engine.ctx.db, T.manager, '1234');
    setPin(h.engine.ctx.db, T.cashier, '0000');
  });

  it('signs in with the right PIN, ignoring the case of the name', async () => {
    const r = await h.ok('auth.login', { name: 'cashier', pin: '0000' });
    expect(r.staff).toEqual({ id: T.cashier, name: 'Cashier', role: 'cashier', active: true });
    expect(r.token.length).toBeGreaterThan(20);
    expect((await h.ok('auth.status', {}, r.token)).staff?.id).toBe(T.cashier);
  });

  it('answers a wrong PIN and an unknown name the same way', async () => {
    const wrong = await h.err('auth.login', { name: 'Cashier', pin: '9999' });
    const unknown = await h.err('auth.login', { name: 'Nobody', pin: '9999' });
    expect(wrong.code).toBe('UNAUTHENTICATED');
    expect(unknown).toEqual(wrong);
  });

  it('rejects a malformed PIN with VALIDATION without counting it', async () => {
    expect((await h.err('auth.login', { name: 'Cashier', pin: '12' })).code).toBe('VALIDATION');
    expect(count(h.engine.ctx.db, 'SELECT failed_attempts AS n FROM staff WHERE id = ?', T.cashier)).toBe(0);
  });

  it('locks a name for 60 s after 5 wrong PINs, even for the right PIN', async () => {
    for (let i = 0; i < 5; i++) expect((await h.err('auth.login', { name: 'Cashier', pin: '1111' })).code).toBe('UNAUTHENTICATED');
    const locked = await h.err('auth.login', { name: 'Cashier', pin: '0000' });
    expect(locked.code).toBe('LOCKED_OUT');
    expect(locked.details).toEqual({ retryAfterSeconds: 60 });
    // Other names are not affected.
    await h.ok('auth.login', { name: 'Manager', pin: '1234' });
    h.clock.advanceSeconds(45);
    expect((await h.err('auth.login', { name: 'Cashier', pin: '0000' })).details).toEqual({ retryAfterSeconds: 15 });
    h.clock.advanceSeconds(15);
    await h.ok('auth.login', { name: 'Cashier', pin: '0000' });
  });

  it('resets the counter after a correct PIN', async () => {
    for (let i = 0; i < 4; i++) await h.err('auth.login', { name: 'Cashier', pin: '1111' });
    await h.ok('auth.login', { name: 'Cashier', pin: '0000' });
    for (let i = 0; i < 4; i++) expect((await h.err('auth.login', { name: 'Cashier', pin: '1111' })).code).toBe('UNAUTHENTICATED');
    await h.ok('auth.login', { name: 'Cashier', pin: '0000' });
  });

  it('locks unknown names too, so a lockout does not reveal who exists', async () => {
    for (let i = 0; i < 5; i++) expect((await h.err('auth.login', { name: 'Ghost', pin: '1111' })).code).toBe('UNAUTHENTICATED');
    expect((await h.err('auth.login', { name: 'ghost', pin: '1111' })).code).toBe('LOCKED_OUT');
  });

  it('audits a lockout without the PIN', async () => {
    for (let i = 0; i < 5; i++) await h.err('auth.login', { name: 'Cashier', pin: '1111' });
    const row = h.engine.ctx.db.prepare("SELECT entity_id, details FROM audit WHERE action = 'auth.lockout'").get() as { entity_id: string; details: string };
    expect(row.entity_id).toBe(T.cashier);
    expect(row.details).not.toContain('1111');
  });

  it('does not let inactive staff sign in', async () => {
    h.engine.ctx.db.prepare('UPDATE staff SET active = 0 WHERE id = ?').run(T.cashier);
    const e = await h.err('auth.login', { name: 'Cashier', pin: '0000' });
    expect(e.code).toBe('UNAUTHENTICATED');
    expect(e.message).toBe((await h.err('auth.login', { name: 'Nobody', pin: '0000' })).message);
  });

  it('ends a session idle for more than 12 h and keeps a used one alive', async () => {
    const { token } = await h.ok('auth.login', { name: 'Cashier', pin: '0000' });
    h.clock.advance(11 * 3600_000);
    await h.ok('movies.search', {}, token);
    h.clock.advance(4 * 3600_000); // 15 h after login, 4 h idle
    await h.ok('movies.search', {}, token);
    h.clock.advance(12 * 3600_000 + 1000);
    expect((await h.err('movies.search', {}, token)).code).toBe('UNAUTHENTICATED');
    expect(count(h.engine.ctx.db, 'SELECT count(*) AS n FROM sessions WHERE token_hash = ?', tokenHash(token))).toBe(0);
  });

  it('ends a session 16 h after sign-in however busy (settings.sessionMaxHours), and follows the setting', async () => {
    const { token } = await h.ok('auth.login', { name: 'Cashier', pin: '0000' });
    for (let i = 0; i < 16; i++) {
      h.clock.advance(3600_000);
      await h.ok('movies.search', {}, token);
    }
    h.clock.advance(1000);
    expect((await h.err('movies.search', {}, token)).code).toBe('UNAUTHENTICATED');
    // A shorter lifetime applies to running sessions at once.
    const manager = (await h.ok('auth.login', { name: 'Manager', pin: '1234' })).token;
    const settings = await h.ok('settings.get', {}, manager);
    await h.ok('settings.save', { ...settings, sessionMaxHours: 1 }, manager);
    h.clock.advance(3600_000 + 1000);
    expect((await h.err('movies.search', {}, manager)).code).toBe('UNAUTHENTICATED');
  });

  it('stores only a hash of the token', async () => {
    const { token } = await h.ok('auth.login', { name: 'Cashier', pin: '0000' });
    const rows = h.engine.ctx.db.prepare('SELECT * FROM sessions').all() as Record<string, unknown>[];
    const dump = JSON.stringify(rows) + JSON.stringify(h.engine.ctx.db.prepare('SELECT * FROM holds').all());
    expect(dump).not.toContain(token);
    expect(rows.map((r) => r.token_hash)).toContain(tokenHash(token));
  });

  it('writes last_seen at most once a minute', async () => {
    const lastSeen = () => count(h.engine.ctx.db, 'SELECT last_seen AS n FROM sessions WHERE token_hash = ?', tokenHash(TOKENS.cashier));
    const start = lastSeen();
    h.clock.advanceSeconds(30);
    await h.ok('movies.search', {}, TOKENS.cashier);
    expect(lastSeen()).toBe(start);
    h.clock.advanceSeconds(31);
    await h.ok('movies.search', {}, TOKENS.cashier);
    expect(lastSeen()).toBe(h.clock.now());
  });

  it('refuses an unknown token and a deactivated person\'s token', async () => {
    expect((await h.err('movies.search', {}, 'no-such-token')).code).toBe('UNAUTHENTICATED');
    h.engine.ctx.db.prepare('UPDATE staff SET active = 0 WHERE id = ?').run(T.cashier);
    expect((await h.err('movies.search', {}, TOKENS.cashier)).code).toBe('UNAUTHENTICATED');
  });

  it('logs out: the token stops working', async () => {
    const { token } = await h.ok('auth.login', { name: 'Cashier', pin: '0000' });
    expect(await h.ok('auth.logout', {}, token)).toEqual({});
    expect((await h.err('movies.search', {}, token)).code).toBe('UNAUTHENTICATED');
    expect((await h.err('auth.logout', {}, token)).code).toBe('UNAUTHENTICATED');
    expect((await h.err('auth.logout', { extra: 1 }, TOKENS.cashier)).code).toBe('VALIDATION');
    // Other sessions of other people are untouched.
    await h.ok('movies.search', {}, TOKENS.manager);
  });
});

describe('verifyManager', () => {
  beforeEach(() => {
    h = makeHarness();
    seedBasics(h.engine.ctx.db, { now: h.clock.now() });
    setPin(h.engine.ctx.db, T.manager, '1234');
    setPin(h.engine.ctx.db, T.cashier, '0000');
  });

  const code = async (f: () => Promise<unknown>): Promise<string> => {
    try {
      await f();
      return 'OK';
    } catch (e) {
      return e instanceof BoxOfficeError ? e.code : 'OTHER';
    }
  };

  it('approves with a manager\'s PIN and returns an actor without a session', async () => {
    expect(await verifyManager(h.engine.ctx, 'manager', '1234')).toEqual({ staffId: T.manager, name: 'Manager', role: 'manager', session: '' });
  });

  it('refuses a cashier (FORBIDDEN), a wrong PIN (UNAUTHENTICATED) and locks out after 5', async () => {
    expect(await code(() => verifyManager(h.engine.ctx, 'Cashier', '0000'))).toBe('FORBIDDEN');
    for (let i = 0; i < 5; i++) expect(await code(() => verifyManager(h.engine.ctx, 'Manager', '9999'))).toBe('UNAUTHENTICATED');
    expect(await code(() => verifyManager(h.engine.ctx, 'Manager', '1234'))).toBe('LOCKED_OUT');
    h.clock.advanceSeconds(61);
    expect(await code(() => verifyManager(h.engine.ctx, 'Manager', '1234'))).toBe('OK');
  });
});
