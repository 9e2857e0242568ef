// The day's shows at this theater: the date shown, the list, the search and the selected show.
import { create } from 'zustand';
import type { Movie, ShowSummary } from '../../../shared/contract';
import { call, messageOf } from '../api';
import { addDays, todayIn } from '../lib/format';

interface ShowsState {
  date: string;
  shows: ShowSummary[];
  movies: Record<string, Movie>;
  query: string;
  selectedId: string | null;
  loading: boolean;
  error: string | null;
  load(date?: string, tz?: string): Promise<void>;
  shiftDate(days: number, tz?: string): Promise<void>;
  setQuery(q: string): void;
  select(id: string | null): void;
  applyCounts(showId: string, counts: Partial<Pick<ShowSummary, 'available' | 'held' | 'sold'>>): void;
}

let loadSeq = 0;

export const useShows = create<ShowsState>((set, get) => ({
  date: '',
  shows: [],
  movies: {},
  query: '',
  selectedId: null,
  loading: false,
  error: null,

  async load(date, tz) {
    const d = date ?? (get().date || todayIn(tz));
    const seq = ++loadSeq;
    set({ date: d, loading: true, error: null });
    try {
      const [shows, movies] = await Promise.all([
        call('shows.list', { date: d }),
        Object.keys(get().movies).length ? Promise.resolve(null) : call('movies.search', {}).catch(() => null),
      ]);
      if (seq !== loadSeq) return;
      const byId = movies ? Object.fromEntries(movies.map((m) => [m.id, m])) : get().movies;
      const prev = get().selectedId;
      const keep = prev && shows.some((s) => s.id === prev) ? prev : null;
      set({ shows, movies: byId, loading: false, selectedId: keep ?? nextShow(shows)?.id ?? null });
    } catch (e) {
      if (seq !== loadSeq) return;
      set({ loading: false, error: messageOf(e) });
    }
  },

  async shiftDate(days, tz) {
    const base = get().date || todayIn(tz);
    set({ selectedId: null });
    await get().load(addDays(base, days), tz);
  },

  setQuery(q) {
    set({ query: q });
  },

  select(id) {
    set({ selectedId: id });
  },

  applyCounts(showId, counts) {
    set((s) => ({ shows: s.shows.map((x) => (x.id === showId ? { ...x, ...counts } : x)) }));
  },
}));

/** The next show still to start (else the first of the day), skipping cancelled ones. */
export function nextShow(shows: ShowSummary[], now = Date.now()): ShowSummary | undefined {
  const live = shows.filter((s) => s.status !== 'cancelled');
  return live.find((s) => Date.parse(s.startsAt) > now) ?? live[0];
}

/** Shows matching the search (title, genre or language), grouped by movie in start order. */
export function groupShows(shows: ShowSummary[], movies: Record<string, Movie>, query: string): { movieId: string; title: string; movie?: Movie; shows: ShowSummary[] }[] {
  const q = query.trim().toLowerCase();
  const groups = new Map<string, { movieId: string; title: string; movie?: Movie; shows: ShowSummary[] }>();
  for (const s of shows) {
    const m = movies[s.movieId];
    if (q) {
      const hay = [s.movieTitle, ...(m?.genres ?? []), m?.language ?? '', s.format].join(' ').toLowerCase();
      if (!hay.includes(q)) continue;
    }
    let g = groups.get(s.movieId);
    if (!g) groups.set(s.movieId, (g = { movieId: s.movieId, title: s.movieTitle, shows: [], ...(m ? { movie: m } : {}) }));
    g.shows.push(s);
  }
  return [...groups.values()];
}
