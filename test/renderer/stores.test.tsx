// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setApi } from '../../renderer/src/api';
import { useSession } from '../../renderer/src/stores/session';
import { useSeatMap } from '../../renderer/src/stores/seatMap';
import { paymentSummary, quickNotes, useSale } from '../../renderer/src/stores/sale';
import { FakeError, fakeApi, makeClaims, makeSeats, type FakeApi } from './fakeApi';

let api: FakeApi;

beforeEach(() => {
  api = fakeApi();
  setApi(api);
  useSeatMap.getState().clear();
  useSale.getState().newSale();
  useSale.setState({ showId: null });
});
afterEach(() => setApi(null));

const staff = { id: 'st_1', name: 'Cashier', role: 'cashier' as const, active: true };
const theater = { id: 'th_1', name: 'PVR Cinemas', city: 'New York', timezone: 'America/New_York', currency: 'USD' };

describe('session store', () => {
  it('signs in and takes the theater from the sign-in answer, without another round trip', async () => {
    api.handle('auth.login', () => ({ staff, token: 't', theater }));
    expect(await useSession.getState().login('Cashier', '0000')).toBe(true);
    expect(useSession.getState()).toMatchObject({ status: 'signedIn', staff, theater });
    expect(api.callsTo('auth.status')).toHaveLength(0);
  });

  it('reports LOCKED_OUT with the seconds to wait', async () => {
    api.handle('auth.login', () => {
      throw new FakeError('LOCKED_OUT', 'Too many attempts', { retryAfterSeconds: 42 });
    });
    expect(await useSession.getState().login('Cashier', '1111')).toBe(false);
    const s = useSession.getState();
    expect(s.errorCode).toBe('LOCKED_OUT');
    expect(Math.round((s.lockedUntil! - Date.now()) / 1000)).toBeGreaterThanOrEqual(41);
  });

  it('asks for setup when no staff exists', async () => {
    api.handle('auth.status', () => ({ setupRequired: true, staff: null, theater: null, mode: 'standalone', contractVersion: '2', appVersion: '0.1.0', serverTime: new Date().toISOString() }));
    await useSession.getState().init();
    expect(useSession.getState().status).toBe('setup');
  });
});

describe('seat map store', () => {
  beforeEach(async () => {
    api.handle('seats.claims', (input) => makeClaims(makeSeats(), 5, input));
    await useSeatMap.getState().load('show_1');
  });

  it('refreshes once for a burst of events that all arrive after a gap', async () => {
    const before = api.callsTo('seats.claims').length;
    for (let v = 7; v <= 11; v++) useSeatMap.getState().applyChange({ showId: 'show_1', version: v, seats: [{ id: 's_A1', status: 'sold' }] });
    await useSeatMap.getState().refresh();
    expect(api.callsTo('seats.claims').length - before).toBe(1);
  });

  it('applies the next version and drops stale ones', () => {
    useSeatMap.getState().applyChange({ showId: 'show_1', version: 6, seats: [{ id: 's_A1', status: 'sold' }] });
    expect(useSeatMap.getState().status['s_A1']).toBe('sold');
    useSeatMap.getState().applyChange({ showId: 'show_1', version: 6, seats: [{ id: 's_A1', status: 'available' }] });
    useSeatMap.getState().applyChange({ showId: 'show_1', version: 4, seats: [{ id: 's_A1', status: 'available' }] });
    expect(useSeatMap.getState().status['s_A1']).toBe('sold');
    expect(useSeatMap.getState().version).toBe(6);
  });

  it('refreshes fully on a gap', async () => {
    const before = api.callsTo('seats.claims').length;
    useSeatMap.getState().applyChange({ showId: 'show_1', version: 9, seats: [{ id: 's_A1', status: 'sold' }] });
    await vi.waitFor(() => expect(api.callsTo('seats.claims').length).toBe(before + 1));
  });

  it('ignores other shows', () => {
    useSeatMap.getState().applyChange({ showId: 'other', version: 6, seats: [{ id: 's_A1', status: 'sold' }] });
    expect(useSeatMap.getState().version).toBe(5);
  });
});

describe('sale store', () => {
  const hold = (seatIds: string[], id = 'h_1') => ({ id, showId: 'show_1', seatIds, expiresAt: new Date(Date.now() + 600_000).toISOString() });

  beforeEach(async () => {
    api.handle('seats.claims', (input) => makeClaims(makeSeats(), 1, input));
    api.handle('pricing.quote', ({ tickets }) => ({
      lines: tickets.map((t) => ({ seatId: t.seatId, seatLabel: t.seatId.slice(2), ticketType: t.ticketType, amount: 1000, net: 1000, tax: 0, gross: 1000, breakdown: [] })),
      total: tickets.length * 1000,
      net: tickets.length * 1000,
      tax: 0,
      currency: 'USD',
    }));
    await useSeatMap.getState().load('show_1');
    await useSale.getState().startShow('show_1');
  });

  it('holds a seat, adds to the same hold, and releases', async () => {
    api.handle('seats.hold', ({ seatIds, holdId }) => hold(holdId ? ['s_A1', ...seatIds] : seatIds));
    await useSale.getState().toggleSeat('s_A1');
    expect(useSale.getState().hold?.seatIds).toEqual(['s_A1']);
    await useSale.getState().toggleSeat('s_A2');
    expect(api.callsTo('seats.hold')[1]).toEqual({ showId: 'show_1', seatIds: ['s_A2'], holdId: 'h_1', ticketTypes: { s_A1: 'adult' } });
    api.handle('seats.release', () => hold(['s_A2']));
    await useSale.getState().toggleSeat('s_A1');
    expect(api.callsTo('seats.release')[0]).toEqual({ holdId: 'h_1', seatIds: ['s_A1'] });
    expect(useSale.getState().hold?.seatIds).toEqual(['s_A2']);
    await vi.waitFor(() => expect(useSale.getState().quote?.total).toBe(1000));
  });

  it('explains SEATS_UNAVAILABLE and refreshes the map', async () => {
    api.handle('seats.hold', () => {
      throw new FakeError('SEATS_UNAVAILABLE', 'taken', { seatIds: ['s_A1'] });
    });
    const maps = api.callsTo('seats.claims').length;
    await useSale.getState().toggleSeat('s_A1');
    expect(useSale.getState().notice?.text).toMatch(/A1 just became unavailable/);
    await vi.waitFor(() => expect(api.callsTo('seats.claims').length).toBe(maps + 1));
  });

  it('best N asks for a suggestion then holds it', async () => {
    api.handle('seats.bestAvailable', () => ({ seatIds: ['s_B3', 's_B4'] }));
    api.handle('seats.hold', ({ seatIds }) => hold(seatIds));
    await useSale.getState().best(2);
    expect(api.callsTo('seats.bestAvailable')[0]).toEqual({ showId: 'show_1', count: 2 });
    expect(useSale.getState().hold?.seatIds).toEqual(['s_B3', 's_B4']);
  });

  it('reuses the idempotency key when retrying after a lost connection, renews it after a decline', async () => {
    api.handle('seats.hold', ({ seatIds }) => hold(seatIds));
    await useSale.getState().toggleSeat('s_A1');
    await vi.waitFor(() => expect(useSale.getState().quote?.total).toBe(1000));
    useSale.getState().goToPayment();
    useSale.getState().setEntry({ method: 'cash', text: '20' });

    api.handle('bookings.confirm', () => {
      throw new FakeError('NETWORK', 'The server cannot be reached.');
    });
    await useSale.getState().confirm();
    await useSale.getState().confirm();
    const keys = api.callsTo('bookings.confirm').map((c) => (c as { idempotencyKey: string }).idempotencyKey);
    expect(keys[0]).toBeTruthy();
    expect(keys[1]).toBe(keys[0]);
    expect(useSale.getState().hold).not.toBeNull();

    api.handle('bookings.confirm', () => {
      throw new FakeError('PAYMENT_DECLINED', 'declined');
    });
    await useSale.getState().confirm();
    expect(useSale.getState().notice?.code).toBe('PAYMENT_DECLINED');
    expect(useSale.getState().hold?.seatIds).toEqual(['s_A1']);
    useSale.getState().setEntry({ method: 'cash', text: '10' });
    api.handle('bookings.confirm', (input) => ({
      id: 'b_1', code: 'ABCDEF', status: 'confirmed', showId: 'show_1', movieTitle: 'Inception', hallName: 'Hall 1', startsAt: '2030-01-01T19:00:00.000Z',
      tickets: [{ id: 'tk_A1', code: 'TKCODEA1', status: 'sold', seatId: 's_A1', seatLabel: 'A1', ticketType: 'adult', amount: 1000 }], total: 1000, currency: 'USD',
      payments: input.payments, cashier: { id: 'st_1', name: 'Cashier' }, createdAt: '2030-01-01T10:00:00.000Z',
    }));
    const booking = await useSale.getState().confirm();
    const last = api.callsTo('bookings.confirm').at(-1) as { idempotencyKey: string; payments: unknown };
    expect(last.idempotencyKey).not.toBe(keys[0]);
    expect(last.payments).toEqual([{ method: 'cash', amount: 1000, tendered: 1000 }]);
    expect(booking?.code).toBe('ABCDEF');
    expect(useSale.getState().step).toBe('receipt');
  });

  it('clears an expired hold with an explanation', async () => {
    api.handle('seats.hold', ({ seatIds }) => hold(seatIds));
    await useSale.getState().toggleSeat('s_A1');
    useSale.getState().expire();
    expect(useSale.getState().hold).toBeNull();
    expect(useSale.getState().notice?.code).toBe('HOLD_EXPIRED');
  });
});

describe('payment maths', () => {
  it('offers exact and the next 5/10/20/50 notes without repeats', () => {
    expect(quickNotes(3750)).toEqual([3750, 4000, 5000]);
    expect(quickNotes(1200)).toEqual([1200, 1500, 2000, 5000]);
  });

  it('computes change and refuses a mismatch', () => {
    const s = paymentSummary(2550, [], { method: 'cash', text: '30', reference: '' });
    expect(s.change).toBe(450);
    expect(s.canConfirm).toBe(true);
    const short = paymentSummary(2550, [], { method: 'cash', text: '20', reference: '' });
    expect(short.canConfirm).toBe(false);
    const over = paymentSummary(2550, [], { method: 'card', text: '30', reference: '' });
    expect(over.canConfirm).toBe(false);
    expect(over.entryError).toMatch(/More than/);
  });

  it('splits card and cash', () => {
    const s = paymentSummary(2550, [{ method: 'card', amount: 1000, reference: 'X1' }], { method: 'cash', text: '20', reference: '' });
    expect(s.finalPayments).toEqual([{ method: 'card', amount: 1000, reference: 'X1' }, { method: 'cash', amount: 1550, tendered: 2000 }]);
    expect(s.change).toBe(450);
    expect(s.canConfirm).toBe(true);
  });
});
