// Model-based test of the after-sale (beside inventory.model.test.ts, which covers holds): random
// sequences of sales (cash or card), partial and whole cancellations, exchanges to other seats or
// the other show, door admissions and their undo, all through the real router and SQLite file,
// against a small model. After every step: each seat of each show is sold at most once and
// exactly to the model's booking, every booking and ticket is in the model's state, and the money
// adds up: payments minus refunds equals the sum of the live tickets' amounts (cancellations here
// are 9 h before the start, so the 100 % tier: nothing is kept as a fee).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type TicketStatus } from '../../shared/contract';
import { MONDAY_10AM, makeHarness, type Harness } from '../support/engineHarness';
import { TOKENS, seatId, seedBasics, seedShow } from '../support/fixtures';
import { holdSql, key } from './bookingSupport';

const SHOWS = ['show_1', 'show_2'] as const;
const SEATS = [...[1, 2, 3, 4].map((n) => seatId('A', n)), ...[1, 2, 3, 4].map((n) => seatId('E', n))];
const C = TOKENS.cashier;

interface MTicket { id: string; code: string; seat: string; amount: number; status: TicketStatus }
interface MBooking { id: string; show: string; status: 'confirmed' | 'cancelled' | 'exchanged'; tickets: MTicket[] }
interface Model { bookings: MBooking[] }
interface Real { h: Harness }

const liveTickets = (b: MBooking) => b.tickets.filter((t) => t.status !== 'cancelled');
const ownerOf = (m: Model, show: string, seat: string) =>
  m.bookings.find((b) => b.show === show && liveTickets(b).some((t) => t.seat === seat));
const pick = <X>(list: X[], k: number): X | undefined => (list.length ? list[k % list.length] : undefined);

async function check(m: Model, r: Real): Promise<void> {
  const db = r.h.engine.ctx.db;
  for (const show of SHOWS) {
    const map = await r.h.ok('seats.map', { showId: show }, C);
    for (const seat of SEATS) {
      const claim = db.prepare('SELECT booking_id FROM seat_claims WHERE show_id = ? AND seat_id = ?').get(show, seat) as { booking_id: string | null } | undefined;
      expect(claim?.booking_id ?? null).toBe(ownerOf(m, show, seat)?.id ?? null);
      expect(map.seats.find((s) => s.id === seat)!.status).toBe(ownerOf(m, show, seat) ? 'sold' : 'available');
    }
  }
  for (const b of m.bookings) {
    const real = await r.h.ok('bookings.get', { id: b.id }, C);
    expect(real.status).toBe(b.status);
    expect(Object.fromEntries(real.tickets.map((t) => [t.id, t.status]))).toEqual(Object.fromEntries(b.tickets.map((t) => [t.id, t.status])));
  }
  // The live tickets hold exactly the sold claims, and no seat has two.
  const liveDb = db.prepare("SELECT count(*) AS n FROM tickets WHERE status IN ('sold', 'admitted')").get() as { n: number };
  const claims = db.prepare('SELECT count(*) AS n FROM seat_claims WHERE booking_id IS NOT NULL').get() as { n: number };
  expect(liveDb.n).toBe(claims.n);
  const doubles = db.prepare("SELECT show_id, seat_id FROM tickets WHERE status IN ('sold', 'admitted') GROUP BY show_id, seat_id HAVING count(*) > 1").all();
  expect(doubles).toEqual([]);
  // The money.
  const net = db.prepare("SELECT coalesce(sum(CASE kind WHEN 'charge' THEN amount ELSE -amount END), 0) AS n FROM payments").get() as { n: number };
  const live = m.bookings.flatMap(liveTickets).reduce((s, t) => s + t.amount, 0);
  expect(net.n).toBe(live);
  expect((db.prepare("SELECT coalesce(sum(amount), 0) AS n FROM tickets WHERE status IN ('sold', 'admitted')").get() as { n: number }).n).toBe(live);
}

function toModel(b: { id: string; showId: string; tickets: { id: string; code: string; seatId: string; amount: number; status: TicketStatus }[] }): MBooking {
  return { id: b.id, show: b.showId, status: 'confirmed', tickets: b.tickets.map((t) => ({ id: t.id, code: t.code, seat: t.seatId, amount: t.amount, status: t.status })) };
}

class SellCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly show: number, readonly seats: string[], readonly card: boolean) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const show = SHOWS[this.show]!;
    const free = this.seats.every((s) => !ownerOf(m, show, s));
    const hold = await r.h.call('seats.hold', { showId: show, seatIds: this.seats }, C);
    if (!free) {
      expect(hold.ok ? 'ok' : hold.error.code).toBe('SEATS_UNAVAILABLE');
      return check(m, r);
    }
    if (!hold.ok) throw new Error(JSON.stringify(hold.error));
    const tickets = this.seats.map((s, i) => ({ seatId: s, ticketType: i % 2 ? 'child' : 'adult' }));
    const quote = await r.h.ok('pricing.quote', { showId: show, tickets }, C);
    const b = await r.h.ok('bookings.confirm', {
      holdId: hold.data.id, tickets, payments: [{ method: this.card ? 'card' : 'cash', amount: quote.total }], idempotencyKey: key(),
    }, C);
    m.bookings.push(toModel(b));
    await check(m, r);
  }
  toString = () => `sell(${SHOWS[this.show]}, ${this.seats.join(' ')}, ${this.card ? 'card' : 'cash'})`;
}

class CancelCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly k: number, readonly mask: number | null) {}
  check = (m: Readonly<Model>) => m.bookings.length > 0;
  async run(m: Model, r: Real) {
    const b = pick(m.bookings, this.k)!;
    const chosen = this.mask === null ? liveTickets(b) : b.tickets.filter((_, i) => (this.mask! >> i) & 1);
    if (this.mask !== null && chosen.length === 0) return check(m, r);
    const input = this.mask === null ? { id: b.id, reason: 'model' } : { id: b.id, reason: 'model', ticketIds: chosen.map((t) => t.id) };
    const res = await r.h.call('bookings.cancel', input, C);
    const illegal = b.status !== 'confirmed' || chosen.some((t) => t.status !== 'sold');
    if (illegal) {
      expect(res.ok ? 'ok' : res.error.code).toBe(b.status === 'cancelled' ? 'CONFLICT' : 'ILLEGAL_TRANSITION');
    } else {
      if (!res.ok) throw new Error(JSON.stringify(res.error));
      expect(res.data.refund.amount).toBe(chosen.reduce((s, t) => s + t.amount, 0));
      for (const t of chosen) t.status = 'cancelled';
      if (liveTickets(b).length === 0) b.status = 'cancelled';
    }
    await check(m, r);
  }
  toString = () => `cancel(#${this.k}, ${this.mask ?? 'all'})`;
}

class ExchangeCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly k: number, readonly show: number, readonly seats: string[]) {}
  check = (m: Readonly<Model>) => m.bookings.length > 0;
  async run(m: Model, r: Real) {
    const b = pick(m.bookings, this.k)!;
    const show = SHOWS[this.show]!;
    // Seats of this very booking on the same show are kept (not held); anyone else's cannot be had.
    const kept = this.seats.filter((s) => ownerOf(m, show, s) === b);
    const fresh = this.seats.filter((s) => !kept.includes(s));
    if (fresh.some((s) => ownerOf(m, show, s)) || fresh.length === 0) return check(m, r);
    const holdId = holdSql(r.h, show, fresh, C);
    const tickets = this.seats.map((s) => ({ seatId: s, ticketType: 'adult' }));
    const quote = await r.h.ok('pricing.quote', { showId: show, tickets }, C);
    const live = liveTickets(b).reduce((s, t) => s + t.amount, 0);
    const diff = quote.total - live;
    const res = await r.h.call('bookings.exchange', {
      bookingId: b.id, holdId, tickets, ...(diff > 0 ? { payments: [{ method: 'card', amount: diff }] } : {}), idempotencyKey: key(),
    }, C);
    if (b.status !== 'confirmed' || b.tickets.some((t) => t.status === 'admitted')) {
      expect(res.ok ? 'ok' : res.error.code).toBe('ILLEGAL_TRANSITION');
      await r.h.ok('seats.release', { holdId }, C);
    } else {
      if (!res.ok) throw new Error(JSON.stringify(res.error));
      expect(res.data.difference).toBe(diff);
      for (const t of b.tickets) if (t.status === 'sold') t.status = 'cancelled';
      b.status = 'exchanged';
      m.bookings.push(toModel(res.data.booking));
    }
    await check(m, r);
  }
  toString = () => `exchange(#${this.k} -> ${SHOWS[this.show]} ${this.seats.join(' ')})`;
}

class AdmitCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly k: number, readonly j: number, readonly undo: boolean) {}
  check = (m: Readonly<Model>) => m.bookings.length > 0;
  async run(m: Model, r: Real) {
    const b = pick(m.bookings, this.k)!;
    const t = pick(b.tickets, this.j)!;
    if (this.undo) {
      const res = await r.h.call('admissions.undo', { ticketId: t.id }, TOKENS.manager);
      if (t.status === 'admitted') {
        expect(res.ok).toBe(true);
        t.status = 'sold';
      } else expect(res.ok ? 'ok' : res.error.code).toBe('ILLEGAL_TRANSITION');
    } else {
      const res = await r.h.ok('admissions.scan', { code: t.code, showId: b.show }, C);
      expect(res.result).toBe(t.status === 'sold' ? 'admitted' : t.status === 'admitted' ? 'already_admitted' : 'cancelled');
      if (t.status === 'sold') t.status = 'admitted';
    }
    await check(m, r);
  }
  toString = () => `${this.undo ? 'undo' : 'admit'}(#${this.k}, ${this.j})`;
}

const k = fc.nat(10);
const show = fc.integer({ min: 0, max: 1 });
const seats = fc.uniqueArray(fc.constantFrom(...SEATS), { minLength: 1, maxLength: 3 });
const commands = fc.commands(
  [
    fc.tuple(show, seats, fc.boolean()).map(([s, x, c]) => new SellCmd(s, x, c)),
    fc.tuple(k, fc.option(fc.integer({ min: 1, max: 7 }), { nil: null })).map(([i, mask]) => new CancelCmd(i, mask)),
    fc.tuple(k, show, seats).map(([i, s, x]) => new ExchangeCmd(i, s, x)),
    fc.tuple(k, fc.nat(3), fc.boolean()).map(([i, j, u]) => new AdmitCmd(i, j, u)),
  ],
  { maxCommands: 25 },
);

describe('after the sale (model-based)', () => {
  it('keeps every seat sold at most once and the money equal to the live tickets', async () => {
    await fc.assert(
      fc.asyncProperty(commands, async (cmds) => {
        const h = makeHarness();
        try {
          const db = h.engine.ctx.db;
          seedBasics(db, { now: MONDAY_10AM, rows: ['A', 'E'], seatsPerRow: 4 });
          seedShow(db, { id: 'show_1', startsAt: '2026-11-24T00:00:00.000Z', basePrice: 1000, now: MONDAY_10AM });
          seedShow(db, { id: 'show_2', startsAt: '2026-11-24T03:00:00.000Z', basePrice: 1300, now: MONDAY_10AM });
          // The doors are open all day, so admissions happen at the sale's time too.
          await h.ok('settings.save', { ...DEFAULT_SETTINGS, doorsOpenMinutes: 720 }, TOKENS.manager);
          await fc.asyncModelRun(() => ({ model: { bookings: [] }, real: { h } }), cmds);
        } finally {
          h.close();
        }
      }),
      { numRuns: 30 },
    );
  }, 120_000);
});
