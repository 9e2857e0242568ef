// pricing.get / pricing.save / pricing.quote through the router, each total computed by hand.
// Hall 1: rows A,B vip (x1.5), C,D premium (x1.3), E,F regular. Theater zone America/New_York.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PRICING, type PricingRules } from '../../shared/contract';
import type { Harness } from '../support/engineHarness';
import { seedShow } from '../support/fixtures';
import { counts, MONDAY_10AM, seat, setup, SHOW, TOKENS } from './bookingSupport';

let h: Harness;
afterEach(() => h?.close());

const M = TOKENS.manager;
const C = TOKENS.cashier;

async function quote(showId: string, tickets: [string, string][]) {
  return h.ok('pricing.quote', { showId, tickets: tickets.map(([s, t]) => ({ seatId: s, ticketType: t })) }, C);
}

function addShow(id: string, startsAt: string, basePrice = 1234): string {
  return seedShow(h.engine.ctx.db, { id, startsAt, basePrice, now: MONDAY_10AM });
}

async function save(over: Partial<PricingRules>): Promise<PricingRules> {
  return h.ok('pricing.save', { ...DEFAULT_PRICING, ...over }, M);
}

describe('pricing.get and pricing.save', () => {
  it('answers the defaults, and a saved document afterwards (audited)', async () => {
    ({ h } = setup());
    expect(await h.ok('pricing.get', {}, C)).toEqual(DEFAULT_PRICING);
    const saved = await save({ holidays: { dates: ['2026-12-25', '2026-11-26', '2026-12-25'], multiplier: 2 } });
    expect(saved.holidays.dates).toEqual(['2026-11-26', '2026-12-25']);
    expect(await h.ok('pricing.get', {}, C)).toEqual(saved);
    const row = h.engine.ctx.db.prepare("SELECT staff_id FROM audit WHERE action = 'pricing.save'").get() as { staff_id: string };
    expect(row.staff_id).toBe('st_manager');
  });

  it('refuses bad rules with VALIDATION and keeps the old ones', async () => {
    ({ h } = setup());
    const before = counts(h.engine.ctx.db);
    for (const bad of [
      { ...DEFAULT_PRICING, capMultiplier: 1.23456 },
      { ...DEFAULT_PRICING, flatPriceDays: [{ weekday: 2, price: 500 }, { weekday: 2, price: 600 }] },
      { ...DEFAULT_PRICING, peak: { ...DEFAULT_PRICING.peak, from: '25:00' } },
      { ...DEFAULT_PRICING, ticketTypes: {} },
      { ...DEFAULT_PRICING, extra: 1 },
    ]) {
      expect((await h.err('pricing.save', bad, M)).code).toBe('VALIDATION');
    }
    expect(await h.ok('pricing.get', {}, C)).toEqual(DEFAULT_PRICING);
    expect(counts(h.engine.ctx.db)).toEqual(before);
  });

  it('lets only a manager save, and nobody without a session read', async () => {
    ({ h } = setup());
    expect((await h.err('pricing.save', DEFAULT_PRICING, C)).code).toBe('FORBIDDEN');
    expect((await h.err('pricing.get', {}, null)).code).toBe('UNAUTHENTICATED');
    expect((await h.err('pricing.save', DEFAULT_PRICING, null)).code).toBe('UNAUTHENTICATED');
  });
});

describe('pricing.quote', () => {
  it('prices a weekday with the defaults: 1851 + 1203 + 987 = 4041', async () => {
    ({ h } = setup());
    // Monday 23 Nov 2026 14:00 New York.
    const show = addShow('show_mon', '2026-11-23T19:00:00.000Z');
    const q = await quote(show, [[seat('A', 1), 'adult'], [seat('C', 1), 'child'], [seat('E', 1), 'senior']]);
    // 1234 x 1.5 = 1851; 1234 x 1.3 x 0.75 = 1203.15 -> 1203; 1234 x 0.8 = 987.2 -> 987
    expect(q.lines.map((l) => l.amount)).toEqual([1851, 1203, 987]);
    expect(q.total).toBe(4041);
    expect(q.currency).toBe('USD');
    expect(q.lines[0]).toMatchObject({ seatId: seat('A', 1), seatLabel: 'A1', ticketType: 'adult' });
    expect(q.lines[0]!.breakdown[1]).toEqual({ label: 'VIP seat x1.5', kind: 'seatType', value: 1.5, amountAfter: 1851 });
  });

  it('prices a weekend: 1234 x 1.5 x 1.5 x 0.75 = 2082.375 -> 2082, plus 1234 x 1.5 = 1851', async () => {
    ({ h } = setup());
    const show = addShow('show_sat', '2026-11-28T19:00:00.000Z');
    const q = await quote(show, [[seat('A', 1), 'child'], [seat('E', 1), 'adult']]);
    expect(q.lines.map((l) => l.amount)).toEqual([2082, 1851]);
    expect(q.total).toBe(3933);
    expect(q.lines[0]!.breakdown.map((s) => s.kind)).toEqual(['base', 'seatType', 'dayRule', 'ticketType', 'rounding']);
  });

  it('prices a holiday at x2.0 and never stacks it on a weekend', async () => {
    ({ h } = setup());
    await save({ holidays: { dates: ['2026-11-26', '2026-11-28'], multiplier: 2 } });
    const thu = addShow('show_thu', '2026-11-26T19:00:00.000Z');
    const sat = addShow('show_sat', '2026-11-28T19:00:00.000Z');
    // 1234 x 2.0 = 2468 ; premium student: 1234 x 1.3 x 2.0 x 0.85 = 2727.14 -> 2727
    expect((await quote(thu, [[seat('E', 1), 'adult'], [seat('C', 2), 'student']])).total).toBe(2468 + 2727);
    // Saturday and a holiday: 1234 x 2.0 = 2468 (not x3.0 = 3702)
    expect((await quote(sat, [[seat('E', 1), 'adult']])).total).toBe(2468);
  });

  it('judges the day in the theater zone: Monday 19:00 in New York is Tuesday in UTC', async () => {
    ({ h } = setup());
    await save({ flatPriceDays: [{ weekday: 2, price: 500 }] });
    const monEvening = addShow('show_mon_evening', '2026-11-24T00:00:00.000Z');
    expect((await quote(monEvening, [[seat('E', 1), 'adult']])).total).toBe(1234);
  });

  it('adds peak hours when on: 1234 x 1.2 = 1480.8 -> 1481, 1234 x 1.3 x 1.2 x 0.85 = 1636.284 -> 1636', async () => {
    ({ h } = setup());
    const evening = addShow('show_evening', '2026-11-24T00:00:00.000Z'); // Monday 19:00 local
    const late = addShow('show_late', '2026-11-24T03:00:00.000Z'); // Monday 22:00 local: outside [18:00, 22:00)
    expect((await quote(evening, [[seat('E', 1), 'adult']])).total).toBe(1234); // peak off by default
    await save({ peak: { enabled: true, from: '18:00', to: '22:00', multiplier: 1.2 } });
    const q = await quote(evening, [[seat('E', 1), 'adult'], [seat('C', 1), 'student']]);
    expect(q.lines.map((l) => l.amount)).toEqual([1481, 1636]);
    expect(q.lines[0]!.breakdown.map((s) => s.kind)).toEqual(['base', 'seatType', 'peak', 'ticketType', 'rounding']);
    expect((await quote(late, [[seat('E', 1), 'adult']])).total).toBe(1234);
  });

  it('charges exactly the flat price on a flat-price day, whatever the seat and ticket', async () => {
    ({ h } = setup());
    await save({ flatPriceDays: [{ weekday: 2, price: 500 }] });
    const tue = addShow('show_tue', '2026-11-24T19:00:00.000Z'); // Tuesday 14:00 local
    const q = await quote(tue, [[seat('A', 1), 'child'], [seat('E', 1), 'adult']]);
    expect(q.lines.map((l) => l.amount)).toEqual([500, 500]);
    expect(q.lines[0]!.breakdown.map((s) => s.kind)).toEqual(['base', 'flatPrice']);
  });

  it('caps a ticket: 1234 x 1.5 x 1.5 = 2776.5 above 2.0 x 1234 = 2468', async () => {
    ({ h } = setup());
    await save({ capMultiplier: 2 });
    const sat = addShow('show_sat', '2026-11-28T19:00:00.000Z');
    const q = await quote(sat, [[seat('A', 1), 'adult']]);
    expect(q.total).toBe(2468);
    expect(q.lines[0]!.breakdown.at(-1)).toMatchObject({ kind: 'cap', value: 2468 });
  });

  it('rounds once, half-up, exactly: 50 x 1.15 = 57.5 -> 58 and 1001 x 0.75 = 750.75 -> 751', async () => {
    ({ h } = setup());
    await save({ ticketTypes: { ...DEFAULT_PRICING.ticketTypes, imax: 1.15 } });
    const cheap = addShow('show_cheap', '2026-11-23T19:00:00.000Z', 50);
    const odd = addShow('show_odd', '2026-11-23T23:00:00.000Z', 1001);
    expect((await quote(cheap, [[seat('E', 1), 'imax']])).total).toBe(58);
    expect((await quote(odd, [[seat('E', 1), 'child']])).total).toBe(751);
  });

  it('refuses an unknown ticket type (VALIDATION) and a seat of another hall (NOT_FOUND)', async () => {
    ({ h } = setup());
    const db = h.engine.ctx.db;
    db.prepare("INSERT INTO halls (id, theater_id, name, cleaning_minutes, created_at) VALUES ('hall_2', 'th_1', 'Hall 2', 15, 0)").run();
    db.prepare("INSERT INTO seats (id, hall_id, row_label, row_index, number, col, type) VALUES ('seat_other', 'hall_2', 'A', 0, 1, 1, 'regular')").run();
    expect((await h.err('pricing.quote', { showId: SHOW, tickets: [{ seatId: seat('A', 1), ticketType: 'pensioner' }] }, C)).code).toBe('VALIDATION');
    const e = await h.err('pricing.quote', { showId: SHOW, tickets: [{ seatId: 'seat_other', ticketType: 'adult' }, { seatId: 'nope', ticketType: 'adult' }] }, C);
    expect(e.code).toBe('NOT_FOUND');
    expect(e.details).toEqual({ seatIds: ['seat_other', 'nope'] });
    expect((await h.err('pricing.quote', { showId: 'show_x', tickets: [{ seatId: seat('A', 1), ticketType: 'adult' }] }, C)).code).toBe('NOT_FOUND');
  });

  it('refuses bad input with VALIDATION and no session with UNAUTHENTICATED', async () => {
    ({ h } = setup());
    expect((await h.err('pricing.quote', { showId: SHOW, tickets: [] }, C)).code).toBe('VALIDATION');
    expect((await h.err('pricing.quote', { showId: SHOW, tickets: [{ seatId: seat('A', 1), ticketType: 'Adult' }] }, C)).code).toBe('VALIDATION');
    const dup = [{ seatId: seat('A', 1), ticketType: 'adult' }, { seatId: seat('A', 1), ticketType: 'child' }];
    expect((await h.err('pricing.quote', { showId: SHOW, tickets: dup }, C)).code).toBe('VALIDATION');
    expect((await h.err('pricing.quote', { showId: SHOW, tickets: [{ seatId: seat('A', 1), ticketType: 'adult' }] }, null)).code).toBe('UNAUTHENTICATED');
  });
});
