// Best-available: the pure selection (bestSeats.ts) on hand-drawn grids and random ones, then the
// seats.bestAvailable channel through the router.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { SeatType } from '../../shared/contract';
import { isEligibleType, pickBestSeats, type GridSeat } from '../../electron/engine/inventory/bestSeats';
import { MONDAY_10AM, makeHarness, type Harness } from '../support/engineHarness';
import { TOKENS, seatId, seedBasics, seedShow } from '../support/fixtures';

/**
 * Draws a hall: one string per row, the first nearest the screen; one character per column.
 * '.' free regular, 'x' taken, 'w' free wheelchair, 'c' free companion, 'p' free premium,
 * ' ' no seat (an aisle). Seat ids are r<row>s<number>, numbers counting seats from the left.
 */
function draw(...rows: string[]): GridSeat[] {
  const types: Record<string, SeatType> = { '.': 'regular', x: 'regular', w: 'wheelchair', c: 'companion', p: 'premium' };
  return rows.flatMap((line, row) => {
    let number = 0;
    return [...line].flatMap((ch, column) => {
      if (ch === ' ') return [];
      number++;
      return [{ id: `r${row}s${number}`, row, number, column, type: types[ch]!, free: ch !== 'x' }];
    });
  });
}

const ids = (row: number, ...numbers: number[]) => numbers.map((n) => `r${row}s${n}`);
const pick = (seats: GridSeat[], count: number, types?: SeatType[]) => pickBestSeats(seats, { count, types });

describe('pickBestSeats (pure)', () => {
  const sixRowsWithAisle = Array.from({ length: 6 }, () => '..... .....');

  it('picks a block two thirds back, centred, on the near side of a central aisle', () => {
    // Row 3 is closest to 2/3 of 0..5; the aisle sits on the centre line, so the block hugs it.
    expect(pick(draw(...sixRowsWithAisle), 2)).toEqual({ seatIds: ids(3, 4, 5), split: false });
    expect(pick(draw(...sixRowsWithAisle), 1)).toEqual({ seatIds: ids(3, 5), split: false });
  });

  it('centres the block in a row without an aisle', () => {
    const hall = draw('..........', '..........', '..........', '..........');
    expect(pick(hall, 4)).toEqual({ seatIds: ids(2, 4, 5, 6, 7), split: false });
  });

  it('keeps a party together in one row rather than split around a taken seat', () => {
    const hall = draw('.x....');
    expect(pick(hall, 3)!.seatIds).toEqual(ids(0, 3, 4, 5));
    expect(pick(hall, 3)!.split).toBe(false);
  });

  it('does not strand a single empty seat when another block avoids it', () => {
    // The centred block (seats 3-4) would leave seat 2 alone between a taken seat and the block.
    expect(pick(draw('x.....'), 2)!.seatIds).toEqual(ids(0, 2, 3));
    // Against an aisle too: seats 2-3 would strand seat 4 next to the aisle.
    expect(pick(draw('.... ....'), 2)!.seatIds).toEqual(ids(0, 3, 4));
    // Three in the middle of five would strand seats 1 and 5: a block at one end wins though off-centre.
    const rows = draw('.x...', '.....', 'x.x.x', '.x.x.');
    const got = pick(rows, 3)!;
    expect(got.split).toBe(false);
    expect(got.seatIds).toEqual(ids(1, 1, 2, 3));
  });

  it('still answers when every block strands a seat', () => {
    expect(pick(draw('.....'), 4)).toEqual({ seatIds: ids(0, 1, 2, 3, 4), split: false });
  });

  it('treats an aisle as breaking a block', () => {
    // Row 2 (the sweet row) has only runs of four; six together must come from another row.
    const hall = draw('..........', '..........', '....  ....', '..........');
    const got = pick(hall, 6)!;
    expect(got.split).toBe(false);
    expect(got.seatIds).toEqual(ids(1, 3, 4, 5, 6, 7, 8));
    // No row has six adjacent seats: split, never pretending to be a block.
    const narrow = draw('... ...', '... ...');
    const split = pick(narrow, 6)!;
    expect(split.split).toBe(true);
    expect(split.seatIds).toHaveLength(6);
  });

  it('offers wheelchair and companion places only when asked for', () => {
    const hall = draw('..........', '..........', '..........', 'wwccwwccww', '..........', '..........');
    const dflt = pick(hall, 2)!;
    expect(dflt.seatIds.every((id) => !id.startsWith('r3'))).toBe(true);
    expect(pick(hall, 2, ['wheelchair'])!.seatIds).toEqual(ids(3, 5, 6));
    expect(pick(hall, 1, ['companion'])!.seatIds).toHaveLength(1);
    expect(pick(hall, 3, ['wheelchair', 'companion'])!.seatIds.every((id) => id.startsWith('r3'))).toBe(true);
    // Only premium seats exist in row 0 here.
    expect(pick(draw('pp..', '....'), 2, ['premium'])!.seatIds).toEqual(ids(0, 1, 2));
  });

  it('splits over adjacent rows when no block exists, as tight as possible', () => {
    const hall = draw(
      '.x.x.x.x.x',
      'xxxx..xxxx',
      'xxxx..xxxx',
      '.x.x.x.x.x',
    );
    const got = pick(hall, 4)!;
    expect(got.split).toBe(true);
    expect(got.seatIds).toEqual([...ids(1, 5, 6), ...ids(2, 5, 6)]);
  });

  it('answers null when fewer eligible seats are free than asked for', () => {
    expect(pick(draw('x.x', 'w..'), 4)).toBeNull();
    expect(pick(draw('x.x', 'w..'), 2, ['wheelchair'])).toBeNull();
    expect(pick([], 1)).toBeNull();
  });

  it('is deterministic whatever the input order', () => {
    const hall = draw(...sixRowsWithAisle.map((r, i) => (i % 2 ? r.replace('..', 'x.') : r)));
    const expected = pick(hall, 3);
    for (let i = 0; i < 5; i++) {
      const shuffled = [...hall].sort(() => Math.random() - 0.5);
      expect(pick(shuffled, 3)).toEqual(expected);
    }
  });

  it('is quick on a fragmented 3,000-seat hall', () => {
    // 50 rows of 60, every third seat taken: no block of 3 anywhere, so the split path runs.
    const rows = Array.from({ length: 50 }, () => '..x'.repeat(20));
    const hall = draw(...rows);
    const t0 = performance.now();
    const got = pick(hall, 20)!;
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(got.seatIds).toHaveLength(20);
    expect(got.split).toBe(true);
  });

  it('always answers valid seats, and a clean block whenever one exists (random halls)', () => {
    const cell = fc.constantFrom('.', '.', '.', 'x', 'x', ' ', 'w', 'p');
    const hallArb = fc.array(fc.array(cell, { minLength: 1, maxLength: 12 }).map((cs) => cs.join('')), { minLength: 1, maxLength: 6 });
    const typesArb = fc.option(fc.subarray<SeatType>(['regular', 'premium', 'wheelchair'], { minLength: 1 }), { nil: undefined });
    fc.assert(
      fc.property(hallArb, fc.integer({ min: 1, max: 6 }), typesArb, (rows, count, types) => {
        const hall = draw(...rows);
        const byId = new Map(hall.map((s) => [s.id, s]));
        const eligible = hall.filter((s) => s.free && isEligibleType(s.type, types));
        const got = pickBestSeats(hall, { count, types });
        if (eligible.length < count) return got === null;
        if (!got) return false;
        const chosen = got.seatIds.map((id) => byId.get(id)!);
        if (new Set(got.seatIds).size !== count) return false;
        if (!chosen.every((s) => s && s.free && isEligibleType(s.type, types))) return false;

        // Brute force over every window of `count` adjacent seats.
        const at = (row: number, col: number) => hall.find((s) => s.row === row && s.column === col);
        const windows: { seats: GridSeat[]; clean: boolean }[] = [];
        for (const s of hall) {
          const w = Array.from({ length: count }, (_, k) => at(s.row, s.column + k));
          if (!w.every((x) => x && x.free && isEligibleType(x.type, types))) continue;
          const l1 = at(s.row, s.column - 1), l2 = at(s.row, s.column - 2);
          const r1 = at(s.row, s.column + count), r2 = at(s.row, s.column + count + 1);
          const strandL = !!l1?.free && !l2?.free;
          const strandR = !!r1?.free && !r2?.free;
          windows.push({ seats: w as GridSeat[], clean: !strandL && !strandR });
        }
        const key = (ss: GridSeat[]) => ss.map((s) => s.id).sort().join();
        const gotKey = key(chosen);
        if (windows.length === 0) return got.split === true;
        if (got.split) return false;
        const mine = windows.find((w) => key(w.seats) === gotKey);
        if (!mine) return false;
        return windows.some((w) => w.clean) ? mine.clean : true;
      }),
      { numRuns: 300 },
    );
  });
});

describe('seats.bestAvailable', () => {
  const SHOW = 'show_1';
  let h: Harness;
  afterEach(() => h?.close());

  function setup(): Harness {
    h = makeHarness();
    seedBasics(h.engine.ctx.db, { now: MONDAY_10AM });
    seedShow(h.engine.ctx.db, { id: SHOW, startsAt: '2026-11-23T23:00:00.000Z', now: MONDAY_10AM });
    return h;
  }
  const best = (input: object, token = TOKENS.cashier) => h.ok('seats.bestAvailable', { showId: SHOW, ...input }, token);
  const n = (sql: string) => (h.engine.ctx.db.prepare(sql).get() as { n: number }).n;

  it('suggests the sweet spot and holds nothing', async () => {
    setup();
    // Hall 1: rows A-F of 10 seats, an aisle after seat 5; row D is two thirds back.
    expect(await best({ count: 2 })).toEqual({ seatIds: [seatId('D', 4), seatId('D', 5)] });
    expect(await best({ count: 4 }, TOKENS.manager)).toEqual({ seatIds: [2, 3, 4, 5].map((i) => seatId('D', i)) });
    expect(n('SELECT count(*) AS n FROM holds') + n('SELECT count(*) AS n FROM seat_claims')).toBe(0);
    expect(n("SELECT seat_version AS n FROM shows WHERE id = 'show_1'")).toBe(0);
    expect(h.events).toHaveLength(0);
  });

  it('works around held and sold seats, and counts expired holds as free', async () => {
    setup();
    const held = await h.ok('seats.hold', { showId: SHOW, seatIds: [seatId('D', 4), seatId('D', 5)] }, TOKENS.cashier2);
    const got = (await best({ count: 2 })).seatIds;
    expect(got).not.toContain(seatId('D', 4));
    expect(got).toEqual([seatId('D', 6), seatId('D', 7)]);
    h.clock.advanceSeconds(600);
    expect((await best({ count: 2 })).seatIds).toEqual([seatId('D', 4), seatId('D', 5)]);
    void held;
  });

  it('restricts to the asked seat types', async () => {
    setup();
    // vip is rows A and B; B is the vip row nearest the sweet spot.
    expect(await best({ count: 2, types: ['vip'] })).toEqual({ seatIds: [seatId('B', 4), seatId('B', 5)] });
    h.engine.ctx.db.prepare("UPDATE seats SET type = 'wheelchair' WHERE id IN ('seat_F1', 'seat_F2')").run();
    expect(await best({ count: 2, types: ['wheelchair'] })).toEqual({ seatIds: [seatId('F', 1), seatId('F', 2)] });
    expect((await h.err('seats.bestAvailable', { showId: SHOW, count: 3, types: ['wheelchair'] }, TOKENS.cashier)).code).toBe('SEATS_UNAVAILABLE');
  });

  it('answers SEATS_UNAVAILABLE when fewer seats are free than asked for', async () => {
    setup();
    h.engine.ctx.db.prepare("UPDATE seats SET blocked = 1 WHERE id NOT IN ('seat_A1', 'seat_A2', 'seat_F9')").run();
    const e = await h.err('seats.bestAvailable', { showId: SHOW, count: 4 }, TOKENS.cashier);
    expect(e.code).toBe('SEATS_UNAVAILABLE');
    expect(e.details).toMatchObject({ requested: 4, free: 3 });
    // Three free but scattered: a split suggestion.
    expect((await best({ count: 3 })).seatIds).toEqual(['seat_A1', 'seat_A2', 'seat_F9']);
  });

  it('refuses a missing or started show, bad input and a missing session', async () => {
    setup();
    expect((await h.err('seats.bestAvailable', { showId: 'nope', count: 1 }, TOKENS.cashier)).code).toBe('NOT_FOUND');
    for (const bad of [
      { showId: SHOW },
      { showId: SHOW, count: 0 },
      { showId: SHOW, count: 21 },
      { showId: SHOW, count: 1.5 },
      { showId: SHOW, count: 2, types: [] },
      { showId: SHOW, count: 2, types: ['sofa'] },
      { showId: SHOW, count: 2, extra: 1 },
    ]) {
      expect((await h.err('seats.bestAvailable', bad, TOKENS.cashier)).code).toBe('VALIDATION');
    }
    expect((await h.err('seats.bestAvailable', { showId: SHOW, count: 2 })).code).toBe('UNAUTHENTICATED');
    h.clock.set('2026-11-23T23:00:00.000Z');
    expect((await h.err('seats.bestAvailable', { showId: SHOW, count: 2 }, TOKENS.cashier)).code).toBe('SHOW_STARTED');
    expect(n('SELECT count(*) AS n FROM seat_claims')).toBe(0);
  });
});
