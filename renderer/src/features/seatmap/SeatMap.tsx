// The seat map: an ARIA grid with one <button> per seat, one tab stop (roving tabindex), arrow
// keys between seats, aisles as empty columns. Seats are memoised on primitive props so a live
// change re-renders only the seats it touches, which keeps a 3,000-seat hall instant.
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { MapSeat, SeatType } from '../../../../shared/contract';

export type SeatView = 'available' | 'held' | 'sold' | 'blocked' | 'mine';

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

interface CellProps {
  id: string;
  label: string;
  number: number;
  type: SeatType;
  view: SeatView;
  col: number;
  tabbable: boolean;
  /** A house seat's reason (shows.blockSeats), on hover and read out. */
  reason?: string | undefined;
}

const SeatCell = memo(function SeatCell({ id, label, number, type, view, col, tabbable, reason }: CellProps) {
  const disabled = view === 'sold' || view === 'held' || view === 'blocked';
  return (
    <div role="gridcell" className="seat-cell" style={{ gridColumn: col }} title={reason ? `${label}: ${reason}` : undefined}>
      <button
        type="button"
        className={`seat seat--${type} seat--${view}`}
        data-seat-id={id}
        data-icon={TYPE_ICON[type]}
        aria-label={`${label}, ${type}, ${STATUS_TEXT[view]}${reason ? `: ${reason}` : ''}`}
        aria-pressed={view === 'mine'}
        disabled={disabled}
        tabIndex={tabbable ? 0 : -1}
      >
        <span className="seat-num" aria-hidden="true">
          {number}
        </span>
      </button>
    </div>
  );
});

interface Nav {
  rows: { label: string; seats: MapSeat[] }[];
  pos: Map<string, [number, number]>;
  minCol: number;
  cols: number;
}

function buildNav(seats: MapSeat[]): Nav {
  const byRow = new Map<string, MapSeat[]>();
  let minCol = Infinity;
  let maxCol = -Infinity;
  for (const s of seats) {
    let r = byRow.get(s.row);
    if (!r) byRow.set(s.row, (r = []));
    r.push(s);
    if (s.column < minCol) minCol = s.column;
    if (s.column > maxCol) maxCol = s.column;
  }
  const rows = [...byRow.entries()].map(([label, list]) => ({ label, seats: list.sort((a, b) => a.column - b.column) }));
  const pos = new Map<string, [number, number]>();
  rows.forEach((r, ri) => r.seats.forEach((s, ci) => pos.set(s.id, [ri, ci])));
  if (!Number.isFinite(minCol)) minCol = maxCol = 0;
  return { rows, pos, minCol, cols: maxCol - minCol + 1 };
}

export interface SeatMapProps {
  seats: MapSeat[];
  mine: ReadonlySet<string>;
  onToggle(seatId: string): void;
  hallName?: string;
  busy?: boolean;
  /** Focus the grid on mount (the cashier just opened this show). */
  autoFocus?: boolean;
}

function viewOf(s: MapSeat, mine: ReadonlySet<string>): SeatView {
  if (mine.has(s.id)) return 'mine';
  return s.status;
}

const MIN_SEAT = 6;
const MAX_SEAT = 48;

export function SeatMap({ seats, mine, onToggle, hallName, busy, autoFocus }: SeatMapProps) {
  const nav = useMemo(() => buildNav(seats), [seats]);
  const [focusId, setFocusId] = useState<string | null>(null);
  const [zoom, setZoom] = useState<number | 'fit'>('fit');
  const [fitSize, setFitSize] = useState(32);
  const scrollRef = useRef<HTMLDivElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);

  const enabled = useCallback((s: MapSeat | undefined) => !!s && (s.status === 'available' || mine.has(s.id)), [mine]);

  // The one tab stop: the last focused seat if it can still be taken, else my first seat, else the first free one.
  const tabId = useMemo(() => {
    const f = focusId ? nav.rows[nav.pos.get(focusId)?.[0] ?? -1]?.seats[nav.pos.get(focusId)?.[1] ?? -1] : undefined;
    if (f && enabled(f)) return f.id;
    for (const s of seats) if (mine.has(s.id)) return s.id;
    for (const r of nav.rows) for (const s of r.seats) if (s.status === 'available') return s.id;
    return null;
  }, [focusId, nav, seats, mine, enabled]);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const measure = () => {
      // Row labels (2em each side, ~16px font), seats and the gaps between them (0.12 of a seat).
      const width = el.clientWidth - 12 - 64;
      const size = Math.floor(width / (nav.cols + 2 + (nav.cols + 1) * 0.12));
      setFitSize(Math.max(MIN_SEAT, Math.min(MAX_SEAT, size || 32)));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [nav.cols]);

  const focusSeat = useCallback((id: string) => {
    setFocusId(id);
    const el = gridRef.current?.querySelector<HTMLButtonElement>(`[data-seat-id="${id.replace(/["\\]/g, '\\$&')}"]`);
    el?.focus();
  }, []);

  useEffect(() => {
    if (autoFocus && tabId) focusSeat(tabId);
    // only when first shown
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [autoFocus, seats.length > 0]);

  const move = useCallback(
    (from: string, key: string): string | null => {
      const p = nav.pos.get(from);
      if (!p) return null;
      const [ri, ci] = p;
      const row = nav.rows[ri]!;
      const scanRow = (r: MapSeat[], start: number, step: number) => {
        for (let i = start; i >= 0 && i < r.length; i += step) if (enabled(r[i])) return r[i]!.id;
        return null;
      };
      const nearestIn = (r: MapSeat[], column: number) => {
        let best: MapSeat | null = null;
        for (const s of r) if (enabled(s) && (!best || Math.abs(s.column - column) < Math.abs(best.column - column))) best = s;
        return best?.id ?? null;
      };
      switch (key) {
        case 'ArrowRight':
          return scanRow(row.seats, ci + 1, 1);
        case 'ArrowLeft':
          return scanRow(row.seats, ci - 1, -1);
        case 'Home':
          return scanRow(row.seats, 0, 1);
        case 'End':
          return scanRow(row.seats, row.seats.length - 1, -1);
        case 'ArrowDown':
        case 'ArrowUp': {
          const step = key === 'ArrowDown' ? 1 : -1;
          const column = row.seats[ci]!.column;
          for (let r = ri + step; r >= 0 && r < nav.rows.length; r += step) {
            const id = nearestIn(nav.rows[r]!.seats, column);
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
    setFocusId(id);
    onToggle(id);
  };

  const onFocus = (e: React.FocusEvent<HTMLDivElement>) => {
    const id = (e.target as HTMLElement).dataset?.seatId;
    if (id && id !== focusId) setFocusId(id);
  };

  const size = zoom === 'fit' ? fitSize : zoom;
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
        <span className="muted">{seats.length} seats</span>
      </div>
      <div className="seatmap-scroll" ref={scrollRef}>
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
            {nav.rows.map((r) => (
              <div role="row" className="seat-row" key={r.label}>
                <div role="rowheader" className="row-label">
                  {r.label}
                </div>
                {r.seats.map((s) => (
                  <SeatCell
                    key={s.id}
                    id={s.id}
                    label={s.label}
                    number={s.number}
                    type={s.type}
                    view={viewOf(s, mine)}
                    col={s.column - nav.minCol + 2}
                    tabbable={s.id === tabId}
                    reason={s.status === 'blocked' ? s.blockReason : undefined}
                  />
                ))}
                <div className="row-label row-label--end" aria-hidden="true" style={{ gridColumn: nav.cols + 2 }}>
                  {r.label}
                </div>
              </div>
            ))}
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
