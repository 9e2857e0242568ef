// The printed receipt as a self-contained HTML page (no scripts, no remote content), sized for
// an 80 mm receipt printer. Every value from the database is escaped.
import QRCode from 'qrcode';
import type { Receipt } from '../../shared/contract';
import { formatMoney } from '../../shared/money';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export async function receiptHtml(r: Receipt): Promise<string> {
  const cur = r.theater.currency;
  const when = new Intl.DateTimeFormat('en-US', {
    timeZone: r.theater.timezone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(r.booking.startsAt));
  const svg = async (payload: string): Promise<string> => {
    try {
      return await QRCode.toString(payload, { type: 'svg', margin: 1, width: 160 });
    } catch {
      return '';
    }
  };
  const qr = await svg(r.qr);
  // One QR per ticket (the door scans each seat on its own), two to a row: still 72 mm wide.
  const tickets = (await Promise.all(r.tickets.map(async (t) => `<div class="tk">${await svg(t.qr)}<div>${escapeHtml(t.seatLabel)} &middot; <span class="mono">${escapeHtml(t.code)}</span></div></div>`))).join('');
  const lines = r.lines
    .map((l) => `<tr><td>${escapeHtml(l.seatLabel)}</td><td>${escapeHtml(l.ticketType)}</td><td class="n">${escapeHtml(formatMoney(l.amount, cur))}</td></tr>`)
    .join('');
  const payments = r.booking.payments
    .map((p) => {
      const change = p.change ? ` (change ${escapeHtml(formatMoney(p.change, cur))})` : '';
      return `<tr><td colspan="2">${escapeHtml(p.method)}${change}</td><td class="n">${escapeHtml(formatMoney(p.amount, cur))}</td></tr>`;
    })
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Receipt ${escapeHtml(r.booking.code)}</title>
<style>
  @page { size: 80mm auto; margin: 4mm; }
  body { font: 12px/1.35 system-ui, sans-serif; width: 72mm; margin: 0; }
  h1 { font-size: 15px; margin: 0 0 2px; text-align: center; }
  .c { text-align: center; } .n { text-align: right; } table { width: 100%; border-collapse: collapse; }
  .code { font: bold 20px monospace; letter-spacing: 2px; text-align: center; margin: 6px 0; }
  .total td { border-top: 1px solid #000; font-weight: bold; } .qr svg { width: 36mm; height: 36mm; }
  .tks { display: flex; flex-wrap: wrap; } .tk { width: 36mm; text-align: center; font-size: 10px; break-inside: avoid; }
  .tk svg { width: 30mm; height: 30mm; } .mono { font-family: monospace; }
</style></head><body>
<h1>${escapeHtml(r.theater.name)}</h1>
<div class="c">${escapeHtml(r.theater.city)}</div>
${r.header ? `<p class="c">${escapeHtml(r.header)}</p>` : ''}
<p><strong>${escapeHtml(r.booking.movieTitle)}</strong><br>${escapeHtml(r.booking.hallName)} &middot; ${escapeHtml(when)}</p>
<div class="code">${escapeHtml(r.booking.code)}</div>
<table>${lines}<tr class="total"><td colspan="2">Total</td><td class="n">${escapeHtml(formatMoney(r.booking.total, cur))}</td></tr>${payments}</table>
<p>Cashier: ${escapeHtml(r.booking.cashier.name)}${r.booking.status === 'cancelled' ? ' &middot; CANCELLED' : ''}</p>
${qr ? `<div class="c qr">${qr}</div>` : ''}
${tickets ? `<div class="tks">${tickets}</div>` : ''}
${r.footer ? `<p class="c">${escapeHtml(r.footer)}</p>` : ''}
</body></html>
`;
}
