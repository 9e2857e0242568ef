import { describe, expect, it } from 'vitest';
import { SimulatedTerminal } from '../../electron/engine/payments/terminal';

describe('the simulated payment terminal', () => {
  it('declines a DECLINE reference and approves others', async () => {
    const t = new SimulatedTerminal();
    expect(await t.charge({ method: 'card', amount: 500, currency: 'USD', reference: 'decline', idempotencyKey: 'k1' })).toMatchObject({ approved: false });
    expect(await t.charge({ method: 'upi', amount: 500, currency: 'USD', idempotencyKey: 'k2' })).toMatchObject({ approved: true });
    expect(t.outstanding()).toBe(500);
  });

  it('returns the same transaction for a retried key, but never one that was refunded', async () => {
    const t = new SimulatedTerminal();
    const a = await t.charge({ method: 'card', amount: 700, currency: 'USD', idempotencyKey: 'sale:0' });
    const again = await t.charge({ method: 'card', amount: 700, currency: 'USD', idempotencyKey: 'sale:0' });
    expect(again).toEqual(a);
    expect(t.outstanding()).toBe(700);
    if (!a.approved) throw new Error('expected approval');
    expect(await t.refund(a.transactionId, 700)).toEqual({ refunded: true });
    const retry = await t.charge({ method: 'card', amount: 700, currency: 'USD', idempotencyKey: 'sale:0' });
    expect(retry.approved && retry.transactionId).not.toBe(a.transactionId);
    expect(t.outstanding()).toBe(700);
  });

  it('refuses to refund more than was charged', async () => {
    const t = new SimulatedTerminal();
    const a = await t.charge({ method: 'wallet', amount: 300, currency: 'USD', idempotencyKey: 'w' });
    if (!a.approved) throw new Error('expected approval');
    expect(await t.refund(a.transactionId, 301)).toEqual({ refunded: false });
    expect(await t.refund('nope', 1)).toEqual({ refunded: false });
  });
});

describe('terminal refunds with an idempotency key', () => {
  it('refunds once for a key retried after a crash', async () => {
    const t = new SimulatedTerminal();
    const a = await t.charge({ method: 'card', amount: 900, currency: 'USD', idempotencyKey: 'r' });
    if (!a.approved) throw new Error('expected approval');
    expect(await t.refund(a.transactionId, 400, 'refund-op-1')).toEqual({ refunded: true });
    expect(await t.refund(a.transactionId, 400, 'refund-op-1')).toEqual({ refunded: true });
    expect(t.outstanding()).toBe(500);
    expect(await t.refund(a.transactionId, 500, 'refund-op-2')).toEqual({ refunded: true });
    expect(t.outstanding()).toBe(0);
  });
});
