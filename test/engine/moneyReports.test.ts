// Tax through a whole day (quote, sale, receipt, partial refund), the day report's tax,
// byTicketType and owedCash, the film report with its rental, movies' distributor fields, and the
// pricing tab's what-if (pricing.preview) and readable audit. All totals computed by hand.
// Settings: exclusive tax 10 %. Show 1: Inception Mon 23 Nov 19:00 New York, base 1000.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PRICING, DEFAULT_SETTINGS } from '../../shared/contract';
import type { Harness } from '../support/engineHarness';
import { T } from '../support/fixtures';
import { holdSql, key, seat, setup, SHOW, TOKENS } from './bookingSupport';
import { insertShow, seedSecondMovie } from './salesSql';

let h: Harness;
afterEach(() => h?.close());
const C = TOKENS.cashier;
const M = TOKENS.manager;
const HOUR = 3_600_000;

async function sale(showId: string, tickets: { seatId: string; ticketType: string }[], method: 'cash' | 'card') {
  const q = await h.ok('pricing.quote', { showId, tickets }, C);
  const holdId = holdSql(h, showId, tickets.map((t) => t.seatId));
  return h.ok('bookings.confirm', { holdId, tickets, payments: [{ method, amount: q.total }], idempotencyKey: key() }, C);
}

describe('tax, the day report and the film report', () => {
  it('adds up a taxed day by hand', async () => {
    ({ h } = setup());
    const db = h.engine.ctx.db;
    seedSecondMovie(db, h.clock.now());
    insertShow(db, { id: 'show_2', movieId: 'mv_tdk', startsAt: '2026-11-24T03:00:00.000Z', now: h.clock.now() }); // TDK Mon 22:00
    insertShow(db, { id: 'show_3', startsAt: '2026-11-25T00:00:00.000Z', now: h.clock.now() }); // Tuesday: out of the range
    await h.ok('settings.save', { ...DEFAULT_SETTINGS, tax: { mode: 'exclusive', ticketRatePercent: 10 } }, M);
    const movie = (await h.ok('movies.search', {}, M)).find((m) => m.id === T.movie)!;
    const { archived: _a, ...fields } = movie;
    const saved = await h.ok('movies.save', { ...fields, distributor: 'Warner Bros.', rentalPercent: 55 }, M);
    expect(saved).toMatchObject({ distributor: 'Warner Bros.', rentalPercent: 55 });

    // A1 vip 1500 + tax 150; E1 1000 + 100: 2750 cash.
    const b1 = await sale(SHOW, [{ seatId: seat('A', 1), ticketType: 'adult' }, { seatId: seat('E', 1), ticketType: 'adult' }], 'cash');
    expect(b1.total).toBe(2750);
    expect(b1.tickets.map((t) => [t.net, t.tax, t.amount])).toEqual([[1500, 150, 1650], [1000, 100, 1100]]);
    const receipt = await h.ok('receipts.get', { bookingId: b1.id }, C);
    expect(receipt.tax).toEqual({ mode: 'exclusive', ratePercent: 10, net: 2500, tax: 250, gross: 2750 });
    expect(receipt.lines[0]!.breakdown.at(-1)).toEqual({ label: 'Tax 10 %', kind: 'tax', value: 150, amountAfter: 1650 });
    // E2 child 750 + 75 = 825 card; cancelled 3 h before the start: 50 %, 412.5 -> 413 back.
    const b2 = await sale(SHOW, [{ seatId: seat('E', 2), ticketType: 'child' }], 'card');
    expect(b2.total).toBe(825);
    // E3 on TDK for cash 1100, then the manager cancels that show: the cash is owed, not refunded.
    await sale('show_2', [{ seatId: seat('E', 3), ticketType: 'adult' }], 'cash');
    h.clock.set(Date.parse('2026-11-23T21:00:00.000Z'));
    const c = await h.ok('bookings.cancel', { id: b2.id, reason: 'late' }, C);
    expect(c.refund).toEqual({ amount: 413, percent: 50 });
    await h.ok('shows.cancel', { id: 'show_2', reason: 'projector' }, M);

    const day = await h.ok('reports.daily', { date: '2026-11-23' }, M);
    expect(day).toMatchObject({ gross: 4675, refunds: 413, net: 4262, owedCash: 1100 });
    // Tax: 250 + 75 + 100 sold, less the refund's share 413 x 75 / 825 = 37.5 -> 38.
    expect(day.tax).toBe(250 + 75 + 100 - 38);
    expect(day.byTicketType).toEqual([{ ticketType: 'adult', tickets: 3, gross: 3850 }, { ticketType: 'child', tickets: 1, gross: 825 }]);
    expect(day.byPaymentMethod.find((m) => m.method === 'cash')).toEqual({ method: 'cash', collected: 3850, refunded: 0, net: 3850 });

    // Inception: admissions A1, E1 (E2 cancelled); gross 2750 + 412 kept; tax 250 + 412 x 75 / 825 = 37.45 -> 37;
    // net 3162 - 287 = 2875; rental 55 % = 1581.25 -> 1581. TDK's show was cancelled: not played.
    const film = await h.ok('reports.film', { from: '2026-11-23', to: '2026-11-23' }, M);
    expect(film).toEqual({
      currency: 'USD',
      rows: [{ movieId: T.movie, title: 'Inception', distributor: 'Warner Bros.', shows: 1, admissions: 2, gross: 3162, tax: 287, net: 2875, rentalPercent: 55, rental: 1581 }],
    });
    const week = await h.ok('reports.film', { from: '2026-11-23', to: '2026-11-29' }, M);
    expect(week.rows.map((r) => [r.title, r.shows, r.admissions])).toEqual([['Inception', 2, 2]]);
    expect((await h.err('reports.film', { from: '2026-11-23', to: '2026-11-23' }, C)).code).toBe('FORBIDDEN');
    expect((await h.err('reports.film', { from: '2026-11-24', to: '2026-11-23' }, M)).code).toBe('VALIDATION');

    // Paid out on Tuesday: a refund on Tuesday, no longer owed on Monday.
    h.clock.set(Date.parse('2026-11-24T15:00:00.000Z'));
    const owed = db.prepare("SELECT id FROM bookings WHERE show_id = 'show_2'").get() as { id: string };
    db.prepare('UPDATE sessions SET created_at = ?, last_seen = ?').run(h.clock.now(), h.clock.now()); // a new working day, signed in again
    await h.ok('bookings.payOutRefund', { id: owed.id }, C);
    expect(await h.ok('reports.daily', { date: '2026-11-23' }, M)).toMatchObject({ refunds: 413, owedCash: 0 });
    // Tuesday: the 1100 paid back, with its 100 of tax.
    expect(await h.ok('reports.daily', { date: '2026-11-24' }, M)).toMatchObject({ refunds: 1100, owedCash: 0, tax: -100 });
    // A receipt keeps the tax terms of its sale when the settings change later.
    await h.ok('settings.save', { ...DEFAULT_SETTINGS, tax: { mode: 'inclusive', ticketRatePercent: 20 } }, M);
    expect((await h.ok('receipts.get', { bookingId: b1.id }, C)).tax).toEqual({ mode: 'exclusive', ratePercent: 10, net: 2500, tax: 250, gross: 2750 });
  });
});

describe('the pricing tab', () => {
  it('previews rules being edited without saving them; only a manager', async () => {
    ({ h } = setup());
    const tickets = [{ seatId: seat('E', 1), ticketType: 'adult' }];
    const edited = { ...DEFAULT_PRICING, surcharges: { formats: {}, movies: { [T.movie]: 300 } } };
    const preview = await h.ok('pricing.preview', { showId: SHOW, tickets, rules: edited }, M);
    expect(preview.total).toBe(1300);
    expect(preview.lines[0]!.breakdown.map((s) => [s.label, s.amountAfter])).toContainEqual(['Film surcharge', 1300]);
    expect((await h.ok('pricing.quote', { showId: SHOW, tickets }, C)).total).toBe(1000);
    expect((await h.err('pricing.preview', { showId: SHOW, tickets, rules: edited }, C)).code).toBe('FORBIDDEN');
  });

  it('audits a save as readable before/after values with film titles, not ids', async () => {
    ({ h } = setup());
    await h.ok('pricing.save', { ...DEFAULT_PRICING, weekend: { days: [6, 0], multiplier: 1.6 }, surcharges: { formats: { IMAX: 500 }, movies: { [T.movie]: 250 } } }, M);
    const [entry] = await h.ok('audit.list', {}, M);
    expect(entry!.action).toBe('pricing.save');
    expect(entry!.details).toEqual({
      changes: [
        { what: 'Weekend multiplier', before: 'x1.5', after: 'x1.6' },
        { what: 'Surcharge for IMAX shows', before: 'none', after: '$5.00' },
        { what: 'Surcharge for Inception', before: 'none', after: '$2.50' },
      ],
    });
    expect((await h.err('pricing.save', { ...DEFAULT_PRICING, surcharges: { formats: {}, movies: { mv_nope: 100 } } }, M)).code).toBe('NOT_FOUND');
  });
});
