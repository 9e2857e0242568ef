// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import type { Receipt } from '../../shared/contract';
import { ReceiptView } from '../../renderer/src/features/receipt/Receipt';

afterEach(cleanup);

const receipt: Receipt = {
  booking: {
    id: 'b_1', code: 'K7MPQ2', status: 'confirmed', showId: 'show_1', movieTitle: 'Inception', hallName: 'Hall 1',
    startsAt: '2030-01-01T19:00:00.000Z',
    tickets: [
      { id: 'tk_A1', code: 'TKCODEA1', status: 'sold', seatId: 's_A1', seatLabel: 'A1', ticketType: 'adult', amount: 1800 },
      { id: 'tk_A2', code: 'TKCODEA2', status: 'sold', seatId: 's_A2', seatLabel: 'A2', ticketType: 'child', amount: 1350 },
    ],
    total: 3150, currency: 'USD',
    payments: [{ method: 'cash', amount: 3150, tendered: 4000, change: 850 }],
    cashier: { id: 'st_1', name: 'Cashier' }, createdAt: '2030-01-01T10:00:00.000Z',
  },
  theater: { id: 'th_1', name: 'PVR Cinemas', city: 'New York', timezone: 'America/New_York', currency: 'USD' },
  lines: [
    { seatLabel: 'A1', ticketType: 'adult', amount: 1800 },
    { seatLabel: 'A2', ticketType: 'child', amount: 1350 },
  ],
  qr: 'BOXOFFICE:K7MPQ2:A1,A2',
  tickets: [],
  header: 'Welcome to PVR',
  footer: 'Enjoy the show',
};

describe('ReceiptView', () => {
  it('shows the booking code, a QR image, seats, prices, payments and change', async () => {
    render(<ReceiptView receipt={receipt} />);
    expect(screen.getByTestId('booking-code').textContent).toBe('K7MPQ2');
    const img = await waitFor(() => screen.getByRole('img', { name: /QR code for booking K7MPQ2/ }));
    expect(img.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(screen.getByText('Inception')).toBeTruthy();
    expect(screen.getByText('$31.50')).toBeTruthy();
    expect(screen.getByText('Child')).toBeTruthy();
    expect(screen.getByTestId('receipt-change').textContent).toBe('$8.50');
    expect(screen.getByText('Welcome to PVR')).toBeTruthy();
    expect(screen.getByText('Enjoy the show')).toBeTruthy();
  });
});
