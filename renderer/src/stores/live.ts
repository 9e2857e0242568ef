// Wires push events into the stores: seat changes into the map (and the show list's counts),
// show changes into the list, and a reconnect into full reloads of what may have been missed.
import { subscribe } from '../api';
import { useConnection } from './connection';
import { useSeatMap } from './seatMap';
import { useSale } from './sale';
import { useShows } from './shows';

let showsTimer: ReturnType<typeof setTimeout> | undefined;
let showsDue = 0;
/** Reloads the show list once after `delayMs` (sooner if asked sooner), however many ask meanwhile. */
function reloadShowsSoon(delayMs = 800): void {
  const due = Date.now() + delayMs;
  if (showsTimer && showsDue <= due) return;
  if (showsTimer) clearTimeout(showsTimer);
  showsDue = due;
  showsTimer = setTimeout(() => {
    showsTimer = undefined;
    void useShows.getState().load();
  }, delayMs);
}

/**
 * Seat changes of shows that are listed but not open only move their counts: at a busy theater
 * they stream in all the time, and reloading the list for each (about once a second) cost a
 * request and a re-render each; a few seconds late is soon enough for a count.
 */
const OTHER_SHOWS_RELOAD_MS = 5000;

export function startLive(): () => void {
  const offs = [
    subscribe('seats.changed', (p) => {
      const map = useSeatMap.getState();
      map.applyChange(p);
      const after = useSeatMap.getState();
      if (after.showId === p.showId && after.version === p.version) {
        const c = after.counts;
        useShows.getState().applyCounts(p.showId, { available: c.available, held: c.held, sold: c.sold });
        // My held seats turning available without my asking means the hold expired on the server.
        const sale = useSale.getState();
        if (sale.hold && sale.hold.showId === p.showId && !sale.busy && Date.now() >= Date.parse(sale.hold.expiresAt) - 2000) {
          const freed = p.seats.some((s) => s.status === 'available' && sale.hold!.seatIds.includes(s.id));
          if (freed) sale.expire();
        }
      } else if (useShows.getState().shows.some((s) => s.id === p.showId)) {
        reloadShowsSoon(OTHER_SHOWS_RELOAD_MS);
      }
    }),
    subscribe('shows.changed', () => reloadShowsSoon()),
    useConnection.subscribe((s, prev) => {
      if (s.epoch !== prev.epoch) {
        void useSeatMap.getState().refresh();
        reloadShowsSoon();
      }
    }),
  ];
  return () => offs.forEach((off) => off());
}
