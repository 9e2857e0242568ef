// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { setApi } from '../../renderer/src/api';
import { PaymentPanel } from '../../renderer/src/features/payment/PaymentPanel';
import { useSale } from '../../renderer/src/stores/sale';
import { useShift } from '../../renderer/src/stores/shift';
import { fakeApi, FakeError, type FakeApi } from './fakeApi';

let api: FakeApi;

beforeEach(() => {
  api = fakeApi();
  setApi(api);
  useSale.getState().newSale();
  // Most cases have an open shift; the shift cases below set their own.
  useShift.setState({ loaded: true, shift: { id: 'sh_1', staffId: 'c', staffName: 'C', openedAt: '2030-01-01T00:00:00.000Z', float: 0 } as never });
  useSale.setState({
    showId: 'show_1',
    hold: { id: 'h_1', showId: 'show_1', seatIds: ['s_A1', 's_A2'], expiresAt: new Date(Date.now() + 600_000).toISOString() },
    tickets: { s_A1: 'adult', s_A2: 'child' },
    quote: {
      lines: [
        { seatId: 's_A1', seatLabel: 'A1', ticketType: 'adult', amount: 1500, breakdown: [] },
        { seatId: 's_A2', seatLabel: 'A2', ticketType: 'child', amount: 1050, breakdown: [] },
      ],
      total: 2550,
      currency: 'USD',
    },
    step: 'payment',
  });
});
afterEach(() => {
  cleanup();
  setApi(null);
  useShift.getState().reset();
});

const confirmBtn = () => screen.getByRole('button', { name: /^Confirm sale/ }) as HTMLButtonElement;

describe('PaymentPanel', () => {
  it('shows the total and computes change from a quick note', () => {
    render(<PaymentPanel />);
    expect(screen.getByTestId('pay-total').textContent).toBe('$25.50');
    expect(confirmBtn().disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: '$30.00' }));
    expect(screen.getByTestId('change-due').textContent).toBe('$4.50');
    expect(confirmBtn().disabled).toBe(false);
  });

  it('offers exact, next 5, 10, 20, 50', () => {
    render(<PaymentPanel />);
    const notes = screen.getByLabelText('Quick amounts').querySelectorAll('button');
    expect([...notes].map((b) => b.textContent)).toEqual(['Exact $25.50', '$30.00', '$40.00', '$50.00']);
  });

  it('types the tendered amount on the keypad', () => {
    render(<PaymentPanel />);
    for (const k of ['4', '0']) fireEvent.click(screen.getByRole('button', { name: k }));
    expect(screen.getByTestId('change-due').textContent).toBe('$14.50');
  });

  it('prevents a mismatch: too little cash keeps Confirm disabled', () => {
    render(<PaymentPanel />);
    fireEvent.change(screen.getByLabelText(/Cash tendered/), { target: { value: '20' } });
    expect(confirmBtn().disabled).toBe(true);
    expect(screen.getByText(/do not cover the total/)).toBeTruthy();
  });

  it('splits card and cash, then confirms once even on a double click', async () => {
    let resolve!: (v: unknown) => void;
    api.handle('bookings.confirm', () => new Promise((r) => (resolve = r)) as never);
    render(<PaymentPanel />);
    fireEvent.click(screen.getByRole('radio', { name: /Card/ }));
    fireEvent.change(screen.getByLabelText(/Card amount/), { target: { value: '10' } });
    fireEvent.change(screen.getByLabelText(/Reference/), { target: { value: 'R-1' } });
    fireEvent.click(screen.getByRole('button', { name: /Add as part payment/ }));
    expect(screen.getByLabelText('Payments taken').textContent).toContain('Card $10.00');
    expect(screen.getByTestId('pay-remaining').textContent).toBe('$15.50');
    fireEvent.click(screen.getByRole('radio', { name: /Cash/ }));
    fireEvent.change(screen.getByLabelText(/Cash tendered/), { target: { value: '20' } });
    expect(screen.getByTestId('change-due').textContent).toBe('$4.50');
    const btn = confirmBtn();
    await act(async () => {
      fireEvent.click(btn);
      fireEvent.click(btn);
    });
    expect(api.callsTo('bookings.confirm')).toHaveLength(1);
    expect(btn.disabled).toBe(true);
    expect(btn.textContent).toMatch(/Confirming/);
    const input = api.callsTo('bookings.confirm')[0] as { payments: unknown; tickets: unknown; holdId: string };
    expect(input.holdId).toBe('h_1');
    expect(input.tickets).toEqual([
      { seatId: 's_A1', ticketType: 'adult' },
      { seatId: 's_A2', ticketType: 'child' },
    ]);
    expect(input.payments).toEqual([
      { method: 'card', amount: 1000, reference: 'R-1' },
      { method: 'cash', amount: 1550, tendered: 2000 },
    ]);
    await act(async () => resolve({ id: 'b1', code: 'ABCDEF', status: 'confirmed', showId: 'show_1', movieTitle: 'X', hallName: 'H', startsAt: '2030-01-01T00:00:00.000Z', tickets: [], total: 2550, currency: 'USD', payments: [], cashier: { id: 'c', name: 'C' }, createdAt: '2030-01-01T00:00:00.000Z' }));
    expect(useSale.getState().step).toBe('receipt');
  });

  it('refuses a card amount above what is due', () => {
    render(<PaymentPanel />);
    fireEvent.click(screen.getByRole('radio', { name: /Card/ }));
    fireEvent.change(screen.getByLabelText(/Card amount/), { target: { value: '99' } });
    expect(screen.getByRole('alert').textContent).toMatch(/More than the amount due/);
    expect(confirmBtn().disabled).toBe(true);
  });

  it('sends the optional customer contact with the sale, and refuses a malformed email', async () => {
    render(<PaymentPanel />);
    fireEvent.click(screen.getByRole('button', { name: /^Exact/ }));
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'ann@' } });
    expect(confirmBtn().disabled).toBe(true);
    expect(screen.getByRole('alert').textContent).toMatch(/email address/);
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: ' ann@example.com ' } });
    fireEvent.change(screen.getByLabelText('Phone'), { target: { value: '+1 212 555 0100' } });
    expect(confirmBtn().disabled).toBe(false);
    await act(async () => {
      fireEvent.click(confirmBtn());
    });
    const input = api.callsTo('bookings.confirm')[0] as { customer?: unknown };
    expect(input.customer).toEqual({ email: 'ann@example.com', phone: '+1 212 555 0100' });
  });

  it('sends no customer block when nothing was typed', async () => {
    render(<PaymentPanel />);
    fireEvent.click(screen.getByRole('button', { name: /^Exact/ }));
    await act(async () => {
      fireEvent.click(confirmBtn());
    });
    expect(api.callsTo('bookings.confirm')[0]).not.toHaveProperty('customer');
  });
});

describe('PaymentPanel without an open shift', () => {
  beforeEach(() => useShift.setState({ loaded: true, shift: null }));

  it('asks for the float before cash, opens the shift in place, then takes the cash', async () => {
    api.handle('shifts.open', ({ float }) => ({ id: 'sh_9', staffId: 'c', staffName: 'C', openedAt: '2030-01-01T00:00:00.000Z', float }) as never);
    render(<PaymentPanel />);
    const form = screen.getByRole('form', { name: 'Open a cash shift' });
    expect(form.textContent).toMatch(/No cash shift is open/);
    expect(screen.queryByLabelText(/Cash tendered/)).toBeNull();
    expect(confirmBtn().disabled).toBe(true);
    expect(screen.getByText('Open your cash shift to take cash.')).toBeTruthy();
    const float = screen.getByLabelText('Opening float');
    expect(document.activeElement).toBe(float);
    fireEvent.change(float, { target: { value: '150' } });
    await act(async () => {
      fireEvent.submit(form);
    });
    expect(api.callsTo('shifts.open')).toEqual([{ float: 15000 }]);
    expect(screen.queryByRole('form', { name: 'Open a cash shift' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /^Exact/ }));
    expect(confirmBtn().disabled).toBe(false);
  });

  it('F9 goes to the float instead of confirming, also while a card part is being typed', () => {
    render(<PaymentPanel />);
    (document.activeElement as HTMLElement | null)?.blur();
    fireEvent.keyDown(window, { key: 'F9' });
    expect(document.activeElement).toBe(screen.getByLabelText('Opening float'));
    expect(api.callsTo('bookings.confirm')).toHaveLength(0);
    // A cash part already listed, a card being typed: the float form stays, F9 still goes there.
    useSale.setState({ payments: [{ method: 'cash', amount: 500, tendered: 500 }], entry: { method: 'card', text: '', reference: '' } });
    fireEvent.keyDown(window, { key: 'F9' });
    expect(document.activeElement).toBe(screen.getByLabelText('Opening float'));
    expect(api.callsTo('bookings.confirm')).toHaveLength(0);
  });

  it('takes the shift opened in another window when opening answers CONFLICT', async () => {
    api.handle('shifts.open', () => {
      throw new FakeError('CONFLICT', 'You already have an open shift; close it before opening another');
    });
    api.handle('shifts.current', () => ({ id: 'sh_2', staffId: 'c', staffName: 'C', openedAt: '2030-01-01T00:00:00.000Z', float: 0 }) as never);
    render(<PaymentPanel />);
    fireEvent.change(screen.getByLabelText('Opening float'), { target: { value: '100' } });
    await act(async () => {
      fireEvent.submit(screen.getByRole('form', { name: 'Open a cash shift' }));
    });
    expect(api.callsTo('shifts.current')).toHaveLength(1);
    expect(screen.queryByRole('form', { name: 'Open a cash shift' })).toBeNull();
    expect(screen.getByLabelText(/Cash tendered/)).toBeTruthy();
  });

  it('sells by card without asking for a shift', () => {
    render(<PaymentPanel />);
    fireEvent.click(screen.getByRole('radio', { name: /Card/ }));
    expect(screen.queryByRole('form', { name: 'Open a cash shift' })).toBeNull();
    expect(confirmBtn().disabled).toBe(false);
  });

  it('does not treat a failed shift load as "no shift"', async () => {
    useShift.getState().reset();
    api.handle('shifts.current', () => {
      throw new FakeError('INTERNAL', 'down');
    });
    await act(async () => {
      await useShift.getState().load();
    });
    expect(useShift.getState()).toMatchObject({ loaded: false, shift: null, error: 'down' });
    render(<PaymentPanel />);
    expect(screen.queryByRole('form', { name: 'Open a cash shift' })).toBeNull();
  });

  it('does not block cash while the shift is not known yet (the engine decides)', () => {
    useShift.setState({ loaded: false, shift: null });
    render(<PaymentPanel />);
    expect(screen.queryByRole('form', { name: 'Open a cash shift' })).toBeNull();
    expect(screen.getByLabelText(/Cash tendered/)).toBeTruthy();
  });

  it('reloads the shift when the engine answers SHIFT_REQUIRED (closed from another window)', async () => {
    useShift.setState({ loaded: true, shift: { id: 'sh_1' } as never });
    api.handle('bookings.confirm', () => {
      throw new FakeError('SHIFT_REQUIRED', 'Open your cash shift (count the float) before taking cash');
    });
    api.handle('shifts.current', () => null);
    render(<PaymentPanel />);
    fireEvent.click(screen.getByRole('button', { name: /^Exact/ }));
    await act(async () => {
      fireEvent.click(confirmBtn());
    });
    expect(useSale.getState().notice).toMatchObject({ code: 'SHIFT_REQUIRED' });
    expect(api.callsTo('shifts.current')).toHaveLength(1);
    expect(await screen.findByRole('form', { name: 'Open a cash shift' })).toBeTruthy();
  });
});
