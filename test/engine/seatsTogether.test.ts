// Seats that belong together (contract v2): the one side-by-side definition, best-available with
// seat widths and a `mix`, `split` only when no row can seat the party, and the no-single-empty-seat
// rule, on random layouts (fast-check) checked against a brute-force oracle written here.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeatType } from '../../shared/contract';
import { overlaps, runsInRow, sideBySide } from '../../shared/sideBySide';
import { pickBestSeats, type GridSeat, type Party } from '../../electron/engine/inventory/bestSeats';
import { hall2Rows } from '../../electron/engine/demo/data';
import { seedDemo } from '../../electron/engine/demo/seed';
import { makeHarness, type Harness } from '../support/engineHarness';

/**
 * Draws a hall: one string per row, the first nearest the screen, one character per grid column.
 * Lowercase is a free seat, uppercase a taken one: '.'/'x' regular, 'r' recliner, 'w' wheelchair,
 * 'c' companion, 'p' premium. '=' widens the seat before it by one column; ' ' is an aisle.
 * Ids are r<row>s<number>, numbers counting seats from the left.
 */
function draw(...rows: string[]): GridSeat[] {
  const types: Record<string, SeatType> = { '.': 'regular', x: 'regular', r: 'recliner', w: 'wheelchair', c: 'companion', p: 'premium' };
  const out: GridSeat[] = [];
  rows.forEach((line, row) => {
    let number = 0;
    let last: GridSeat | null = null;
    [...line].forEach((ch, column) => {
      if (ch === ' ') return void (last = null);
      if (ch === '=') return void (last!.width = (last!.width ?? 1) + 1);
      number++;
      const free = ch !== 'x' && ch === ch.toLowerCase();
      last = { id: `r${row}s${number}`, row, number, column, width: 1, type: types[ch.toLowerCase()]!, free };
      out.push(last);
    });
  });
  return out;
}
const ids = (row: number, ...numbers: number[]) => numbers.map((n) => `r${row}s${n}`);
const WHEELCHAIR_PAIR: Party = { mix: [{ type: 'wheelchair', count: 1 }, { type: 'companion', count: 1 }] };

describe('side by side (shared/sideBySide.ts)', () => {
  it('is column + width meeting the next column, in one row; any gap is an aisle', () => {
    const a = { row: 'K', column: 1, width: 2 };
    expect(sideBySide(a, { row: 'K', column: 3 })).toBe(true);
    expect(sideBySide({ row: 'K', column: 3, width: 3 }, a)).toBe(true);
    expect(sideBySide(a, { row: 'K', column: 4 })).toBe(false); // one empty column: an aisle
    expect(sideBySide(a, { row: 'L', column: 3 })).toBe(false); // another row
    expect(sideBySide({ row: 0, column: 5 }, { row: 0, column: 6 })).toBe(true); // width defaults to 1
    expect(overlaps(a, { row: 'K', column: 2 })).toBe(true);
    expect(overlaps(a, { row: 'K', column: 3 })).toBe(false);
    const seats = [{ row: 0, column: 7 }, { row: 0, column: 0, width: 3 }, { row: 0, column: 3, width: 2 }, { row: 0, column: 5 }];
    expect(runsInRow(seats).map((r) => r.map((s) => s.column))).toEqual([[0, 3, 5], [7]]);
  });
});

describe('pickBestSeats with widths and mixes (pure)', () => {
  it('offers two 2-wide recliners side by side in one row, not one behind the other', () => {
    // v1 read the gap a recliner's second column leaves as an aisle and answered K6 + L6.
    const grid = hall2Rows().flatMap((r, row) =>
      r.seats.map((s) => ({ id: `${r.label}${s.number}`, row, number: s.number, column: s.column, width: s.width ?? 1, type: s.type, free: true })),
    );
    const got = pickBestSeats(grid, { count: 2, types: ['recliner'] })!;
    expect(got.split).toBe(false);
    const [a, b] = got.seatIds.map((id) => grid.find((s) => s.id === id)!);
    expect(a!.row).toBe(b!.row);
    expect(sideBySide(a!, b!)).toBe(true);
    expect(got.seatIds.every((id) => /^[KL]/.test(id))).toBe(true);
    // The whole recliner row side by side except across the aisle: five in a row fit, six do not.
    expect(pickBestSeats(grid, { count: 5, types: ['recliner'] })!.split).toBe(false);
    expect(pickBestSeats(grid, { count: 6, types: ['recliner'] })!.split).toBe(true);
  });

  it('pairs a wheelchair place with the companion seat beside it, never two wheelchair places', () => {
    // Companions at 4 and 8; only 8 has a wheelchair place beside it (9).
    const hall = draw('ww.c...cww', '..........', '..........');
    expect(pickBestSeats(hall, WHEELCHAIR_PAIR)).toEqual({ seatIds: ids(0, 8, 9), split: false });
    // Wide seats and types together: a 2-wide wheelchair place with its companion.
    expect(pickBestSeats(draw('..w=c..', '.......'), WHEELCHAIR_PAIR)).toEqual({ seatIds: ids(0, 3, 4), split: false });
    // A mix with more of one type: exactly those counts.
    const two = pickBestSeats(draw('wcc.', 'cwc.'), { mix: [{ type: 'wheelchair', count: 1 }, { type: 'companion', count: 2 }] })!;
    expect(two.split).toBe(false);
    expect([ids(0, 1, 2, 3), ids(1, 1, 2, 3)]).toContainEqual(two.seatIds);
  });

  it('says split, with the closest wheelchair + companion, when none are side by side', () => {
    // The only companions sit beside taken wheelchair places: a free wheelchair + a companion apart.
    const hall = draw('wWc.....cWw', '...........');
    const got = pickBestSeats(hall, WHEELCHAIR_PAIR)!;
    expect(got.split).toBe(true);
    expect([ids(0, 1, 3), ids(0, 9, 11)]).toContainEqual(got.seatIds);
    expect(pickBestSeats(draw('WCwx', '....'), WHEELCHAIR_PAIR)).toBeNull(); // no free companion at all
  });

  it('keeps the no-single-empty-seat rule with wide seats', () => {
    // Row 0: five recliners side by side. Taking the middle two would leave r0s1 alone: a block at
    // an end (or one leaving two free) wins.
    const hall = draw('r=r=r=r=r=');
    const got = pickBestSeats(hall, { count: 2, types: ['recliner'] })!;
    expect(got.split).toBe(false);
    expect([ids(0, 1, 2), ids(0, 4, 5)]).toContainEqual(got.seatIds);
  });

  it('never offers taken or blocked seats (blocked reads as not free)', () => {
    const hall = draw('WC wc', 'xx...');
    expect(pickBestSeats(hall, WHEELCHAIR_PAIR)!.seatIds).toEqual(ids(0, 3, 4));
  });
});

// ---- property-based: random layouts and occupancy --------------------------------------------

const TYPES: SeatType[] = ['regular', 'regular', 'premium', 'recliner', 'wheelchair', 'companion'];
type Cell = { gap: number } | { width: number; type: SeatType; free: boolean };

const cellArb: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ gap: fc.integer({ min: 1, max: 2 }) }) },
  { weight: 6, arbitrary: fc.record({ width: fc.integer({ min: 1, max: 3 }), type: fc.constantFrom(...TYPES), free: fc.boolean() }) },
);
const hallArb = fc.array(fc.array(cellArb, { minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 5 }).map((rows) => {
  const seats: GridSeat[] = [];
  rows.forEach((cells, row) => {
    let column = 0;
    let number = 0;
    for (const c of cells) {
      if ('gap' in c) column += c.gap;
      else {
        number++;
        seats.push({ id: `r${row}s${number}`, row, number, column, width: c.width, type: c.type, free: c.free });
        column += c.width;
      }
    }
  });
  return seats;
});
const partyArb: fc.Arbitrary<Party> = fc.oneof(
  fc.record({ count: fc.integer({ min: 1, max: 5 }), types: fc.option(fc.subarray<SeatType>(['regular', 'premium', 'recliner', 'wheelchair', 'companion'], { minLength: 1 }), { nil: undefined }) }).map(
    (p): Party => (p.types ? { count: p.count, types: p.types } : { count: p.count }),
  ),
  fc
    .uniqueArray(fc.record({ type: fc.constantFrom<SeatType>('regular', 'premium', 'recliner', 'wheelchair', 'companion'), count: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 3, selector: (m) => m.type })
    .map((mix): Party => ({ mix })),
);

/** The oracle, written without the code under test: what the party may use and how many of each type. */
function oracle(seats: GridSeat[], party: Party) {
  const quota = 'mix' in party ? new Map(party.mix.map((m) => [m.type, m.count])) : null;
  const size = 'mix' in party ? party.mix.reduce((n, m) => n + m.count, 0) : party.count;
  const usable = (s: GridSeat) =>
    s.free && (quota ? quota.has(s.type) : 'types' in party && party.types ? party.types.includes(s.type) : s.type !== 'wheelchair' && s.type !== 'companion');
  const typesOk = (group: GridSeat[]) => {
    if (!group.every(usable)) return false;
    if (!quota) return true;
    const have = new Map<SeatType, number>();
    for (const s of group) have.set(s.type, (have.get(s.type) ?? 0) + 1);
    return [...quota].every(([t, n]) => have.get(t) === n) && have.size === quota.size;
  };
  const enough = quota
    ? [...quota].every(([t, n]) => seats.filter((s) => usable(s) && s.type === t).length >= n)
    : seats.filter(usable).length >= size;
  // Every window of `size` seats in one row, each touching the next (column + width = next column).
  const touch = (a: GridSeat, b: GridSeat) => a.row === b.row && a.column + (a.width ?? 1) === b.column;
  const at = (row: number, pred: (s: GridSeat) => boolean) => seats.find((s) => s.row === row && pred(s));
  const windows: { ids: string; clean: boolean }[] = [];
  for (const first of seats) {
    const group = [first];
    while (group.length < size) {
      const next = at(first.row, (s) => touch(group[group.length - 1]!, s));
      if (!next) break;
      group.push(next);
    }
    if (group.length < size || !typesOk(group)) continue;
    const left = at(first.row, (s) => touch(s, first));
    const leftOfLeft = left && at(first.row, (s) => touch(s, left));
    const last = group[group.length - 1]!;
    const right = at(first.row, (s) => touch(last, s));
    const rightOfRight = right && at(first.row, (s) => touch(right, s));
    const stranded = (!!left?.free && !leftOfLeft?.free) || (!!right?.free && !rightOfRight?.free);
    windows.push({ ids: group.map((s) => s.id).sort().join(), clean: !stranded });
  }
  return { size, enough, typesOk, windows };
}

describe('pickBestSeats on random layouts (fast-check)', () => {
  it('answers side by side in one row with exactly the asked types unless split; split only when no row can seat the party; no single gap where avoidable', () => {
    fc.assert(
      fc.property(hallArb, partyArb, (seats, party) => {
        const o = oracle(seats, party);
        const got = pickBestSeats(seats, party);
        if (!o.enough) return got === null;
        if (!got) return false;
        const byId = new Map(seats.map((s) => [s.id, s]));
        const chosen = got.seatIds.map((id) => byId.get(id)!);
        // Distinct, free, of the asked types (a mix: exactly its counts).
        if (new Set(got.seatIds).size !== o.size || !o.typesOk(chosen)) return false;
        const key = [...got.seatIds].sort().join();
        const mine = o.windows.find((w) => w.ids === key);
        if (got.split) return o.windows.length === 0; // apart only when no row can seat them
        if (!mine) return false; // not split: one row, side by side
        return o.windows.some((w) => w.clean) ? mine.clean : true;
      }),
      { numRuns: 400 },
    );
  });
});

// ---- through the router, on the demo's Hall 2 ----------------------------------------------

describe('seats.bestAvailable with mix, and seat width through the contract (demo Hall 2)', () => {
  let h: Harness;
  let cashier: string;
  let manager: string;
  let show: string;
  let label: Map<string, { label: string; type: SeatType; width: number }>;
  beforeAll(async () => {
    h = makeHarness(); // Monday 23 Nov 2026, 10:00 in New York
    seedDemo(h.engine.ctx);
    cashier = (await h.ok('auth.login', { name: 'Cashier', pin: '0000' })).token;
    manager = (await h.ok('auth.login', { name: 'Manager', pin: '1234' })).token;
    const shows = await h.ok('shows.list', { date: '2026-11-24' }, cashier);
    show = shows.find((s) => s.hallName === 'Hall 2')!.id;
    const map = await h.ok('seats.map', { showId: show }, cashier);
    label = new Map(map.seats.map((s) => [s.id, { label: s.label, type: s.type, width: s.width }]));
  });
  afterAll(() => h?.close());
  const labels = (seatIds: string[]) => seatIds.map((id) => label.get(id)!.label);
  const idOf = (l: string) => [...label].find(([, v]) => v.label === l)![0];
  const best = (input: object) => h.ok('seats.bestAvailable', { showId: show, ...input }, cashier);

  it('returns the recliners 2 wide from seats.map, halls.get and seats.claims', async () => {
    const recliners = [...label.values()].filter((s) => s.type === 'recliner');
    expect(recliners).toHaveLength(20);
    expect(recliners.every((s) => s.width === 2)).toBe(true);
    expect([...label.values()].filter((s) => s.type !== 'recliner').every((s) => s.width === 1)).toBe(true);
    const map = await h.ok('seats.map', { showId: show }, cashier);
    const hall = await h.ok('halls.get', { id: map.show.hallId }, cashier);
    expect(hall.rows.find((r) => r.label === 'K')!.seats[0]).toMatchObject({ label: 'K1', column: 1, width: 2, type: 'recliner' });
    // And the cached layout seats.claims hands the live seat map.
    const claims = await h.ok('seats.claims', { showId: show }, cashier);
    expect(claims.layout!.find((s) => s.label === 'L10')).toMatchObject({ column: 20, width: 2, type: 'recliner' });
    expect(claims.layout!.find((s) => s.label === 'J10')).toMatchObject({ width: 1 });
  });

  it('offers best 2 recliners side by side in one row (not K6 and L6)', async () => {
    const got = await best({ count: 2, types: ['recliner'] });
    expect(got.split).toBeUndefined();
    const [a, b] = labels(got.seatIds);
    expect(a![0]).toBe(b![0]); // same row
    expect(Number(b!.slice(1)) - Number(a!.slice(1))).toBe(1);
    expect([a, b]).not.toEqual(['K5', 'K6']); // the aisle is between 5 and 6
    // The same through a mix of one type.
    expect(labels((await best({ mix: [{ type: 'recliner', count: 2 }] })).seatIds)[0]![0]).toBe(a![0]);
  });

  it('offers a wheelchair place with the companion seat beside it', async () => {
    const got = await best({ mix: [{ type: 'wheelchair', count: 1 }, { type: 'companion', count: 1 }] });
    expect(got.split).toBeUndefined();
    expect([['A2', 'A3'], ['A18', 'A19']]).toContainEqual(labels(got.seatIds));
    // Asking by types gives two of any of those types, which is why the mix exists.
    const byTypes = await best({ count: 2, types: ['wheelchair', 'companion'] });
    expect(byTypes.seatIds).toHaveLength(2);
  });

  it('says split when no wheelchair place has a free companion seat beside it; never offers held seats', async () => {
    const other = (await h.ok('auth.login', { name: 'Manager', pin: '1234' })).token;
    const hold = await h.ok('seats.hold', { showId: show, seatIds: [idOf('A2'), idOf('A19')] }, other);
    const got = await best({ mix: [{ type: 'wheelchair', count: 1 }, { type: 'companion', count: 1 }] });
    expect(got.split).toBe(true);
    expect([['A1', 'A3'], ['A18', 'A20']]).toContainEqual(labels(got.seatIds));
    // Both companion seats held too: none free, so SEATS_UNAVAILABLE, nothing held for it.
    await h.ok('seats.hold', { showId: show, seatIds: [idOf('A3'), idOf('A18')], holdId: hold.id }, other);
    const e = await h.err('seats.bestAvailable', { showId: show, mix: [{ type: 'wheelchair', count: 1 }, { type: 'companion', count: 1 }] }, cashier);
    expect(e.code).toBe('SEATS_UNAVAILABLE');
    expect(e.details).toMatchObject({ requested: 2 });
    await h.ok('seats.release', { holdId: hold.id }, other);
  });

  it('never offers blocked seats, nor house seats of the show', async () => {
    h.engine.ctx.db.prepare('UPDATE seats SET blocked = 1 WHERE id IN (?, ?)').run(idOf('A3'), idOf('A18'));
    try {
      expect((await h.err('seats.bestAvailable', { showId: show, mix: [{ type: 'companion', count: 1 }] }, cashier)).code).toBe('SEATS_UNAVAILABLE');
    } finally {
      h.engine.ctx.db.prepare('UPDATE seats SET blocked = 0 WHERE id IN (?, ?)').run(idOf('A3'), idOf('A18'));
    }
    // House seats: A2 + A3 kept back for this show; the pair on the other side is offered.
    await h.ok('shows.blockSeats', { showId: show, seatIds: [idOf('A2'), idOf('A3')], reason: 'Press' }, manager);
    try {
      const got = await best({ mix: [{ type: 'wheelchair', count: 1 }, { type: 'companion', count: 1 }] });
      expect(labels(got.seatIds)).toEqual(['A18', 'A19']);
      await h.ok('shows.blockSeats', { showId: show, seatIds: [idOf('A18')], reason: 'Press' }, manager);
      // Both companion seats are house seats now: none to offer.
      expect((await h.err('seats.bestAvailable', { showId: show, mix: [{ type: 'companion', count: 1 }] }, cashier)).code).toBe('SEATS_UNAVAILABLE');
    } finally {
      await h.ok('shows.unblockSeats', { showId: show, seatIds: [idOf('A2'), idOf('A3'), idOf('A18')] }, manager);
    }
  });

  it('takes exactly one of count and mix, strictly', async () => {
    const wc = [{ type: 'wheelchair', count: 1 }, { type: 'companion', count: 1 }];
    for (const bad of [
      { showId: show },
      { showId: show, count: 2, mix: wc },
      { showId: show, mix: wc, types: ['wheelchair'] },
      { showId: show, mix: [] },
      { showId: show, mix: [{ type: 'wheelchair', count: 0 }] },
      { showId: show, mix: [{ type: 'sofa', count: 1 }] },
      { showId: show, mix: [{ type: 'wheelchair', count: 1 }, { type: 'wheelchair', count: 1 }] },
      { showId: show, mix: [{ type: 'regular', count: 15 }, { type: 'premium', count: 6 }] },
      { showId: show, mix: [{ type: 'wheelchair', count: 1, extra: true }] },
    ]) {
      expect((await h.err('seats.bestAvailable', bad, cashier)).code, JSON.stringify(bad)).toBe('VALIDATION');
    }
    expect((await h.err('seats.bestAvailable', { showId: show, mix: wc })).code).toBe('UNAUTHENTICATED');
  });

  it('halls.save takes a width (default 1), refuses 0, 4 and overlapping seats', async () => {
    const map = await h.ok('seats.map', { showId: show }, cashier);
    const theaterId = map.hall.theaterId;
    const hall = await h.ok('halls.save', {
      theaterId, name: 'Lounge', cleaningMinutes: 10,
      rows: [{ label: 'A', seats: [{ number: 1, column: 0, width: 3, type: 'recliner' }, { number: 2, column: 3, width: 2, type: 'recliner' }, { number: 3, column: 5, type: 'regular' }] }],
    }, manager);
    expect(hall.rows[0]!.seats.map((s) => [s.label, s.column, s.width])).toEqual([['A1', 0, 3], ['A2', 3, 2], ['A3', 5, 1]]);
    expect(await h.ok('halls.get', { id: hall.id }, cashier)).toEqual(hall);
    // Narrowing a seat keeps it (same id): a width change breaks no ticket.
    const edited = await h.ok('halls.save', {
      id: hall.id, theaterId, name: 'Lounge', cleaningMinutes: 10,
      rows: [{ label: 'A', seats: hall.rows[0]!.seats.map((s) => ({ id: s.id, number: s.number, column: s.column, width: 1, type: s.type })) }],
    }, manager);
    expect(edited.rows[0]!.seats.map((s) => [s.id, s.width])).toEqual(hall.rows[0]!.seats.map((s) => [s.id, 1]));
    const seatsIn = (seats: object[]) => ({ theaterId, name: 'Bad', cleaningMinutes: 10, rows: [{ label: 'A', seats }] });
    for (const w of [0, 4, 1.5]) {
      expect((await h.err('halls.save', seatsIn([{ number: 1, column: 0, width: w, type: 'regular' }]), manager)).code).toBe('VALIDATION');
    }
    const overlap = await h.err('halls.save', seatsIn([{ number: 1, column: 0, width: 2, type: 'recliner' }, { number: 2, column: 1, type: 'regular' }]), manager);
    expect(overlap.code).toBe('VALIDATION');
    expect(overlap.details).toEqual([expect.objectContaining({ path: 'rows.0.seats.1.column', message: expect.stringMatching(/overlap/) })]);
  });
});
