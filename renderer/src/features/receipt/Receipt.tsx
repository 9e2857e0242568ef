// The receipt after a sale (and for a looked-up booking): booking code, QR code, show, seats,
// ticket types, prices, payments and change, the theater's header and footer. Printed on 80 mm
// paper by the print stylesheet (Electron prints it to the receipt printer instead).
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import type { Booking, Receipt as ReceiptData } from '../../../../shared/contract';
import { call, messageOf, printReceipt } from '../../api';
import { capitalise, formatDateTime, formatMoney } from '../../lib/format';
import { ErrorNote, Loading } from '../../lib/states';

export function useQrDataUrl(payload: string | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    setUrl(null);
    if (!payload) return;
    QRCode.toString(payload, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
      .then((svg) => {
        if (alive) setUrl(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      })
      .catch(() => {
        if (alive) setUrl(null);
      });
    return () => {
      alive = false;
    };
  }, [payload]);
  return url;
}

/** One ticket's own QR (its code only), for the door. */
function TicketQr({ ticket }: { ticket: ReceiptData['tickets'][number] }) {
  const qr = useQrDataUrl(ticket.qr);
  return (
    <div className="receipt-ticket" data-testid="ticket-qr">
      {qr ? <img src={qr} alt={`QR code for seat ${ticket.seatLabel}`} width={120} height={120} /> : <span className="muted">QR…</span>}
      <div>
        {ticket.seatLabel} · <span className="mono">{ticket.code}</span>
      </div>
    </div>
  );
}

export function ReceiptView({ receipt }: { receipt: ReceiptData }) {
  const b = receipt.booking;
  const tz = receipt.theater.timezone;
  const cur = b.currency || receipt.theater.currency;
  const money = (n: number) => formatMoney(n, cur);
  const qr = useQrDataUrl(receipt.qr);
  const change = b.payments.reduce((a, p) => a + (p.change ?? 0), 0);
  const lines = receipt.lines.length ? receipt.lines : b.tickets;
  return (
    <article className="receipt" aria-label="Receipt">
      {receipt.header && <p className="receipt-header">{receipt.header}</p>}
      <h2 className="receipt-theater">{receipt.theater.name}</h2>
      <p className="receipt-city">{receipt.theater.city}</p>
      <p className="receipt-code">
        Booking <strong data-testid="booking-code">{b.code}</strong>
      </p>
      {b.status === 'cancelled' && <p className="receipt-cancelled">CANCELLED</p>}
      <div className="receipt-qr">{qr ? <img src={qr} alt={`QR code for booking ${b.code}`} width={160} height={160} /> : <span className="muted">QR…</span>}</div>
      <p className="receipt-movie">
        <strong>{b.movieTitle}</strong>
      </p>
      <p className="receipt-when">
        {b.hallName} · {formatDateTime(b.startsAt, tz)}
      </p>
      <table className="receipt-lines">
        <thead>
          <tr>
            <th scope="col">Seat</th>
            <th scope="col">Ticket</th>
            <th scope="col" className="num">
              Price
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.seatLabel}>
              <td>{l.seatLabel}</td>
              <td>{capitalise(l.ticketType)}</td>
              <td className="num">{money(l.amount)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              Total
            </th>
            <td className="num">
              <strong>{money(b.total)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
      <ul className="receipt-payments">
        {b.payments.map((p, i) => (
          <li key={i}>
            {p.method.toUpperCase()} {money(p.amount)}
            {p.tendered !== undefined && p.method === 'cash' ? ` · tendered ${money(p.tendered)}` : ''}
            {p.reference ? ` · ref ${p.reference}` : ''}
          </li>
        ))}
      </ul>
      {change > 0 && (
        <p className="receipt-change">
          Change <strong data-testid="receipt-change">{money(change)}</strong>
        </p>
      )}
      {b.refund && (
        <p>
          Refunded {money(b.refund.amount)} ({b.refund.percent}%)
        </p>
      )}
      <p className="muted small">
        Sold by {b.cashier.name} · {formatDateTime(b.createdAt, tz)}
      </p>
      {receipt.tickets.length > 0 && (
        <div className="receipt-tickets" aria-label="Tickets">
          {receipt.tickets.map((t) => (
            <TicketQr key={t.ticketId} ticket={t} />
          ))}
        </div>
      )}
      {receipt.footer && <p className="receipt-footer">{receipt.footer}</p>}
    </article>
  );
}

/** Loads the receipt of a booking, shows it with Print and an optional next action. */
export function ReceiptPanel({ booking, onDone, doneLabel = 'New sale' }: { booking: Booking; onDone?: () => void; doneLabel?: string }) {
  const [receipt, setReceipt] = useState<ReceiptData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [printError, setPrintError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    setReceipt(null);
    setError(null);
    call('receipts.get', { bookingId: booking.id })
      .then((r) => alive && setReceipt(r))
      .catch((e) => alive && setError(messageOf(e)));
    return () => {
      alive = false;
    };
  }, [booking.id]);

  const print = async () => {
    setPrintError(null);
    try {
      await printReceipt(booking.id);
    } catch (e) {
      setPrintError(messageOf(e));
    }
  };

  // Tickets only (one QR per seat, for the customer to hand round): the print stylesheet hides
  // the rest of the receipt while body has print-tickets.
  const printTickets = () => {
    document.body.classList.add('print-tickets');
    const done = () => {
      document.body.classList.remove('print-tickets');
      window.removeEventListener('afterprint', done);
    };
    window.addEventListener('afterprint', done);
    window.print();
    setTimeout(done, 1000);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'p' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void print();
      } else if (e.key === 'F2' && onDone) {
        e.preventDefault();
        onDone();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <section className="panel receipt-panel" aria-label="Sale complete">
      <div className="success no-print" role="status">
        Sold. Booking <strong>{booking.code}</strong>
      </div>
      <ErrorNote error={error && `Could not load the receipt: ${error}`} />
      {!receipt && !error && <Loading what="Loading receipt" />}
      {receipt && <ReceiptView receipt={receipt} />}
      <ErrorNote error={printError} className="no-print" />
      <div className="actions no-print">
        <button type="button" onClick={() => void print()} disabled={!receipt}>
          Print <kbd>Ctrl+P</kbd>
        </button>
        <button type="button" onClick={printTickets} disabled={!receipt || receipt.tickets.length === 0}>
          Print tickets
        </button>
        {onDone && (
          <button type="button" className="primary" onClick={onDone} autoFocus>
            {doneLabel} <kbd>F2</kbd>
          </button>
        )}
      </div>
    </section>
  );
}
