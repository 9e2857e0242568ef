// Exchanges and the money of issue 13: the new seats keep the sale's promo discount (the use
// passes on, none is taken), a gift voucher may pay the difference, and a difference owed back
// goes onto the voucher that paid. Show: Monday 19:00 New York, base 1000 (E regular, A vip).
import { afterEach, describe, expect, it } from 'vitest';
import type { Harness } from '../support/engineHarness';
import { holdSql, key, seat, setup, SHOW, TOKENS } from './bookingSupport';

const C = TOKENS.cashier;
const M = TOKENS.manager;
let h: Harness;
afterEach(() => h?.close());

const adult = (...seats: string[]) => seats.map((seatId) => ({ seatId, ticketType: 'adult' }));
const balance = async (code: string) => (await h.ok('vouchers.get', { code }, C)).balance;
const uses = async () => (await h.ok('promos.list', {}, M))[0]!.uses;

describe('exchanges and promo codes, gift vouchers', () => {
  it('keeps the promo on the new seats and lets a voucher pay the difference', async () => {
    ({ h } = setup());
    await h.ok('promos.save', { code: 'TEN', kind: 'percent', value: 10, maxUses: 1, active: true }, M);
    const { voucher } = await h.ok('vouchers.sell', { amount: 1000, payments: [{ method: 'card', amount: 1000 }], idempotencyKey: key() }, C);
    const old = await h.ok('bookings.confirm', {
      holdId: holdSql(h, SHOW, [seat('E', 1)]), tickets: adult(seat('E', 1)), payments: [{ method: 'cash', amount: 900 }], idempotencyKey: key(), promoCode: 'TEN',
    }, C);
    // A1 vip 1500 less 10 % = 1350: 450 more, paid from the voucher. The limit (1 use) is not in the way.
    const r = await h.ok('bookings.exchange', {
      bookingId: old.id, holdId: holdSql(h, SHOW, [seat('A', 1)]), tickets: adult(seat('A', 1)),
      payments: [{ method: 'voucher', amount: 450, reference: voucher.code }], idempotencyKey: key(),
    }, C);
    expect(r.difference).toBe(450);
    expect(r.booking).toMatchObject({ total: 1350, promoCode: 'TEN', tickets: [{ seatLabel: 'A1', amount: 1350, discount: 150 }] });
    expect(await balance(voucher.code)).toBe(550);
    expect(await uses()).toBe(1);
    // Cancelled later: the use comes back, the voucher part goes back onto the voucher.
    const c = await h.ok('bookings.cancel', { id: r.booking.id, reason: 'ill' }, C);
    expect(c.refund).toEqual({ amount: 1350, percent: 100 });
    expect(await balance(voucher.code)).toBe(1000);
    expect(await uses()).toBe(0);
  });

  it('puts a difference owed back onto the voucher that paid, and refuses a voucher too small for the difference', async () => {
    ({ h } = setup());
    const { voucher } = await h.ok('vouchers.sell', { amount: 2000, payments: [{ method: 'cash', amount: 2000 }], idempotencyKey: key() }, C);
    const old = await h.ok('bookings.confirm', {
      holdId: holdSql(h, SHOW, [seat('A', 2)]), tickets: adult(seat('A', 2)), payments: [{ method: 'voucher', amount: 1500, reference: voucher.code }], idempotencyKey: key(),
    }, C);
    expect(await balance(voucher.code)).toBe(500);
    const e = await h.err('bookings.exchange', {
      bookingId: old.id, holdId: holdSql(h, SHOW, [seat('A', 3), seat('A', 4)]), tickets: adult(seat('A', 3), seat('A', 4)),
      payments: [{ method: 'voucher', amount: 1500, reference: voucher.code }], idempotencyKey: key(),
    }, C);
    expect(e).toMatchObject({ code: 'PAYMENT_DECLINED', details: { reason: 'balance', balance: 500 } });
    const r = await h.ok('bookings.exchange', { bookingId: old.id, holdId: holdSql(h, SHOW, [seat('E', 5)]), tickets: adult(seat('E', 5)), idempotencyKey: key() }, C);
    expect(r.difference).toBe(-500);
    expect(await balance(voucher.code)).toBe(1000);
  });
});

describe('the film report after exchanges and partial cancellations', () => {
  it('counts an exchanged sale once and only live tickets as admissions', async () => {
    ({ h } = setup());
    const old = await h.ok('bookings.confirm', {
      holdId: holdSql(h, SHOW, [seat('E', 1), seat('E', 2)]), tickets: adult(seat('E', 1), seat('E', 2)), payments: [{ method: 'card', amount: 2000 }], idempotencyKey: key(),
    }, C);
    const r = await h.ok('bookings.exchange', {
      bookingId: old.id, holdId: holdSql(h, SHOW, [seat('A', 1), seat('A', 2)]), tickets: adult(seat('A', 1), seat('A', 2)),
      payments: [{ method: 'card', amount: 1000 }], idempotencyKey: key(),
    }, C);
    // One of the two new tickets cancelled (100 % tier): 1500 back.
    await h.ok('bookings.cancel', { id: r.booking.id, reason: 'one less', ticketIds: [r.booking.tickets[0]!.id] }, C);
    const film = await h.ok('reports.film', { from: '2026-11-23', to: '2026-11-23' }, M);
    expect(film.rows).toEqual([{ movieId: 'mv_inception', title: 'Inception', shows: 1, admissions: 1, gross: 1500, tax: 0, net: 1500 }]);
  });
});
