// Exchanging a booking from the Bookings screen, keyboard-first: pick the show (the same one by
// default), type the new seats ("C5 C6"; on the same show any seat the booking keeps too) or take
// the best ones, Enter holds and prices them, and
// the difference is paid (cash or card) or refunded by bookings.exchange in one transaction.
import { useEffect, useMemo, useState } from 'react';
import type { Booking, ChannelOutput, Hold, PaymentMethod, ShowSummary } from '../../../../shared/contract';
import { ApiError, call, messageOf, newAttemptKey } from '../../api';
import { DEFAULT_TZ, formatDateTime, formatMoney } from '../../lib/format';
import { useSession } from '../../stores/session';

type Result = ChannelOutput<'bookings.exchange'>;

export function ExchangeForm({ booking, onDone }: { booking: Booking; onDone(r: Result): void }) {
  const tz = useSession((s) => s.theater?.timezone) ?? DEFAULT_TZ;
  const live = useMemo(() => booking.tickets.filter((t) => t.status !== 'cancelled'), [booking]);
  const [shows, setShows] = useState<ShowSummary[]>([]);
  const [showId, setShowId] = useState(booking.showId);
  const [seatText, setSeatText] = useState('');
  const [hold, setHold] = useState<Hold | null>(null);
  const [seatIds, setSeatIds] = useState<string[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(() => newAttemptKey());

  useEffect(() => {
    call('shows.list', {})
      .then((list) => setShows(list.filter((s) => s.status === 'scheduled' && Date.parse(s.salesCloseAt ?? s.startsAt) > Date.now())))
      .catch((e) => setError(messageOf(e)));
  }, []);

  // A hold left behind when the form closes is given back at once.
  useEffect(() => () => void (hold && call('seats.release', { holdId: hold.id }).catch(() => {})), [hold]);

  const reset = async () => {
    if (hold) await call('seats.release', { holdId: hold.id }).catch(() => {});
    setHold(null);
    setTotal(null);
  };

  const best = async () => {
    setError(null);
    try {
      const { seatIds } = await call('seats.bestAvailable', { showId, count: live.length });
      const map = await call('seats.map', { showId });
      setSeatText(seatIds.map((id) => map.seats.find((s) => s.id === id)?.label ?? '').join(' '));
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const holdAndPrice = async () => {
    setBusy(true);
    setError(null);
    try {
      await reset();
      const map = await call('seats.map', { showId });
      const labels = seatText.toUpperCase().split(/[\s,]+/).filter(Boolean);
      const ids = labels.map((l) => map.seats.find((s) => s.label === l)?.id);
      if (ids.length === 0 || ids.some((id) => !id)) throw new Error(`Unknown seats: ${labels.filter((_, i) => !ids[i]).join(', ') || 'none given'}`);
      // On the same show, seats the booking already has are kept: only the others are held.
      const own = showId === booking.showId ? new Set(live.map((t) => t.seatId)) : new Set<string>();
      const fresh = (ids as string[]).filter((id) => !own.has(id));
      if (fresh.length === 0) throw new Error('These are the seats the booking has already');
      const h = await call('seats.hold', { showId, seatIds: fresh });
      setHold(h);
      setSeatIds(ids as string[]);
      setTotal((await call('pricing.quote', { showId, tickets: ticketsFor(ids as string[]) })).total);
      setAttempt(newAttemptKey());
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  // A kept seat keeps its ticket type; a new seat i takes that of live ticket i (an adult stays an adult).
  const ticketsFor = (ids: string[]) =>
    ids.map((seatId, i) => ({ seatId, ticketType: (live.find((t) => t.seatId === seatId) ?? live[i % live.length]!).ticketType }));

  const oldTotal = live.reduce((s, t) => s + t.amount, 0);
  const difference = total === null ? null : total - oldTotal;
  const money = (n: number) => formatMoney(n, booking.currency);

  const confirm = async () => {
    if (!hold || difference === null) return;
    setBusy(true);
    setError(null);
    try {
      const r = await call('bookings.exchange', {
        bookingId: booking.id,
        holdId: hold.id,
        tickets: ticketsFor(seatIds),
        ...(difference > 0 ? { payments: [{ method, amount: difference, ...(method === 'cash' ? { tendered: difference } : {}) }] } : {}),
        idempotencyKey: attempt,
      });
      setHold(null);
      onDone(r);
    } catch (e) {
      setError(messageOf(e));
      // An answer lost on the way (NETWORK, INTERNAL) may hide a committed exchange: the retry keeps
      // the key so it cannot charge twice; an attempt that definitely failed gets a fresh one.
      if (!(e instanceof ApiError && (e.code === 'NETWORK' || e.code === 'INTERNAL'))) setAttempt(newAttemptKey());
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="exchange-form"
      aria-label="Exchange booking"
      onSubmit={(e) => {
        e.preventDefault();
        void (hold ? confirm() : holdAndPrice());
      }}
    >
      <h3>Exchange for other seats or another show</h3>
      <label className="field">
        <span>Show</span>
        <select value={showId} onChange={(e) => { setShowId(e.target.value); void reset(); }} aria-label="New show">
          {shows.map((s) => (
            <option key={s.id} value={s.id}>
              {formatDateTime(s.startsAt, tz)} · {s.movieTitle} · {s.hallName} ({s.available} free)
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>New seats ({live.length})</span>
        <input value={seatText} onChange={(e) => { setSeatText(e.target.value); void reset(); }} placeholder="e.g. C5 C6" aria-label="New seats" autoFocus />
      </label>
      <button type="button" onClick={() => void best()} disabled={busy}>
        Best {live.length} seats
      </button>
      {difference !== null && (
        <p data-testid="exchange-difference" role="status">
          New total {money(total!)} ·{' '}
          {difference > 0 ? `customer pays ${money(difference)}` : difference < 0 ? `refund ${money(-difference)}` : 'nothing to pay'}
        </p>
      )}
      {difference !== null && difference > 0 && (
        <label className="field">
          <span>Pay the difference by</span>
          <select value={method} onChange={(e) => setMethod(e.target.value as PaymentMethod)} aria-label="Payment method">
            <option value="cash">Cash</option>
            <option value="card">Card</option>
            <option value="upi">UPI</option>
            <option value="wallet">Wallet</option>
          </select>
        </label>
      )}
      {error && (
        <p className="state state--error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy || !seatText.trim()}>
        {hold ? 'Confirm exchange' : 'Hold and price'} <kbd>Enter</kbd>
      </button>
    </form>
  );
}
