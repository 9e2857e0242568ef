// @vitest-environment jsdom
// The show list marks a show that started but still sells (settings.salesCloseMinutesAfterStart)
// and keeps it out of the "past" look; a show whose sales closed looks past.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import type { ShowSummary } from '../../shared/contract';
import { ShowsPanel } from '../../renderer/src/features/shows/ShowsPanel';
import { setApi } from '../../renderer/src/api';
import { useShows } from '../../renderer/src/stores/shows';
import { fakeApi } from './fakeApi';

afterEach(() => {
  cleanup();
  setApi(null);
  useShows.setState({ date: '', shows: [], selectedId: null, query: '' });
});

const MIN = 60_000;
function show(id: string, startedMinutesAgo: number, salesOpenMinutes: number): ShowSummary {
  const start = Date.now() - startedMinutesAgo * MIN;
  return {
    id, movieId: 'mv_1', movieTitle: 'Inception', hallId: 'h1', hallName: 'Hall 1', theaterId: 'th_1',
    startsAt: new Date(start).toISOString(), endsAt: new Date(start + 163 * MIN).toISOString(), format: '2D', basePrice: 1500,
    status: 'scheduled', capacity: 60, available: 60, held: 0, sold: 0, salesCloseAt: new Date(start + salesOpenMinutes * MIN).toISOString(),
  };
}

describe('shows that started', () => {
  it('are marked "started · on sale" while sales are open, and past after', async () => {
    const api = fakeApi();
    api.handle('shows.list', () => [show('open', 5, 15), show('closed', 30, 15)]);
    api.handle('movies.search', () => []);
    setApi(api);
    render(<ShowsPanel onOpen={() => {}} />);
    const open = await screen.findByRole('button', { name: /still on sale/ });
    expect(open.textContent).toContain('started · on sale');
    expect(open.className).not.toContain('is-past');
    const closed = document.querySelector('[data-show-id="closed"]')!;
    expect(closed.className).toContain('is-past');
    expect(closed.textContent).not.toContain('on sale');
  });
});
