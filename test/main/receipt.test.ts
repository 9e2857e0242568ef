// The receipt page and the printer port (hidden window mocked).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const windows: any[] = [];
  const state = { failWith: '' };
  class BrowserWindow {
    destroyed = false;
    options: any;
    loadURL = vi.fn(async () => {});
    webContents = {
      print: vi.fn((_opts: unknown, cb: (ok: boolean, why: string) => void) => cb(!state.failWith, state.failWith)),
      printToPDF: vi.fn(async () => Buffer.from('%PDF-1.4 fake')),
    };
    constructor(options: any) {
      this.options = options;
      windows.push(this);
    }
    isDestroyed() {
      return this.destroyed;
    }
    destroy() {
      this.destroyed = true;
    }
  }
  return { windows, state, BrowserWindow };
});
vi.mock('electron', () => ({ BrowserWindow: electron.BrowserWindow, Menu: {} }));

import type { Receipt } from '../../shared/contract';
import { silentLogger } from '../../electron/engine/context';
import { createPrinter } from '../../electron/main/printer';
import { receiptHtml } from '../../electron/main/receiptHtml';

const receipt: Receipt = {
  booking: {
    id: 'bk_1',
    code: 'ABC234',
    status: 'confirmed',
    showId: 'show_1',
    movieTitle: 'Inception <script>alert(1)</script>',
    hallName: 'Hall 1',
    startsAt: '2026-11-23T23:00:00.000Z',
    tickets: [{ seatId: 'seat_A1', seatLabel: 'A1', ticketType: 'adult', amount: 1500 }],
    total: 1500,
    payments: [{ method: 'cash', amount: 1500, tendered: 2000, change: 500 }],
    cashier: { id: 'st_1', name: 'Cashier' },
    createdAt: '2026-11-23T15:00:00.000Z',
  } as Receipt['booking'],
  theater: { id: 'th_1', name: 'PVR Cinemas', city: 'New York', timezone: 'America/New_York', currency: 'USD' },
  lines: [{ seatLabel: 'A1', ticketType: 'adult', amount: 1500 }],
  qr: 'ABC234:A1',
  tickets: [{ ticketId: 'tk_1', code: 'TKT2345678', seatLabel: 'A1', qr: 'BOXOFFICE:TKT2345678:A1' }],
  header: 'Welcome',
  footer: 'Enjoy the show',
};

describe('receipt page', () => {
  it('escapes every value, shows local time and money, and embeds the QR code', async () => {
    const html = await receiptHtml(receipt);
    expect(html).not.toContain('<script>');
    expect(html).toContain('Inception &lt;script&gt;');
    expect(html).toContain('$15.00');
    expect(html).toContain('6:00 PM'); // 23:00 UTC in New York
    expect(html).toContain('<svg');
    // One QR for the booking and one per ticket, each ticket's code printed beside its QR.
    expect(html.match(/<svg/g)?.length).toBe(2);
    expect(html).toContain('TKT2345678');
    expect(html).toContain("default-src 'none'");
  });
});

describe('receipt printer', () => {
  it('prints silently to the configured printer from a hidden, script-less window, then closes it', async () => {
    const printer = createPrinter({ receiptsDir: '/nonexistent', deviceName: 'EPSON TM-T20', log: silentLogger });
    expect(await printer.print(receipt, { pdf: false })).toEqual({ printed: true });
    const win = electron.windows.at(-1);
    expect(win.options.show).toBe(false);
    expect(win.options.webPreferences).toMatchObject({ javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(win.loadURL.mock.calls[0][0]).toMatch(/^data:text\/html;charset=utf-8,/);
    expect(win.webContents.print.mock.calls[0][0]).toMatchObject({ silent: true, deviceName: 'EPSON TM-T20' });
    expect(win.destroyed).toBe(true);
  });

  it('saves a PDF under the receipts folder on request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bo-receipts-'));
    try {
      const printer = createPrinter({ receiptsDir: join(dir, 'receipts'), log: silentLogger });
      const out = await printer.print(receipt, { pdf: true });
      expect(out.printed).toBe(false);
      expect(out.pdfFile).toMatch(/receipts[/\\]receipt-ABC234-\d+\.pdf$/);
      expect(readFileSync(out.pdfFile!, 'utf8')).toContain('%PDF');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a failed print as an error, not a success', async () => {
    const printer = createPrinter({ receiptsDir: '/nonexistent', log: silentLogger });
    electron.state.failWith = 'no printer';
    try {
      await expect(printer.print(receipt, { pdf: false })).rejects.toThrow(/no printer/);
      expect(electron.windows.at(-1).destroyed).toBe(true);
    } finally {
      electron.state.failWith = '';
    }
  });
});
