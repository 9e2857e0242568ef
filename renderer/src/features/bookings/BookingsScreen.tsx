// Looking up a booking by code, name or phone; viewing it; cancelling it with the refund of the
// current tier shown first, or with a manager's override (name + PIN typed at this counter).
import { useEffect, useRef, useState } from 'react';
import type { Booking } from '../../../../shared/contract';
import { capitalise, DEFAULT_TZ, formatDateTime, formatMoney } from '../../lib/format';
import { Empty, ErrorNote, Loading } from '../../lib/states';
import { useBookings } from '../../stores/bookings';
import { useSession } from '../../stores/session';
import { ReceiptPanel } from '../receipt/Receipt';
import { ResendReceipt } from './ResendReceipt';
import { ExchangeForm } from './ExchangeForm';

function CancelForm({ booking }: { booking: Booking }) {
  const { refundQuote, refundError, cancelling, cancelError, cancelCode } = useBookings();
  const cancel = useBookings((s) => s.cancel);
  const quoteTickets = useBookings((s) => s.quoteTickets);
  const staff = useSession((s) => s.staff);
  const live = booking.tickets.filter((t) => t.status === 'sold');
  // Partial cancellation: the tickets to cancel (all of them by default).
  const [picked, setPicked] = useState<Set<string>>(() => new Set(live.map((t) => t.id)));
  const some = picked.size > 0 && picked.size < live.length;
  const pickedKey = [...picked].sort().join(',');
  useEffect(() => {
    void quoteTickets(some ? [...picked] : null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pickedKey]);
  const [reason, setReason] = useState('Customer request');
  const [override, setOverride] = useState(false);
  const [mgr, setMgr] = useState('');
  const [pin, setPin] = useState('');
  const money = (n: number) => formatMoney(n, booking.currency);
  const isManager = staff?.role === 'manager';

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const ok = await cancel({
      reason: reason.trim() || 'Customer request',
      ...(override ? { override: true } : {}),
      ...(override && !isManager ? { approval: { name: mgr.trim(), pin } } : {}),
      ...(some ? { ticketIds: [...picked] } : {}),
    });
    if (!ok) setPin('');
  };

  const started = refundQuote?.showStarted;
  return (
    <form className="cancel-form" onSubmit={submit} aria-label="Cancel booking">
      <h3>Cancel this booking, or some of its tickets</h3>
      {live.length > 1 && (
        <fieldset className="ticket-pick" aria-label="Tickets to cancel">
          {live.map((t) => (
            <label key={t.id} className="check">
              <input
                type="checkbox"
                checked={picked.has(t.id)}
                onChange={(e) => {
                  const next = new Set(picked);
                  if (e.target.checked) next.add(t.id);
                  else next.delete(t.id);
                  setPicked(next);
                }}
              />{' '}
              {t.seatLabel} ({formatMoney(t.amount, booking.currency)})
            </label>
          ))}
        </fieldset>
      )}
      {refundError && <p className="state state--error">Refund quote unavailable: {refundError}</p>}
      {refundQuote && (
        <p className="refund-quote" data-testid="refund-quote">
          {started
            ? 'The show has started: only a manager override can cancel it.'
            : `Refund now: ${money(refundQuote.amount)} (${refundQuote.percent}% of ${money(some ? live.filter((t) => picked.has(t.id)).reduce((n, t) => n + t.amount, 0) : live.reduce((n, t) => n + t.amount, 0))})`}
        </p>
      )}
      <label className="field">
        <span>Reason</span>
        <input value={reason} onChange={(e) => setReason(e.target.value)} required />
      </label>
      <label className="check">
        <input type="checkbox" checked={override} onChange={(e) => setOverride(e.target.checked)} /> Manager override: refund 100 %
      </label>
      {override && !isManager && (
        <fieldset className="approval">
          <legend>Manager approval</legend>
          <label className="field">
            <span>Manager name</span>
            <input value={mgr} onChange={(e) => setMgr(e.target.value)} required autoComplete="off" />
          </label>
          <label className="field">
            <span>Manager PIN</span>
            <input type="password" inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 8))} required autoComplete="off" />
          </label>
        </fieldset>
      )}
      {cancelError && (
        <p className="state state--error" role="alert" data-code={cancelCode ?? undefined}>
          {cancelCode === 'FORBIDDEN'
            ? `Not approved: ${cancelError}`
            : cancelCode === 'SHIFT_REQUIRED'
              ? `${cancelError}: Shift screen, F4.`
              : cancelError}
        </p>
      )}
      <button type="submit" className="danger" disabled={cancelling || (started && !override) || picked.size === 0}>
        {cancelling
          ? 'Cancelling…'
          : `${some ? `Cancel ${picked.size} of ${live.length} tickets` : 'Cancel'}${override ? ' with full refund' : ` and refund${refundQuote ? ` ${money(refundQuote.amount)}` : ''}`}`}
      </button>
    </form>
  );
}

/** Cash a show cancellation left owed: handed over from this cashier's drawer, once. */
function OwedCash({ booking }: { booking: Booking }) {
  const { payingOut, payOutError, payOutCode } = useBookings();
  const payOut = useBookings((s) => s.payOut);
  const owed = formatMoney(booking.refund!.owedCash!, booking.currency);
  return (
    <div className="shift-needed" role="region" aria-label="Cash owed to the customer">
      <p>
        <strong>{owed} in cash is owed to the customer</strong> (the show was cancelled). Hand it over, then record it: it comes out of
        your drawer.
      </p>
      {payOutError && (
        <p className="field-error" role="alert" data-code={payOutCode ?? undefined}>
          {payOutCode === 'SHIFT_REQUIRED' ? `${payOutError}: Shift screen, F4.` : payOutError}
        </p>
      )}
      <button type="button" className="primary" onClick={() => void payOut()} disabled={payingOut}>
        {payingOut ? 'Recording…' : `Pay out ${owed} from my drawer`}
      </button>
    </div>
  );
}

export function BookingsScreen() {
  const tz = useSession((s) => s.theater?.timezone) ?? DEFAULT_TZ;
  const { query, results, searched, loading, error, selected, lastCancel } = useBookings();
  const setQuery = useBookings((s) => s.setQuery);
  const search = useBookings((s) => s.search);
  const open = useBookings((s) => s.open);
  const close = useBookings((s) => s.close);
  const [showReceipt, setShowReceipt] = useState(false);
  const [exchanging, setExchanging] = useState(false);
  const [exchangeNote, setExchangeNote] = useState<string | null>(null);
  const exchanged = useBookings((s) => s.exchanged);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    inputRef.current?.focus();
  }, []);
  useEffect(() => {
    setShowReceipt(false);
    setExchanging(false);
  }, [selected?.id]);

  return (
    <div className="bookings">
      <section className="panel" aria-label="Find a booking">
        <form
          className="search-row"
          onSubmit={(e) => {
            e.preventDefault();
            void search();
          }}
        >
          <input
            ref={inputRef}
            type="search"
            aria-label="Booking code, customer name or phone"
            placeholder="Booking code, name or phone"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <button type="submit" className="primary" disabled={loading}>
            Find <kbd>Enter</kbd>
          </button>
        </form>
        {loading && <Loading what="Searching" />}
        <ErrorNote error={error} />
        {searched && !loading && !error && results.length === 0 && <Empty>No booking found.</Empty>}
        <ul className="booking-list">
          {results.map((b) => (
            <li key={b.id}>
              <button type="button" className={`booking-item${selected?.id === b.id ? ' is-selected' : ''}`} onClick={() => void open(b)}>
                <strong>{b.code}</strong> {b.movieTitle} · {formatDateTime(b.startsAt, tz)} · {b.tickets.map((t) => t.seatLabel).join(', ')} ·{' '}
                {formatMoney(b.total, b.currency)} <span className={`badge badge--${b.status}`}>{b.status}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      {selected && (
        <section className="panel booking-detail" aria-label={`Booking ${selected.code}`}>
          <header className="seats-head">
            <h2>
              Booking <span data-testid="detail-code">{selected.code}</span> <span className={`badge badge--${selected.status}`}>{selected.status}</span>
            </h2>
            <button type="button" className="link" onClick={close}>
              Close
            </button>
          </header>
          <p>
            <strong>{selected.movieTitle}</strong> · {selected.hallName} · {formatDateTime(selected.startsAt, tz)}
          </p>
          <table className="receipt-lines">
            <tbody>
              {selected.tickets.map((t) => (
                <tr key={t.id} className={t.status === 'cancelled' ? 'muted' : undefined}>
                  <td>
                    {t.seatLabel}
                    {t.status !== 'sold' && <span className={`badge badge--ticket-${t.status}`}>{t.status}</span>}
                  </td>
                  <td>{capitalise(t.ticketType)}</td>
                  <td className="num">{formatMoney(t.amount, selected.currency)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th colSpan={2}>Total</th>
                <td className="num">{formatMoney(selected.total, selected.currency)}</td>
              </tr>
            </tfoot>
          </table>
          <p className="muted">
            Paid by {selected.payments.map((p) => `${p.method} ${formatMoney(p.amount, selected.currency)}`).join(' + ')}
            {selected.customer?.name ? ` · ${selected.customer.name}` : ''}
            {selected.customer?.phone ? ` · ${selected.customer.phone}` : ''}
            {selected.customer?.email ? ` · ${selected.customer.email}` : ''}
          </p>
          {lastCancel && lastCancel.booking.id === selected.id && (
            <p className="success" role="status" data-testid="refund-done">
              Cancelled. Refund {formatMoney(lastCancel.refund.amount, selected.currency)} ({lastCancel.refund.percent}%) — give it back to the customer.
            </p>
          )}
          {lastCancel && lastCancel.booking.id === selected.id && lastCancel.refund.failed?.length ? (
            <p className="state state--error" role="alert" data-testid="refund-failed">
              The payment terminal did not refund{' '}
              {lastCancel.refund.failed.map((f) => `${f.method} ${formatMoney(f.amount, selected.currency)}`).join(' and ')}: the customer is still owed
              this. Refund it on the terminal by hand or pay it in cash, and tell a manager.
            </p>
          ) : null}
          {selected.status === 'cancelled' && selected.refund && !lastCancel && (
            <p>
              Refunded {formatMoney(selected.refund.amount, selected.currency)} ({selected.refund.percent}%)
            </p>
          )}
          {selected.refund?.owedCash ? <OwedCash booking={selected} /> : null}
          {exchangeNote && (
            <p className="success" role="status" data-testid="exchange-done">
              {exchangeNote}
            </p>
          )}
          {selected.exchangedTo && <p className="muted">Exchanged into another booking; look up the customer to see it.</p>}
          {selected.status === 'confirmed' && !exchanging && <CancelForm key={selected.id + selected.tickets.map((t) => t.status).join()} booking={selected} />}
          {selected.status === 'confirmed' && (
            <button type="button" onClick={() => setExchanging((v) => !v)} aria-expanded={exchanging}>
              {exchanging ? 'Back to cancel' : 'Exchange…'}
            </button>
          )}
          {selected.status === 'confirmed' && exchanging && (
            <ExchangeForm
              booking={selected}
              onDone={(r) => {
                const d = r.difference;
                const money = (n: number) => formatMoney(n, r.booking.currency);
                setExchangeNote(
                  `Exchanged: booking ${r.previous.code} is now ${r.booking.code}. ${d > 0 ? `Paid ${money(d)}.` : d < 0 ? `Refund ${money(-d)}: give it back to the customer.` : 'Nothing to pay.'}`,
                );
                exchanged(r);
                setShowReceipt(true);
              }}
            />
          )}
          <ResendReceipt booking={selected} />
          <button type="button" onClick={() => setShowReceipt((v) => !v)}>
            {showReceipt ? 'Hide receipt' : 'Show receipt'}
          </button>
          {showReceipt && <ReceiptPanel booking={selected} />}
        </section>
      )}
    </div>
  );
}
