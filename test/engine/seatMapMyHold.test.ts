import { afterEach, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../support/engineHarness';
import { seedBasics, seedShow, seatId, TOKENS } from '../support/fixtures';

let h: Harness | null = null;
afterEach(() => {
  h?.close();
  h = null;
});

describe('seats.map reports the caller’s own hold', () => {
  it('gives the caller its live hold, others none, and nothing once it expired', async () => {
    h = makeHarness();
    seedBasics(h.engine.ctx.db, { now: h.clock.now() });
    seedShow(h.engine.ctx.db, { id: 'show_1', startsAt: '2026-11-24T00:00:00.000Z', now: h.clock.now() });
    expect((await h.ok('seats.map', { showId: 'show_1' }, TOKENS.cashier)).myHold).toBeNull();
    const hold = await h.ok('seats.hold', { showId: 'show_1', seatIds: [seatId('C', 3), seatId('C', 4)] }, TOKENS.cashier);
    const mine = await h.ok('seats.map', { showId: 'show_1' }, TOKENS.cashier);
    expect(mine.myHold).toEqual(hold);
    expect((await h.ok('seats.map', { showId: 'show_1' }, TOKENS.cashier2)).myHold).toBeNull();
    h.clock.advanceSeconds(601);
    expect((await h.ok('seats.map', { showId: 'show_1' }, TOKENS.cashier)).myHold).toBeNull();
  });
});
