// Gift vouchers through the router: vouchers.sell (cash or card, on the shift, idempotent, expiry
// from settings), vouchers.get, spending one as payment method `voucher` (alone or split), a
// balance too small (PAYMENT_DECLINED with details.balance, nothing charged), expiry, and a
// refund going back onto the voucher.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/contract';
import type { Harness } from '../support/engineHarness';
import { fixtureShiftId, T } from '../support/fixtures';
import { expectedCashOf } from '../../electron/engine/shifts/shifts';
import { counts, holdSql, key, seat, setup, SHOW, TOKENS } from './bookingSupport';

let h: Harness;
afterEach(() => h?.close());
const C = TOKENS.cashier;
const M = TOKENS.manager;

const sellVoucher = (amount: number, payments: unknown[] = [{ method: 'cash', amount }], idempotencyKey = key(), token = C) =>
  h.ok('vouchers.sell', { amount, payments, idempotencyKey }, token);

function expectedCash(staffId: string): number {
  return expectedCashOf(h.engine.ctx.db, fixtureShiftId(staffId), 0);
}

async function spend(seats: string[], payments: unknown[]) {
  const tickets = seats.map((s) => ({ seatId: s, ticketType: 'adult' }));
  const holdId = holdSql(h, SHOW, seats);
  return { holdId, r: await h.call('bookings.confirm', { holdId, tickets, payments, idempotencyKey: key() }, C) };
}

describe('vouchers.sell and vouchers.get', () => {
  it('sells for cash on the shift, valid 12 months, found by its code typed any way', async () => {
    ({ h } = setup());
    const r = await sellVoucher(5000, [{ method: 'cash', amount: 5000, tendered: 6000 }]);
    expect(r.voucher).toMatchObject({ amount: 5000, balance: 5000, currency: 'USD', status: 'active', soldAt: '2026-11-23T15:00:00.000Z', expiresAt: '2027-11-23T15:00:00.000Z' });
    expect(r.voucher.code).toMatch(/^[ABCDEFGHJKLMNPQRSTUVWXYZ2-9]{12}$/);
    expect(r.payments).toEqual([{ method: 'cash', amount: 5000, tendered: 6000, change: 1000 }]);
    // In the drawer: the cashier's expected cash includes it.
    expect(expectedCash(T.cashier)).toBe(5000);
    // The day report shows it apart: not box office until spent on tickets.
    expect(await h.ok('reports.daily', { date: '2026-11-23' }, M)).toMatchObject({ gross: 0, vouchersSold: { count: 1, amount: 5000 } });
    const typed = `${r.voucher.code.slice(0, 4).toLowerCase()}-${r.voucher.code.slice(4, 8)}-${r.voucher.code.slice(8)}`;
    expect(await h.ok('vouchers.get', { code: typed }, C)).toEqual(r.voucher);
    expect((await h.err('vouchers.get', { code: 'AAAABBBBCCCC' }, C)).code).toBe('NOT_FOUND');
    expect((await h.err('vouchers.get', { code: 'short' }, C)).code).toBe('VALIDATION');
  });

  it('is idempotent, takes card through the terminal, refuses a decline and a mismatch, and follows settings.voucherMonths', async () => {
    ({ h } = setup());
    const k = key();
    const a = await sellVoucher(2500, [{ method: 'card', amount: 2500 }], k);
    const b = await sellVoucher(2500, [{ method: 'card', amount: 2500 }], k);
    expect(b).toEqual(a);
    expect(h.terminal.outstanding()).toBe(2500);
    expect((await h.err('vouchers.sell', { amount: 3000, payments: [{ method: 'card', amount: 3000 }], idempotencyKey: k }, C)).code).toBe('IDEMPOTENCY_KEY_REUSED');
    // Same amount, another payment: another request under the same key.
    expect((await h.err('vouchers.sell', { amount: 2500, payments: [{ method: 'cash', amount: 2500 }], idempotencyKey: k }, C)).code).toBe('IDEMPOTENCY_KEY_REUSED');
    const before = counts(h.engine.ctx.db);
    expect((await h.err('vouchers.sell', { amount: 1000, payments: [{ method: 'card', amount: 1000, reference: 'DECLINE' }], idempotencyKey: key() }, C)).code).toBe('PAYMENT_DECLINED');
    expect((await h.err('vouchers.sell', { amount: 1000, payments: [{ method: 'cash', amount: 900 }], idempotencyKey: key() }, C)).code).toBe('PAYMENT_MISMATCH');
    expect((await h.err('vouchers.sell', { amount: 1000, payments: [{ method: 'voucher', amount: 1000 }], idempotencyKey: key() }, C)).code).toBe('VALIDATION');
    expect(counts(h.engine.ctx.db)).toEqual(before);
    expect(h.terminal.outstanding()).toBe(2500);
    await h.ok('settings.save', { ...DEFAULT_SETTINGS, voucherMonths: 3 }, M);
    expect((await sellVoucher(1000)).voucher.expiresAt).toBe('2027-02-23T15:00:00.000Z');
  });
});

describe('paying with a voucher', () => {
  it('spends the balance alone or split with cash, and refunds go back onto the voucher', async () => {
    ({ h } = setup());
    const { voucher } = await sellVoucher(2000);
    // A1 vip 1500, all from the voucher.
    const one = await spend([seat('A', 1)], [{ method: 'voucher', amount: 1500, reference: voucher.code }]);
    if (!one.r.ok) throw new Error(JSON.stringify(one.r.error));
    expect(one.r.data.payments).toEqual([{ method: 'voucher', amount: 1500, reference: voucher.code }]);
    expect((await h.ok('vouchers.get', { code: voucher.code }, C)).balance).toBe(500);
    // E1 1000: 500 left on the voucher plus 500 cash; the voucher is then spent.
    const two = await spend([seat('E', 1)], [{ method: 'voucher', amount: 500, reference: voucher.code }, { method: 'cash', amount: 500 }]);
    if (!two.r.ok) throw new Error(JSON.stringify(two.r.error));
    expect(await h.ok('vouchers.get', { code: voucher.code }, C)).toMatchObject({ balance: 0, status: 'spent' });
    // Cancelling the first sale (100 % tier) puts 1500 back on the voucher, not in the drawer.
    const cashBefore = expectedCash(T.cashier);
    const c = await h.ok('bookings.cancel', { id: one.r.data.id, reason: 'sick' }, C);
    expect(c.refund).toEqual({ amount: 1500, percent: 100 });
    expect(await h.ok('vouchers.get', { code: voucher.code }, C)).toMatchObject({ balance: 1500, status: 'active' });
    expect(expectedCash(T.cashier)).toBe(cashBefore);
  });

  it('declines a balance too small with details.balance before any card is charged, and keeps the hold', async () => {
    ({ h } = setup());
    const { voucher } = await sellVoucher(1000);
    const before = counts(h.engine.ctx.db);
    const { holdId, r } = await spend([seat('A', 1), seat('E', 1)], [{ method: 'card', amount: 1000 }, { method: 'voucher', amount: 1500, reference: voucher.code }]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ code: 'PAYMENT_DECLINED', details: { method: 'voucher', reason: 'balance', balance: 1000, payment: 1 } });
    expect(h.terminal.charges.size).toBe(0); // checked before the card was charged
    expect(counts(h.engine.ctx.db)).toEqual({ ...before, holds: before.holds! + 1, claims: before.claims! + 2 });
    expect(h.engine.ctx.db.prepare('SELECT 1 FROM holds WHERE id = ?').get(holdId)).toBeTruthy();
    // Unknown and expired vouchers, and a voucher payment without a code.
    const unknown = await spend([seat('E', 5)], [{ method: 'voucher', amount: 1000, reference: 'AAAABBBBCCCC' }]);
    expect(unknown.r.ok ? null : unknown.r.error).toMatchObject({ code: 'PAYMENT_DECLINED', details: { reason: 'unknown', balance: 0 } });
    h.engine.ctx.db.prepare('UPDATE vouchers SET expires_at = ? WHERE code = ?').run(h.clock.now() - 1, voucher.code);
    const expired = await spend([seat('E', 6)], [{ method: 'voucher', amount: 1000, reference: voucher.code }]);
    expect(expired.r.ok ? null : expired.r.error).toMatchObject({ code: 'PAYMENT_DECLINED', details: { reason: 'expired', balance: 1000 } });
    const noCode = await spend([seat('E', 7)], [{ method: 'voucher', amount: 1000 }]);
    expect(noCode.r.ok ? null : noCode.r.error.code).toBe('VALIDATION');
    // The CHECK keeps a balance from going below 0 whatever code tries.
    expect(() => h.engine.ctx.db.prepare('UPDATE vouchers SET balance = balance - 5000').run()).toThrow(/CHECK/);
  });
});
