// admissions.scan / undo / summary through the router: every answer of the contract (admitted,
// already_admitted with when and who, wrong_show with that show, cancelled, unknown, too_early),
// a booking code admitting its remaining tickets, the manager's undo, the count, and the roles.
import { afterEach, describe, expect, it } from 'vitest';
import type { Booking } from '../../shared/contract';
import { SHOW, TOKENS, seat, sell, setup } from './bookingSupport';
import { MONDAY_10AM, type Harness } from '../support/engineHarness';
import { seedShow } from '../support/fixtures';

const C = TOKENS.cashier;
const M = TOKENS.manager;
const MIN = 60_000;
// The fixture show starts Tuesday 00:00Z (Monday 19:00 in New York): doors open at 18:00 local.
const START = Date.parse('2026-11-24T00:00:00.000Z');

let h: Harness;
afterEach(() => h?.close());

async function sold(seats: string[]): Promise<Booking> {
  return sell(h, seats);
}

describe('admissions', () => {
  it('admits a ticket once; the second scan says when and by whom; the summary counts them', async () => {
    ({ h } = setup());
    const b = await sold([seat('A', 1), seat('A', 2)]);
    const [t1] = b.tickets;
    // Too early: more than doorsOpenMinutes (60) before the start.
    h.clock.set(START - 61 * MIN);
    const early = await h.ok('admissions.scan', { code: t1!.code, showId: SHOW }, C);
    expect(early).toMatchObject({ result: 'too_early', doorsOpenAt: new Date(START - 60 * MIN).toISOString() });
    h.clock.set(START - 30 * MIN);
    // Scanners type what the code says; lower case and spaces are fine.
    const first = await h.ok('admissions.scan', { code: ` ${t1!.code.toLowerCase()} `, showId: SHOW, door: 'Door 1' }, C);
    expect(first.result).toBe('admitted');
    expect(first.tickets.map((t) => t.id)).toEqual([t1!.id]);
    expect(first.tickets[0]).toMatchObject({ status: 'admitted', admittedAt: new Date(START - 30 * MIN).toISOString(), seatLabel: 'A1' });
    expect(first.booking?.id).toBe(b.id);
    h.clock.advance(2 * MIN);
    const again = await h.ok('admissions.scan', { code: t1!.code, showId: SHOW, door: 'Door 2' }, TOKENS.cashier2);
    expect(again).toMatchObject({
      result: 'already_admitted',
      admittedAt: new Date(START - 30 * MIN).toISOString(),
      admittedBy: { id: 'st_cashier', name: 'Cashier' },
      door: 'Door 1',
    });
    expect(await h.ok('admissions.summary', { showId: SHOW }, C)).toEqual({ sold: 2, admitted: 1 });
    // The booking shows the admission on its ticket.
    const after = await h.ok('bookings.get', { id: b.id }, C);
    expect(after.tickets.map((t) => t.status)).toEqual(['admitted', 'sold']);
  });

  it('a booking code admits every ticket not yet in; then already_admitted', async () => {
    ({ h } = setup());
    const b = await sold([seat('A', 1), seat('A', 2), seat('A', 3)]);
    h.clock.set(START - 10 * MIN);
    await h.ok('admissions.scan', { code: b.tickets[1]!.code, showId: SHOW }, C);
    const all = await h.ok('admissions.scan', { code: b.code, showId: SHOW }, C);
    expect(all.result).toBe('admitted');
    expect(all.tickets.map((t) => t.seatLabel)).toEqual(['A1', 'A3']);
    const none = await h.ok('admissions.scan', { code: b.code, showId: SHOW }, C);
    expect(none.result).toBe('already_admitted');
    expect(none.tickets).toHaveLength(3);
    expect(await h.ok('admissions.summary', { showId: SHOW }, C)).toEqual({ sold: 3, admitted: 3 });
  });

  it('wrong_show names the ticket\'s show; cancelled and unknown codes are refused', async () => {
    ({ h } = setup());
    seedShow(h.engine.ctx.db, { id: 'show_2', startsAt: '2026-11-24T02:00:00.000Z', now: MONDAY_10AM });
    const other = await sell(h, [seat('B', 1)], { showId: 'show_2' });
    const gone = await sold([seat('C', 1)]);
    await h.ok('bookings.cancel', { id: gone.id, reason: 'changed plans' }, C);
    h.clock.set(START - 5 * MIN);
    const wrong = await h.ok('admissions.scan', { code: other.tickets[0]!.code, showId: SHOW }, C);
    expect(wrong).toMatchObject({ result: 'wrong_show', ticketShow: { id: 'show_2', startsAt: '2026-11-24T02:00:00.000Z', hallName: 'Hall 1' } });
    expect((await h.ok('admissions.scan', { code: gone.tickets[0]!.code, showId: SHOW }, C)).result).toBe('cancelled');
    expect((await h.ok('admissions.scan', { code: gone.code, showId: SHOW }, C)).result).toBe('cancelled');
    expect(await h.ok('admissions.scan', { code: 'ZZZZZZZZZZ', showId: SHOW }, C)).toEqual({ result: 'unknown', tickets: [] });
    expect(await h.ok('admissions.summary', { showId: SHOW }, C)).toEqual({ sold: 0, admitted: 0 });
  });

  it('a manager undoes an admission; a cashier may not; an admitted ticket is not refunded', async () => {
    ({ h } = setup());
    const b = await sold([seat('A', 1), seat('A', 2)]);
    const t = b.tickets[0]!;
    h.clock.set(START - 20 * MIN);
    await h.ok('admissions.scan', { code: t.code, showId: SHOW }, C);
    expect((await h.err('admissions.undo', { ticketId: t.id }, C)).code).toBe('FORBIDDEN');
    // The state machine: an admitted ticket cannot be cancelled.
    const refused = await h.err('bookings.cancel', { id: b.id, reason: 'x', ticketIds: [t.id], override: true }, M);
    expect(refused.code).toBe('ILLEGAL_TRANSITION');
    const undone = await h.ok('admissions.undo', { ticketId: t.id }, M);
    expect(undone).toMatchObject({ id: t.id, status: 'sold' });
    expect(undone.admittedAt).toBeUndefined();
    expect((await h.err('admissions.undo', { ticketId: t.id }, M)).code).toBe('ILLEGAL_TRANSITION');
    expect((await h.ok('admissions.scan', { code: t.code, showId: SHOW }, C)).result).toBe('admitted');
  });

  it('validates input and needs a session', async () => {
    ({ h } = setup());
    expect((await h.err('admissions.scan', { code: 'A1!', showId: SHOW }, C)).code).toBe('VALIDATION');
    expect((await h.err('admissions.scan', { code: 'ABCDEFGH', showId: SHOW, extra: 1 }, C)).code).toBe('VALIDATION');
    expect((await h.err('admissions.scan', { code: 'ABCDEFGH', showId: 'nope' }, C)).code).toBe('NOT_FOUND');
    expect((await h.err('admissions.summary', { showId: SHOW }, null)).code).toBe('UNAUTHENTICATED');
  });
});
