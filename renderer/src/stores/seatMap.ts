// The seat map of the selected show, kept live from seats.changed: an event applies only when its
// version is the next one; an older one is dropped, a gap triggers a full refresh.
// Split for speed: a hall's layout (the seats and where they sit) is fetched once per hall and
// layout version and kept here; a show then loads only its live claims (seats.claims). Statuses
// are kept per seat id, so a seat on screen subscribes to its own entry and a pushed change
// re-renders the seats it names, not the map.
import { create } from 'zustand';
import type { EventPayload, LayoutSeat, SeatClaims, SeatStatus } from '../../../shared/contract';
import { call, messageOf } from '../api';

export type SeatCounts = { available: number; held: number; sold: number; blocked: number };

/** What a seat shows: its live status, or "mine" (held by this counter, or being held right now). */
export type SeatView = SeatStatus | 'mine';

/** The part of the state a seat on screen reads: shared with the preview maps built from props. */
export interface SeatViews {
  status: Readonly<Record<string, SeatStatus>>;
  /** This counter's seats: its hold's, plus the ones whose hold is on its way (optimistic). */
  mine: Readonly<Record<string, true>>;
  /** House seats' reasons (shows.blockSeats), shown on the blocked seat. */
  reasons: Readonly<Record<string, string>>;
  /**
   * Which seats the last change touched, numbered, so a map on screen that saw change seq - 1
   * updates just these (ids null: anything may have changed, compare every seat).
   */
  changes?: { seq: number; ids: readonly string[] | null };
}

export function viewOf(s: SeatViews, id: string): SeatView {
  return s.mine[id] ? 'mine' : (s.status[id] ?? 'available');
}

/** A blocked seat's reason, if the manager gave one for this show. */
export function reasonOf(s: SeatViews, id: string): string | undefined {
  return s.status[id] === 'blocked' && !s.mine[id] ? s.reasons[id] : undefined;
}

interface SeatMapState extends SeatViews {
  showId: string | null;
  map: Omit<SeatClaims, 'layout' | 'sold' | 'held' | 'blocked'> | null;
  /** The hall's live seats in row, then number order (the same array while the layout is unchanged). */
  layout: readonly LayoutSeat[];
  byId: ReadonlyMap<string, LayoutSeat>;
  counts: SeatCounts;
  version: number;
  loading: boolean;
  error: string | null;
  /** Loads a show; `hallId` (from the show list) lets a cached layout of that hall be reused. */
  load(showId: string, hallId?: string): Promise<void>;
  refresh(): Promise<void>;
  applyChange(p: EventPayload<'seats.changed'>): void;
  /** Sets this counter's seats (the sale store calls it whenever its hold or pending seats change). */
  setMine(ids: Iterable<string>): void;
  /** Records statuses this counter's own answers made known before their event arrives. */
  setLocal(ids: readonly string[], status: SeatStatus): void;
  clear(): void;
}

const EMPTY_COUNTS: SeatCounts = { available: 0, held: 0, sold: 0, blocked: 0 };

/** Layouts by hall, each with its version; kept for the page's lifetime (a few halls per theater). */
const layouts = new Map<string, { version: number; seats: readonly LayoutSeat[]; byId: ReadonlyMap<string, LayoutSeat> }>();

/** Forgets cached layouts (tests; a manager saving a layout changes its version anyway). */
export function clearLayoutCache(): void {
  layouts.clear();
}

let seq = 0;
let refreshing: Promise<void> | null = null;
let refreshingFor: string | null = null;

function statusesOf(
  layout: readonly LayoutSeat[],
  claims: Pick<SeatClaims, 'sold' | 'held' | 'blocked'>,
): { status: Record<string, SeatStatus>; reasons: Record<string, string>; counts: SeatCounts } {
  const status: Record<string, SeatStatus> = {};
  const reasons: Record<string, string> = {};
  for (const s of layout) status[s.id] = s.blocked ? 'blocked' : 'available';
  for (const b of claims.blocked) {
    if (status[b.id] !== 'available') continue;
    status[b.id] = 'blocked';
    reasons[b.id] = b.reason;
  }
  for (const id of claims.sold) if (status[id] === 'available') status[id] = 'sold';
  for (const id of claims.held) if (status[id] === 'available') status[id] = 'held';
  const counts = { ...EMPTY_COUNTS };
  for (const s of layout) counts[status[s.id]!]++;
  return { status, reasons, counts };
}

export const useSeatMap = create<SeatMapState>((set, get) => ({
  showId: null,
  map: null,
  layout: [],
  byId: new Map(),
  status: {},
  mine: {},
  reasons: {},
  changes: { seq: 0, ids: null },
  counts: EMPTY_COUNTS,
  version: -1,
  loading: false,
  error: null,

  async load(showId, hallId) {
    const mySeq = ++seq;
    const same = get().showId === showId;
    const hall = hallId ?? (same ? get().map?.hall.id : undefined);
    const cached = hall ? layouts.get(hall) : undefined;
    set(
      same
        ? { loading: true, error: null }
        : { showId, map: null, layout: [], byId: new Map(), status: {}, reasons: {}, counts: EMPTY_COUNTS, version: -1, loading: true, error: null },
    );
    try {
      const m = await call('seats.claims', { showId, ...(hall && cached ? { layout: { hallId: hall, version: cached.version } } : {}) });
      if (mySeq !== seq) return;
      const { layout: fresh, sold, held, blocked, ...rest } = m;
      let entry = layouts.get(m.hall.id);
      if (fresh || !entry || entry.version !== m.hall.layoutVersion) {
        const seats = fresh ?? [];
        entry = { version: m.hall.layoutVersion, seats, byId: new Map(seats.map((s) => [s.id, s])) };
        layouts.set(m.hall.id, entry);
      }
      set({ map: rest, layout: entry.seats, byId: entry.byId, ...statusesOf(entry.seats, { sold, held, blocked }), changes: next(get(), null), version: m.version, loading: false });
    } catch (e) {
      if (mySeq !== seq) return;
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
    const after = changed(s, p.seats);
    set(after ? { ...after, version: p.version } : { version: p.version });
  },

  setMine(ids) {
    const mine: Record<string, true> = {};
    for (const id of ids) mine[id] = true;
    const before = get().mine;
    const keys = Object.keys(mine);
    if (keys.length === Object.keys(before).length && keys.every((k) => before[k])) return;
    const touched = [...new Set([...keys, ...Object.keys(before)])];
    set({ mine, changes: next(get(), touched) });
  },

  setLocal(ids, status) {
    const after = changed(get(), ids.map((id) => ({ id, status })));
    if (after) set(after);
  },

  clear() {
    seq++;
    set({ showId: null, map: null, layout: [], byId: new Map(), status: {}, reasons: {}, changes: next(get(), null), counts: EMPTY_COUNTS, version: -1, loading: false, error: null });
  },
}));

function next(s: SeatViews, ids: readonly string[] | null): NonNullable<SeatViews['changes']> {
  return { seq: (s.changes?.seq ?? 0) + 1, ids };
}

/** The statuses, reasons and counts after these changes, or null when nothing changes. */
function changed(
  s: SeatMapState,
  seats: readonly { id: string; status: SeatStatus; blockReason?: string | undefined }[],
): Pick<SeatMapState, 'status' | 'reasons' | 'counts' | 'changes'> | null {
  let status: Record<string, SeatStatus> | null = null;
  let reasons: Record<string, string> | null = null;
  let counts: SeatCounts | null = null;
  const ids: string[] = [];
  for (const c of seats) {
    const old = (status ?? s.status)[c.id];
    if (old === undefined) continue;
    // A house seat's reason comes with its event; any other change ends it.
    const reason = c.status === 'blocked' ? c.blockReason : undefined;
    const oldReason = (reasons ?? s.reasons)[c.id];
    if (old === c.status && reason === oldReason) continue;
    if (reason !== oldReason) {
      reasons ??= { ...s.reasons };
      if (reason === undefined) delete reasons[c.id];
      else reasons[c.id] = reason;
    }
    if (old !== c.status) {
      status ??= { ...s.status };
      counts ??= { ...s.counts };
      status[c.id] = c.status;
      counts[old]--;
      counts[c.status]++;
    }
    ids.push(c.id);
  }
  if (ids.length === 0) return null;
  return { status: status ?? s.status, reasons: reasons ?? s.reasons, counts: counts ?? s.counts, changes: next(s, ids) };
}

/** A seat's label ("C7") on the current map, else its id. */
export function seatLabelOf(id: string): string {
  return useSeatMap.getState().byId.get(id)?.label ?? id;
}
