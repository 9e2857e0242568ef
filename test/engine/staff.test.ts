import { describe, expect, it } from 'vitest';
import { useSeededHarness } from '../support/seeded';
import type { Harness } from '../support/engineHarness';
import { T, TOKENS } from '../support/fixtures';
import { count } from './claimsSql';

const h = useSeededHarness();

const M = TOKENS.manager;

describe('staff.list', () => {
  it('lists everyone by name for a manager', async () => {
    const list = await h.ok('staff.list', {}, M);
    expect(list.map((s) => s.name)).toEqual(['Cashier', 'Cashier Two', 'Manager']);
    expect(list[2]).toEqual({ id: T.manager, name: 'Manager', role: 'manager', active: true });
  });

  it('is for managers only', async () => {
    expect((await h.err('staff.list', {}, TOKENS.cashier)).code).toBe('FORBIDDEN');
    expect((await h.err('staff.list', {})).code).toBe('UNAUTHENTICATED');
    expect((await h.err('staff.list', { x: 1 }, M)).code).toBe('VALIDATION');
  });
});

describe('staff.save', () => {
  const staffCount = () => count(h.engine.ctx.db, 'SELECT count(*) AS n FROM staff');

  it('creates a cashier who can then sign in, and audits it without the PIN', async () => {
    const s = await h.ok('staff.save', { name: 'Ravi', role: 'cashier', pin: '246810', active: true }, M);
    expect(s).toMatchObject({ name: 'Ravi', role: 'cashier', active: true });
    expect((await h.ok('auth.login', { name: 'Ravi', pin: '246810' })).staff.id).toBe(s.id);
    const audit = h.engine.ctx.db.prepare("SELECT staff_id, details FROM audit WHERE action = 'staff.create' AND entity_id = ?").get(s.id) as { staff_id: string; details: string };
    expect(audit.staff_id).toBe(T.manager);
    expect(audit.details).not.toContain('246810');
  });

  it('needs a PIN on create (VALIDATION) and creates nothing', async () => {
    const before = staffCount();
    const e = await h.err('staff.save', { name: 'Ravi', role: 'cashier', active: true }, M);
    expect(e.code).toBe('VALIDATION');
    expect((await h.err('staff.save', { name: 'Ravi', role: 'cashier', pin: '12', active: true }, M)).code).toBe('VALIDATION');
    expect((await h.err('staff.save', { name: 'Ravi', role: 'owner', pin: '1234', active: true }, M)).code).toBe('VALIDATION');
    expect(staffCount()).toBe(before);
  });

  it('refuses a name already taken, ignoring case (CONFLICT)', async () => {
    const e = await h.err('staff.save', { name: 'cashier', role: 'cashier', pin: '1234', active: true }, M);
    expect(e.code).toBe('CONFLICT');
    expect((await h.err('staff.save', { id: T.cashier2, name: 'MANAGER', role: 'cashier', active: true }, M)).code).toBe('CONFLICT');
    // Renaming oneself with a different case is fine.
    expect((await h.ok('staff.save', { id: T.cashier, name: 'CASHIER', role: 'cashier', active: true }, M)).name).toBe('CASHIER');
  });

  it('resets a PIN on update and keeps it when none is given', async () => {
    await h.ok('staff.save', { id: T.cashier, name: 'Cashier', role: 'cashier', pin: '5555', active: true }, M);
    await h.ok('auth.login', { name: 'Cashier', pin: '5555' });
    await h.ok('staff.save', { id: T.cashier, name: 'Cashier', role: 'cashier', active: true }, M);
    await h.ok('auth.login', { name: 'Cashier', pin: '5555' });
    expect((await h.err('auth.login', { name: 'Cashier', pin: '0000' })).code).toBe('UNAUTHENTICATED');
  });

  it('a PIN reset lifts a lockout', async () => {
    await h.ok('staff.save', { id: T.cashier, name: 'Cashier', role: 'cashier', pin: '5555', active: true }, M);
    for (let i = 0; i < 5; i++) await h.err('auth.login', { name: 'Cashier', pin: '1111' });
    expect((await h.err('auth.login', { name: 'Cashier', pin: '5555' })).code).toBe('LOCKED_OUT');
    await h.ok('staff.save', { id: T.cashier, name: 'Cashier', role: 'cashier', pin: '6666', active: true }, M);
    await h.ok('auth.login', { name: 'Cashier', pin: '6666' });
  });

  it('never demotes or deactivates the last active manager', async () => {
    const demote = await h.err('staff.save', { id: T.manager, name: 'Manager', role: 'cashier', active: true }, M);
    expect(demote.code).toBe('CONFLICT');
    expect((await h.err('staff.save', { id: T.manager, name: 'Manager', role: 'manager', active: false }, M)).code).toBe('CONFLICT');
    expect((await h.ok('staff.list', {}, M)).find((s) => s.id === T.manager)).toMatchObject({ role: 'manager', active: true });
    // With a second manager it is allowed.
    await h.ok('staff.save', { id: T.cashier2, name: 'Cashier Two', role: 'manager', active: true }, M);
    expect((await h.ok('staff.save', { id: T.manager, name: 'Manager', role: 'cashier', active: true }, M)).role).toBe('cashier');
    // The router reads the role afresh: the demoted manager's session is a cashier's now.
    expect((await h.err('staff.list', {}, M)).code).toBe('FORBIDDEN');
  });

  it('an inactive manager does not count as the last one', async () => {
    await h.ok('staff.save', { id: T.cashier2, name: 'Cashier Two', role: 'manager', active: false }, M);
    expect((await h.err('staff.save', { id: T.manager, name: 'Manager', role: 'manager', active: false }, M)).code).toBe('CONFLICT');
  });

  it('deactivating someone ends their sessions', async () => {
    await h.ok('movies.search', {}, TOKENS.cashier);
    const s = await h.ok('staff.save', { id: T.cashier, name: 'Cashier', role: 'cashier', active: false }, M);
    expect(s.active).toBe(false);
    expect(count(h.engine.ctx.db, 'SELECT count(*) AS n FROM sessions WHERE staff_id = ?', T.cashier)).toBe(0);
    expect((await h.err('movies.search', {}, TOKENS.cashier)).code).toBe('UNAUTHENTICATED');
    await h.ok('movies.search', {}, TOKENS.cashier2);
  });

  it('answers NOT_FOUND for an unknown id', async () => {
    expect((await h.err('staff.save', { id: 'st_nope', name: 'X', role: 'cashier', active: true }, M)).code).toBe('NOT_FOUND');
  });

  it('is for managers only', async () => {
    const input = { name: 'Ravi', role: 'cashier', pin: '1234', active: true };
    expect((await h.err('staff.save', input, TOKENS.cashier)).code).toBe('FORBIDDEN');
    expect((await h.err('staff.save', input)).code).toBe('UNAUTHENTICATED');
    expect(count(h.engine.ctx.db, "SELECT count(*) AS n FROM staff WHERE name = 'Ravi'")).toBe(0);
  });
});
