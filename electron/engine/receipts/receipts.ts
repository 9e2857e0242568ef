// receipts.get and receipts.print: the printable ticket/receipt of a booking. Printing is a port
// (ctx.printer): Electron's main provides one; the browser host has none, so the page prints with
// window.print() and this answers NOT_SUPPORTED.
import { BoxOfficeError, type ChannelOutput, type ParsedInput, type Receipt } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';
import { getSettings } from '../settings/settings';
import { requireBooking } from '../bookings/query';
import { stmt } from '../db/stmts';

/**
 * The QR payload: compact and readable by any scanner at the door without a lookup table:
 * BOXOFFICE:<booking code>:<seat labels, comma-separated>.
 */
export function qrPayload(code: string, seatLabels: readonly string[]): string {
  return `BOXOFFICE:${code}:${seatLabels.join(',')}`;
}

export function buildReceipt(ctx: EngineCtx, bookingId: string): Receipt {
  const booking = requireBooking(ctx.db, bookingId);
  const theater = stmt(ctx.db, 
      `SELECT t.id, t.name, t.city, t.timezone, t.currency FROM shows s JOIN halls h ON h.id = s.hall_id
       JOIN theaters t ON t.id = h.theater_id WHERE s.id = ?`,
    )
    .get(booking.showId) as Receipt['theater'];
  const { receipt, tax: current } = getSettings(ctx);
  // Net, tax and gross per line, and the tax terms, as they were at the sale (issue 13); a sale
  // from before v12 had no tax: its terms are today's, with 0 tax on every line.
  const sold = ctx.db.prepare('SELECT tax_mode, tax_rate FROM bookings WHERE id = ?').get(bookingId) as { tax_mode: 'inclusive' | 'exclusive' | null; tax_rate: number | null };
  const tax = sold.tax_mode ? { mode: sold.tax_mode, ticketRatePercent: sold.tax_rate ?? 0 } : current;
  const lines = booking.tickets.map((t) => ({
    seatLabel: t.seatLabel, ticketType: t.ticketType, amount: t.amount,
    net: t.net ?? t.amount, tax: t.tax ?? 0, gross: t.amount,
    ...(t.discount !== undefined ? { discount: t.discount } : {}),
    breakdown: t.breakdown ?? [],
  }));
  const sum = (f: (l: (typeof lines)[number]) => number) => lines.reduce((s, l) => s + f(l), 0);
  return {
    booking,
    theater,
    lines,
    tax: { mode: tax.mode, ratePercent: tax.ticketRatePercent, net: sum((l) => l.net), tax: sum((l) => l.tax), gross: sum((l) => l.gross) },
    qr: qrPayload(booking.code, booking.tickets.map((t) => t.seatLabel)),
    // One QR per ticket still valid at the door; a cancelled ticket gets none.
    tickets: booking.tickets
      .filter((t) => t.status !== 'cancelled')
      .map((t) => ({ ticketId: t.id, code: t.code, seatLabel: t.seatLabel, qr: qrPayload(t.code, [t.seatLabel]) })),
    header: receipt.header,
    footer: receipt.footer,
  };
}

export function getReceipt(ctx: EngineCtx, input: ParsedInput<'receipts.get'>, _actor: Actor): ChannelOutput<'receipts.get'> {
  return buildReceipt(ctx, input.bookingId);
}

export async function printReceipt(ctx: EngineCtx, input: ParsedInput<'receipts.print'>, _actor: Actor): Promise<ChannelOutput<'receipts.print'>> {
  if (!ctx.printer) throw new BoxOfficeError('NOT_SUPPORTED', 'Printing is done by the browser here');
  const receipt = buildReceipt(ctx, input.bookingId);
  return ctx.printer.print(receipt, { pdf: !!input.pdf, steps: !!input.steps });
}
