// bookings.confirm through the router. Show: Monday 19:00 New York, base 1000; E1 regular adult
// 1000, A1 vip adult 1500, C1 premium child 1000 x 1.3 x 0.75 = 975.
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedTerminal, type ChargeRequest, type ChargeResult } from '../../electron/engine/payments/terminal';
import type { ManualClock } from '../../electron/engine/clock';
import { makeHarness, type Harness } from '../support/engineHarness';
import { seedBasics, seedShow } from '../support/fixtures';
import { counts, holdSql, key, MONDAY_10AM, seat, setup, SHOW, TOKENS } from './bookingSupport';

let h: Harness;
afterEach(() => h?.close());
const C = TOKENS.cashier;

const tickets3 = [
  { seatId: seat('E', 1), ticketType: 'adult' },
  { seatId: seat('A', 1), ticketType: 'adult' },
  { seatId: seat('C', 1), ticketType: 'child' },
];
const seats3 = tickets3.map((t) => t.seatId);

function claims() {
  return h.engine.ctx.db.prepare('SELECT seat_id, hold_id, booking_id, expires_at FROM seat_claims ORDER BY seat_id').all() as {
    seat_id: string; hold_id: string | null; booking_id: string | null; expires_at: number | null;
  }[];
}

describe('bookings.confirm', () => {
  it('sells a hold for cash with change, ends the hold and marks the seats sold', async () => {
    ({ h } = setup());
    const holdId = holdSql(h, SHOW, seats3);
    const b = await h.ok('bookings.confirm', {
      holdId,
      tickets: tickets3,
      payments: [{ method: 'cash', amount: 3475, tendered: 5000 }],
      customer: { name: 'Ada Lovelace', phone: '+1 (212) 555-0100', email: 'ada@example.com' },
      idempotencyKey: key(),
    }, C);
    expect(b).toMatchObject({
      status: 'confirmed', showId: SHOW, movieTitle: 'Inception', hallName: 'Hall 1', startsAt: '2026-11-24T00:00:00.000Z',
      total: 3475, currency: 'USD', cashier: { id: 'st_cashier', name: 'Cashier' },
      payments: [{ method: 'cash', amount: 3475, tendered: 5000, change: 1525 }],
      customer: { name: 'Ada Lovelace', phone: '+1 (212) 555-0100', email: 'ada@example.com' },
      createdAt: new Date(MONDAY_10AM).toISOString(),
    });
    expect(b.code).toMatch(/^[ABCDEFGHJKLMNPQRSTUVWXYZ2-9]{6}$/);
    // Tickets in row order: A1, C1, E1.
    expect(b.tickets).toEqual([
      { seatId: seat('A', 1), seatLabel: 'A1', ticketType: 'adult', amount: 1500, status: 'sold', id: expect.any(String), code: expect.any(String) },
      { seatId: seat('C', 1), seatLabel: 'C1', ticketType: 'child', amount: 975, status: 'sold', id: expect.any(String), code: expect.any(String) },
      { seatId: seat('E', 1), seatLabel: 'E1', ticketType: 'adult', amount: 1000, status: 'sold', id: expect.any(String), code: expect.any(String) },
    ]);
    // Every ticket has its own code: 10 characters of the booking-code alphabet, all different.
    for (const t of b.tickets) expect(t.code).toMatch(/^[ABCDEFGHJKLMNPQRSTUVWXYZ2-9]{10}$/);
    expect(new Set(b.tickets.map((t) => t.code)).size).toBe(3);
    expect(claims().every((c) => c.booking_id === b.id && c.hold_id === null && c.expires_at === null)).toBe(true);
    expect(counts(h.engine.ctx.db)).toMatchObject({ holds: 0, claims: 3, bookings: 1, tickets: 3, payments: 1 });
    const bd = h.engine.ctx.db.prepare("SELECT breakdown FROM tickets WHERE seat_id = 'seat_C1'").get() as { breakdown: string };
    expect(JSON.parse(bd.breakdown).map((s: { kind: string }) => s.kind)).toEqual(['base', 'seatType', 'ticketType']);
    expect(h.engine.ctx.db.prepare("SELECT COUNT(*) AS n FROM audit WHERE action = 'booking.confirm'").get()).toEqual({ n: 1 });
    const names = h.events.map((e) => e.name);
    expect(names).toEqual(['seats.changed', 'bookings.changed']);
    expect(h.events[0]!.payload).toMatchObject({ showId: SHOW, version: 1 });
    expect(h.events[1]!.payload).toEqual({ bookingId: b.id, status: 'confirmed' });
  });

  it('splits one total over card, upi and cash, charging the electronic ones through the terminal', async () => {
    ({ h } = setup());
    const db = h.engine.ctx.db;
    const holdId = holdSql(h, SHOW, seats3);
    const b = await h.ok('bookings.confirm', {
      holdId,
      tickets: tickets3,
      payments: [
        { method: 'card', amount: 2000, reference: 'VISA 4242' },
        { method: 'upi', amount: 1000 },
        { method: 'cash', amount: 475 },
      ],
      idempotencyKey: key(),
    }, C);
    expect(b.payments).toEqual([
      { method: 'card', amount: 2000, reference: 'VISA 4242' },
      { method: 'upi', amount: 1000 },
      { method: 'cash', amount: 475, tendered: 475, change: 0 },
    ]);
    expect(h.terminal.charges.size).toBe(2);
    expect(h.terminal.outstanding()).toBe(3000);
    const rows = db.prepare('SELECT method, terminal_txn, shift_id FROM payments ORDER BY rowid').all() as { method: string; terminal_txn: string | null; shift_id: string }[];
    expect(rows.map((r) => r.shift_id)).toEqual(['shift_st_cashier', 'shift_st_cashier', 'shift_st_cashier']);
    expect(rows.map((r) => r.terminal_txn !== null)).toEqual([true, true, false]);
    expect(db.prepare('SELECT shift_id FROM bookings').get()).toEqual({ shift_id: 'shift_st_cashier' });
  });

  it('on a decline refunds what it already charged, sells nothing and keeps the hold', async () => {
    ({ h } = setup());
    const holdId = holdSql(h, SHOW, seats3);
    const before = counts(h.engine.ctx.db);
    const e = await h.err('bookings.confirm', {
      holdId,
      tickets: tickets3,
      payments: [{ method: 'upi', amount: 1475 }, { method: 'card', amount: 2000, reference: 'DECLINE' }],
      idempotencyKey: key(),
    }, C);
    expect(e.code).toBe('PAYMENT_DECLINED');
    expect(e.details).toMatchObject({ method: 'card', refunded: [{ method: 'upi', amount: 1475 }] });
    expect(h.terminal.outstanding()).toBe(0);
    expect(counts(h.engine.ctx.db)).toEqual(before);
    expect(claims().every((c) => c.hold_id === holdId)).toBe(true);
    expect(h.events).toEqual([]);
    // The cashier retries another way, on the same hold.
    const b = await h.ok('bookings.confirm', { holdId, tickets: tickets3, payments: [{ method: 'cash', amount: 3475 }], idempotencyKey: key() }, C);
    expect(b.status).toBe('confirmed');
  });

  it('returns the same booking for the same idempotency key and charges once', async () => {
    ({ h } = setup());
    const holdId = holdSql(h, SHOW, seats3);
    const input = { holdId, tickets: tickets3, payments: [{ method: 'card', amount: 3475 }], idempotencyKey: key() };
    const [a, b] = await Promise.all([h.ok('bookings.confirm', input, C), h.ok('bookings.confirm', input, C)]);
    const c = await h.ok('bookings.confirm', input, C);
    expect(b.id).toBe(a.id);
    expect(c).toEqual(a);
    expect(h.terminal.charges.size).toBe(1);
    expect(h.terminal.outstanding()).toBe(3475);
    expect(counts(h.engine.ctx.db)).toMatchObject({ bookings: 1, payments: 1 });
  });

  it('answers IDEMPOTENCY_KEY_REUSED for the same key with another request, changing nothing', async () => {
    ({ h } = setup());
    const holdId = holdSql(h, SHOW, seats3);
    const first = { holdId, tickets: tickets3, payments: [{ method: 'card', amount: 3475 }], idempotencyKey: key() };
    const sold = await h.ok('bookings.confirm', first, C);
    // Another hold (the case: a client would show "confirmed" for seats never sold).
    const other = [{ seatId: seat('E', 5), ticketType: 'adult' }];
    const otherHold = holdSql(h, SHOW, [seat('E', 5)]);
    const before = counts(h.engine.ctx.db);
    const charged = h.terminal.charges.size;
    const variants: unknown[] = [
      { ...first, holdId: otherHold, tickets: other, payments: [{ method: 'card', amount: 1000 }] },
      { ...first, tickets: tickets3.map((t, i) => (i === 0 ? { ...t, ticketType: 'senior' } : t)) },
      { ...first, payments: [{ method: 'cash', amount: 3475 }] },
      { ...first, customer: { name: 'Someone Else' } },
    ];
    for (const v of variants) expect((await h.err('bookings.confirm', v, C)).code).toBe('IDEMPOTENCY_KEY_REUSED');
    // Another staff member with the identical request: not theirs either.
    expect((await h.err('bookings.confirm', first, TOKENS.cashier2)).code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(counts(h.engine.ctx.db)).toEqual(before);
    expect(h.terminal.charges.size).toBe(charged);
    expect(claims().find((c) => c.seat_id === seat('E', 5))).toMatchObject({ hold_id: otherHold, booking_id: null });
    // The identical request still gets the sale back, and the key order of the JSON does not matter.
    const reordered = { idempotencyKey: first.idempotencyKey, payments: first.payments, tickets: first.tickets, holdId };
    expect(await h.ok('bookings.confirm', reordered, C)).toEqual(sold);
  });

  it('replays a sale made before fingerprints were kept only to its own cashier', async () => {
    ({ h } = setup());
    const input = { holdId: holdSql(h, SHOW, seats3), tickets: tickets3, payments: [{ method: 'cash', amount: 3475 }], idempotencyKey: key() };
    const sold = await h.ok('bookings.confirm', input, C);
    h.engine.ctx.db.prepare('DELETE FROM request_fingerprints').run(); // as for a v6 sale
    expect((await h.ok('bookings.confirm', { ...input, holdId: 'gone' }, C)).id).toBe(sold.id);
    expect((await h.err('bookings.confirm', input, TOKENS.cashier2)).code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses an expired hold with HOLD_EXPIRED and charges nothing', async () => {
    ({ h } = setup());
    const holdId = holdSql(h, SHOW, seats3);
    h.clock.advanceSeconds(600); // expires_at <= now: expired
    const e = await h.err('bookings.confirm', { holdId, tickets: tickets3, payments: [{ method: 'card', amount: 3475 }], idempotencyKey: key() }, C);
    expect(e.code).toBe('HOLD_EXPIRED');
    expect(h.terminal.charges.size).toBe(0);
    expect(counts(h.engine.ctx.db).bookings).toBe(0);
  });

  it('refunds the charge and says so when the hold expires while the card is being charged', async () => {
    // A terminal that takes 11 minutes to answer: the hold runs out meanwhile.
    class SlowTerminal extends SimulatedTerminal {
      clock: ManualClock | null = null;
      override async charge(req: ChargeRequest): Promise<ChargeResult> {
        this.clock?.advanceSeconds(660);
        return super.charge(req);
      }
    }
    const terminal = new SlowTerminal();
    h = makeHarness({ terminal });
    terminal.clock = h.clock;
    const db = h.engine.ctx.db;
    seedBasics(db, { now: MONDAY_10AM });
    seedShow(db, { id: SHOW, startsAt: '2026-11-24T00:00:00.000Z', basePrice: 1000, now: MONDAY_10AM });
    const holdId = holdSql(h, SHOW, seats3);
    const e = await h.err('bookings.confirm', {
      holdId, tickets: tickets3, payments: [{ method: 'card', amount: 3000 }, { method: 'cash', amount: 475 }], idempotencyKey: key(),
    }, C);
    expect(e.code).toBe('HOLD_EXPIRED');
    expect(e.details).toMatchObject({ refunded: [{ method: 'card', amount: 3000 }] });
    expect(terminal.charges.size).toBe(1);
    expect(terminal.outstanding()).toBe(0);
    expect(counts(db)).toMatchObject({ bookings: 0, payments: 0, tickets: 0 });
  });

  it('refunds and ends the attempt with CONFLICT (not INTERNAL) when the sale fails unexpectedly after charging', async () => {
    // The database refuses the tickets once the card is charged (a trigger stands in for a fault).
    class FaultyTerminal extends SimulatedTerminal {
      arm: (() => void) | null = null;
      override async charge(req: ChargeRequest): Promise<ChargeResult> {
        this.arm?.();
        return super.charge(req);
      }
    }
    const terminal = new FaultyTerminal();
    h = makeHarness({ terminal });
    const db = h.engine.ctx.db;
    seedBasics(db, { now: MONDAY_10AM });
    seedShow(db, { id: SHOW, startsAt: '2026-11-24T00:00:00.000Z', basePrice: 1000, now: MONDAY_10AM });
    terminal.arm = () => db.exec("CREATE TRIGGER IF NOT EXISTS boom BEFORE INSERT ON tickets BEGIN SELECT RAISE(ABORT, 'disk fault'); END");
    const holdId = holdSql(h, SHOW, seats3);
    const e = await h.err('bookings.confirm', { holdId, tickets: tickets3, payments: [{ method: 'wallet', amount: 3475 }], idempotencyKey: key() }, C);
    expect(e).toMatchObject({ code: 'CONFLICT', details: { refunded: [{ method: 'wallet', amount: 3475 }] } });
    expect(terminal.outstanding()).toBe(0);
    expect(counts(db)).toMatchObject({ bookings: 0, payments: 0, holds: 1, claims: 3 });
  });

  it('answers PAYMENT_MISMATCH when the payments do not add up or cash is short, and changes nothing', async () => {
    ({ h } = setup());
    const holdId = holdSql(h, SHOW, seats3);
    const before = counts(h.engine.ctx.db);
    const short = await h.err('bookings.confirm', { holdId, tickets: tickets3, payments: [{ method: 'cash', amount: 3000 }], idempotencyKey: key() }, C);
    expect(short).toMatchObject({ code: 'PAYMENT_MISMATCH', details: { total: 3475, paid: 3000 } });
    const over = await h.err('bookings.confirm', {
      holdId, tickets: tickets3, payments: [{ method: 'card', amount: 3000 }, { method: 'cash', amount: 500 }], idempotencyKey: key(),
    }, C);
    expect(over).toMatchObject({ code: 'PAYMENT_MISMATCH', details: { total: 3475, paid: 3500 } });
    const tendered = await h.err('bookings.confirm', {
      holdId, tickets: tickets3, payments: [{ method: 'cash', amount: 3475, tendered: 2000 }], idempotencyKey: key(),
    }, C);
    expect(tendered.code).toBe('PAYMENT_MISMATCH');
    expect(h.terminal.charges.size).toBe(0);
    expect(counts(h.engine.ctx.db)).toEqual(before);
  });

  it('refuses tickets that do not cover exactly the hold (VALIDATION) and another counter\'s hold (NOT_FOUND)', async () => {
    ({ h } = setup());
    const holdId = holdSql(h, SHOW, seats3);
    const before = counts(h.engine.ctx.db);
    const fewer = await h.err('bookings.confirm', { holdId, tickets: tickets3.slice(0, 2), payments: [{ method: 'cash', amount: 2500 }], idempotencyKey: key() }, C);
    expect(fewer.code).toBe('VALIDATION');
    const other = [...tickets3.slice(0, 2), { seatId: seat('F', 9), ticketType: 'adult' }];
    expect((await h.err('bookings.confirm', { holdId, tickets: other, payments: [{ method: 'cash', amount: 3500 }], idempotencyKey: key() }, C)).code).toBe('VALIDATION');
    const unknownType = [...tickets3.slice(0, 2), { seatId: seat('C', 1), ticketType: 'pensioner' }];
    expect((await h.err('bookings.confirm', { holdId, tickets: unknownType, payments: [{ method: 'cash', amount: 3475 }], idempotencyKey: key() }, C)).code).toBe('VALIDATION');
    const theirs = await h.err('bookings.confirm', { holdId, tickets: tickets3, payments: [{ method: 'cash', amount: 3475 }], idempotencyKey: key() }, TOKENS.cashier2);
    expect(theirs.code).toBe('NOT_FOUND');
    expect(counts(h.engine.ctx.db)).toEqual(before);
  });

  it('refuses bad input with VALIDATION and no session with UNAUTHENTICATED', async () => {
    ({ h } = setup());
    const holdId = holdSql(h, SHOW, seats3);
    const good = { holdId, tickets: tickets3, payments: [{ method: 'cash', amount: 3475 }], idempotencyKey: key() };
    const before = counts(h.engine.ctx.db);
    for (const bad of [
      { ...good, idempotencyKey: 'short' },
      { ...good, payments: [] },
      { ...good, payments: [{ method: 'cheque', amount: 3475 }] },
      { ...good, payments: [{ method: 'cash', amount: -1 }] },
      { ...good, payments: [{ method: 'card', amount: 3475, tendered: 4000 }] },
      { ...good, customer: { email: 'not-an-email' } },
      { ...good, extra: true },
    ]) {
      expect((await h.err('bookings.confirm', bad, C)).code).toBe('VALIDATION');
    }
    expect((await h.err('bookings.confirm', good, null)).code).toBe('UNAUTHENTICATED');
    expect(counts(h.engine.ctx.db)).toEqual(before);
    expect(h.terminal.charges.size).toBe(0);
  });
});
