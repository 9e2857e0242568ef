// The counter's main screen: shows on the left, the seat map in the middle, the sale on the
// right (tickets, then payment, then the receipt).
import { useCallback, useEffect, useRef, useState } from 'react';
import { DEFAULT_TZ, formatTime } from '../../lib/format';
import { isTyping } from '../../lib/hooks';
import { Empty, ErrorNote, Loading } from '../../lib/states';
import { WHEELCHAIR_WITH_COMPANION, useSale } from '../../stores/sale';
import { useSeatMap } from '../../stores/seatMap';
import { useSession } from '../../stores/session';
import { useShows } from '../../stores/shows';
import { PaymentPanel } from '../payment/PaymentPanel';
import { ReceiptPanel } from '../receipt/Receipt';
import { SeatLegend, SeatMap } from '../seatmap/SeatMap';
import { BestPicks } from './BestPicks';
import { ShowsPanel } from '../shows/ShowsPanel';
import { HoldCountdown, TicketsPanel } from './TicketsPanel';

function Notice() {
  const notice = useSale((s) => s.notice);
  const dismiss = useSale((s) => s.dismissNotice);
  if (!notice) return null;
  return (
    <div className={`notice notice--${notice.kind}`} role="alert" data-code={notice.code}>
      <span>{notice.text}</span>
      <button type="button" className="link" onClick={dismiss} aria-label="Dismiss message">
        ✕
      </button>
    </div>
  );
}

/**
 * The width the seat map may use, from a ResizeObserver on the panel, which exists before any
 * seats do: the map is drawn at its fitted size in its first render, and nothing reads layout
 * after the seats are in (the observer reports after layout, in its own callback).
 */
function usePanelWidth(): [React.RefCallback<HTMLElement>, number | undefined] {
  const [width, setWidth] = useState<number | undefined>(undefined);
  const ro = useRef<ResizeObserver | null>(null);
  const ref = useCallback((el: HTMLElement | null) => {
    ro.current?.disconnect();
    ro.current = null;
    if (!el || typeof ResizeObserver === 'undefined') return;
    ro.current = new ResizeObserver((entries) => {
      const w = Math.round(entries[entries.length - 1]!.contentRect.width);
      setWidth((old) => (old === w ? old : w));
    });
    ro.current.observe(el);
  }, []);
  return [ref, width];
}

function SeatPanel() {
  const tz = useSession((s) => s.theater?.timezone) ?? DEFAULT_TZ;
  // Field by field: this panel must not render again for each live seat change.
  const map = useSeatMap((s) => s.map);
  const layout = useSeatMap((s) => s.layout);
  const loading = useSeatMap((s) => s.loading);
  const error = useSeatMap((s) => s.error);
  const showId = useSeatMap((s) => s.showId);
  const refresh = useSeatMap((s) => s.refresh);
  const busy = useSale((s) => s.busy);
  const step = useSale((s) => s.step);
  const toggle = useSale((s) => s.toggleSeat);
  const title = useShows((s) => s.shows.find((x) => x.id === showId)?.movieTitle);
  const onToggle = useCallback((id: string) => void toggle(id), [toggle]);
  const [panelRef, width] = usePanelWidth();

  return (
    <section className="panel seats-panel" aria-label="Seat map" ref={panelRef}>
      {!showId ? (
        <Empty>Choose a show.</Empty>
      ) : (
        <>
          <header className="seats-head">
            <div>
              <h2>{title ?? 'Seats'}</h2>
              {map && (
                <p className="muted">
                  {formatTime(map.show.startsAt, tz)} · {map.hall.name} · {map.show.format}
                  {map.show.status === 'cancelled' ? ' · CANCELLED' : ''}
                </p>
              )}
            </div>
            <HoldCountdown />
          </header>
          {step === 'seats' && layout.length > 0 && <BestPicks />}
          {step === 'seats' && <Notice />}
          <ErrorNote error={error && `Could not load the seat map: ${error}`}>
            <button type="button" onClick={() => void refresh()}>
              Retry
            </button>
          </ErrorNote>
          {loading && layout.length === 0 && <Loading what="Loading seats" />}
          {layout.length > 0 && (
            <SeatMap layout={layout} views={useSeatMap} onToggle={onToggle} hallName={map?.hall.name} busy={busy === 'confirm' || step !== 'seats'} fitWidth={width} />
          )}
          <SeatLegend />
        </>
      )}
    </section>
  );
}

export function SellScreen() {
  const tz = useSession((s) => s.theater?.timezone) ?? DEFAULT_TZ;
  const step = useSale((s) => s.step);
  const booking = useSale((s) => s.booking);
  const loadMap = useSeatMap((s) => s.load);
  const startShow = useSale((s) => s.startShow);
  const loadTypes = useSale((s) => s.loadTicketTypes);
  const myHold = useSeatMap((s) => s.map?.myHold ?? null);
  const adoptHold = useSale((s) => s.adoptHold);

  // A reloaded counter takes its own hold back (the engine reports it with the seat map).
  useEffect(() => {
    if (myHold) adoptHold(myHold);
  }, [myHold, adoptHold]);
  const newSale = useSale((s) => s.newSale);

  useEffect(() => {
    void loadTypes();
  }, [loadTypes]);

  const open = useCallback(
    (showId: string) => {
      const sale = useSale.getState();
      if (sale.step === 'payment') return;
      void startShow(showId);
      // The show list knows the hall: its cached layout is reused and only the claims are fetched.
      if (useSeatMap.getState().showId !== showId) void loadMap(showId, useShows.getState().shows.find((s) => s.id === showId)?.hallId);
    },
    [loadMap, startShow],
  );

  const finish = useCallback(() => {
    newSale();
    void useSeatMap.getState().refresh();
    void useShows.getState().load(undefined, tz);
  }, [newSale, tz]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const sale = useSale.getState();
      if (sale.step !== 'seats' || isTyping(e) || e.ctrlKey || e.altKey || e.metaKey) return;
      if (/^[1-9]$/.test(e.key)) {
        e.preventDefault();
        void sale.best(Number(e.key));
      } else if (e.key === 'w' || e.key === 'W') {
        e.preventDefault();
        void sale.best(WHEELCHAIR_WITH_COMPANION);
      } else if (e.key === 'Escape' && (sale.hold || sale.pending.length)) {
        e.preventDefault();
        void sale.releaseSeats();
      } else if (e.key === 'F9') {
        e.preventDefault();
        sale.goToPayment();
      } else if (e.key === '/') {
        e.preventDefault();
        document.querySelector<HTMLInputElement>('input[data-shortcut="search"]')?.focus();
      } else if (e.key === 'g' || e.key === 'G') {
        e.preventDefault();
        document.querySelector<HTMLElement>('[role="grid"] button[tabindex="0"]')?.focus();
      } else if (e.key === 's' || e.key === 'S') {
        e.preventDefault();
        document.querySelector<HTMLElement>('.show-item[tabindex="0"]')?.focus();
      } else if (e.target === document.body && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
        e.preventDefault();
        void useShows.getState().shiftDate(e.key === 'ArrowLeft' ? -1 : 1, tz);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [tz]);

  return (
    <div className="sell">
      <ShowsPanel onOpen={open} />
      <SeatPanel />
      <div className="sale-col">
        {step === 'seats' && <TicketsPanel />}
        {step === 'payment' && (
          <>
            <Notice />
            <PaymentPanel />
          </>
        )}
        {step === 'receipt' && booking && <ReceiptPanel booking={booking} onDone={finish} />}
      </div>
    </div>
  );
}
