import { afterEach, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../support/engineHarness';
import { seedBasics, TOKENS } from '../support/fixtures';

let h: Harness | null = null;
afterEach(() => {
  h?.close();
  h = null;
});

function op(x: Harness, id: string, kind: 'charge' | 'refund', status: string, at: number) {
  x.engine.ctx.db
    .prepare(
      `INSERT INTO terminal_ops (id, kind, idempotency_key, method, amount, currency, terminal_txn, status, attempts, last_error, lease_until, created_at, updated_at)
       VALUES (?, ?, 'k', 'card', 1500, 'USD', ?, ?, 3, 'terminal offline', 0, ?, ?)`,
    )
    .run(id, kind, kind === 'refund' ? 'sim_1' : null, status, at, at);
}

describe('terminal operations a manager must check', () => {
  it('lists unknown charges and failed refunds, newest first, until a manager settles them', async () => {
    h = makeHarness();
    const now = h.clock.now();
    seedBasics(h.engine.ctx.db, { now });
    op(h, 'op_unknown', 'charge', 'unknown', now - 2000);
    op(h, 'op_failed', 'refund', 'failed', now - 1000);
    op(h, 'op_done', 'charge', 'done', now);
    const list = await h.ok('payments.review', {}, TOKENS.manager);
    expect(list.map((i) => i.id)).toEqual(['op_failed', 'op_unknown']);
    expect(list[1]).toMatchObject({ kind: 'charge', method: 'card', amount: 1500, status: 'unknown', lastError: 'terminal offline', resolved: null });

    const settled = await h.ok('payments.resolve', { id: 'op_unknown', note: 'Terminal log shows no charge' }, TOKENS.manager);
    expect(settled.resolved).toMatchObject({ by: 'Manager', note: 'Terminal log shows no charge' });
    expect((await h.ok('payments.review', {}, TOKENS.manager)).map((i) => i.id)).toEqual(['op_failed']);
    expect((await h.ok('payments.review', { includeResolved: true }, TOKENS.manager)).map((i) => i.id)).toEqual(['op_failed', 'op_unknown']);
    const audit = await h.ok('audit.list', {}, TOKENS.manager);
    expect(audit.some((a) => a.action === 'payment.resolved' && a.entityId === 'op_unknown')).toBe(true);
  });

  it('refuses to settle twice, to settle a finished operation, or to a cashier', async () => {
    h = makeHarness();
    const now = h.clock.now();
    seedBasics(h.engine.ctx.db, { now });
    op(h, 'op_unknown', 'charge', 'unknown', now);
    op(h, 'op_done', 'charge', 'done', now);
    await h.ok('payments.resolve', { id: 'op_unknown', note: 'Refunded on the terminal' }, TOKENS.manager);
    expect((await h.err('payments.resolve', { id: 'op_unknown', note: 'again' }, TOKENS.manager)).code).toBe('CONFLICT');
    expect((await h.err('payments.resolve', { id: 'op_done', note: 'nothing to do' }, TOKENS.manager)).code).toBe('CONFLICT');
    expect((await h.err('payments.resolve', { id: 'nope', note: 'nothing to do' }, TOKENS.manager)).code).toBe('NOT_FOUND');
    expect((await h.err('payments.resolve', { id: 'op_unknown', note: 'x' }, TOKENS.manager)).code).toBe('VALIDATION');
    expect((await h.err('payments.review', {}, TOKENS.cashier)).code).toBe('FORBIDDEN');
    expect((await h.err('payments.review', {})).code).toBe('UNAUTHENTICATED');
  });
});
