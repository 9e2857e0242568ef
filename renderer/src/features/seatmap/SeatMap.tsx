// The seat map: an ARIA grid with one <button> per seat (in its gridcell), one tab stop (roving
// tabindex), arrow keys between seats, aisles as empty columns.
// Built for a 3,000-seat hall: the seats are plain elements rendered once per layout (React skips
// them afterwards), and one subscription to the seat views updates just the seats whose view
// changed, in place, through the same seatProps that drew them: a pushed change touches one
// button, not the map, and opening a hall mounts no component per seat. The seat size is computed
// before the seats are drawn, from a width the caller measured beforehand (fitWidth): nothing
// reads layout after the seats are in.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { createStore, type StoreApi } from 'zustand';
import type { MapSeat, SeatType } from '../../../../shared/contract';
import { besideInRow, lastColumnOf, nearestByCentre, seatCellClass, seatGridColumn } from './seatPlace';
import { reasonOf, viewOf, type SeatView, type SeatViews } from '../../stores/seatMap';

export type { SeatView } from '../../stores/seatMap';

const STATUS_TEXT: Record<SeatView, string> = {
  available: 'available',
  held: 'held by another counter',
  sold: 'sold',
  blocked: 'blocked',
  mine: 'held by you',
};

export const TYPE_ICON: Record<SeatType, string> = {
  regular: '',
  premium: '◆',
  vip: '★',
  recliner: '▬',
  wheelchair: '♿',
  companion: '♥',
};

/** What the grid needs to draw a seat: the layout, never its live status. */
export interface GridSeat {
  id: string;
  label: string;
  row: string;
  number: number;
  column: number;
  /** Grid columns the seat spans (a 2-wide recliner); absent means 1. */
  width?: number;
  type: SeatType;
}

const canTake = (v: SeatView) => v === 'available' || v === 'mine';

/**
 * Everything a seat's button shows for its view: the one place that maps a seat and its view to
 * attributes, used to draw it and to update it in place (add an attribute here, both follow).
 */
export function seatProps(seat: GridSeat, view: SeatView, reason?: string) {
  return {
    className: `seat seat--${seat.type} seat--${view}`,
    // A house seat's reason (shows.blockSeats) is read out, and shown on hover by its cell's title.
    'aria-label': `${seat.label}, ${seat.type}, ${STATUS_TEXT[view]}${reason ? `: ${reason}` : ''}`,
    'aria-pressed': view === 'mine',
    disabled: !canTake(view),
  };
}

/** Brings a drawn seat's button up to date with its view (what React would write, minus React). */
function patchSeat(btn: HTMLButtonElement, seat: GridSeat, view: SeatView, reason: string | undefined): void {
  const p = seatProps(seat, view, reason);
  const title = cellTitle(seat, reason);
  if (title) btn.parentElement?.setAttribute('title', title);
  else btn.parentElement?.removeAttribute('title');
  btn.className = p.className;
  btn.setAttribute('aria-label', p['aria-label']);
  btn.setAttribute('aria-pressed', String(p['aria-pressed']));
  btn.disabled = p.disabled;
}

/** One seat's cell and button (a plain function, not a component: no fiber per seat). */
const cellTitle = (seat: GridSeat, reason: string | undefined) => (reason ? `${seat.label}: ${reason}` : undefined);

function seatCell(seat: GridSeat, col: string, view: SeatView, reason: string | undefined, tabbable: boolean) {
  return (
    <div role="gridcell" className={seatCellClass(seat)} style={{ gridColumn: col }} key={seat.id} title={cellTitle(seat, reason)}>
      <button type="button" {...seatProps(seat, view, reason)} data-seat-id={seat.id} data-icon={TYPE_ICON[seat.type]} tabIndex={tabbable ? 0 : -1}>
        {seat.number}
      </button>
    </div>
  );
}

interface Nav {
  rows: { label: string; seats: GridSeat[] }[];
  pos: Map<string, [number, number]>;
  minCol: number;
  cols: number;
}

function buildNav(seats: readonly GridSeat[]): Nav {
  const byRow = new Map<string, GridSeat[]>();
  let minCol = Infinity;
  let maxCol = -Infinity;
  for (const s of seats) {
    let r = byRow.get(s.row);
    if (!r) byRow.set(s.row, (r = []));
    r.push(s);
    if (s.column < minCol) minCol = s.column;
  }
  maxCol = lastColumnOf(seats);
  const rows = [...byRow.entries()].map(([label, list]) => ({ label, seats: list.sort((a, b) => a.column - b.column) }));
  const pos = new Map<string, [number, number]>();
  rows.forEach((r, ri) => r.seats.forEach((s, ci) => pos.set(s.id, [ri, ci])));
  if (!Number.isFinite(minCol)) minCol = maxCol = 0;
  return { rows, pos, minCol, cols: maxCol - minCol + 1 };
}

interface CommonProps {
  onToggle(seatId: string): void;
  hallName?: string;
  busy?: boolean;
  /** Focus the grid on mount (the cashier just opened this show). */
  autoFocus?: boolean;
  /**
   * The width the map may use, measured by the caller before the seats render (a ResizeObserver
   * on a container that exists without them); without it seats are drawn at the default size.
   */
  fitWidth?: number;
}

/** A map from plain props (previews, tests): seats with their statuses and the set of mine. */
interface PropsMap extends CommonProps {
  seats: MapSeat[];
  mine: ReadonlySet<string>;
}

/** A live map: the layout, and a store of per-seat views (the seat map store) each seat subscribes to. */
interface LiveMap extends CommonProps {
  layout: readonly GridSeat[];
  views: StoreApi<SeatViews>;
}

export type SeatMapProps = PropsMap | LiveMap;

function viewsFromProps(seats: MapSeat[], mine: ReadonlySet<string>): StoreApi<SeatViews> {
  const status: SeatViews['status'] = Object.fromEntries(seats.map((s) => [s.id, s.status]));
  const reasons: Record<string, string> = {};
  for (const s of seats) if (s.status === 'blocked' && s.blockReason) reasons[s.id] = s.blockReason;
  const own: Record<string, true> = {};
  for (const id of mine) own[id] = true;
  return createStore<SeatViews>(() => ({ status, mine: own, reasons }));
}

const MIN_SEAT = 6;
const MAX_SEAT = 48;
const DEFAULT_SEAT = 32;

/**
 * The seat size that fits `width`: row labels (2em each side, about 32px each), the scroll area's
 * padding (12px) and room for a vertical scrollbar (16px), then the seats and the gaps between
 * them (0.12 of a seat).
 */
export function fitSeatSize(width: number | undefined, cols: number): number {
  if (!width) return DEFAULT_SEAT;
  const size = Math.floor((width - 12 - 64 - 16) / (cols + 2 + (cols + 1) * 0.12));
  return Math.max(MIN_SEAT, Math.min(MAX_SEAT, size || DEFAULT_SEAT));
}

export function SeatMap(props: SeatMapProps) {
  const { onToggle, hallName, busy, autoFocus, fitWidth } = props;
  const propsSeats = 'seats' in props ? props.seats : null;
  const propsMine = 'seats' in props ? props.mine : null;
  const layout: readonly GridSeat[] = 'seats' in props ? props.seats : props.layout;
  const liveViews = 'views' in props ? props.views : null;
  const views = useMemo(
    () => liveViews ?? viewsFromProps(propsSeats ?? [], propsMine ?? new Set()),
    [liveViews, propsSeats, propsMine],
  );
  const nav = useMemo(() => buildNav(layout), [layout]);
  const focusId = useRef<string | null>(null);
  /** The seat that is the grid's one tab stop now (its button has tabIndex 0). */
  const tabId = useRef<string | null>(null);
  /** The views the seats on screen show, and their buttons by seat id. */
  const drawn = useRef<SeatViews | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const [zoom, setZoom] = useState<number | 'fit'>('fit');
  const gridRef = useRef<HTMLDivElement>(null);

  const enabled = useCallback((s: GridSeat | undefined) => !!s && canTake(viewOf(views.getState(), s.id)), [views]);

  // The one tab stop: the last focused seat if it can still be taken, else my first seat, else the first free one.
  const pickTab = useCallback((): string | null => {
    const v = views.getState();
    const f = focusId.current;
    if (f && nav.pos.has(f) && canTake(viewOf(v, f))) return f;
    // My first seat in map order (a few ids, not a walk over the hall).
    let first: string | null = null;
    for (const id of Object.keys(v.mine)) {
      const p = nav.pos.get(id);
      const q = first ? nav.pos.get(first)! : null;
      if (p && (!q || p[0] < q[0] || (p[0] === q[0] && p[1] < q[1]))) first = id;
    }
    if (first) return first;
    for (const r of nav.rows) for (const s of r.seats) if (viewOf(v, s.id) === 'available') return s.id;
    return null;
  }, [views, nav]);

  const setTab = useCallback((id: string | null) => {
    if (id === tabId.current) return;
    const old = tabId.current ? buttons.current.get(tabId.current) : undefined;
    if (old) old.tabIndex = -1;
    const next = id ? buttons.current.get(id) : undefined;
    if (next) next.tabIndex = 0;
    tabId.current = id;
  }, []);

  // The seats, drawn once per layout (and per views store) with the views of that moment; the
  // same elements afterwards, so React skips them whenever the map renders again (busy, zoom).
  const rows = useMemo(() => {
    const v = views.getState();
    drawn.current = v;
    const tab = pickTab();
    tabId.current = tab;
    return nav.rows.map((r) => (
      <div role="row" className="seat-row" key={r.label}>
        <div role="rowheader" className="row-label">
          {r.label}
        </div>
        {r.seats.map((s) => seatCell(s, seatGridColumn(s, nav.minCol), viewOf(v, s.id), reasonOf(v, s.id), s.id === tab))}
        <div className="row-label row-label--end" aria-hidden="true" style={{ gridColumn: nav.cols + 2 }}>
          {r.label}
        </div>
      </div>
    ));
  }, [nav, views, pickTab]);

  // From then on, one subscription keeps the seats current: only seats whose view changed are
  // touched, in place (a DOM query to find them, never a layout read).
  useLayoutEffect(() => {
    const map = new Map<string, HTMLButtonElement>();
    gridRef.current?.querySelectorAll<HTMLButtonElement>('button[data-seat-id]').forEach((b) => map.set(b.dataset.seatId!, b));
    buttons.current = map;
    const byId = new Map(layout.map((s) => [s.id, s]));
    const update = () => {
      const next = views.getState();
      const old = drawn.current;
      if (old && (next.status !== old.status || next.mine !== old.mine || next.reasons !== old.reasons)) {
        // The seats this one change named when it directly follows the drawn state; else all of them.
        const direct = next.changes?.ids && old.changes && next.changes.seq === old.changes.seq + 1;
        const seats = direct ? next.changes!.ids!.map((id) => byId.get(id)).filter((x) => x !== undefined) : layout;
        for (const seat of seats) {
          const view = viewOf(next, seat.id);
          const reason = reasonOf(next, seat.id);
          if (view !== viewOf(old, seat.id) || reason !== reasonOf(old, seat.id)) {
            const btn = map.get(seat.id);
            if (btn) patchSeat(btn, seat, view, reason);
          }
        }
      }
      drawn.current = next;
      setTab(pickTab());
    };
    update();
    return views.subscribe(update);
  }, [rows, views, layout, pickTab, setTab]);

  const focusSeat = useCallback(
    (id: string) => {
      focusId.current = id;
      setTab(id);
      buttons.current.get(id)?.focus();
    },
    [setTab],
  );

  useEffect(() => {
    const tab = tabId.current;
    if (autoFocus && tab) focusSeat(tab);
    // only when first shown
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [autoFocus, layout.length > 0]);

  const move = useCallback(
    (from: string, key: string): string | null => {
      const p = nav.pos.get(from);
      if (!p) return null;
      const [ri, ci] = p;
      const row = nav.rows[ri]!;
      const scanRow = (r: GridSeat[], start: number, step: number) => {
        for (let i = start; i >= 0 && i < r.length; i += step) if (enabled(r[i])) return r[i]!.id;
        return null;
      };
      switch (key) {
        case 'ArrowRight':
        case 'ArrowLeft':
          return besideInRow(row.seats, row.seats[ci]!, key === 'ArrowRight' ? 1 : -1, enabled)?.id ?? null;
        case 'Home':
          return scanRow(row.seats, 0, 1);
        case 'End':
          return scanRow(row.seats, row.seats.length - 1, -1);
        case 'ArrowDown':
        case 'ArrowUp': {
          const step = key === 'ArrowDown' ? 1 : -1;
          for (let r = ri + step; r >= 0 && r < nav.rows.length; r += step) {
            const id = nearestByCentre(nav.rows[r]!.seats, row.seats[ci]!, enabled)?.id;
            if (id) return id;
          }
          return null;
        }
        default:
          return null;
      }
    },
    [nav, enabled],
  );

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    const btn = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-seat-id]');
    if (!btn) return;
    if (['ArrowRight', 'ArrowLeft', 'ArrowUp', 'ArrowDown', 'Home', 'End'].includes(e.key)) {
      e.preventDefault();
      e.stopPropagation();
      const next = move(btn.dataset.seatId!, e.key);
      if (next) focusSeat(next);
    }
  };

  const onClick = (e: React.MouseEvent<HTMLDivElement>) => {
    const btn = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-seat-id]');
    if (!btn || btn.disabled || busy) return;
    const id = btn.dataset.seatId!;
    focusId.current = id;
    setTab(id);
    onToggle(id);
  };

  const onFocus = (e: React.FocusEvent<HTMLDivElement>) => {
    const id = (e.target as HTMLElement).dataset?.seatId;
    if (id && id !== focusId.current) {
      focusId.current = id;
      setTab(id);
    }
  };

  const size = zoom === 'fit' ? fitSeatSize(fitWidth, nav.cols) : zoom;
  const compact = size < 22;
  const setSize = (n: number) => setZoom(Math.max(MIN_SEAT, Math.min(MAX_SEAT * 1.5, Math.round(n))));

  return (
    <div className="seatmap">
      <div className="seatmap-tools" role="toolbar" aria-label="Seat map zoom">
        <button type="button" onClick={() => setSize(size / 1.25)} aria-label="Zoom out">
          −
        </button>
        <button type="button" onClick={() => setZoom('fit')} aria-pressed={zoom === 'fit'}>
          Fit
        </button>
        <button type="button" onClick={() => setSize(size * 1.25)} aria-label="Zoom in">
          +
        </button>
        <span className="muted">{layout.length} seats</span>
      </div>
      <div className="seatmap-scroll">
        <div className="seatmap-inner" style={{ ['--seat' as string]: `${size}px`, ['--cols' as string]: nav.cols }}>
          <div className="screen" aria-hidden="true">
            SCREEN
          </div>
              <div
                role="grid"
                aria-label={`Seats${hallName ? `, ${hallName}` : ''}`}
                aria-rowcount={nav.rows.length}
                aria-busy={busy || undefined}
                className={`seat-grid${compact ? ' seat-grid--compact' : ''}`}
                ref={gridRef}
                onKeyDown={onKeyDown}
                onClick={onClick}
                onFocus={onFocus}
              >
                {rows}
              </div>
        </div>
      </div>
    </div>
  );
}

export function SeatLegend() {
  const types: SeatType[] = ['regular', 'premium', 'vip', 'recliner', 'wheelchair', 'companion'];
  const views: [SeatView, string][] = [
    ['available', 'Free'],
    ['mine', 'Your selection'],
    ['held', 'Held elsewhere'],
    ['sold', 'Sold'],
    ['blocked', 'Blocked'],
  ];
  return (
    <div className="legend" aria-label="Legend">
      {types.map((t) => (
        <span className="legend-item" key={t}>
          <span className={`seat seat--${t} seat--available seat--swatch`} data-icon={TYPE_ICON[t]} aria-hidden="true" />
          {t}
        </span>
      ))}
      <span className="legend-sep" />
      {views.map(([v, text]) => (
        <span className="legend-item" key={v}>
          <span className={`seat seat--regular seat--${v} seat--swatch`} aria-hidden="true" />
          {text}
        </span>
      ))}
    </div>
  );
}
