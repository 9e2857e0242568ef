// shows.cancel through the router: every booking refunded in full, every hold released.
import { afterEach, describe, expect, it } from 'vitest';
import type { Harness } from '../support/engineHarness';
import { counts, holdSql, seat, sell, setup, SHOW, TOKENS } from './bookingSupport';

let h: Harness;
afterEach(() => h?.close());
const C = TOKENS.cashier;
const M = TOKENS.manager;

describe('shows.cancel', () => {
  it('refunds every booking in full (cards through the terminal), releases every hold and frees every seat', async () => {
    ({ h } = setup());
    const db = h.engine.ctx.db;
    const cash = await sell(h, [seat('E', 1), seat('E', 2)]);
    const card = await sell(h, [seat('A', 1)], { method: 'card', token: TOKENS.cashier2 });
    const gone = await sell(h, [seat('F', 1)]);
    await h.ok('bookings.cancel', { id: gone.id, reason: 'earlier' }, C);
    holdSql(h, SHOW, [seat('D', 5), seat('D', 6)], TOKENS.cashier2);
    expect(h.terminal.outstanding()).toBe(1500);
    h.events.length = 0;

    const r = await h.ok('shows.cancel', { id: SHOW, reason: 'Projector failure' }, M);
    expect(r.show).toMatchObject({ id: SHOW, status: 'cancelled', startsAt: '2026-11-24T00:00:00.000Z' });
    expect(r.refunded.map((b) => b.id)).toEqual([cash.id, card.id]);
    expect(r.refunded.map((b) => b.refund)).toEqual([
      // The cash part is owed until a counter pays it out (bookings.payOutRefund); the card went back.
      { amount: 2000, percent: 100, reason: 'Show cancelled: Projector failure', owedCash: 2000 },
      { amount: 1500, percent: 100, reason: 'Show cancelled: Projector failure' },
    ]);
    expect(r.refunded.every((b) => b.status === 'cancelled')).toBe(true);
    expect(h.terminal.outstanding()).toBe(0);
    expect(counts(db)).toMatchObject({ holds: 0, claims: 0 });
    expect(db.prepare("SELECT cancel_reason FROM shows WHERE id = ?").get(SHOW)).toEqual({ cancel_reason: 'Projector failure' });
    const refunds = db.prepare("SELECT method, amount, staff_id FROM payments WHERE kind = 'refund' AND booking_id IN (?, ?) ORDER BY rowid").all(cash.id, card.id);
    expect(refunds).toEqual([
      { method: 'cash', amount: 2000, staff_id: 'st_manager' },
      { method: 'card', amount: 1500, staff_id: 'st_manager' },
    ]);
    expect(h.events.map((e) => e.name)).toEqual(['shows.changed', 'seats.changed', 'bookings.changed', 'bookings.changed']);
    const seatsEvent = h.events[1]!.payload as { seats: { id: string }[] };
    expect(seatsEvent.seats.map((s) => s.id).sort()).toEqual([seat('A', 1), seat('D', 5), seat('D', 6), seat('E', 1), seat('E', 2)]);
    expect(db.prepare("SELECT COUNT(*) AS n FROM audit WHERE action = 'show.cancel'").get()).toEqual({ n: 1 });
  });

  it('refuses a second cancellation with CONFLICT and an unknown show with NOT_FOUND', async () => {
    ({ h } = setup());
    await h.ok('shows.cancel', { id: SHOW, reason: 'Storm' }, M);
    const before = counts(h.engine.ctx.db);
    expect((await h.err('shows.cancel', { id: SHOW, reason: 'Again' }, M)).code).toBe('CONFLICT');
    expect((await h.err('shows.cancel', { id: 'show_none', reason: 'x' }, M)).code).toBe('NOT_FOUND');
    expect(counts(h.engine.ctx.db)).toEqual(before);
  });

  it('is a manager\'s action: FORBIDDEN for a cashier, UNAUTHENTICATED without a session, VALIDATION for bad input', async () => {
    ({ h } = setup());
    const b = await sell(h, [seat('E', 1)]);
    const before = counts(h.engine.ctx.db);
    expect((await h.err('shows.cancel', { id: SHOW, reason: 'x' }, C)).code).toBe('FORBIDDEN');
    expect((await h.err('shows.cancel', { id: SHOW, reason: 'x' }, null)).code).toBe('UNAUTHENTICATED');
    expect((await h.err('shows.cancel', { id: SHOW, reason: '' }, M)).code).toBe('VALIDATION');
    expect((await h.err('shows.cancel', { id: SHOW }, M)).code).toBe('VALIDATION');
    expect(counts(h.engine.ctx.db)).toEqual(before);
    expect((await h.ok('bookings.get', { id: b.id }, C)).status).toBe('confirmed');
  });

  it('leaves no way to sell a cancelled show', async () => {
    ({ h } = setup());
    const holdId = holdSql(h, SHOW, [seat('E', 1)]);
    await h.ok('shows.cancel', { id: SHOW, reason: 'Storm' }, M);
    const e = await h.err('bookings.confirm', {
      holdId, tickets: [{ seatId: seat('E', 1), ticketType: 'adult' }], payments: [{ method: 'cash', amount: 1000 }], idempotencyKey: 'after-cancel-1',
    }, C);
    expect(e.code).toBe('NOT_FOUND'); // the hold was released with the show
  });
});
