// bookings.get and bookings.search through the router.
import { afterEach, describe, expect, it } from 'vitest';
import type { Harness } from '../support/engineHarness';
import { seedShow } from '../support/fixtures';
import { MONDAY_10AM, seat, sell, setup, SHOW, TOKENS } from './bookingSupport';

let h: Harness;
afterEach(() => h?.close());
const C = TOKENS.cashier;

describe('bookings.get', () => {
  it('finds a booking by id and by code (typed in lower case), without a customer when none was given', async () => {
    ({ h } = setup());
    const b = await sell(h, [seat('F', 2), seat('A', 3)]);
    expect(b.customer).toBeUndefined();
    expect(b.tickets.map((t) => t.seatLabel)).toEqual(['A3', 'F2']);
    expect(await h.ok('bookings.get', { id: b.id }, C)).toEqual(b);
    expect(await h.ok('bookings.get', { code: ` ${b.code.toLowerCase()} ` }, C)).toEqual(b);
  });

  it('answers NOT_FOUND, VALIDATION and UNAUTHENTICATED', async () => {
    ({ h } = setup());
    expect((await h.err('bookings.get', { id: 'bk_none' }, C)).code).toBe('NOT_FOUND');
    expect((await h.err('bookings.get', { code: 'ABCDEF' }, C)).code).toBe('NOT_FOUND');
    expect((await h.err('bookings.get', { code: 'ABC0O1' }, C)).code).toBe('VALIDATION');
    expect((await h.err('bookings.get', {}, C)).code).toBe('VALIDATION');
    expect((await h.err('bookings.get', { id: 'x' }, null)).code).toBe('UNAUTHENTICATED');
  });
});

describe('bookings.search', () => {
  async function seedThree() {
    ({ h } = setup());
    // A second show: Wednesday 25 Nov 2026 19:00 New York (Thursday 00:00 UTC).
    seedShow(h.engine.ctx.db, { id: 'show_wed', startsAt: '2026-11-26T00:00:00.000Z', now: MONDAY_10AM });
    const ada = await sell(h, [seat('E', 1)], { customer: { name: 'Ada Lovelace', phone: '+1 (212) 555-0100', email: 'ada@example.com' } });
    h.clock.advanceSeconds(60);
    const alan = await sell(h, [seat('E', 2)], { customer: { name: 'Alan Turing', phone: '020 7946 0958' } });
    h.clock.advanceSeconds(60);
    const grace = await sell(h, [seat('E', 3)], { showId: 'show_wed', customer: { email: 'grace@navy.mil' } });
    return { ada, alan, grace };
  }
  const ids = (list: { id: string }[]) => list.map((b) => b.id);

  it('lists newest first, with a limit', async () => {
    const { ada, alan, grace } = await seedThree();
    expect(ids(await h.ok('bookings.search', {}, C))).toEqual([grace.id, alan.id, ada.id]);
    expect(ids(await h.ok('bookings.search', { limit: 2 }, C))).toEqual([grace.id, alan.id]);
  });

  it('matches a customer name substring in any case, phone digits, email and a code prefix', async () => {
    const { ada, alan, grace } = await seedThree();
    expect(ids(await h.ok('bookings.search', { query: 'LOVE' }, C))).toEqual([ada.id]);
    expect(ids(await h.ok('bookings.search', { query: 'a' }, C))).toEqual([grace.id, alan.id, ada.id]);
    expect(ids(await h.ok('bookings.search', { query: '5550100' }, C))).toEqual([ada.id]);
    expect(ids(await h.ok('bookings.search', { query: '7946 0958' }, C))).toEqual([alan.id]);
    expect(ids(await h.ok('bookings.search', { query: 'navy.mil' }, C))).toEqual([grace.id]);
    expect(ids(await h.ok('bookings.search', { query: alan.code.slice(0, 4).toLowerCase() }, C))).toContain(alan.id);
    expect(ids(await h.ok('bookings.search', { query: alan.code }, C))).toEqual([alan.id]);
    expect(await h.ok('bookings.search', { query: 'nobody%' }, C)).toEqual([]);
  });

  it('filters by show and by the local date of the show', async () => {
    const { ada, alan, grace } = await seedThree();
    expect(ids(await h.ok('bookings.search', { showId: SHOW }, C))).toEqual([alan.id, ada.id]);
    // The first show starts Monday 19:00 in New York, which is already Tuesday in UTC.
    expect(ids(await h.ok('bookings.search', { date: '2026-11-23' }, C))).toEqual([alan.id, ada.id]);
    expect(await h.ok('bookings.search', { date: '2026-11-24' }, C)).toEqual([]);
    expect(ids(await h.ok('bookings.search', { date: '2026-11-25', query: 'grace' }, C))).toEqual([grace.id]);
  });

  it('answers VALIDATION for bad input and UNAUTHENTICATED without a session', async () => {
    ({ h } = setup());
    expect((await h.err('bookings.search', { date: '23/11/2026' }, C)).code).toBe('VALIDATION');
    expect((await h.err('bookings.search', { limit: 0 }, C)).code).toBe('VALIDATION');
    expect((await h.err('bookings.search', { nope: 1 }, C)).code).toBe('VALIDATION');
    expect((await h.err('bookings.search', {}, null)).code).toBe('UNAUTHENTICATED');
  });
});
