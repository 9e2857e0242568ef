// Promo codes through the router: promos.save/list (manager), the discount per ticket in quotes
// and sales, every PROMO_INVALID reason, one use per sale, maxUses, a refused promo keeps the
// hold and charges nothing, and a cancelled sale gives its use back.
// Show: Monday 23 Nov 2026 19:00 New York, base 1000 (E regular, A vip, C premium).
import { afterEach, describe, expect, it } from 'vitest';
import type { Harness } from '../support/engineHarness';
import { T } from '../support/fixtures';
import { counts, holdSql, key, seat, setup, SHOW, TOKENS } from './bookingSupport';

let h: Harness;
afterEach(() => h?.close());
const C = TOKENS.cashier;
const M = TOKENS.manager;

const promo = (over: Record<string, unknown> = {}) => h.ok('promos.save', { code: 'TEN', kind: 'percent', value: 10, active: true, ...over }, M);

async function sellWith(seats: string[], promoCode: string | undefined, method: 'cash' | 'card' = 'cash') {
  const tickets = seats.map((s) => ({ seatId: s, ticketType: 'adult' }));
  const q = await h.ok('pricing.quote', { showId: SHOW, tickets, ...(promoCode ? { promoCode } : {}) }, C);
  const holdId = holdSql(h, SHOW, seats);
  const r = await h.call('bookings.confirm', { holdId, tickets, payments: [{ method, amount: q.total }], idempotencyKey: key(), ...(promoCode ? { promoCode } : {}) }, C);
  return { q, holdId, r };
}

describe('promos.save and promos.list', () => {
  it('creates, lists with uses, edits and deactivates; only a manager', async () => {
    ({ h } = setup());
    const p = await promo({ code: 'ten', validFrom: '2026-11-01', validTo: '2026-12-31', maxUses: 5, movieIds: [T.movie] });
    expect(p).toMatchObject({ code: 'TEN', kind: 'percent', value: 10, validFrom: '2026-11-01', validTo: '2026-12-31', maxUses: 5, movieIds: [T.movie], active: true, uses: 0 });
    const off = await h.ok('promos.save', { id: p.id, code: 'TEN', kind: 'percent', value: 10, active: false }, M);
    expect(off).toMatchObject({ id: p.id, active: false, uses: 0 });
    expect(off.maxUses).toBeUndefined();
    expect(await h.ok('promos.list', {}, M)).toEqual([off]);
    expect((await h.err('promos.list', {}, C)).code).toBe('FORBIDDEN');
    expect((await h.err('promos.save', { code: 'X1', kind: 'amount', value: 100, active: true }, C)).code).toBe('FORBIDDEN');
  });

  it('refuses a percent over 100, dates the wrong way round, a taken code and unknown movies', async () => {
    ({ h } = setup());
    await promo();
    const before = counts(h.engine.ctx.db);
    expect((await h.err('promos.save', { code: 'BIG', kind: 'percent', value: 101, active: true }, M)).code).toBe('VALIDATION');
    expect((await h.err('promos.save', { code: 'BACK', kind: 'amount', value: 100, validFrom: '2026-12-02', validTo: '2026-12-01', active: true }, M)).code).toBe('VALIDATION');
    expect((await h.err('promos.save', { code: 'ten', kind: 'amount', value: 100, active: true }, M)).code).toBe('CONFLICT');
    expect((await h.err('promos.save', { code: 'FILM', kind: 'amount', value: 100, movieIds: ['mv_nope'], active: true }, M)).code).toBe('NOT_FOUND');
    expect((await h.err('promos.save', { code: 'a b', kind: 'amount', value: 100, active: true }, M)).code).toBe('VALIDATION');
    expect(counts(h.engine.ctx.db)).toEqual(before);
    expect(await h.ok('promos.list', {}, M)).toHaveLength(1);
  });
});

describe('promo codes at the counter', () => {
  it('discounts each ticket in the quote and the sale: 1500 and 1000 less 10 %', async () => {
    ({ h } = setup());
    await promo();
    const { q, r } = await sellWith([seat('A', 1), seat('E', 1)], 'ten');
    expect(q.lines.map((l) => [l.amount, l.discount])).toEqual([[1350, 150], [900, 100]]);
    expect(q.total).toBe(2250);
    expect(q.promo).toEqual({ code: 'TEN', discount: 250 });
    expect(q.lines[0]!.breakdown.at(-1)).toEqual({ label: 'Promo TEN -10 %', kind: 'promo', value: 10, amountAfter: 1350 });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.data.promoCode).toBe('TEN');
    expect(r.data.tickets.map((t) => [t.seatLabel, t.amount, t.discount])).toEqual([['A1', 1350, 150], ['E1', 900, 100]]);
    // One sale is one use, whatever its number of tickets.
    expect((await h.ok('promos.list', {}, M))[0]!.uses).toBe(1);
  });

  it('answers PROMO_INVALID with each reason, and a refused confirm keeps the hold and charges nothing', async () => {
    ({ h } = setup());
    const reason = async (code: string) => {
      const e = await h.err('pricing.quote', { showId: SHOW, tickets: [{ seatId: seat('E', 1), ticketType: 'adult' }], promoCode: code }, C);
      expect(e.code).toBe('PROMO_INVALID');
      return (e.details as { reason: string }).reason;
    };
    await promo({ code: 'OFF', active: false });
    await promo({ code: 'SOON', validFrom: '2026-11-24' });
    // Monday 23 Nov 10:00 in New York: a code valid until the 22nd has expired, until the 23rd has not.
    await promo({ code: 'OLD', validTo: '2026-11-22' });
    await promo({ code: 'TODAY', validTo: '2026-11-23' });
    await h.ok('movies.save', { title: 'Other', durationMinutes: 90, genres: [], language: 'English', rating: 'PG' }, M)
      .then((m) => promo({ code: 'OTHER', movieIds: [m.id] }));
    expect(await reason('NOPE')).toBe('unknown');
    expect(await reason('OFF')).toBe('inactive');
    expect(await reason('SOON')).toBe('not_yet');
    expect(await reason('OLD')).toBe('expired');
    expect(await reason('OTHER')).toBe('not_for_show');
    expect((await h.ok('pricing.quote', { showId: SHOW, tickets: [{ seatId: seat('E', 1), ticketType: 'adult' }], promoCode: 'today' }, C)).total).toBe(900);

    const holdId = holdSql(h, SHOW, [seat('E', 1)]);
    const before = counts(h.engine.ctx.db);
    const e = await h.err('bookings.confirm', {
      holdId, tickets: [{ seatId: seat('E', 1), ticketType: 'adult' }], payments: [{ method: 'card', amount: 900 }], idempotencyKey: key(), promoCode: 'SOON',
    }, C);
    expect(e).toMatchObject({ code: 'PROMO_INVALID', details: { reason: 'not_yet' } });
    expect(counts(h.engine.ctx.db)).toEqual(before);
    expect(h.terminal.charges.size).toBe(0);
    // The hold is still there: the sale goes through without the code.
    const ok = await h.ok('bookings.confirm', { holdId, tickets: [{ seatId: seat('E', 1), ticketType: 'adult' }], payments: [{ method: 'card', amount: 1000 }], idempotencyKey: key() }, C);
    expect(ok.promoCode).toBeUndefined();
  });

  it('never exceeds maxUses; a cancelled sale gives its use back', async () => {
    ({ h } = setup());
    await promo({ code: 'ONCE', kind: 'amount', value: 300, maxUses: 1 });
    const first = await sellWith([seat('E', 1)], 'ONCE', 'card');
    if (!first.r.ok) throw new Error(JSON.stringify(first.r.error));
    expect(first.r.data.total).toBe(700);
    // Quoted while a use was left, confirmed after it was gone: refused in the sale's transaction.
    const tickets = [{ seatId: seat('E', 2), ticketType: 'adult' }];
    const holdId = holdSql(h, SHOW, [seat('E', 2)]);
    const e = await h.err('bookings.confirm', { holdId, tickets, payments: [{ method: 'card', amount: 700 }], idempotencyKey: key(), promoCode: 'ONCE' }, C);
    expect(e).toMatchObject({ code: 'PROMO_INVALID', details: { reason: 'used_up' } });
    expect(h.terminal.outstanding()).toBe(700); // the refused attempt charged nothing (or gave it back)
    expect((await h.ok('promos.list', {}, M))[0]!.uses).toBe(1);

    await h.ok('bookings.cancel', { id: first.r.data.id, reason: 'changed plans' }, C);
    expect((await h.ok('promos.list', {}, M))[0]!.uses).toBe(0);
    const again = await h.ok('bookings.confirm', { holdId, tickets, payments: [{ method: 'card', amount: 700 }], idempotencyKey: key(), promoCode: 'ONCE' }, C);
    expect(again.promoCode).toBe('ONCE');
    expect((await h.ok('promos.list', {}, M))[0]!.uses).toBe(1);
    // The database itself refuses more uses than the limit, whatever code tries.
    expect(() => h.engine.ctx.db.prepare("UPDATE promos SET uses = uses + 1 WHERE code = 'ONCE'").run()).toThrow(/CHECK/);
  });

  it('sells tickets a 100 % promo makes free with no payment; payments are still needed when something is due', async () => {
    ({ h } = setup());
    await promo({ code: 'FREE', value: 100 });
    const tickets = [{ seatId: seat('E', 4), ticketType: 'adult' }];
    const holdId = holdSql(h, SHOW, [seat('E', 4)]);
    expect((await h.err('bookings.confirm', { holdId, tickets, payments: [], idempotencyKey: key() }, C)).code).toBe('PAYMENT_MISMATCH');
    const b = await h.ok('bookings.confirm', { holdId, tickets, payments: [], idempotencyKey: key(), promoCode: 'FREE' }, C);
    expect(b).toMatchObject({ total: 0, payments: [], promoCode: 'FREE', tickets: [{ amount: 0, discount: 1000 }] });
    const c = await h.ok('bookings.cancel', { id: b.id, reason: 'no show' }, C);
    expect(c.refund).toEqual({ amount: 0, percent: 100 });
  });

  it('refuses a code switched off between the quote and the sale', async () => {
    ({ h } = setup());
    const p = await promo({ code: 'FLASH' });
    const tickets = [{ seatId: seat('E', 3), ticketType: 'adult' }];
    const q = await h.ok('pricing.quote', { showId: SHOW, tickets, promoCode: 'FLASH' }, C);
    await h.ok('promos.save', { id: p.id, code: 'FLASH', kind: 'percent', value: 10, active: false }, M);
    const holdId = holdSql(h, SHOW, [seat('E', 3)]);
    const e = await h.err('bookings.confirm', { holdId, tickets, payments: [{ method: 'cash', amount: q.total }], idempotencyKey: key(), promoCode: 'FLASH' }, C);
    expect(e).toMatchObject({ code: 'PROMO_INVALID', details: { reason: 'inactive' } });
  });
});
