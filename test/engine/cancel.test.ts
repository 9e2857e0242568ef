// bookings.cancel and bookings.refundQuote through the router. The show starts Monday 17:00 New
// York (22:00 UTC); the clock starts at 10:00 local, 7 h before. Base 999: an E seat costs 999, so
// 50 % = 499.5 -> 500 and 25 % = 249.75 -> 250 (half-up).
import { afterEach, describe, expect, it } from 'vitest';
import type { Booking } from '../../shared/contract';
import { hashPin } from '../../electron/engine/staff/pin';
import type { Harness } from '../support/engineHarness';
import { holdSql, key, seat, sell, setup, SHOW, TOKENS } from './bookingSupport';

let h: Harness;
afterEach(() => h?.close());
const C = TOKENS.cashier;
const M = TOKENS.manager;
const HOUR = 3_600_000;

function start() {
  ({ h } = setup({ startsAt: '2026-11-23T22:00:00.000Z', basePrice: 999 }));
}

function claimCount(): number {
  return (h.engine.ctx.db.prepare('SELECT COUNT(*) AS n FROM seat_claims').get() as { n: number }).n;
}

function refundRows(bookingId: string) {
  return h.engine.ctx.db
    .prepare("SELECT method, amount, terminal_txn IS NOT NULL AS viaTerminal, staff_id FROM payments WHERE booking_id = ? AND kind = 'refund' ORDER BY rowid")
    .all(bookingId);
}

describe('bookings.cancel', () => {
  it('refunds by tier: 100 % (>= 6 h), 50 % (>= 2 h), 25 % (>= 30 min), 0 % later', async () => {
    start();
    const bs: Booking[] = [];
    for (let n = 1; n <= 6; n++) bs.push(await sell(h, [seat('E', n)]));
    const cancelAt = async (i: number) => h.ok('bookings.cancel', { id: bs[i]!.id, reason: 'customer asked' }, C);

    expect((await cancelAt(0)).refund).toEqual({ amount: 999, percent: 100 }); // 7 h before
    h.clock.advance(HOUR); // exactly 6 h before: still the 100 % tier
    expect((await cancelAt(1)).refund).toEqual({ amount: 999, percent: 100 });
    h.clock.advance(HOUR); // 5 h before
    expect((await cancelAt(2)).refund).toEqual({ amount: 500, percent: 50 });
    h.clock.advance(3.5 * HOUR); // 1 h 30 min before
    expect((await cancelAt(3)).refund).toEqual({ amount: 250, percent: 25 });
    h.clock.advance(HOUR + 15 * 60_000); // 15 min before
    const last = await cancelAt(4);
    expect(last.refund).toEqual({ amount: 0, percent: 0 });
    expect(last.booking).toMatchObject({ status: 'cancelled', refund: { amount: 0, percent: 0, reason: 'customer asked' } });
    expect(last.booking.cancelledAt).toBe(new Date(h.clock.now()).toISOString());
    expect(refundRows(bs[2]!.id)).toEqual([{ method: 'cash', amount: 500, viaTerminal: 0, staff_id: 'st_cashier' }]);
    expect(refundRows(bs[4]!.id)).toEqual([]);
    expect(claimCount()).toBe(1); // only E6 is still sold

    h.clock.advance(15 * 60_000); // the show starts
    const started = await h.err('bookings.cancel', { id: bs[5]!.id, reason: 'late' }, C);
    expect(started.code).toBe('SHOW_STARTED');
    expect(claimCount()).toBe(1);
  });

  it('follows the tiers saved in the settings', async () => {
    start();
    h.engine.ctx.db.prepare("INSERT INTO kv (key, value) VALUES ('settings', ?)").run(
      JSON.stringify({ cancellationTiers: [{ minutesBefore: 60, percent: 80 }, { minutesBefore: 600, percent: 90 }] }),
    );
    const b = await sell(h, [seat('E', 1)]);
    expect(await h.ok('bookings.refundQuote', { id: b.id }, C)).toEqual({ amount: 799, percent: 80, showStarted: false });
  });

  it('sends card refunds back through the terminal first, the rest in cash', async () => {
    start();
    const holdId = holdSql(h, SHOW, [seat('E', 1), seat('E', 2)]);
    const tickets = [seat('E', 1), seat('E', 2)].map((seatId) => ({ seatId, ticketType: 'adult' }));
    const b = await h.ok('bookings.confirm', {
      holdId, tickets, payments: [{ method: 'cash', amount: 998 }, { method: 'card', amount: 1000 }], idempotencyKey: key(),
    }, C);
    h.clock.advance(2 * HOUR); // 5 h before: 50 % of 1998 = 999
    const r = await h.ok('bookings.cancel', { id: b.id, reason: 'plans changed' }, C);
    expect(r.refund).toEqual({ amount: 999, percent: 50 });
    expect(refundRows(b.id)).toEqual([{ method: 'card', amount: 999, viaTerminal: 1, staff_id: 'st_cashier' }]);
    expect(h.terminal.outstanding()).toBe(1);
    // The booking still shows what was paid (charges); the refund is its own field.
    expect(r.booking.payments.map((p) => p.method)).toEqual(['cash', 'card']);
  });

  it('lets a manager override after the start (100 %), and a cashier with a manager\'s name and PIN', async () => {
    start();
    const db = h.engine.ctx.db;
    db.prepare("UPDATE staff SET pin_hash = ? WHERE id = 'st_manager'").run(hashPin('4321'));
    const a = await sell(h, [seat('E', 1)], { method: 'card' });
    const b = await sell(h, [seat('E', 2)]);
    const c = await sell(h, [seat('E', 3)]);
    h.clock.advance(7.5 * HOUR); // 30 min into the show
    expect(await h.ok('bookings.refundQuote', { id: a.id }, C)).toEqual({ amount: 0, percent: 0, showStarted: true });

    expect((await h.ok('bookings.cancel', { id: a.id, reason: 'projector broke', override: true }, M)).refund).toEqual({ amount: 999, percent: 100 });
    expect(h.terminal.outstanding()).toBe(0);

    expect((await h.err('bookings.cancel', { id: b.id, reason: 'x', override: true }, C)).code).toBe('FORBIDDEN');
    expect((await h.err('bookings.cancel', { id: b.id, reason: 'x', override: true, approval: { name: 'Manager', pin: '0000' } }, C)).code).toBe('FORBIDDEN');
    expect((await h.err('bookings.cancel', { id: b.id, reason: 'x', override: true, approval: { name: 'Cashier Two', pin: '4321' } }, C)).code).toBe('FORBIDDEN');
    const ok = await h.ok('bookings.cancel', { id: b.id, reason: 'sound failed', override: true, approval: { name: 'Manager', pin: '4321' } }, C);
    expect(ok.refund).toEqual({ amount: 999, percent: 100 });
    const audit = db.prepare("SELECT staff_id, details FROM audit WHERE action = 'booking.cancel' AND entity_id = ?").get(b.id) as { staff_id: string; details: string };
    expect(audit.staff_id).toBe('st_cashier');
    expect(JSON.parse(audit.details)).toMatchObject({ override: true, approvedBy: { id: 'st_manager', name: 'Manager' } });
    expect((await h.err('bookings.cancel', { id: c.id, reason: 'no override' }, M)).code).toBe('SHOW_STARTED');
  });

  it('puts the seats on sale again at once and tells every counter', async () => {
    start();
    const b = await sell(h, [seat('E', 1), seat('E', 2)]);
    h.events.length = 0;
    await h.ok('bookings.cancel', { id: b.id, reason: 'customer asked' }, C);
    expect(claimCount()).toBe(0);
    // The seats can be claimed again (the primary key would refuse a second live claim).
    holdSql(h, SHOW, [seat('E', 1), seat('E', 2)], TOKENS.cashier2);
    expect(h.events.map((e) => e.name)).toEqual(['seats.changed', 'bookings.changed']);
    expect(h.events[0]!.payload).toMatchObject({ showId: SHOW, seats: [{ id: seat('E', 1), status: 'available' }, { id: seat('E', 2), status: 'available' }] });
  });

  it('refuses a second cancellation (CONFLICT), unknown ids, bad input and no session, changing nothing', async () => {
    start();
    const b = await sell(h, [seat('E', 1)]);
    await h.ok('bookings.cancel', { id: b.id, reason: 'once' }, C);
    const rows = (h.engine.ctx.db.prepare('SELECT COUNT(*) AS n FROM payments').get() as { n: number }).n;
    expect((await h.err('bookings.cancel', { id: b.id, reason: 'twice' }, C)).code).toBe('CONFLICT');
    expect((await h.err('bookings.refundQuote', { id: b.id }, C)).code).toBe('CONFLICT');
    expect((await h.err('bookings.cancel', { id: 'bk_none', reason: 'x' }, C)).code).toBe('NOT_FOUND');
    expect((await h.err('bookings.refundQuote', { id: 'bk_none' }, C)).code).toBe('NOT_FOUND');
    expect((await h.err('bookings.cancel', { id: b.id, reason: '   ' }, C)).code).toBe('VALIDATION');
    expect((await h.err('bookings.cancel', { id: b.id, reason: 'x', approval: { name: 'Manager', pin: '12' } }, C)).code).toBe('VALIDATION');
    expect((await h.err('bookings.refundQuote', {}, C)).code).toBe('VALIDATION');
    expect((await h.err('bookings.cancel', { id: b.id, reason: 'x' }, null)).code).toBe('UNAUTHENTICATED');
    expect((await h.err('bookings.refundQuote', { id: b.id }, null)).code).toBe('UNAUTHENTICATED');
    expect((h.engine.ctx.db.prepare('SELECT COUNT(*) AS n FROM payments').get() as { n: number }).n).toBe(rows);
  });
});
