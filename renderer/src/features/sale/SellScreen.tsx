// The counter's main screen: shows on the left, the seat map in the middle, the sale on the
// right (tickets, then payment, then the receipt).
import { useCallback, useEffect, useMemo } from 'react';
import { DEFAULT_TZ, formatTime } from '../../lib/format';
import { isTyping } from '../../lib/hooks';
import { Empty, ErrorNote, Loading } from '../../lib/states';
import { useSale } from '../../stores/sale';
import { useSeatMap } from '../../stores/seatMap';
import { useSession } from '../../stores/session';
import { useShows } from '../../stores/shows';
import { PaymentPanel } from '../payment/PaymentPanel';
import { ReceiptPanel } from '../receipt/Receipt';
import { SeatLegend, SeatMap } from '../seatmap/SeatMap';
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

function SeatPanel() {
  const tz = useSession((s) => s.theater?.timezone) ?? DEFAULT_TZ;
  const { map, seats, loading, error, showId } = useSeatMap();
  const refresh = useSeatMap((s) => s.refresh);
  const hold = useSale((s) => s.hold);
  const busy = useSale((s) => s.busy);
  const step = useSale((s) => s.step);
  const toggle = useSale((s) => s.toggleSeat);
  const shows = useShows((s) => s.shows);
  const summary = shows.find((s) => s.id === showId);
  const mine = useMemo(() => new Set(hold?.seatIds ?? []), [hold]);
  const onToggle = useCallback((id: string) => void toggle(id), [toggle]);

  if (!showId) return <section className="panel seats-panel"><Empty>Choose a show.</Empty></section>;
  return (
    <section className="panel seats-panel" aria-label="Seat map">
      <header className="seats-head">
        <div>
          <h2>{summary?.movieTitle ?? 'Seats'}</h2>
          {map && (
            <p className="muted">
              {formatTime(map.show.startsAt, tz)} · {map.hall.name} · {map.show.format}
              {map.show.status === 'cancelled' ? ' · CANCELLED' : ''}
            </p>
          )}
        </div>
        <HoldCountdown />
      </header>
      {step === 'seats' && <Notice />}
      <ErrorNote error={error && `Could not load the seat map: ${error}`}>
        <button type="button" onClick={() => void refresh()}>
          Retry
        </button>
      </ErrorNote>
      {loading && seats.length === 0 && <Loading what="Loading seats" />}
      {seats.length > 0 && (
        <SeatMap seats={seats} mine={mine} onToggle={onToggle} hallName={map?.hall.name} busy={!!busy || step !== 'seats'} />
      )}
      <SeatLegend />
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
      if (useSeatMap.getState().showId !== showId) void loadMap(showId);
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
      } else if (e.key === 'Escape' && sale.hold) {
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
