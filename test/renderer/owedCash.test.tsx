// @vitest-environment jsdom
// A booking of a cancelled show with cash still owed: the Bookings screen offers to pay it out.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { Booking } from '../../shared/contract';
import { setApi } from '../../renderer/src/api';
import { BookingsScreen } from '../../renderer/src/features/bookings/BookingsScreen';
import { useBookings } from '../../renderer/src/stores/bookings';
import { fakeApi, FakeError, type FakeApi } from './fakeApi';

const owing: Booking = {
  id: 'b_1', code: 'K7MPQ2', status: 'cancelled', showId: 'show_1', movieTitle: 'Inception', hallName: 'Hall 1',
  startsAt: '2030-01-01T19:00:00.000Z', tickets: [{ id: 'tk_A1', code: 'TKCODEA1', status: 'sold', seatId: 's_A1', seatLabel: 'A1', ticketType: 'adult', amount: 1800 }],
  total: 1800, currency: 'USD', payments: [{ method: 'cash', amount: 1800, tendered: 2000, change: 200 }],
  cashier: { id: 'st_1', name: 'Cashier' }, createdAt: '2030-01-01T10:00:00.000Z', cancelledAt: '2030-01-01T12:00:00.000Z',
  refund: { amount: 1800, percent: 100, reason: 'Show cancelled: power cut', owedCash: 1800 },
};
const { owedCash: _paid, ...paidRefund } = owing.refund!;

let api: FakeApi;
beforeEach(() => {
  api = fakeApi();
  setApi(api);
  useBookings.setState({ selected: owing, results: [owing], searched: true, lastCancel: null, payOutError: null, payOutCode: null });
});
afterEach(() => {
  cleanup();
  setApi(null);
});

describe('cash owed after a show cancellation', () => {
  it('is paid out once from the cashier\'s drawer, then no longer offered', async () => {
    api.handle('bookings.payOutRefund', ({ id }) => ({ ...owing, id, refund: paidRefund }));
    render(<BookingsScreen />);
    expect(screen.getByRole('region', { name: 'Cash owed to the customer' }).textContent).toMatch(/\$18\.00 in cash is owed/);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Pay out $18.00 from my drawer' }));
    });
    expect(api.callsTo('bookings.payOutRefund')).toEqual([{ id: 'b_1' }]);
    expect(screen.queryByRole('region', { name: 'Cash owed to the customer' })).toBeNull();
  });

  it('says where to open a shift when none is open, and keeps the offer', async () => {
    api.handle('bookings.payOutRefund', () => {
      throw new FakeError('SHIFT_REQUIRED', 'Open your cash shift (count the float) before paying cash back');
    });
    render(<BookingsScreen />);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /^Pay out/ }));
    });
    expect(screen.getByRole('alert').textContent).toBe('Open your cash shift (count the float) before paying cash back: Shift screen, F4.');
    expect(screen.getByRole('region', { name: 'Cash owed to the customer' })).toBeTruthy();
  });
});
