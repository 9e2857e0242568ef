// Regressions found by review: each test failed before its fix.
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedTerminal } from '../../electron/engine/payments/terminal';
import { holdSql, key, sell, seatId, setup, SHOW, TOKENS } from './bookingSupport';
import type { Harness } from '../support/engineHarness';

let h: Harness | null = null;
afterEach(() => {
  h?.close();
  h = null;
});

async function hallRows(x: Harness) {
  const hall = await x.ok('halls.get', { id: 'hall_1' }, TOKENS.manager);
  return hall.rows.map((r) => ({ label: r.label, seats: r.seats.map((s) => ({ id: s.id, number: s.number, column: s.column, type: s.type, blocked: s.blocked })) }));
}

describe('fixes from the engine review', () => {
  it('refuses renumbering a sold seat (its label is printed on the ticket), and renaming its row', async () => {
    const s = setup();
    h = s.h;
    await sell(h, [seatId('E', 1)]);
    const rows = await hallRows(h);
    const renumbered = rows.map((r) =>
      r.label !== 'E' ? r : { ...r, seats: [{ number: 1, column: 0, type: 'regular' as const, blocked: false }, ...r.seats.map((x) => ({ ...x, number: x.number + 1, column: x.column + 1 }))] },
    );
    const e1 = await h.err('halls.save', { id: 'hall_1', theaterId: 'th_1', name: 'Hall 1', cleaningMinutes: 15, rows: renumbered }, TOKENS.manager);
    expect(e1.code).toBe('LAYOUT_IN_USE');
    const renamed = rows.map((r) => (r.label === 'E' ? { ...r, label: 'G' } : r));
    const e2 = await h.err('halls.save', { id: 'hall_1', theaterId: 'th_1', name: 'Hall 1', cleaningMinutes: 15, rows: renamed }, TOKENS.manager);
    expect(e2.code).toBe('LAYOUT_IN_USE');
    const map = await h.ok('seats.map', { showId: SHOW }, TOKENS.cashier);
    expect(map.seats.filter((x) => x.label === 'E1').map((x) => x.status)).toEqual(['sold']);
    // Renaming a row nobody holds or bought is still fine.
    const free = rows.map((r) => (r.label === 'F' ? { ...r, label: 'G' } : r));
    await h.ok('halls.save', { id: 'hall_1', theaterId: 'th_1', name: 'Hall 1', cleaningMinutes: 15, rows: free }, TOKENS.manager);
  });

  it('answers VALIDATION, not INTERNAL, for a ticket type named like an Object property', async () => {
    const s = setup();
    h = s.h;
    for (const t of ['constructor', 'tostring', '__proto__'.replace(/_/g, 'x')]) {
      const e = await h.err('pricing.quote', { showId: SHOW, tickets: [{ seatId: seatId('A', 1), ticketType: t }] }, TOKENS.cashier);
      expect(e.code).toBe('VALIDATION');
    }
  });

  it('does not sell a hold once the show has started', async () => {
    const s = setup();
    h = s.h;
    h.clock.set('2026-11-23T23:59:00.000Z');
    const holdId = holdSql(h, SHOW, [seatId('F', 1)]);
    const q = await h.ok('pricing.quote', { showId: SHOW, tickets: [{ seatId: seatId('F', 1), ticketType: 'adult' }] }, TOKENS.cashier);
    h.clock.set('2026-11-24T00:05:00.000Z');
    const e = await h.err(
      'bookings.confirm',
      { holdId, tickets: [{ seatId: seatId('F', 1), ticketType: 'adult' }], payments: [{ method: 'card', amount: q.total }], idempotencyKey: key() },
      TOKENS.cashier,
    );
    expect(e.code).toBe('SHOW_STARTED');
    expect(h.terminal.outstanding()).toBe(0);
    expect((s.db.prepare('SELECT count(*) AS n FROM bookings').get() as { n: number }).n).toBe(0);
  });

  it('answers a reused idempotency key only to the identical request of the cashier whose sale it was', async () => {
    const s = setup();
    h = s.h;
    const tickets = [{ seatId: seatId('D', 1), ticketType: 'adult' }];
    const q = await h.ok('pricing.quote', { showId: SHOW, tickets }, TOKENS.cashier);
    const k = key();
    const input = { holdId: holdSql(h, SHOW, [seatId('D', 1)]), tickets, payments: [{ method: 'cash', amount: q.total }], idempotencyKey: k };
    const first = await h.ok('bookings.confirm', input, TOKENS.cashier);
    expect((await h.ok('bookings.confirm', input, TOKENS.cashier)).id).toBe(first.id);
    // v2: another hold with the same key is another request.
    expect((await h.err('bookings.confirm', { ...input, holdId: 'gone' }, TOKENS.cashier)).code).toBe('IDEMPOTENCY_KEY_REUSED');
    const other = await h.err('bookings.confirm', { holdId: holdSql(h, SHOW, [seatId('D', 2)], TOKENS.cashier2), tickets: [{ seatId: seatId('D', 2), ticketType: 'adult' }], payments: [{ method: 'cash', amount: q.total }], idempotencyKey: k }, TOKENS.cashier2);
    expect(other.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses a show scheduled absurdly far ahead, and writes nothing', async () => {
    const s = setup();
    h = s.h;
    const e = await h.err('shows.save', { movieId: 'mv_inception', hallId: 'hall_1', startsAt: '9999-12-31T23:00:00.000Z', basePrice: 1000 }, TOKENS.manager);
    expect(e.code).toBe('VALIDATION');
    expect((s.db.prepare('SELECT count(*) AS n FROM shows').get() as { n: number }).n).toBe(1);
  });

  it('tells the cashier when the terminal does not refund a card payment', async () => {
    class StuckTerminal extends SimulatedTerminal {
      override async refund(): Promise<{ refunded: boolean }> {
        return { refunded: false };
      }
    }
    const s = setup();
    h = s.h;
    h.engine.ctx.terminal = new StuckTerminal();
    const b = await sell(h, [seatId('E', 2)], { method: 'card' });
    const r = await h.ok('bookings.cancel', { id: b.id, reason: 'changed plans' }, TOKENS.cashier);
    expect(r.refund.percent).toBe(100);
    expect(r.refund.failed).toEqual([{ method: 'card', amount: b.total }]);
    const ok = await sell(h, [seatId('E', 3)], { method: 'cash' });
    const r2 = await h.ok('bookings.cancel', { id: ok.id, reason: 'changed plans' }, TOKENS.cashier);
    expect(r2.refund.failed).toBeUndefined();
  });
});
