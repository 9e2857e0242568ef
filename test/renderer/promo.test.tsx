// @vitest-environment jsdom
// The promo code at the payment panel: applied to the quote with its discount per ticket, refused
// with the reason in words, and dropped (the hold kept, the price without it) when the sale's
// transaction refuses it; plus the pricing tab's Discard, which reloads the saved rules.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { DEFAULT_PRICING, type Quote } from '../../shared/contract';
import { PaymentPanel } from '../../renderer/src/features/payment/PaymentPanel';
import { PricesTab } from '../../renderer/src/manager/PricesTab';
import { AuditDetails } from '../../renderer/src/manager/AuditDetails';
import { useSale } from '../../renderer/src/stores/sale';
import { FakeError, makeMap, makeSeats, type FakeApi } from './fakeApi';
import { atPayment } from './paymentSetup';

let api: FakeApi;

function quote(promo: boolean): Quote {
  const line = (seatId: string, amount: number) => ({
    seatId, seatLabel: seatId.slice(2), ticketType: 'adult', amount: promo ? amount * 0.9 : amount, net: promo ? amount * 0.9 : amount, tax: 0,
    gross: promo ? amount * 0.9 : amount, ...(promo ? { discount: amount * 0.1 } : {}), breakdown: [],
  });
  const lines = [line('s_A1', 1500), line('s_A2', 1000)];
  const total = lines.reduce((s, l) => s + l.amount, 0);
  return { lines, total, net: total, tax: 0, currency: 'USD', ...(promo ? { promo: { code: 'SAVE10', discount: 250 } } : {}) };
}

beforeEach(() => {
  api = atPayment(quote(false), { s_A1: 'adult', s_A2: 'adult' });
  api.handle('pricing.quote', (input) => {
    if (input.promoCode && input.promoCode !== 'SAVE10') throw new FakeError('PROMO_INVALID', 'no', { reason: 'expired' });
    return quote(!!input.promoCode);
  });
});
afterEach(cleanup);

describe('promo code at the payment panel', () => {
  it('applies a code, shows the discount per ticket, and sends it with the sale', async () => {
    render(<PaymentPanel />);
    fireEvent.change(screen.getByLabelText('Promo code'), { target: { value: 'save10' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply promo' }));
    expect((await screen.findByTestId('promo-applied')).textContent).toBe('SAVE10');
    const list = screen.getByRole('list', { name: 'Discount per ticket' });
    expect(list.textContent).toContain('A1 adult: −$1.50 → $13.50');
    expect(list.textContent).toContain('A2 adult: −$1.00 → $9.00');
    expect(screen.getByTestId('pay-total').textContent).toBe('$22.50');
    api.handle('bookings.confirm', () => { throw new FakeError('PROMO_INVALID', 'used up', { reason: 'used_up' }); });
    fireEvent.click(screen.getByRole('radio', { name: /^Card/ }));
    fireEvent.click(screen.getByRole('button', { name: /^Confirm sale/ }));
    await waitFor(() => expect(useSale.getState().promoCode).toBeNull());
    expect((api.callsTo('bookings.confirm')[0] as { promoCode?: string }).promoCode).toBe('SAVE10');
    // The hold is kept and the price goes back to the one without the code.
    expect(useSale.getState().hold?.id).toBe('h_1');
    expect(useSale.getState().notice?.text).toMatch(/used up/);
    await waitFor(() => expect(useSale.getState().quote?.total).toBe(2500));
  });

  it('says why a code cannot be used, and keeps the price', async () => {
    render(<PaymentPanel />);
    fireEvent.change(screen.getByLabelText('Promo code'), { target: { value: 'OLD' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply promo' }));
    await waitFor(() => expect(useSale.getState().notice?.text).toBe('This promo code has expired.'));
    expect(useSale.getState().promoCode).toBeNull();
    expect(screen.getByTestId('pay-total').textContent).toBe('$25.00');
  });
});

describe('pricing tab', () => {
  it('previews the edited rules, and Discard brings back the saved rules as they are now', async () => {
    let saved = DEFAULT_PRICING;
    api.handle('pricing.get', () => saved);
    api.handle('shows.list', () => []);
    api.handle('movies.search', () => []);
    api.handle('seats.map', () => makeMap(makeSeats()));
    render(<PricesTab />);
    const weekend = await screen.findByLabelText('Weekend multiplier');
    fireEvent.change(weekend, { target: { value: '1.7' } });
    expect(screen.getByRole('note').textContent).toMatch(/^Unsaved changes: .* Save changes the prices at every counter at once\.$/);
    // Another manager saves meanwhile; Discard shows that, not what the tab opened with.
    saved = { ...DEFAULT_PRICING, weekend: { days: [6, 0], multiplier: 1.6 } };
    fireEvent.click(screen.getByRole('button', { name: 'Discard changes' }));
    await waitFor(() => expect((screen.getByLabelText('Weekend multiplier') as HTMLInputElement).value).toBe('1.6'));
    expect(screen.getByRole('note').textContent).toBe('Save changes the prices at every counter at once.');
  });
});

describe('audit details', () => {
  it('shows a pricing change as readable before/after values, and other details as JSON', () => {
    const { container, rerender } = render(<AuditDetails details={{ changes: [{ what: 'Weekend multiplier', before: 'x1.5', after: 'x1.6' }, { what: 'Holidays added', before: '', after: '2026-12-25' }] }} />);
    expect([...container.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['Weekend multiplier: x1.5 → x1.6', 'Holidays added: — → 2026-12-25']);
    rerender(<AuditDetails details={{ code: 'ABC234', total: 1500 }} />);
    expect(container.textContent).toBe('{"code":"ABC234","total":1500}');
  });
});
