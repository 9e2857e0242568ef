// The customer's email and SMS texts, built from the same receipt the counter prints.
import QRCode from 'qrcode';
import type { Receipt } from '../../../shared/contract';
import { formatMoney } from '../../../shared/money';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function when(r: Receipt): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: r.theater.timezone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit',
  }).format(new Date(r.booking.startsAt));
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; content: Buffer; cid: string; contentType: string }[];
}

const TITLES: Record<string, string> = {
  'booking.confirmed': 'Your tickets',
  'booking.receipt': 'Your tickets',
  'booking.cancelled': 'Booking cancelled',
  'booking.partly_cancelled': 'Some tickets cancelled',
  'show.cancelled': 'Show cancelled: your booking is refunded',
};

export async function renderEmail(r: Receipt, topic: string): Promise<RenderedEmail> {
  const b = r.booking;
  const cur = r.theater.currency;
  const title = TITLES[topic] ?? 'Your booking';
  const seats = r.lines.map((l) => l.seatLabel).join(', ');
  const subject = `${title}: ${b.movieTitle}, ${when(r)} (booking ${b.code})`;
  const lines = r.lines.map((l) => `  ${l.seatLabel.padEnd(6)} ${l.ticketType.padEnd(10)} ${formatMoney(l.amount, cur)}`);
  const pays = b.payments.map((p) => `  ${p.method.padEnd(8)} ${formatMoney(p.amount, cur)}${p.change ? ` (change ${formatMoney(p.change, cur)})` : ''}`);
  const refund = b.refund ? [`Refunded: ${formatMoney(b.refund.amount, cur)} (${b.refund.percent} %)`, ...owedLine(r)] : [];
  const text = [
    r.header, r.theater.name, title, '',
    `Booking code: ${b.code}`, `Movie: ${b.movieTitle}`, `Hall: ${b.hallName}`, `Starts: ${when(r)}`, `Seats: ${seats}`, '',
    ...lines, `Total: ${formatMoney(b.total, cur)}`, ...pays, ...refund, '', r.footer,
  ].filter((l, i, a) => !(l === '' && a[i - 1] === '')).join('\n').trim();
  const qr = await QRCode.toBuffer(r.qr, { type: 'png', margin: 1, width: 240 });
  const rows = r.lines.map((l) => `<tr><td>${esc(l.seatLabel)}</td><td>${esc(l.ticketType)}</td><td style="text-align:right">${esc(formatMoney(l.amount, cur))}</td></tr>`).join('');
  const html = `<!doctype html><html><body style="font-family:sans-serif;max-width:480px">
${r.header ? `<p>${esc(r.header)}</p>` : ''}<h2>${esc(r.theater.name)}: ${esc(title)}</h2>
<p><strong>Booking code ${esc(b.code)}</strong></p>
<p>${esc(b.movieTitle)}<br>${esc(b.hallName)}, ${esc(when(r))}<br>Seats: ${esc(seats)}</p>
<table style="width:100%;border-collapse:collapse">${rows}<tr><td colspan="2"><strong>Total</strong></td><td style="text-align:right"><strong>${esc(formatMoney(b.total, cur))}</strong></td></tr></table>
${refund.map((l) => `<p>${esc(l)}</p>`).join('')}<p><img src="cid:ticket-qr" alt="Ticket QR code ${esc(b.code)}" width="240" height="240"></p>
${r.footer ? `<p>${esc(r.footer)}</p>` : ''}</body></html>`;
  return { subject, text, html, attachments: [{ filename: `ticket-${b.code}.png`, content: qr, cid: 'ticket-qr', contentType: 'image/png' }] };
}

/** Cash still owed after a show cancellation: the customer has to come and collect it. */
function owedLine(r: Receipt): string[] {
  const owed = r.booking.refund?.owedCash;
  return owed ? [`Your cash refund of ${formatMoney(owed, r.theater.currency)} is waiting at the box office: show this booking code.`] : [];
}

export function renderSms(r: Receipt, topic: string): string {
  const b = r.booking;
  const head = topic === 'show.cancelled' ? 'show cancelled, refunded' : topic === 'booking.cancelled' ? 'cancelled' : topic === 'booking.partly_cancelled' ? 'some tickets cancelled' : 'booked';
  const owed = owedLine(r).map((l) => ` ${l}`).join('');
  return `${r.theater.name}: ${head}. ${b.movieTitle}, ${when(r)}, seats ${r.lines.map((l) => l.seatLabel).join(' ')}. Code ${b.code}.${owed}`;
}
