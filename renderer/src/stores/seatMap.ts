// The seat map of the selected show, kept live from seats.changed: an event applies only when its
// version is the next one; an older one is dropped, a gap triggers a full refresh.
import { create } from 'zustand';
import type { EventPayload, MapSeat, SeatMap } from '../../../shared/contract';
import { call, messageOf } from '../api';

interface SeatMapState {
  showId: string | null;
  map: Omit<SeatMap, 'seats'> | null;
  seats: MapSeat[];
  index: Map<string, number>;
  version: number;
  loading: boolean;
  error: string | null;
  load(showId: string): Promise<void>;
  refresh(): Promise<void>;
  applyChange(p: EventPayload<'seats.changed'>): void;
  clear(): void;
}

let seq = 0;
let refreshing: Promise<void> | null = null;
let refreshingFor: string | null = null;

export const useSeatMap = create<SeatMapState>((set, get) => ({
  showId: null,
  map: null,
  seats: [],
  index: new Map(),
  version: -1,
  loading: false,
  error: null,

  async load(showId) {
    const mine = ++seq;
    const same = get().showId === showId;
    set(same ? { loading: true, error: null } : { showId, map: null, seats: [], index: new Map(), version: -1, loading: true, error: null });
    try {
      const m = await call('seats.map', { showId });
      if (mine !== seq) return;
      const { seats, ...rest } = m;
      set({ map: rest, seats, index: new Map(seats.map((s, i) => [s.id, i])), version: m.version, loading: false });
    } catch (e) {
      if (mine !== seq) return;
      set({ loading: false, error: messageOf(e) });
    }
  },

  async refresh() {
    const id = get().showId;
    if (!id) return;
    // One refresh at a time: while it runs the version is still old, so every event that arrives
    // looks like a gap; the refresh under way already covers them.
    if (refreshing && refreshingFor === id) return refreshing;
    refreshingFor = id;
    refreshing = get().load(id).finally(() => {
      refreshing = null;
    });
    return refreshing;
  },

  applyChange(p) {
    const s = get();
    if (p.showId !== s.showId || s.version < 0) return;
    if (p.version <= s.version) return; // stale or already applied
    if (p.version !== s.version + 1) {
      void get().refresh(); // missed at least one change
      return;
    }
    const seats = s.seats.slice();
    for (const c of p.seats) {
      const i = s.index.get(c.id);
      if (i === undefined) continue;
      const old = seats[i]!;
      if (old.status === c.status && (c.status === 'held' || !old.holdId) && old.blockReason === c.blockReason) continue;
      const next: MapSeat = { ...old, status: c.status };
      if (c.status !== 'held') delete next.holdId;
      // A house seat's reason comes with its event; any other change ends it.
      if (c.blockReason) next.blockReason = c.blockReason;
      else delete next.blockReason;
      seats[i] = next;
    }
    set({ seats, version: p.version });
  },

  clear() {
    seq++;
    set({ showId: null, map: null, seats: [], index: new Map(), version: -1, loading: false, error: null });
  },
}));

export function countSeats(seats: MapSeat[]): { available: number; held: number; sold: number; blocked: number } {
  const c = { available: 0, held: 0, sold: 0, blocked: 0 };
  for (const s of seats) c[s.status]++;
  return c;
}
