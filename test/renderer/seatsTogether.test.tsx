// @vitest-environment jsdom
// Seats that belong together in the renderer: wide seats on the seat map and its arrow keys, the
// "wheelchair + companion" pick and the plain "seats apart" notice, and the layout editor's widths.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { MapSeat } from '../../shared/contract';
import { setApi } from '../../renderer/src/api';
import { SeatMap } from '../../renderer/src/features/seatmap/SeatMap';
import { besideInRow, lastColumnOf, nearestByCentre, seatGridColumn } from '../../renderer/src/features/seatmap/seatPlace';
import { BestPicks } from '../../renderer/src/features/sale/BestPicks';
import { useSeatMap } from '../../renderer/src/stores/seatMap';
import { WHEELCHAIR_WITH_COMPANION, useSale } from '../../renderer/src/stores/sale';
import { generate, insertAisle, paint, problems, removeColumn, toMapSeats, toSaveRows, type EditRow } from '../../renderer/src/manager/layout';
import { LayoutEditor } from '../../renderer/src/manager/LayoutEditor';
import { FakeError, fakeApi, makeClaims, type FakeApi } from './fakeApi';

afterEach(cleanup);

/** Row K: five 2-wide recliners, an aisle, five more; row J below it: 1-wide seats at columns 1..10. */
function reclinerSeats(): MapSeat[] {
  const out: MapSeat[] = [];
  for (let n = 1; n <= 10; n++) out.push({ id: `s_J${n}`, label: `J${n}`, row: 'J', number: n, column: n, width: 1, type: 'regular', status: 'available' });
  for (let n = 1; n <= 10; n++) {
    const column = 1 + (n - 1) * 2 + (n > 5 ? 1 : 0);
    out.push({ id: `s_K${n}`, label: `K${n}`, row: 'K', number: n, column, width: 2, type: 'recliner', status: 'available' });
  }
  return out;
}

describe('seat placement (seatPlace.ts)', () => {
  const seats = reclinerSeats();
  const k = seats.filter((s) => s.row === 'K');
  const j = seats.filter((s) => s.row === 'J');
  const all = () => true;

  it('spans a wide seat over its grid columns and counts them in the map width', () => {
    expect(seatGridColumn(k[0]!, 1)).toBe('2 / span 2');
    expect(seatGridColumn(j[0]!, 1)).toBe('2');
    expect(lastColumnOf(seats)).toBe(21); // K10 at column 20, 2 wide
  });

  it('moves left/right to the seat beside whatever its width, across the aisle, skipping seats that cannot be taken', () => {
    expect(besideInRow(k, k[0]!, 1, all)!.label).toBe('K2');
    expect(besideInRow(k, k[4]!, 1, all)!.label).toBe('K6'); // across the aisle
    expect(besideInRow(k, k[5]!, -1, all)!.label).toBe('K5');
    expect(besideInRow(k, k[9]!, 1, all)).toBeNull();
    expect(besideInRow(k, k[0]!, 1, (s) => s.label !== 'K2')!.label).toBe('K3');
    // Seats given in any order: "beside" is geometry, not array position.
    expect(besideInRow([...k].reverse(), k[1]!, 1, all)!.label).toBe('K3');
  });

  it('on random rows, arrow right reaches the next seat to the right and arrow left comes back (fast-check)', () => {
    // A row of seats of random widths with random aisles, given in a random order.
    const rowArb = fc
      .array(fc.record({ gap: fc.integer({ min: 0, max: 2 }), width: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 12 })
      .chain((cells) => {
        let column = 0;
        const seats: MapSeat[] = cells.map((c, i) => {
          column += c.gap;
          const s: MapSeat = { id: `s${i}`, label: `A${i + 1}`, row: 'A', number: i + 1, column, width: c.width, type: 'regular', status: 'available' };
          column += c.width;
          return s;
        });
        return fc.shuffledSubarray(seats, { minLength: seats.length, maxLength: seats.length }).map((shuffled) => ({ seats, shuffled }));
      });
    fc.assert(
      fc.property(rowArb, ({ seats, shuffled }) => {
        // `seats` is left to right; the helper gets them shuffled.
        return seats.every((s, i) => {
          const right = besideInRow(shuffled, s, 1, all);
          const left = besideInRow(shuffled, s, -1, all);
          return right === (seats[i + 1] ?? null) && left === (seats[i - 1] ?? null);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('moves up/down to the seat under the middle of a wide one', () => {
    expect(nearestByCentre(j, k[1]!, all)!.label).toBe('J3'); // K2 covers columns 3-4
    expect(nearestByCentre(k, j[5]!, all)!.label).toBe('K3'); // J6 is under K3 (columns 5-6)
  });
});

describe('SeatMap with wide seats', () => {
  it('draws a 2-wide recliner over two grid columns and arrows walk recliner to recliner', () => {
    render(<SeatMap seats={reclinerSeats()} mine={new Set()} onToggle={vi.fn()} hallName="Hall 2" />);
    const k1 = screen.getByRole('button', { name: /^K1,/ });
    const cell = k1.parentElement!;
    expect(cell.style.gridColumn).toMatch(/^2 \/ span 2$/);
    expect(cell.className).toContain('seat-cell--wide');
    expect(screen.getByRole('button', { name: /^J1,/ }).parentElement!.className).not.toContain('seat-cell--wide');
    k1.focus();
    fireEvent.keyDown(k1, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: /^K2,/ }));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: /^J3,/ }));
  });
});

describe('best seats at the counter', () => {
  let api: FakeApi;
  const hold = (seatIds: string[]) => ({ id: 'h_1', showId: 'show_1', seatIds, expiresAt: new Date(Date.now() + 600_000).toISOString() });
  beforeEach(async () => {
    api = fakeApi();
    setApi(api);
    useSeatMap.getState().clear();
    useSale.getState().newSale();
    api.handle('seats.claims', (input) => makeClaims(reclinerSeats(), 1, input));
    api.handle('pricing.quote', ({ tickets }) => ({ lines: [], total: tickets.length * 1000, currency: 'USD' }) as never);
    api.handle('seats.hold', ({ seatIds }) => hold(seatIds));
    await useSeatMap.getState().load('show_1');
    await useSale.getState().startShow('show_1');
  });
  afterEach(() => setApi(null));

  it('asks for a wheelchair place with its companion as a mix, holds it, and says nothing when together', async () => {
    api.handle('seats.bestAvailable', () => ({ seatIds: ['s_J2', 's_J3'] }));
    render(<BestPicks />);
    fireEvent.click(screen.getByRole('button', { name: /Wheelchair \+ companion/ }));
    await vi.waitFor(() => expect(useSale.getState().hold?.seatIds).toEqual(['s_J2', 's_J3']));
    expect(api.callsTo('seats.bestAvailable')[0]).toEqual({ showId: 'show_1', mix: WHEELCHAIR_WITH_COMPANION });
    expect(useSale.getState().notice).toBeNull();
  });

  it('says plainly when the seats are apart, naming them', async () => {
    api.handle('seats.bestAvailable', () => ({ seatIds: ['s_J1', 's_K6'], split: true }));
    await useSale.getState().best(WHEELCHAIR_WITH_COMPANION);
    expect(useSale.getState().hold?.seatIds).toEqual(['s_J1', 's_K6']);
    expect(useSale.getState().notice).toMatchObject({ kind: 'warning', code: 'SPLIT' });
    expect(useSale.getState().notice!.text).toMatch(/^Seats apart: no row has a wheelchair place with its companion seat side by side.*J1, K6/);
    // Best N too.
    await useSale.getState().best(3);
    expect(useSale.getState().notice!.text).toMatch(/no row has 3 seats side by side/);
  });

  it('explains when no wheelchair place with a companion is free', async () => {
    api.handle('seats.bestAvailable', () => {
      throw new FakeError('SEATS_UNAVAILABLE', 'none', { seatIds: [], requested: 2, free: 0 });
    });
    await useSale.getState().best(WHEELCHAIR_WITH_COMPANION);
    expect(useSale.getState().notice!.text).toBe('Not enough free seats for a wheelchair place with its companion seat in this show.');
    expect(useSale.getState().hold).toBeNull();
  });

  it('best N from the party size field', async () => {
    api.handle('seats.bestAvailable', () => ({ seatIds: ['s_J4', 's_J5', 's_J6'] }));
    render(<BestPicks />);
    fireEvent.change(screen.getByLabelText('Party size'), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: /^Best 3/ }));
    await vi.waitFor(() => expect(useSale.getState().hold?.seatIds).toHaveLength(3));
    expect(api.callsTo('seats.bestAvailable')[0]).toEqual({ showId: 'show_1', count: 3 });
  });
});

describe('layout editor widths', () => {
  it('widens a seat only into a free column, narrows it back, and saves the width', () => {
    let g = removeColumn(generate(1, 5), 1); // A1 at 0, aisle at 1, A3..A5 at 2..4
    const wide = paint(g, 0, 0, { kind: 'width', width: 2 });
    expect(wide[0]!.seats[0]!.width).toBe(2);
    expect(paint(wide, 0, 1, { kind: 'type', type: 'recliner' })[0]!.seats[0]!.type).toBe('recliner'); // column 1 is A1 now
    expect(paint(wide, 0, 1, { kind: 'add' })).toBe(wide); // covered: no seat added
    expect(paint(g, 0, 2, { kind: 'width', width: 2 })).toBe(g); // A4 is in the way
    g = paint(wide, 0, 0, { kind: 'width', width: 1 });
    expect(g[0]!.seats[0]!.width).toBe(1);
    expect(toSaveRows(wide)[0]!.seats.map((s) => [s.number, s.column, s.width])).toEqual([[1, 0, 2], [3, 2, 1], [4, 3, 1], [5, 4, 1]]);
    expect(toMapSeats(wide)[0]).toMatchObject({ label: 'A1', width: 2 });
    expect(removeColumn(wide, 1)[0]!.seats.map((s) => s.number)).toEqual([3, 4, 5]); // the wide seat covered it
    // An aisle opened inside a wide seat opens just before it: nothing overlaps afterwards.
    const aisled = insertAisle(wide, 1)[0]!.seats;
    expect(aisled.map((s) => [s.number, s.column])).toEqual([[1, 1], [3, 3], [4, 4], [5, 5]]);
    expect(problems(insertAisle(wide, 1))).toEqual([]);
  });

  it('turns a v1 row of recliners spaced out by empty columns into side-by-side 2-wide ones with one drag of "2"', () => {
    // v1 demo row K: recliners at columns 1,3,5,7,9 and 12,14,16,18,20 (aisle at 11).
    const cols = [1, 3, 5, 7, 9, 12, 14, 16, 18, 20];
    let rows: EditRow[] = [{ label: 'K', seats: cols.map((column, i) => ({ number: i + 1, column, type: 'recliner' as const, blocked: false })) }];
    for (let c = 0; c <= 21; c++) rows = paint(rows, 0, c, { kind: 'width', width: 2 });
    expect(rows[0]!.seats.map((s) => [s.column, s.width])).toEqual(cols.map((c) => [c, 2]));
    expect(problems(rows)).toEqual([]);
  });

  it('reports overlapping seats before saving', () => {
    const rows = [{ label: 'A', seats: [{ number: 1, column: 0, width: 2, type: 'recliner' as const, blocked: false }, { number: 2, column: 1, type: 'regular' as const, blocked: false }] }];
    expect(problems(rows)).toContain('Seats A1 and A2 overlap');
  });

  it('paints a seat 2 wide with the width tool and draws it as one spanning cell, saved through halls.save', async () => {
    const api = fakeApi();
    api.handle('halls.save', (input) => ({
      id: 'hall_new', theaterId: input.theaterId, name: input.name, cleaningMinutes: input.cleaningMinutes, capacity: 2,
      rows: input.rows.map((r) => ({ label: r.label, seats: r.seats.map((s) => ({ id: `s_${s.number}`, label: `${r.label}${s.number}`, number: s.number, column: s.column, width: s.width ?? 1, type: s.type, blocked: false })) })),
    }));
    setApi(api);
    try {
      render(<LayoutEditor theaterId="th_1" />);
      fireEvent.change(screen.getByLabelText('Hall name'), { target: { value: 'Lounge' } });
      fireEvent.change(screen.getByLabelText('Rows'), { target: { value: '1' } });
      fireEvent.change(screen.getByLabelText('Seats per row'), { target: { value: '3' } });
      fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
      fireEvent.click(screen.getByRole('radio', { name: 'remove seat' }));
      fireEvent.mouseDown(screen.getByRole('button', { name: 'A2, regular' }));
      fireEvent.click(screen.getByRole('radio', { name: '2 wide' }));
      fireEvent.mouseDown(screen.getByRole('button', { name: 'A1, regular' }));
      const a1 = screen.getByRole('button', { name: 'A1, regular, 2 wide' });
      expect(a1.closest('td')!.colSpan).toBe(2);
      expect(screen.queryByRole('button', { name: /Empty, row A, column 2/ })).toBeNull(); // covered by A1
      fireEvent.click(screen.getByRole('button', { name: 'Save layout' }));
      await vi.waitFor(() => expect(api.callsTo('halls.save')).toHaveLength(1));
      const saved = api.callsTo('halls.save')[0] as { rows: { seats: { number: number; width: number }[] }[] };
      expect(saved.rows[0]!.seats.map((s) => [s.number, s.width])).toEqual([[1, 2], [3, 1]]);
    } finally {
      setApi(null);
    }
  });
});
