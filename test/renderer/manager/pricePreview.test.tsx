// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { PricePreview } from '../../../renderer/src/manager/PricesTab';
import { setApi } from '../../../renderer/src/api';
import { DEFAULT_PRICING, type ChannelInput } from '../../../shared/contract';
import { fakeApi, makeMap, makeSeats } from '../fakeApi';

afterEach(() => {
  cleanup();
  setApi(null);
});

/** One show with the test seat map, and the default rules. */
function showsAndSeats(api: ReturnType<typeof fakeApi>): void {
  api.handle('shows.list', () => [{
    id: 'show_1', movieId: 'mv_1', movieTitle: 'Inception', hallId: 'hall_1', hallName: 'Hall 1', theaterId: 'th_1',
    startsAt: '2030-01-01T19:00:00.000Z', endsAt: '2030-01-01T21:43:00.000Z', format: '2D', basePrice: 1000, status: 'scheduled', capacity: 18, available: 18, held: 0, sold: 0,
  }]);
  api.handle('seats.map', () => makeMap(makeSeats()));
  api.handle('pricing.get', () => DEFAULT_PRICING);
}

describe('PricePreview', () => {
  it('quotes the chosen show, seat and ticket type and shows the breakdown', async () => {
    const api = fakeApi();
    showsAndSeats(api);
    api.handle('pricing.quote', ({ tickets }) => {
      const t = tickets[0]!;
      const child = t.ticketType === 'child';
      const vip = t.seatId.startsWith('s_A');
      const amount = Math.round(1000 * (vip ? 1.5 : 1) * (child ? 0.75 : 1));
      return {
        currency: 'USD', total: amount, net: amount, tax: 0,
        lines: [{ seatId: t.seatId, seatLabel: t.seatId.slice(2), ticketType: t.ticketType, amount, net: amount, tax: 0, gross: amount, breakdown: [
          { label: 'Base price', kind: 'base', value: 1000, amountAfter: 1000 },
          ...(vip ? [{ label: 'vip seat', kind: 'seatType' as const, value: 1.5, amountAfter: 1500 }] : []),
          ...(child ? [{ label: 'child ticket', kind: 'ticketType' as const, value: 0.75, amountAfter: amount }] : []),
        ] }],
      };
    });
    setApi(api);
    render(<PricePreview />);
    expect((await screen.findByTestId('preview-price')).textContent).toBe('$15.00');
    const table = screen.getByRole('table', { name: 'Price breakdown' });
    // Each step with its running amount.
    expect(within(table).getByText('vip seat = $15.00')).toBeTruthy();
    expect(within(table).getByText('Base price $10.00')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Seat'), { target: { value: 's_B2' } });
    fireEvent.change(screen.getByLabelText('Ticket type'), { target: { value: 'child' } });
    await waitFor(() => expect(screen.getByTestId('preview-price').textContent).toBe('$7.50'));
    const last = api.callsTo('pricing.quote').at(-1) as ChannelInput<'pricing.quote'>;
    expect(last).toEqual({ showId: 'show_1', tickets: [{ seatId: 's_B2', ticketType: 'child' }] });
    expect(screen.getByText('child ticket = $7.50')).toBeTruthy();
  });

  it('prices the rules being edited through pricing.preview, not the saved ones', async () => {
    const api = fakeApi();
    showsAndSeats(api);
    api.handle('pricing.preview', ({ rules }) => {
      const amount = Math.round(1000 * rules.seatTypes.regular);
      return { currency: 'USD', total: amount, net: amount, tax: 0, lines: [{ seatId: 's_B2', seatLabel: 'B2', ticketType: 'adult', amount, net: amount, tax: 0, gross: amount, breakdown: [] }] };
    });
    setApi(api);
    const draft = { ...DEFAULT_PRICING, seatTypes: { ...DEFAULT_PRICING.seatTypes, regular: 1.2 } };
    render(<PricePreview draft={draft} />);
    await waitFor(() => expect(screen.getByTestId('preview-price').textContent).toBe('$12.00'));
    expect(api.callsTo('pricing.quote')).toEqual([]);
    expect((api.callsTo('pricing.preview').at(-1) as ChannelInput<'pricing.preview'>).rules).toEqual(draft);
  });
});
