// The day's shows grouped by movie: local time, hall, format and how full each show is.
// ←/→ change the day, ↑/↓ move between shows, Enter opens the seat map.
import { useEffect, useMemo, useRef } from 'react';
import type { ShowSummary } from '../../../../shared/contract';
import { useSession } from '../../stores/session';
import { groupShows, useShows } from '../../stores/shows';
import { DEFAULT_TZ, formatLocalDate, formatTime, todayIn } from '../../lib/format';
import { Empty, ErrorNote, Loading } from '../../lib/states';

export function AvailabilityBar({ show }: { show: Pick<ShowSummary, 'capacity' | 'available' | 'held' | 'sold'> }) {
  const cap = Math.max(1, show.capacity);
  const pct = (n: number) => `${(n / cap) * 100}%`;
  return (
    <div className="avail">
      <div className="avail-bar" aria-hidden="true">
        <span className="avail-sold" style={{ width: pct(show.sold) }} />
        <span className="avail-held" style={{ width: pct(show.held) }} />
      </div>
      <span className="avail-text">
        {show.available} free · {show.held} held · {show.sold} sold
      </span>
    </div>
  );
}

export function ShowsPanel({ onOpen }: { onOpen(showId: string): void }) {
  const tz = useSession((s) => s.theater?.timezone) ?? DEFAULT_TZ;
  const { date, shows, movies, query, selectedId, loading, error } = useShows();
  const load = useShows((s) => s.load);
  const shiftDate = useShows((s) => s.shiftDate);
  const setQuery = useShows((s) => s.setQuery);
  const select = useShows((s) => s.select);
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!date) void load(todayIn(tz), tz);
  }, [date, load, tz]);

  const groups = useMemo(() => groupShows(shows, movies, query), [shows, movies, query]);
  const flat = useMemo(() => groups.flatMap((g) => g.shows), [groups]);
  const today = todayIn(tz);
  const now = Date.now();

  useEffect(() => {
    if (selectedId) onOpen(selectedId);
  }, [selectedId, onOpen]);

  // Arrows only move the focus through the list; Enter or a click opens a show. Opening another
  // show ends the sale under way (its hold is released), so browsing must never do that.
  const focusShow = (id: string) => {
    listRef.current?.querySelector<HTMLButtonElement>(`[data-show-id="${id}"]`)?.focus();
  };

  // The show the list's single tab stop sits on: the selected one while the search shows it,
  // else the first match, so Tab from the search box always reaches a show.
  const tabStop = flat.some((s) => s.id === selectedId) ? selectedId : (flat[0]?.id ?? null);

  // In the search box: ↓ and Tab go to the first match, Enter opens it, Esc leaves the box
  // (clearing it first when it has text) for the list.
  const onSearchKey = (e: React.KeyboardEvent<HTMLInputElement>) => {
    const first = flat.find((s) => s.status !== 'cancelled');
    if ((e.key === 'ArrowDown' || (e.key === 'Tab' && !e.shiftKey)) && first) {
      e.preventDefault();
      e.stopPropagation();
      focusShow(first.id);
    } else if (e.key === 'Enter' && first) {
      e.preventDefault();
      e.stopPropagation();
      select(first.id);
      document.querySelector<HTMLElement>('[role="grid"] button[tabindex="0"]')?.focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      if (query) setQuery('');
      else if (tabStop) focusShow(tabStop);
      else e.currentTarget.blur();
    }
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const target = e.target as HTMLElement;
    if (target.tagName === 'INPUT') return;
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      void shiftDate(e.key === 'ArrowLeft' ? -1 : 1, tz);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const i = flat.findIndex((s) => s.id === (target.dataset.showId ?? selectedId));
      const next = flat[Math.max(0, Math.min(flat.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))];
      if (next) focusShow(next.id);
    } else if (e.key === 'Enter' && target.dataset.showId) {
      e.preventDefault();
      select(target.dataset.showId);
      document.querySelector<HTMLElement>('[role="grid"] button[tabindex="0"]')?.focus();
    }
  };

  return (
    <section className="panel shows" aria-label="Shows" onKeyDown={onKeyDown}>
      <div className="date-switch">
        <button type="button" onClick={() => void shiftDate(-1, tz)} aria-label="Previous day" title="Previous day (←)">
          ←
        </button>
        <div className="date-label">
          <strong>{date ? formatLocalDate(date) : '…'}</strong>
          {date === today ? <span className="badge">Today</span> : (
            <button type="button" className="link" onClick={() => void load(today, tz)}>
              Back to today
            </button>
          )}
        </div>
        <button type="button" onClick={() => void shiftDate(1, tz)} aria-label="Next day" title="Next day (→)">
          →
        </button>
      </div>
      <input
        type="search"
        className="search"
        placeholder="Search title, genre or language  ( / )"
        aria-label="Search shows"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onSearchKey}
        data-shortcut="search"
      />
      <div className="show-list" ref={listRef}>
        {loading && shows.length === 0 && <Loading what="Loading shows" />}
        <ErrorNote error={error && `Could not load the shows: ${error}`}>
          <button type="button" onClick={() => void load(date, tz)}>
            Retry
          </button>
        </ErrorNote>
        {!loading && !error && groups.length === 0 && (
          <Empty>
            {query ? `No show matches “${query}”.` : 'No shows on this day.'}{' '}
            {!query && (
              <button type="button" className="link" onClick={() => void shiftDate(1, tz)}>
                Next day →
              </button>
            )}
          </Empty>
        )}
        {groups.map((g) => (
          <div className="movie-group" key={g.movieId}>
            <h3 className="movie-title">
              {g.title}
              {g.movie && (
                <span className="movie-meta">
                  {' '}
                  {g.movie.rating} · {g.movie.durationMinutes} min · {g.movie.genres.join(', ')} · {g.movie.language}
                </span>
              )}
            </h3>
            {g.shows.map((s) => {
              const past = Date.parse(s.startsAt) < now;
              // Started, but sales stay open for the trailers (settings.salesCloseMinutesAfterStart).
              const stillOnSale = past && s.status !== 'cancelled' && !!s.salesCloseAt && Date.parse(s.salesCloseAt) > now;
              return (
                <button
                  type="button"
                  key={s.id}
                  data-show-id={s.id}
                  className={`show-item${s.id === selectedId ? ' is-selected' : ''}${past && !stillOnSale ? ' is-past' : ''}${s.status === 'cancelled' ? ' is-cancelled' : ''}`}
                  aria-current={s.id === selectedId ? 'true' : undefined}
                  aria-label={`${s.movieTitle} at ${formatTime(s.startsAt, tz)}, ${s.hallName}, ${s.format}, ${s.available} of ${s.capacity} free${s.status === 'cancelled' ? ', cancelled' : ''}${stillOnSale ? ', started, still on sale' : ''}`}
                  tabIndex={s.id === tabStop ? 0 : -1}
                  onClick={() => select(s.id)}
                  disabled={s.status === 'cancelled'}
                >
                  <span className="show-time">
                    {formatTime(s.startsAt, tz)}
                    {stillOnSale && (
                      <span className="badge badge--started" title={`Started; on sale until ${formatTime(s.salesCloseAt!, tz)}`}>
                        started · on sale
                      </span>
                    )}
                  </span>
                  <span className="show-hall">
                    {s.hallName} · {s.format}
                  </span>
                  <AvailabilityBar show={s} />
                </button>
              );
            })}
          </div>
        ))}
      </div>
    </section>
  );
}
