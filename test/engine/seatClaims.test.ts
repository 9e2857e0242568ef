// seats.claims: the layout once per hall and layout version, then only the live claims; the same
// statuses as seats.map; a layout edit (halls.save) bumps the version so cached layouts refetch.
import { describe, expect, it } from 'vitest';
import { SeatClaims, type Hall, type MapSeat } from '../../shared/contract';
import { useSeededHarness } from '../support/seeded';
import { seatId, seedShow, T, TOKENS } from '../support/fixtures';
import { insertSoldClaims } from './claimsSql';

const h = useSeededHarness();
const C = TOKENS.cashier;
const M = TOKENS.manager;
const SHOW = 'show_claims';
const STARTS = '2026-11-24T19:00:00.000Z';

/** seats.map rebuilt from a seats.claims answer, as the renderer does it. */
function statusesOf(layout: NonNullable<SeatClaims['layout']>, c: SeatClaims): Record<string, MapSeat['status']> {
  const out: Record<string, MapSeat['status']> = {};
  for (const s of layout) out[s.id] = s.blocked ? 'blocked' : 'available';
  for (const id of c.sold) out[id] = 'sold';
  for (const id of c.held) out[id] = 'held';
  return out;
}

function asInput(hall: Hall) {
  return {
    id: hall.id, theaterId: hall.theaterId, name: hall.name, cleaningMinutes: hall.cleaningMinutes,
    rows: hall.rows.map((r) => ({ label: r.label, seats: r.seats.map((s) => ({ id: s.id, number: s.number, column: s.column, type: s.type, blocked: s.blocked })) })),
  };
}

describe('seats.claims', () => {
  it('answers the layout and the sold and held seats, agreeing with seats.map, with my own hold', async () => {
    seedShow(h.engine.ctx.db, { id: SHOW, startsAt: STARTS, now: h.clock.now() });
    insertSoldClaims(h.engine.ctx.db, SHOW, [seatId('D', 1)], h.clock.now());
    const mine = await h.ok('seats.hold', { showId: SHOW, seatIds: [seatId('E', 1)] }, C);
    await h.ok('seats.hold', { showId: SHOW, seatIds: [seatId('E', 2)] }, TOKENS.cashier2);

    const c = await h.ok('seats.claims', { showId: SHOW }, C);
    expect(SeatClaims.safeParse(c).success).toBe(true);
    expect(c.hall).toMatchObject({ id: T.hall, layoutVersion: 1, capacity: 60 });
    expect(c.layout).toHaveLength(60);
    expect(c.sold).toEqual([seatId('D', 1)]);
    expect([...c.held].sort()).toEqual([seatId('E', 1), seatId('E', 2)].sort());
    // Which held seat is mine comes with my hold only: other counters' holds stay opaque.
    expect(c.myHold).toMatchObject({ id: mine.id, seatIds: [seatId('E', 1)] });

    const m = await h.ok('seats.map', { showId: SHOW }, C);
    expect(c.version).toBe(m.version);
    expect(statusesOf(c.layout!, c)).toEqual(Object.fromEntries(m.seats.map((s) => [s.id, s.status])));
    expect(c.layout!.map((s) => s.id)).toEqual(m.seats.map((s) => s.id));
  });

  it('leaves the layout out when the caller has the current version, and sends it again after a layout edit', async () => {
    seedShow(h.engine.ctx.db, { id: SHOW, startsAt: STARTS, now: h.clock.now() });
    const first = await h.ok('seats.claims', { showId: SHOW }, C);
    const known = { hallId: first.hall.id, version: first.hall.layoutVersion };
    const again = await h.ok('seats.claims', { showId: SHOW, layout: known }, C);
    expect(again.layout).toBeUndefined();
    expect(again.hall).toEqual(first.hall);

    // The manager re-types A1: a new layout version, so the cached layout is stale.
    const hall = await h.ok('halls.get', { id: T.hall }, M);
    expect(hall.layoutVersion).toBe(known.version);
    const input = asInput(hall);
    input.rows[0]!.seats[0]!.type = 'premium';
    const saved = await h.ok('halls.save', input, M);
    expect(saved.layoutVersion).toBe(known.version + 1);

    const after = await h.ok('seats.claims', { showId: SHOW, layout: known }, C);
    expect(after.hall.layoutVersion).toBe(known.version + 1);
    expect(after.layout?.find((s) => s.id === seatId('A', 1))?.type).toBe('premium');
    // seats.map reads the same cache: it shows the edit too.
    expect((await h.ok('seats.map', { showId: SHOW }, C)).seats.find((s) => s.id === seatId('A', 1))?.type).toBe('premium');
    // And with the new version known, the layout is left out again.
    expect((await h.ok('seats.claims', { showId: SHOW, layout: { hallId: T.hall, version: known.version + 1 } }, C)).layout).toBeUndefined();
  });

  it('needs a cashier and a known show', async () => {
    expect((await h.err('seats.claims', { showId: SHOW })).code).toBe('UNAUTHENTICATED');
    expect((await h.err('seats.claims', { showId: 'show_nope' }, C)).code).toBe('NOT_FOUND');
    expect((await h.err('seats.claims', { showId: SHOW, layout: { hallId: T.hall } }, C)).code).toBe('VALIDATION');
  });
});
