// Wires push events into the stores: seat changes into the map (and the show list's counts),
// show changes into the list, and a reconnect into full reloads of what may have been missed.
import { subscribe } from '../api';
import { useConnection } from './connection';
import { useSeatMap } from './seatMap';
import { useSale } from './sale';
import { useShows } from './shows';

let showsTimer: ReturnType<typeof setTimeout> | undefined;
function reloadShowsSoon(): void {
  if (showsTimer) return;
  showsTimer = setTimeout(() => {
    showsTimer = undefined;
    void useShows.getState().load();
  }, 800);
}

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
        reloadShowsSoon();
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
