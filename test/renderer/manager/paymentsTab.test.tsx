// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { setApi } from '../../../renderer/src/api';
import { PaymentsTab } from '../../../renderer/src/manager/PaymentsTab';
import type { TerminalOpItem } from '../../../shared/contract';
import { fakeApi, type FakeApi } from '../fakeApi';

let api: FakeApi;
const op: TerminalOpItem = {
  id: 'op_1', kind: 'charge', method: 'card', amount: 2340, currency: 'USD', status: 'unknown', bookingId: null, bookingCode: null,
  terminalTxn: null, attempts: 1, lastError: 'terminal timed out', createdAt: '2026-11-23T15:00:00.000Z', resolved: null,
};

beforeEach(() => {
  api = fakeApi();
  setApi(api);
});
afterEach(() => {
  cleanup();
  setApi(null);
});

describe('Payments to check', () => {
  it('lists an unknown charge with what to do, and settles it with a note', async () => {
    let settled = false;
    api.handle('payments.review', () => (settled ? [] : [op]));
    api.handle('payments.resolve', () => {
      settled = true;
      return { ...op, resolved: { by: 'Manager', note: 'no charge on the terminal', at: '2026-11-23T16:00:00.000Z' } };
    });
    await act(async () => {
      render(<PaymentsTab />);
    });
    expect(screen.getByText(/\$23\.40/)).toBeTruthy();
    expect(screen.getByText(/check the terminal/)).toBeTruthy();
    const button = screen.getByRole('button', { name: 'Mark as settled' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('What was done'), { target: { value: 'no charge on the terminal' } });
    await act(async () => {
      fireEvent.click(button);
    });
    expect(api.callsTo('payments.resolve')).toEqual([{ id: 'op_1', note: 'no charge on the terminal' }]);
    expect(await screen.findByText('Nothing to check.')).toBeTruthy();
  });
});
