// @vitest-environment jsdom
// The renderer's shared pieces: the sale formats money in the session's currency, a manager form's
// draft is the loaded data until edited, and one set of loading, error and empty states.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, renderHook, screen } from '@testing-library/react';
import { setApi } from '../../renderer/src/api';
import { PaymentPanel } from '../../renderer/src/features/payment/PaymentPanel';
import { useDraft, useLoad } from '../../renderer/src/manager/common';
import { Empty, ErrorNote, Loading } from '../../renderer/src/lib/states';
import { useSale } from '../../renderer/src/stores/sale';
import { useSession } from '../../renderer/src/stores/session';
import { useShift } from '../../renderer/src/stores/shift';
import { fakeApi } from './fakeApi';

beforeEach(() => setApi(fakeApi()));
afterEach(() => {
  cleanup();
  setApi(null);
  useSession.setState({ theater: null });
  useShift.getState().reset();
});

describe('the sale in the session currency', () => {
  it('shows the amounts of the payment in the theater currency the session holds', () => {
    useSession.setState({ theater: { id: 'th_1', name: 'Rex', city: 'Mumbai', timezone: 'Asia/Kolkata', currency: 'EUR' } as never });
    useShift.setState({ loaded: true, shift: { id: 'sh_1', staffId: 'c', staffName: 'C', openedAt: '2030-01-01T00:00:00.000Z', float: 0 } as never });
    useSale.getState().newSale();
    useSale.setState({
      showId: 'show_1',
      hold: { id: 'h_1', showId: 'show_1', seatIds: ['s_A1'], expiresAt: new Date(Date.now() + 600_000).toISOString() },
      tickets: { s_A1: 'adult' },
      quote: { lines: [{ seatId: 's_A1', seatLabel: 'A1', ticketType: 'adult', amount: 1250, breakdown: [] }], total: 1250, currency: 'EUR' },
      step: 'payment',
    });
    render(<PaymentPanel />);
    const exact = screen.getByLabelText('Quick amounts').querySelector('button')!.textContent!;
    expect(exact).toMatch(/^Exact /);
    expect(exact).toContain('€');
    expect(exact).not.toContain('$');
  });
});

describe('a manager form draft', () => {
  it('is the loaded data until edited, drops edits on edit(null), and takes the saved answer', async () => {
    let answer = { n: 1 };
    const { result } = renderHook(() => {
      const load = useLoad(async () => answer, []);
      return { load, draft: useDraft(load) };
    });
    await act(async () => {});
    expect(result.current.draft.value).toEqual({ n: 1 });
    act(() => result.current.draft.edit({ n: 2 }));
    expect(result.current.draft.value).toEqual({ n: 2 });
    expect(result.current.load.data).toEqual({ n: 1 });
    act(() => result.current.draft.edit(null));
    expect(result.current.draft.value).toEqual({ n: 1 });
    act(() => result.current.draft.edit({ n: 3 }));
    act(() => result.current.draft.saved({ n: 4 }));
    expect(result.current.draft.value).toEqual({ n: 4 });
    // A reload shows what the engine now says.
    answer = { n: 5 };
    act(() => result.current.load.reload());
    await act(async () => {});
    expect(result.current.draft.value).toEqual({ n: 5 });
  });
});

describe('loading, error and empty states', () => {
  it('say what is loading to a reader, show an error with its way out, and nothing for no error', () => {
    const { container } = render(
      <>
        <Loading what="Loading seats" />
        <ErrorNote error="Could not load the seat map: offline">
          <button type="button">Retry</button>
        </ErrorNote>
        <ErrorNote error={null} />
        <Empty>No booking found.</Empty>
      </>,
    );
    expect(screen.getByRole('status').textContent).toBe('Loading seats…');
    expect(screen.getByRole('alert').textContent).toBe('Could not load the seat map: offlineRetry');
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect(container.querySelector('.state--empty')?.textContent).toBe('No booking found.');
  });
});
