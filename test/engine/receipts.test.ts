// receipts.get and receipts.print through the router.
import { afterEach, describe, expect, it } from 'vitest';
import type { Receipt } from '../../shared/contract';
import type { ReceiptPrinter } from '../../electron/engine/context';
import { makeHarness, type Harness } from '../support/engineHarness';
import { seedBasics, seedShow } from '../support/fixtures';
import { MONDAY_10AM, seat, sell, setup, SHOW, TOKENS } from './bookingSupport';

let h: Harness;
afterEach(() => h?.close());
const C = TOKENS.cashier;

describe('receipts.get', () => {
  it('gives the booking, theater, lines, a QR payload and the receipt texts of the settings', async () => {
    ({ h } = setup());
    h.engine.ctx.db.prepare("INSERT INTO kv (key, value) VALUES ('settings', ?)").run(
      JSON.stringify({ receipt: { header: 'PVR Cinemas - 5th Ave', footer: 'No refunds after the show starts' } }),
    );
    const b = await sell(h, [seat('E', 2), seat('A', 1)]);
    const r = await h.ok('receipts.get', { bookingId: b.id }, C);
    expect(r.booking).toEqual(b);
    expect(r.theater).toEqual({ id: 'th_1', name: 'PVR Cinemas', city: 'New York', timezone: 'America/New_York', currency: 'USD' });
    expect(r.lines).toEqual([
      { seatLabel: 'A1', ticketType: 'adult', amount: 1500 },
      { seatLabel: 'E2', ticketType: 'adult', amount: 1000 },
    ]);
    expect(r.qr).toBe(`BOXOFFICE:${b.code}:A1,E2`);
    // One QR per ticket, each with that ticket's own code and no other's.
    expect(r.tickets).toEqual(b.tickets.map((t) => ({ ticketId: t.id, code: t.code, seatLabel: t.seatLabel, qr: `BOXOFFICE:${t.code}:${t.seatLabel}` })));
    expect(r.tickets.map((t) => t.seatLabel)).toEqual(['A1', 'E2']);
    // A cancelled ticket has no QR left to scan.
    await h.ok('bookings.cancel', { id: b.id, reason: 'one', ticketIds: [b.tickets[0]!.id] }, C);
    expect((await h.ok('receipts.get', { bookingId: b.id }, C)).tickets.map((t) => t.seatLabel)).toEqual(['E2']);
    expect(r.header).toBe('PVR Cinemas - 5th Ave');
    expect(r.footer).toBe('No refunds after the show starts');
  });

  it('answers NOT_FOUND, VALIDATION and UNAUTHENTICATED', async () => {
    ({ h } = setup());
    expect((await h.err('receipts.get', { bookingId: 'bk_none' }, C)).code).toBe('NOT_FOUND');
    expect((await h.err('receipts.get', {}, C)).code).toBe('VALIDATION');
    expect((await h.err('receipts.get', { bookingId: 'x' }, null)).code).toBe('UNAUTHENTICATED');
  });
});

describe('receipts.print', () => {
  it('answers NOT_SUPPORTED where there is no printer (the browser prints)', async () => {
    ({ h } = setup());
    const b = await sell(h, [seat('E', 1)]);
    const e = await h.err('receipts.print', { bookingId: b.id }, C);
    expect(e).toEqual({ code: 'NOT_SUPPORTED', message: 'Printing is done by the browser here' });
  });

  it('prints through the printer port, passing the pdf option', async () => {
    const printed: { receipt: Receipt; pdf: boolean }[] = [];
    const printer: ReceiptPrinter = {
      async print(receipt, opts) {
        printed.push({ receipt, pdf: opts.pdf });
        return opts.pdf ? { printed: true, pdfFile: '/tmp/receipt.pdf' } : { printed: true };
      },
    };
    h = makeHarness({ printer });
    seedBasics(h.engine.ctx.db, { now: MONDAY_10AM });
    seedShow(h.engine.ctx.db, { id: SHOW, startsAt: '2026-11-24T00:00:00.000Z', now: MONDAY_10AM });
    const b = await sell(h, [seat('E', 1)]);
    expect(await h.ok('receipts.print', { bookingId: b.id }, C)).toEqual({ printed: true });
    expect(await h.ok('receipts.print', { bookingId: b.id, pdf: true }, C)).toEqual({ printed: true, pdfFile: '/tmp/receipt.pdf' });
    expect(printed.map((p) => [p.receipt.booking.id, p.pdf])).toEqual([[b.id, false], [b.id, true]]);
    expect((await h.err('receipts.print', { bookingId: 'bk_none' }, C)).code).toBe('NOT_FOUND');
    expect((await h.err('receipts.print', { bookingId: b.id, pdf: 'yes' }, C)).code).toBe('VALIDATION');
    expect((await h.err('receipts.print', { bookingId: b.id }, null)).code).toBe('UNAUTHENTICATED');
    expect(printed).toHaveLength(2);
  });
});
