// #/customer: the screen turned to the customer. It mirrors the counter's sale live over a
// BroadcastChannel (same origin, no server round trip).
import { useEffect, useState } from 'react';
import { capitalise, formatMoney, formatDateTime } from '../../lib/format';
import { CUSTOMER_CHANNEL, type CustomerView } from './broadcast';

export function CustomerDisplay() {
  const [view, setView] = useState<CustomerView | null>(null);
  useEffect(() => {
    if (typeof BroadcastChannel === 'undefined') return;
    const ch = new BroadcastChannel(CUSTOMER_CHANNEL);
    ch.onmessage = (e) => setView(e.data as CustomerView);
    ch.postMessage({ type: 'hello' });
    return () => ch.close();
  }, []);
  const money = (n: number) => formatMoney(n, view?.currency ?? 'USD');

  if (!view || view.stage === 'idle') {
    return (
      <main className="customer customer--idle">
        <h1>Welcome</h1>
        <p>Your seats and total will appear here.</p>
      </main>
    );
  }
  return (
    <main className="customer" aria-live="polite">
      {view.movie && <h1>{view.movie}</h1>}
      {view.startsAt && <p className="muted">{formatDateTime(view.startsAt, view.timezone ?? undefined)}</p>}
      <ul className="customer-seats">
        {view.seats.map((s) => (
          <li key={s.label}>
            <strong>{s.label}</strong> {capitalise(s.ticketType)} {s.amount !== null ? money(s.amount) : ''}
          </li>
        ))}
      </ul>
      <p className="customer-total">
        Total <strong data-testid="customer-total">{view.total !== null ? money(view.total) : '…'}</strong>
      </p>
      {view.tendered > 0 && <p>Paid {money(view.tendered)}</p>}
      {view.change > 0 && (
        <p className="customer-change">
          Your change <strong data-testid="customer-change">{money(view.change)}</strong>
        </p>
      )}
      {view.stage === 'done' && <p className="success">Thank you! Booking {view.code}</p>}
    </main>
  );
}
