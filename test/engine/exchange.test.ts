// bookings.exchange through the router: to dearer seats (the difference paid), to cheaper seats of
// another show (the difference back to the card it came from, or cash at the caller's shift), the
// previous booking exchanged with its seats on sale again, idempotency, and the refusals.
import { afterEach, describe, expect, it } from 'vitest';
import { SHOW, TOKENS, holdSql, key, seat, sell, setup, counts } from './bookingSupport';
import { MONDAY_10AM, makeHarness, type Harness } from '../support/engineHarness';
import { SimulatedTerminal } from '../../electron/engine/payments/terminal';
import { seedBasics } from '../support/fixtures';
import { fixtureShiftId, seedShow, T } from '../support/fixtures';

const C = TOKENS.cashier;
let h: Harness;
afterEach(() => h?.close());

const money = (bookingId: string) =>
  h.engine.ctx.db.prepare("SELECT kind, method, amount, shift_id FROM payments WHERE booking_id = ? ORDER BY rowid").all(bookingId) as { kind: string; method: string; amount: number; shift_id: string | null }[];
const seatStatus = async (showId: string, id: string) => (await h.ok('seats.map', { showId }, C)).seats.find((s) => s.id === id)!.status;

describe('bookings.exchange', () => {
  it('moves to dearer seats of the same show: the difference is paid, the old seats are on sale again', async () => {
    let db;
    ({ h, db } = setup());
    const old = await sell(h, [seat('E', 1), seat('E', 2)]); // regular: 2 x 1000
    const holdId = holdSql(h, SHOW, [seat('A', 1), seat('A', 2)]); // vip: 2 x 1500
    const tickets = [{ seatId: seat('A', 1), ticketType: 'adult' }, { seatId: seat('A', 2), ticketType: 'adult' }];
    expect((await h.err('bookings.exchange', { bookingId: old.id, holdId, tickets, idempotencyKey: key() }, C)).code).toBe('PAYMENT_MISMATCH');
    const idem = key();
    const input = { bookingId: old.id, holdId, tickets, payments: [{ method: 'card', amount: 1000 }], idempotencyKey: idem };
    const r = await h.ok('bookings.exchange', input, C);
    expect(r.difference).toBe(1000);
    expect(r.previous).toMatchObject({ id: old.id, code: old.code, status: 'exchanged', exchangedTo: r.booking.id });
    expect(r.previous.tickets.every((t) => t.status === 'cancelled')).toBe(true);
    expect(r.booking).toMatchObject({ status: 'confirmed', total: 3000, exchangedFrom: old.id });
    expect(r.booking.id).not.toBe(old.id);
    expect(r.booking.code).not.toBe(old.code);
    expect(r.booking.tickets.map((t) => t.seatLabel)).toEqual(['A1', 'A2']);
    // The money moved with the seats: the old cash and the new card charge.
    expect(money(r.booking.id).map((p) => [p.kind, p.method, p.amount])).toEqual([['charge', 'cash', 2000], ['charge', 'card', 1000]]);
    expect(money(old.id)).toEqual([]);
    // The day's report: still one sale of two tickets; the money is the cash and the difference.
    expect(await h.ok('reports.daily', { date: '2026-11-23' }, TOKENS.manager)).toMatchObject({ ticketsSold: 2, bookings: 1, gross: 3000, refunds: 0 });
    expect(await seatStatus(SHOW, seat('E', 1))).toBe('available');
    expect(await seatStatus(SHOW, seat('A', 1))).toBe('sold');
    // The same key again: the same exchange, nothing charged twice.
    const before = counts(db);
    const again = await h.ok('bookings.exchange', input, C);
    expect(again.booking.id).toBe(r.booking.id);
    expect(again.difference).toBe(1000);
    expect(counts(db)).toEqual(before);
    expect([...h.terminal.charges.values()]).toHaveLength(1);
    // The same key for another booking is refused and changes nothing.
    const other = await sell(h, [seat('F', 9)]);
    expect((await h.err('bookings.exchange', { ...input, bookingId: other.id }, C)).code).toBe('IDEMPOTENCY_KEY_REUSED');
    // An exchanged booking can be neither cancelled nor exchanged again.
    expect((await h.err('bookings.cancel', { id: old.id, reason: 'x' }, C)).code).toBe('ILLEGAL_TRANSITION');
    const hold2 = holdSql(h, SHOW, [seat('F', 1)]);
    expect((await h.err('bookings.exchange', { bookingId: old.id, holdId: hold2, tickets: [{ seatId: seat('F', 1), ticketType: 'adult' }], idempotencyKey: key() }, C)).code).toBe('ILLEGAL_TRANSITION');
  });

  it('moves to cheaper seats of another show: the difference goes back to the card', async () => {
    ({ h } = setup());
    seedShow(h.engine.ctx.db, { id: 'show_2', startsAt: '2026-11-24T02:00:00.000Z', now: MONDAY_10AM });
    const old = await sell(h, [seat('A', 1), seat('A', 2)], { method: 'card' }); // 3000 by card
    const holdId = holdSql(h, 'show_2', [seat('E', 5), seat('E', 6)]);
    const r = await h.ok('bookings.exchange', {
      bookingId: old.id, holdId, tickets: [{ seatId: seat('E', 5), ticketType: 'adult' }, { seatId: seat('E', 6), ticketType: 'child' }], idempotencyKey: key(),
    }, C);
    expect(r.difference).toBe(1750 - 3000);
    expect(r.booking.showId).toBe('show_2');
    expect(money(r.booking.id).map((p) => [p.kind, p.method, p.amount])).toEqual([['charge', 'card', 3000], ['refund', 'card', 1250]]);
    expect([...h.terminal.charges.values()][0]!.refunded).toBe(1250);
    expect(await seatStatus(SHOW, seat('A', 1))).toBe('available');
    // Cancelling the new booking later refunds what is left of the card, not cash.
    const cancel = await h.ok('bookings.cancel', { id: r.booking.id, reason: 'x', override: true }, TOKENS.manager);
    expect(cancel.refund.amount).toBe(1750);
    expect([...h.terminal.charges.values()][0]!.refunded).toBe(3000);
  });

  it('a cash difference is paid back at the caller\'s shift; nothing to pay refuses payments', async () => {
    ({ h } = setup());
    const old = await sell(h, [seat('A', 1)]); // 1500 cash
    const tickets = [{ seatId: seat('E', 1), ticketType: 'adult' }];
    // Another cashier (with a shift of their own) makes the exchange: the cash leaves their drawer.
    const holdId = holdSql(h, SHOW, [seat('E', 1)], TOKENS.cashier2);
    expect((await h.err('bookings.exchange', { bookingId: old.id, holdId, tickets, payments: [{ method: 'cash', amount: 1 }], idempotencyKey: key() }, TOKENS.cashier2)).code).toBe('VALIDATION');
    const r = await h.ok('bookings.exchange', { bookingId: old.id, holdId, tickets, idempotencyKey: key() }, TOKENS.cashier2);
    expect(r.difference).toBe(-500);
    const refund = money(r.booking.id).find((p) => p.kind === 'refund')!;
    expect(refund).toMatchObject({ method: 'cash', amount: 500, shift_id: fixtureShiftId(T.cashier2) });
  });

  it('refuses an expired hold, another counter\'s hold, and a show that has started', async () => {
    ({ h } = setup());
    const old = await sell(h, [seat('A', 1)]);
    const tickets = [{ seatId: seat('E', 1), ticketType: 'adult' }];
    const theirs = holdSql(h, SHOW, [seat('E', 1)], TOKENS.cashier2);
    expect((await h.err('bookings.exchange', { bookingId: old.id, holdId: theirs, tickets, idempotencyKey: key() }, C)).code).toBe('NOT_FOUND');
    const mine = holdSql(h, SHOW, [seat('E', 2)], C, 1000);
    h.clock.advance(2000);
    expect((await h.err('bookings.exchange', { bookingId: old.id, holdId: mine, tickets: [{ seatId: seat('E', 2), ticketType: 'adult' }], idempotencyKey: key() }, C)).code).toBe('HOLD_EXPIRED');
    h.clock.set('2026-11-24T00:01:00.000Z');
    const late = holdSql(h, SHOW, [seat('E', 3)]);
    expect((await h.err('bookings.exchange', { bookingId: old.id, holdId: late, tickets: [{ seatId: seat('E', 3), ticketType: 'adult' }], idempotencyKey: key() }, C)).code).toBe('SHOW_STARTED');
    expect((await h.ok('bookings.get', { id: old.id }, C)).status).toBe('confirmed');
  });

  it('on the same show, keeps the seats the customer keeps: only the new one is held', async () => {
    ({ h } = setup());
    const old = await sell(h, [seat('A', 1), seat('A', 2)]);
    const holdId = holdSql(h, SHOW, [seat('A', 3)]);
    const tickets = [seat('A', 2), seat('A', 3)].map((seatId) => ({ seatId, ticketType: 'adult' }));
    const r = await h.ok('bookings.exchange', { bookingId: old.id, holdId, tickets, idempotencyKey: key() }, C);
    expect(r.difference).toBe(0);
    expect(r.booking.tickets.map((t) => t.seatLabel)).toEqual(['A2', 'A3']);
    const map = await h.ok('seats.map', { showId: SHOW }, C);
    expect(['A1', 'A2', 'A3'].map((l) => map.seats.find((s) => s.label === l)!.status)).toEqual(['available', 'sold', 'sold']);
    const claims = h.engine.ctx.db.prepare('SELECT seat_id FROM seat_claims WHERE booking_id = ? ORDER BY seat_id').all(r.booking.id);
    expect(claims).toEqual([{ seat_id: seat('A', 2) }, { seat_id: seat('A', 3) }]);
    // The freed seat is announced; the kept one never changed.
    const last = h.events.filter((e) => e.name === 'seats.changed').at(-1)!.payload as { seats: { id: string; status: string }[] };
    expect(last.seats).toEqual([{ id: seat('A', 1), status: 'available' }, { id: seat('A', 3), status: 'sold' }]);
    // A seat of another booking is not the customer's to keep.
    const other = await sell(h, [seat('B', 1)]);
    const hold2 = holdSql(h, SHOW, [seat('A', 5)]);
    const bad = await h.err('bookings.exchange', { bookingId: r.booking.id, holdId: hold2, tickets: [seat('B', 1), seat('A', 5)].map((seatId) => ({ seatId, ticketType: 'adult' })), idempotencyKey: key() }, C);
    expect(bad.code).toBe('VALIDATION');
    expect(other.status).toBe('confirmed');
  });

  it('a booking cancelled at another counter while the card is charged: nothing changes and the card is refunded', async () => {
    // A terminal that waits for the test before it answers a charge.
    let release!: () => void;
    let charging!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const started = new Promise<void>((r) => (charging = r));
    class SlowTerminal extends SimulatedTerminal {
      override async charge(req: Parameters<SimulatedTerminal['charge']>[0]) {
        const r = await super.charge(req);
        charging();
        await gate;
        return r;
      }
    }
    const terminal = new SlowTerminal();
    h = makeHarness({ terminal });
    seedBasics(h.engine.ctx.db, { now: MONDAY_10AM });
    seedShow(h.engine.ctx.db, { id: SHOW, startsAt: '2026-11-24T00:00:00.000Z', now: MONDAY_10AM });
    const old = await sell(h, [seat('E', 1)]); // cash 1000
    const holdId = holdSql(h, SHOW, [seat('A', 1)]);
    const pending = h.call('bookings.exchange', {
      bookingId: old.id, holdId, tickets: [{ seatId: seat('A', 1), ticketType: 'adult' }], payments: [{ method: 'card', amount: 500 }], idempotencyKey: key(),
    }, C);
    await started; // the card is being charged
    await h.ok('bookings.cancel', { id: old.id, reason: 'changed their mind' }, TOKENS.cashier2);
    release();
    const res = await pending;
    expect(res.ok ? 'ok' : res.error.code).toBe('ILLEGAL_TRANSITION');
    // The card charge of the failed exchange went back; no booking was made; the hold is still the cashier's.
    expect([...terminal.charges.values()]).toEqual([expect.objectContaining({ amount: 500, refunded: 500 })]);
    expect((h.engine.ctx.db.prepare('SELECT count(*) AS n FROM bookings').get() as { n: number }).n).toBe(1);
    expect((await h.ok('seats.map', { showId: SHOW }, C)).seats.find((s) => s.id === seat('A', 1))!.holdId).toBe(holdId);
  });
});
