// The customer-facing display (#/customer, a second same-origin window) mirrors the sale over a
// BroadcastChannel: chosen seats, the total, what was tendered and the change.
import { paymentSummary, useSale } from '../../stores/sale';
import { seatLabelOf, useSeatMap } from '../../stores/seatMap';
import { currencyOf, useSession } from '../../stores/session';

export const CUSTOMER_CHANNEL = 'box-office-customer';

export interface CustomerView {
  movie: string | null;
  startsAt: string | null;
  /** The theater's zone, so the customer sees the same local time as the cashier. */
  timezone: string | null;
  seats: { label: string; ticketType: string; amount: number | null }[];
  total: number | null;
  paid: number;
  tendered: number;
  change: number;
  currency: string;
  stage: 'idle' | 'seats' | 'payment' | 'done';
  code: string | null;
}

export function currentView(): CustomerView {
  const s = useSale.getState();
  const m = useSeatMap.getState();
  if (s.step === 'receipt' && s.booking) {
    const b = s.booking;
    const tendered = b.payments.reduce((a, p) => a + (p.tendered ?? p.amount), 0);
    const change = b.payments.reduce((a, p) => a + (p.change ?? 0), 0);
    return {
      movie: b.movieTitle,
      startsAt: b.startsAt,
      timezone: useSession.getState().theater?.timezone ?? null,
      seats: b.tickets.map((t) => ({ label: t.seatLabel, ticketType: t.ticketType, amount: t.amount })),
      total: b.total,
      paid: b.total,
      tendered,
      change,
      currency: b.currency,
      stage: 'done',
      code: b.code,
    };
  }
  const ids = s.hold?.seatIds ?? [];
  const sum = paymentSummary(s.quote?.total ?? 0, s.payments, s.entry, currencyOf(useSession.getState()));
  return {
    movie: null, // filled in by the publisher (the show list knows the title)
    startsAt: m.map?.show.startsAt ?? null,
    timezone: useSession.getState().theater?.timezone ?? null,
    seats: ids.map((id) => ({
      label: seatLabelOf(id),
      ticketType: s.tickets[id] ?? 'adult',
      amount: s.quote?.lines.find((l) => l.seatId === id)?.amount ?? null,
    })),
    total: s.quote?.total ?? null,
    paid: sum.finalPayments.reduce((a, p) => a + p.amount, 0),
    tendered: sum.finalPayments.reduce((a, p) => a + (p.tendered ?? p.amount), 0),
    change: sum.change,
    currency: currencyOf(useSession.getState()),
    stage: ids.length === 0 ? 'idle' : s.step === 'payment' ? 'payment' : 'seats',
    code: null,
  };
}

/** Starts publishing the sale; returns a stop function. */
export function startCustomerBroadcast(movieTitle: () => string | null): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const ch = new BroadcastChannel(CUSTOMER_CHANNEL);
  let last = '';
  const post = () => {
    const v = currentView();
    if (v.stage !== 'done') v.movie = movieTitle();
    const json = JSON.stringify(v);
    if (json === last) return;
    last = json;
    ch.postMessage(v);
  };
  const offSale = useSale.subscribe(post);
  const offMap = useSeatMap.subscribe((s, p) => {
    if (s.map !== p.map) post();
  });
  ch.onmessage = (e) => {
    if ((e.data as { type?: string })?.type === 'hello') {
      last = '';
      post();
    }
  };
  post();
  return () => {
    offSale();
    offMap();
    ch.close();
  };
}
