// Cash crosses the counter only on an open shift: a sale's cash or a cancellation's cash refund
// outside a shift would be in no drawer's expected cash. Card, UPI and wallet need no shift.
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedTerminal, type ChargeRequest, type ChargeResult } from '../../electron/engine/payments/terminal';
import { makeHarness, type Harness } from '../support/engineHarness';
import { fixtureShiftId, seedBasics, seedShow, T } from '../support/fixtures';
import { counts, holdSql, key, MONDAY_10AM, seat, sell, setup, SHOW, TOKENS } from './bookingSupport';

let h: Harness;
afterEach(() => h?.close());
const C = TOKENS.cashier;

const tickets = [{ seatId: seat('E', 1), ticketType: 'adult' }, { seatId: seat('E', 2), ticketType: 'adult' }];
const seats = tickets.map((t) => t.seatId);

function closeFixtureShift(staffId: string): void {
  h.engine.ctx.db.prepare('UPDATE shifts SET closed_at = ?, counted_cash = 0, expected_cash = 0 WHERE id = ?').run(h.clock.now(), fixtureShiftId(staffId));
}

const seatStatus = async (id: string) => (await h.ok('seats.map', { showId: SHOW }, C)).seats.find((s) => s.id === id)?.status;

describe('cash needs an open shift', () => {
  it('refuses a cash sale without a shift (SHIFT_REQUIRED), selling nothing and keeping the hold', async () => {
    let db;
    ({ h, db } = setup());
    closeFixtureShift(T.cashier);
    const holdId = holdSql(h, SHOW, seats);
    const before = counts(db);
    const e = await h.err('bookings.confirm', { holdId, tickets, payments: [{ method: 'cash', amount: 2000, tendered: 2000 }], idempotencyKey: key() }, C);
    expect(e.code).toBe('SHIFT_REQUIRED');
    expect(e.message).toMatch(/open your cash shift/i);
    expect(counts(db)).toEqual(before);
    expect(await seatStatus(seat('E', 1))).toBe('held');

    // Once the drawer is open the same hold sells, on that shift.
    const shift = await h.ok('shifts.open', { float: 5000 }, C);
    const b = await h.ok('bookings.confirm', { holdId, tickets, payments: [{ method: 'cash', amount: 2000, tendered: 2000 }], idempotencyKey: key() }, C);
    expect(b.status).toBe('confirmed');
    expect(db.prepare('SELECT DISTINCT shift_id FROM payments WHERE booking_id = ?').all(b.id)).toEqual([{ shift_id: shift.id }]);
  });

  it('refuses a card + cash split before the card is charged', async () => {
    ({ h } = setup());
    closeFixtureShift(T.cashier);
    const holdId = holdSql(h, SHOW, seats);
    const e = await h.err('bookings.confirm', {
      holdId, tickets, payments: [{ method: 'card', amount: 1500 }, { method: 'cash', amount: 500 }], idempotencyKey: key(),
    }, C);
    expect(e.code).toBe('SHIFT_REQUIRED');
    expect(h.terminal.charges.size).toBe(0);
  });

  it('sells by card, UPI or wallet without a shift', async () => {
    let db;
    ({ h, db } = setup());
    closeFixtureShift(T.cashier);
    const b = await sell(h, seats, { method: 'upi' });
    expect(b.status).toBe('confirmed');
    expect(db.prepare('SELECT shift_id FROM payments WHERE booking_id = ?').get(b.id)).toEqual({ shift_id: null });
  });

  it('refunds the card and refuses when the shift is closed while the card is charged', async () => {
    // Another window of the same cashier closes the drawer while the terminal is busy.
    class ClosingTerminal extends SimulatedTerminal {
      onCharge: (() => void) | null = null;
      override async charge(req: ChargeRequest): Promise<ChargeResult> {
        this.onCharge?.();
        return super.charge(req);
      }
    }
    const terminal = new ClosingTerminal();
    h = makeHarness({ terminal });
    const db = h.engine.ctx.db;
    seedBasics(db, { now: MONDAY_10AM });
    seedShow(db, { id: SHOW, startsAt: '2026-11-24T00:00:00.000Z', basePrice: 1000, now: MONDAY_10AM });
    terminal.onCharge = () => closeFixtureShift(T.cashier);
    const holdId = holdSql(h, SHOW, seats);
    const e = await h.err('bookings.confirm', {
      holdId, tickets, payments: [{ method: 'card', amount: 1500 }, { method: 'cash', amount: 500 }], idempotencyKey: key(),
    }, C);
    expect(e.code).toBe('SHIFT_REQUIRED');
    expect(e.details).toMatchObject({ refunded: [{ method: 'card', amount: 1500 }] });
    expect(terminal.outstanding()).toBe(0);
    expect(counts(db)).toMatchObject({ bookings: 0, payments: 0, tickets: 0 });
  });

  it('refuses a cancellation that pays cash back without a shift, changing nothing', async () => {
    let db;
    ({ h, db } = setup());
    const b = await sell(h, seats);
    closeFixtureShift(T.cashier);
    const before = counts(db);
    const e = await h.err('bookings.cancel', { id: b.id, reason: 'changed plans' }, C);
    expect(e.code).toBe('SHIFT_REQUIRED');
    expect(counts(db)).toEqual(before);
    expect((await h.ok('bookings.get', { id: b.id }, C)).status).toBe('confirmed');
    expect(await seatStatus(seat('E', 1))).toBe('sold');
  });

  it('cancels a card booking without a shift: the money goes back through the terminal', async () => {
    ({ h } = setup());
    const b = await sell(h, seats, { method: 'card' });
    closeFixtureShift(T.cashier);
    const r = await h.ok('bookings.cancel', { id: b.id, reason: 'changed plans' }, C);
    expect(r.refund).toEqual({ amount: 2000, percent: 100 });
    expect(h.terminal.outstanding()).toBe(0);
  });

  it('lets a manager cancel a whole show without a shift (what is owed in cash is recorded)', async () => {
    let db;
    ({ h, db } = setup());
    const b = await sell(h, seats);
    closeFixtureShift(T.manager);
    await h.ok('shows.cancel', { id: SHOW, reason: 'Projector failure' }, TOKENS.manager);
    expect(db.prepare("SELECT method, amount, shift_id FROM payments WHERE booking_id = ? AND kind = 'refund'").all(b.id)).toEqual([
      { method: 'cash', amount: 2000, shift_id: null },
    ]);
  });

  it('keeps a show cancellation\'s owed cash out of the cancelling manager\'s open drawer', async () => {
    let db;
    ({ h, db } = setup());
    const b = await sell(h, seats);
    await h.ok('shows.cancel', { id: SHOW, reason: 'Projector failure' }, TOKENS.manager);
    expect(db.prepare("SELECT shift_id FROM payments WHERE booking_id = ? AND kind = 'refund'").get(b.id)).toEqual({ shift_id: null });
    const closed = await h.ok('shifts.close', { countedCash: 0 }, TOKENS.manager);
    expect(closed).toMatchObject({ expectedCash: 0, difference: 0 });
  });

  it('refuses a cash line of 0 (its change would leave the drawer uncounted)', async () => {
    ({ h } = setup());
    closeFixtureShift(T.cashier);
    const holdId = holdSql(h, SHOW, seats);
    const e = await h.err('bookings.confirm', {
      holdId, tickets, payments: [{ method: 'card', amount: 2000 }, { method: 'cash', amount: 0, tendered: 2000 }], idempotencyKey: key(),
    }, C);
    expect(e.code).toBe('VALIDATION');
    expect(h.terminal.charges.size).toBe(0);
  });
});
