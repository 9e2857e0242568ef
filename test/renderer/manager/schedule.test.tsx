// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ScheduleTab } from '../../../renderer/src/manager/ScheduleTab';
import { blockOf, conflictsOf } from '../../../renderer/src/manager/schedule';
import { setApi } from '../../../renderer/src/api';
import { useSession } from '../../../renderer/src/stores/session';
import { DEFAULT_SETTINGS, type ChannelInput, type ShowSummary } from '../../../shared/contract';
import { FakeError, fakeApi } from '../fakeApi';

afterEach(() => {
  cleanup();
  setApi(null);
});

const TZ = 'America/New_York';
const DAY = '2030-01-07';
// Inception 148 min at 19:00 local (00:00Z next day): trailers 15, movie until 21:43, cleaning 20 -> 22:03.
const inception: ShowSummary = {
  id: 'sh_1', movieId: 'mv_1', movieTitle: 'Inception', hallId: 'h1', hallName: 'Hall 1', theaterId: 'th_1',
  startsAt: '2030-01-08T00:00:00.000Z', endsAt: '2030-01-08T02:43:00.000Z', format: '2D', basePrice: 1200,
  status: 'scheduled', capacity: 60, available: 60, held: 0, sold: 0,
};

function setup() {
  useSession.setState({ theater: { id: 'th_1', name: 'PVR', city: 'NY', timezone: TZ, currency: 'USD' } });
  const api = fakeApi();
  api.handle('theaters.list', () => [{ id: 'th_1', name: 'PVR', city: 'NY', timezone: TZ, currency: 'USD', halls: [{ id: 'h1', name: 'Hall 1', capacity: 60, cleaningMinutes: 20 }, { id: 'h2', name: 'Hall 2', capacity: 200, cleaningMinutes: 15 }] }]);
  api.handle('settings.get', () => DEFAULT_SETTINGS);
  api.handle('movies.search', () => [
    { id: 'mv_1', title: 'Inception', durationMinutes: 148, genres: [], language: 'English', rating: 'PG-13', archived: false },
    { id: 'mv_2', title: 'Up', durationMinutes: 96, genres: [], language: 'English', rating: 'PG', archived: false },
  ]);
  api.handle('shows.list', () => [inception]);
  setApi(api);
  return api;
}

describe('schedule logic', () => {
  it('computes a block and finds overlaps in the same hall only; touching is fine', () => {
    const b = blockOf(0, 15, 100, 20);
    expect([b.trailersEnd, b.movieEnd, b.end].map((t) => t / 60_000)).toEqual([15, 115, 135]);
    const others = [
      { id: 'a', hallId: 'h1', block: blockOf(135 * 60_000, 15, 60, 10) },
      { id: 'b', hallId: 'h1', block: blockOf(130 * 60_000, 15, 60, 10) },
      { id: 'c', hallId: 'h2', block: blockOf(0, 15, 60, 10) },
      { id: 'd', hallId: 'h1', status: 'cancelled', block: blockOf(0, 15, 60, 10) },
    ];
    expect(conflictsOf({ hallId: 'h1', block: b }, others).map((o) => o.id)).toEqual(['b']);
  });
});

describe('ScheduleTab', () => {
  it('draws each show as its whole block with trailer, movie and cleaning segments', async () => {
    setup();
    render(<ScheduleTab />);
    fireEvent.change(await screen.findByLabelText('Day'), { target: { value: DAY } });
    const block = await screen.findByRole('button', { name: /^Inception, 7:00 PM–9:43 PM, cleaning until 10:03 PM, Hall 1/ });
    const segs = [...block.querySelectorAll('[data-seg]')].map((s) => [s.getAttribute('data-seg'), s.getAttribute('data-minutes')]);
    expect(segs).toEqual([['trailers', '15'], ['movie', '148'], ['cleaning', '20']]);
    // 19:00 is 79.17 % into the day; the block lasts 183 min = 12.71 % of it.
    expect(parseFloat(block.style.left)).toBeCloseTo((19 / 24) * 100, 1);
    expect(parseFloat(block.style.width)).toBeCloseTo((183 / 1440) * 100, 1);
    expect(within(screen.getByRole('group', { name: 'Hall 2' })).queryAllByRole('button')).toHaveLength(0);
  });

  it('shows a conflict while editing, before saving, and allows a start that only touches', async () => {
    const api = setup();
    api.handle('shows.save', (input) => ({ id: 'sh_new', movieId: input.movieId, hallId: input.hallId, startsAt: input.startsAt, endsAt: input.startsAt, basePrice: input.basePrice, format: input.format ?? '2D', status: 'scheduled' }));
    render(<ScheduleTab />);
    fireEvent.change(await screen.findByLabelText('Day'), { target: { value: DAY } });
    await screen.findByRole('button', { name: /^Inception, 7:00 PM/ });
    fireEvent.click(screen.getByRole('button', { name: 'New show' }));
    fireEvent.change(screen.getByLabelText('Movie'), { target: { value: 'mv_2' } });
    fireEvent.change(screen.getByLabelText('Start time'), { target: { value: '21:30' } });
    const warn = await screen.findByTestId('client-conflicts');
    expect(warn.textContent).toContain('Inception, 7:00 PM–9:43 PM, cleaning until 10:03 PM, Hall 1');
    expect((screen.getByRole('button', { name: 'Save show' }) as HTMLButtonElement).disabled).toBe(true);
    expect(api.callsTo('shows.save')).toHaveLength(0);
    // The same time in Hall 2 is free.
    fireEvent.change(screen.getByLabelText('Hall'), { target: { value: 'h2' } });
    await waitFor(() => expect(screen.queryByTestId('client-conflicts')).toBeNull());
    // Back in Hall 1 at 22:03 the blocks touch: allowed.
    fireEvent.change(screen.getByLabelText('Hall'), { target: { value: 'h1' } });
    fireEvent.change(screen.getByLabelText('Start time'), { target: { value: '22:03' } });
    await waitFor(() => expect(screen.queryByTestId('client-conflicts')).toBeNull());
    fireEvent.change(screen.getByLabelText('Base price (USD)'), { target: { value: '9.50' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save show' }));
    await screen.findByText(/Scheduled: Up at 10:03 PM/);
    const sent = api.callsTo('shows.save')[0] as ChannelInput<'shows.save'>;
    expect(sent).toMatchObject({ movieId: 'mv_2', hallId: 'h1', startsAt: '2030-01-08T03:03:00.000Z', basePrice: 950 });
  });

  it('explains a SCHEDULE_CONFLICT from the server', async () => {
    const api = setup();
    api.handle('shows.save', () => {
      throw new FakeError('SCHEDULE_CONFLICT', 'The hall is busy then', { conflicts: ['sh_1'] });
    });
    render(<ScheduleTab />);
    fireEvent.change(await screen.findByLabelText('Day'), { target: { value: DAY } });
    await screen.findByRole('button', { name: /^Inception, 7:00 PM/ });
    fireEvent.click(screen.getByRole('button', { name: 'New show' }));
    fireEvent.change(screen.getByLabelText('Start time'), { target: { value: '09:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save show' }));
    const box = await screen.findByTestId('server-conflicts');
    expect(box.textContent).toContain('Inception, 7:00 PM–9:43 PM');
    expect(screen.getByRole('alert').textContent).toContain('The hall is busy then');
  });

  it('cancels a show and lists the refunds, with the cash customers collect at a counter', async () => {
    const api = setup();
    const refunded = (id: string, code: string, owedCash?: number) => ({
      id, code, status: 'cancelled' as const, showId: 'sh_1', movieTitle: 'Inception', hallName: 'Hall 1', startsAt: inception.startsAt,
      tickets: [{ seatId: 's1', seatLabel: 'A1', ticketType: 'adult', amount: 1200 }], total: 1200, currency: 'USD',
      payments: [{ method: owedCash ? ('cash' as const) : ('card' as const), amount: 1200 }], cashier: { id: 'c', name: 'C' },
      createdAt: inception.startsAt, refund: { amount: 1200, percent: 100, ...(owedCash ? { owedCash } : {}) },
    });
    api.handle('shows.cancel', () => ({ show: { ...inception, status: 'cancelled' }, refunded: [refunded('b1', 'CASH22', 1200), refunded('b2', 'CARD22')] }) as never);
    render(<ScheduleTab />);
    fireEvent.change(await screen.findByLabelText('Day'), { target: { value: DAY } });
    fireEvent.click(await screen.findByRole('button', { name: /^Inception, 7:00 PM/ }));
    fireEvent.change(screen.getByLabelText('Cancellation reason'), { target: { value: 'Projector failure' } });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel show and refund' }));
    const table = await screen.findByRole('region', { name: 'Refunds' });
    expect(api.callsTo('shows.cancel')).toEqual([{ id: 'sh_1', reason: 'Projector failure' }]);
    const rows = within(table).getAllByRole('row').map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent));
    expect(rows.slice(1)).toEqual([
      ['CASH22', '', 'A1', '$12.00', '$12.00'],
      ['CARD22', '', 'A1', '$12.00', ''],
    ]);
    expect(table.textContent).toContain('Cash is paid out at a counter when the customer comes back');
  });
});
