// The payment step of a sale, set up for a renderer test: a fake api, an open cash shift, and a
// hold of A1 and A2 of show_1 with the given ticket types and quote.
import type { Quote } from '../../shared/contract';
import { setApi } from '../../renderer/src/api';
import { useSale } from '../../renderer/src/stores/sale';
import { useShift } from '../../renderer/src/stores/shift';
import { fakeApi, type FakeApi } from './fakeApi';

export function atPayment(quote: Quote, tickets: Record<string, string>): FakeApi {
  const api = fakeApi();
  setApi(api);
  useSale.getState().newSale();
  // An open shift by default; the shift cases set their own.
  useShift.setState({ loaded: true, shift: { id: 'sh_1', staffId: 'c', staffName: 'C', openedAt: '2030-01-01T00:00:00.000Z', float: 0 } as never });
  useSale.setState({
    showId: 'show_1',
    hold: { id: 'h_1', showId: 'show_1', seatIds: ['s_A1', 's_A2'], expiresAt: new Date(Date.now() + 600_000).toISOString() },
    tickets,
    quote,
    step: 'payment',
  });
  return api;
}
