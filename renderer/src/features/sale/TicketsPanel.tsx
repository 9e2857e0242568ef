// The chosen seats with a ticket type each, the quote's lines (breakdown on demand) and the
// total, always visible; Pay moves on to the payment panel.
import { useState } from 'react';
import { capitalise, formatCountdown, formatMoney } from '../../lib/format';
import { useNow } from '../../lib/hooks';
import { useSale } from '../../stores/sale';
import { useSeatMap } from '../../stores/seatMap';
import { currencyOf, useSession } from '../../stores/session';

export function HoldCountdown() {
  const hold = useSale((s) => s.hold);
  const now = useNow(!!hold, 250);
  if (!hold) return null;
  const left = Date.parse(hold.expiresAt) - now;
  return (
    <div className={`countdown${left < 60_000 ? ' countdown--low' : ''}`} role="timer" aria-live="off" aria-label="Hold expires in">
      Hold <strong data-testid="hold-countdown">{formatCountdown(left)}</strong>
    </div>
  );
}

export function TicketsPanel() {
  const hold = useSale((s) => s.hold);
  const tickets = useSale((s) => s.tickets);
  const types = useSale((s) => s.ticketTypes);
  const quote = useSale((s) => s.quote);
  const quoting = useSale((s) => s.quoting);
  const busy = useSale((s) => s.busy);
  const currency = useSession(currencyOf);
  const setType = useSale((s) => s.setTicketType);
  const release = useSale((s) => s.releaseSeats);
  const pay = useSale((s) => s.goToPayment);
  // The layout only (labels and types): live seat changes do not re-render the tickets.
  const byId = useSeatMap((s) => s.byId);
  const [open, setOpen] = useState<Record<string, boolean>>({});
  const ids = hold?.seatIds ?? [];
  const money = (n: number) => formatMoney(n, currency);

  return (
    <section className="panel tickets" aria-label="Tickets">
      <h2>Tickets</h2>
      {ids.length === 0 ? (
        <p className="state">Pick seats on the map, or press 1–9 for the best N seats side by side (W: a wheelchair place and its companion seat).</p>
      ) : (
        <ul className="ticket-list">
          {ids.map((id) => {
            const seat = byId.get(id);
            const line = quote?.lines.find((l) => l.seatId === id);
            const label = seat?.label ?? line?.seatLabel ?? id;
            return (
              <li key={id} className="ticket">
                <div className="ticket-row">
                  <strong className="ticket-seat">{label}</strong>
                  <span className="muted small">{seat?.type}</span>
                  <select aria-label={`Ticket type for ${label}`} value={tickets[id] ?? 'adult'} onChange={(e) => setType(id, e.target.value)} disabled={!!busy}>
                    {types.map((t) => (
                      <option key={t} value={t}>
                        {capitalise(t)}
                      </option>
                    ))}
                  </select>
                  <span className="num">{line ? money(line.amount) : '…'}</span>
                  <button type="button" className="link" onClick={() => setOpen((o) => ({ ...o, [id]: !o[id] }))} aria-expanded={!!open[id]} aria-label={`Price breakdown for ${label}`}>
                    Why?
                  </button>
                  <button type="button" className="link" onClick={() => void release([id])} disabled={!!busy} aria-label={`Remove ${label}`}>
                    ✕
                  </button>
                </div>
                {open[id] && line && (
                  <ol className="breakdown">
                    {line.breakdown.map((b, i) => (
                      <li key={i}>
                        {b.label}: {b.kind === 'base' || b.kind === 'flatPrice' || b.kind === 'cap' || b.kind === 'rounding' ? money(b.value) : `× ${b.value}`}
                      </li>
                    ))}
                  </ol>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <div className="total-bar">
        <span>Total</span>
        <strong className="big" data-testid="sale-total">
          {quote ? money(quote.total) : money(0)}
        </strong>
        {quoting && <span className="muted small">updating…</span>}
      </div>
      <div className="actions">
        <button type="button" onClick={() => void release()} disabled={!hold || !!busy}>
          Release all <kbd>Esc</kbd>
        </button>
        <button type="button" className="primary" onClick={pay} disabled={!hold || !quote || quoting || !!busy}>
          Pay <kbd>F9</kbd>
        </button>
      </div>
    </section>
  );
}
