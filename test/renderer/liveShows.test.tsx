// @vitest-environment jsdom
// The show list and push events: seat changes of a show that is listed but not open reload the
// list once, a few seconds later, however many arrive (at a busy theater they stream in all the
// time); a shows.changed reloads it within a second.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setApi } from '../../renderer/src/api';
import { startLive } from '../../renderer/src/stores/live';
import { useSeatMap } from '../../renderer/src/stores/seatMap';
import { useShows } from '../../renderer/src/stores/shows';
import { fakeApi, type FakeApi } from './fakeApi';
import type { ShowSummary } from '../../shared/contract';

let api: FakeApi;
let stop: () => void;

const summary = (id: string): ShowSummary => ({
  id, movieId: 'mv_1', movieTitle: 'Inception', hallId: 'hall_1', hallName: 'Hall 1', theaterId: 'th_1',
  startsAt: '2030-01-01T19:00:00.000Z', endsAt: '2030-01-01T21:43:00.000Z', format: '2D', basePrice: 1000, status: 'scheduled',
  capacity: 60, available: 60, held: 0, sold: 0, salesCloseAt: '2030-01-01T19:00:00.000Z',
});

beforeEach(() => {
  vi.useFakeTimers();
  api = fakeApi();
  setApi(api);
  useSeatMap.getState().clear();
  useShows.setState({ date: '2030-01-01', shows: [summary('show_1'), summary('show_2')], movies: { mv_1: {} as never } });
  api.handle('shows.list', () => [summary('show_1'), summary('show_2')]);
  stop = startLive();
});
afterEach(() => {
  stop();
  setApi(null);
  vi.useRealTimers();
});

describe('live show list', () => {
  it('reloads once, seconds later, for a stream of seat changes of a show that is not open', async () => {
    for (let v = 1; v <= 5; v++) {
      api.emit('seats.changed', { showId: 'show_2', version: v, seats: [{ id: 's_A1', status: v % 2 ? 'held' : 'available' }] });
      await vi.advanceTimersByTimeAsync(400);
    }
    expect(api.callsTo('shows.list')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(5000);
    expect(api.callsTo('shows.list')).toHaveLength(1);
  });

  it('reloads within a second when a show itself changed, even with a slower reload pending', async () => {
    api.emit('seats.changed', { showId: 'show_2', version: 1, seats: [{ id: 's_A1', status: 'held' }] });
    api.emit('shows.changed', { showId: 'show_1' });
    await vi.advanceTimersByTimeAsync(900);
    expect(api.callsTo('shows.list')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(6000);
    expect(api.callsTo('shows.list')).toHaveLength(1);
  });
});
