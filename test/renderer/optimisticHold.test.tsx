// @vitest-environment jsdom
// The click shows "held by you" at once: the seat is this counter's before the hold's answer, stays
// so when the push event for the same hold arrives first (issue 12 item 9: it must never read as
// another counter's, nor be disabled under the keyboard's focus), and the quote comes with the hold.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { setApi } from '../../renderer/src/api';
import { clearLayoutCache, useSeatMap, viewOf } from '../../renderer/src/stores/seatMap';
import { useSale } from '../../renderer/src/stores/sale';
import { SeatMap } from '../../renderer/src/features/seatmap/SeatMap';
import { FakeError, fakeApi, makeClaims, makeSeats, type FakeApi } from './fakeApi';
import type { Hold, Quote } from '../../shared/contract';

let api: FakeApi;

/** A hold answer the test releases by hand, so events can be pushed while the call is in flight. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const hold = (seatIds: string[]): Hold => ({ id: 'h_1', showId: 'show_1', seatIds, expiresAt: new Date(Date.now() + 600_000).toISOString() });
const quote = (seatIds: string[]): Quote => ({
  lines: seatIds.map((seatId) => ({ seatId, seatLabel: seatId.slice(2), ticketType: 'adult', amount: 1250, breakdown: [] })),
  total: seatIds.length * 1250,
  currency: 'USD',
});

beforeEach(async () => {
  api = fakeApi();
  setApi(api);
  clearLayoutCache();
  useSeatMap.getState().clear();
  useSale.getState().newSale();
  useSale.setState({ showId: null });
  api.handle('seats.claims', (input) => makeClaims(makeSeats(), 1, input));
  await useSeatMap.getState().load('show_1', 'hall_1');
  await useSale.getState().startShow('show_1');
});
afterEach(() => {
  cleanup();
  setApi(null);
});

const view = (id: string) => viewOf(useSeatMap.getState(), id);

describe('optimistic hold (store)', () => {
  it('shows the seat as mine at once, keeps it mine when the push event comes first, and takes the quote from the answer', async () => {
    const answer = deferred<Hold & { quote: Quote }>();
    api.handle('seats.hold', () => answer.promise);
    const pending = useSale.getState().toggleSeat('s_A1');
    expect(view('s_A1')).toBe('mine');
    // The engine publishes the change before its answer reaches this counter.
    useSeatMap.getState().applyChange({ showId: 'show_1', version: 2, seats: [{ id: 's_A1', status: 'held' }] });
    expect(view('s_A1')).toBe('mine');
    answer.resolve({ ...hold(['s_A1']), quote: quote(['s_A1']) });
    await pending;
    expect(view('s_A1')).toBe('mine');
    expect(useSale.getState().quote?.total).toBe(1250);
    expect(api.callsTo('pricing.quote')).toHaveLength(0);
    expect(api.callsTo('seats.hold')[0]).toEqual({ showId: 'show_1', seatIds: ['s_A1'], ticketTypes: {} });
  });

  it('gives the seat back to its real status when the hold is refused', async () => {
    const taken = makeSeats();
    taken[0]!.status = 'held';
    api.handle('seats.claims', (input) => makeClaims(taken, 2, input));
    api.handle('seats.hold', () => {
      // Another counter took it: its event arrived first.
      useSeatMap.getState().applyChange({ showId: 'show_1', version: 2, seats: [{ id: 's_A1', status: 'held' }] });
      throw new FakeError('SEATS_UNAVAILABLE', 'taken', { seatIds: ['s_A1'] });
    });
    await useSale.getState().toggleSeat('s_A1');
    expect(view('s_A1')).toBe('held');
    expect(useSale.getState().hold).toBeNull();
  });

  it('shows released seats free at once, before their event', async () => {
    api.handle('seats.hold', () => ({ ...hold(['s_A1', 's_A2']), quote: quote(['s_A1', 's_A2']) }));
    await useSale.getState().holdSeats(['s_A1', 's_A2']);
    useSeatMap.getState().applyChange({ showId: 'show_1', version: 2, seats: [{ id: 's_A1', status: 'held' }, { id: 's_A2', status: 'held' }] });
    api.handle('seats.release', () => hold(['s_A2']));
    api.handle('pricing.quote', () => quote(['s_A2']));
    await useSale.getState().toggleSeat('s_A1');
    expect(view('s_A1')).toBe('available');
    expect(view('s_A2')).toBe('mine');
  });

  it('asks for a quote when the answer has none (it could not be priced)', async () => {
    api.handle('seats.hold', () => hold(['s_A1']));
    api.handle('pricing.quote', () => quote(['s_A1']));
    await useSale.getState().toggleSeat('s_A1');
    await vi.waitFor(() => expect(useSale.getState().quote?.total).toBe(1250));
    expect(api.callsTo('pricing.quote')).toHaveLength(1);
  });
});

describe('optimistic hold (seat map)', () => {
  it('a seat held with Enter keeps the focus and never reads as held by another counter', async () => {
    const answer = deferred<Hold & { quote: Quote }>();
    api.handle('seats.hold', () => answer.promise);
    const onToggle = (id: string) => void useSale.getState().toggleSeat(id);
    render(<SeatMap layout={useSeatMap.getState().layout} views={useSeatMap} onToggle={onToggle} hallName="Hall 1" />);
    const a1 = screen.getByRole('button', { name: /^A1,/ });
    a1.focus();
    // Enter on a focused button is a click.
    act(() => {
      fireEvent.click(a1);
    });
    expect(a1.getAttribute('aria-label')).toBe('A1, vip, held by you');
    act(() => useSeatMap.getState().applyChange({ showId: 'show_1', version: 2, seats: [{ id: 's_A1', status: 'held' }] }));
    expect(a1.getAttribute('aria-label')).toBe('A1, vip, held by you');
    expect((a1 as HTMLButtonElement).disabled).toBe(false);
    expect(document.activeElement).toBe(a1);
    await act(async () => {
      answer.resolve({ ...hold(['s_A1']), quote: quote(['s_A1']) });
      await answer.promise;
    });
    expect(a1.getAttribute('aria-pressed')).toBe('true');
    expect(document.activeElement).toBe(a1);
    expect(a1.getAttribute('tabindex')).toBe('0');
  });

  it('a pushed change updates that seat only, and the tab stop moves off a seat that was taken', () => {
    render(<SeatMap layout={useSeatMap.getState().layout} views={useSeatMap} onToggle={() => {}} />);
    const a1 = screen.getByRole('button', { name: /^A1,/ });
    expect(a1.getAttribute('tabindex')).toBe('0');
    const b2 = screen.getByRole('button', { name: 'B2, regular, available' });
    act(() => useSeatMap.getState().applyChange({ showId: 'show_1', version: 2, seats: [{ id: 's_A1', status: 'sold' }] }));
    expect(a1.getAttribute('aria-label')).toBe('A1, vip, sold');
    expect(a1.getAttribute('tabindex')).toBe('-1');
    expect(screen.getByRole('button', { name: /^A2,/ }).getAttribute('tabindex')).toBe('0');
    // Same element, same text: untouched seats were not replaced.
    expect(screen.getByRole('button', { name: 'B2, regular, available' })).toBe(b2);
    expect(useSeatMap.getState().counts).toMatchObject({ sold: 1, available: 17 });
  });
});

describe('clicks while a hold is on its way', () => {
  it('are taken in order, each shown as mine at once, none dropped', async () => {
    const first = deferred<Hold>();
    api.handle('seats.hold', ({ seatIds, holdId }) => (holdId ? hold(['s_A1', ...seatIds]) : first.promise));
    api.handle('pricing.quote', ({ tickets }) => quote(tickets.map((t) => t.seatId)));
    const a = useSale.getState().toggleSeat('s_A1');
    const b = useSale.getState().toggleSeat('s_A2');
    expect(view('s_A1')).toBe('mine');
    expect(view('s_A2')).toBe('mine');
    first.resolve(hold(['s_A1']));
    await Promise.all([a, b]);
    expect(useSale.getState().hold?.seatIds).toEqual(['s_A1', 's_A2']);
    expect(api.callsTo('seats.hold')[1]).toMatchObject({ seatIds: ['s_A2'], holdId: 'h_1' });
    expect(useSale.getState().pending).toEqual([]);
  });
});

describe('live seat map: house seats', () => {
  it('shows a house seat\'s reason when its event arrives, and drops it when the seat is released', () => {
    render(<SeatMap layout={useSeatMap.getState().layout} views={useSeatMap} onToggle={() => {}} />);
    const c5 = screen.getByRole('button', { name: /^C5,/ });
    act(() => useSeatMap.getState().applyChange({ showId: 'show_1', version: 2, seats: [{ id: 's_C5', status: 'blocked', blockReason: 'Press' }] }));
    expect(c5.getAttribute('aria-label')).toBe('C5, regular, blocked: Press');
    expect(c5.parentElement!.getAttribute('title')).toBe('C5: Press');
    expect((c5 as HTMLButtonElement).disabled).toBe(true);
    act(() => useSeatMap.getState().applyChange({ showId: 'show_1', version: 3, seats: [{ id: 's_C5', status: 'available' }] }));
    expect(c5.getAttribute('aria-label')).toBe('C5, regular, available');
    expect(c5.parentElement!.hasAttribute('title')).toBe(false);
    expect(useSeatMap.getState().counts.blocked).toBe(0);
  });

  it('takes house seats and their reasons from seats.claims', async () => {
    const seats = makeSeats();
    seats.find((s) => s.id === 's_B2')!.status = 'blocked';
    seats.find((s) => s.id === 's_B2')!.blockReason = 'Broken armrest';
    api.handle('seats.claims', (input) => makeClaims(seats, 4, input));
    await useSeatMap.getState().refresh();
    render(<SeatMap layout={useSeatMap.getState().layout} views={useSeatMap} onToggle={() => {}} />);
    expect(screen.getByRole('button', { name: 'B2, regular, blocked: Broken armrest' })).toBeTruthy();
  });
});
