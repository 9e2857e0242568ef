// The ReceiptPrinter port for the desktop app: the receipt page is loaded into a hidden,
// script-less window and printed silently to the configured printer, or saved as a PDF under
// userData/receipts.
import { BrowserWindow } from 'electron';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Receipt } from '../../shared/contract';
import { BoxOfficeError } from '../../shared/contract';
import type { Logger, ReceiptPrinter } from '../engine/context';
import { receiptHtml } from './receiptHtml';

export interface PrinterOptions {
  /** Folder for PDF receipts (userData/receipts). */
  receiptsDir: string;
  /** The printer's name; empty means the system default (env BOX_OFFICE_PRINTER). */
  deviceName?: string;
  log: Logger;
}

export function createPrinter(opts: PrinterOptions): ReceiptPrinter {
  return {
    async print(receipt: Receipt, { pdf, steps }: { pdf: boolean; steps?: boolean }) {
      const html = await receiptHtml(receipt, { steps: !!steps });
      const win = new BrowserWindow({
        show: false,
        width: 320,
        height: 800,
        webPreferences: {
          contextIsolation: true,
          sandbox: true,
          nodeIntegration: false,
          webSecurity: true,
          allowRunningInsecureContent: false,
          webviewTag: false,
          disableBlinkFeatures: 'Auxclick',
          javascript: false,
        },
      });
      try {
        await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
        if (pdf) {
          const data = await win.webContents.printToPDF({ printBackground: false, pageSize: { width: 3.15, height: 11.7 } });
          mkdirSync(opts.receiptsDir, { recursive: true });
          const safeCode = receipt.booking.code.replace(/[^A-Za-z0-9]/g, '');
          const file = join(opts.receiptsDir, `receipt-${safeCode}-${Date.now()}.pdf`);
          writeFileSync(file, data);
          opts.log.info('receipt saved as PDF', { code: receipt.booking.code, file });
          return { printed: false, pdfFile: file };
        }
        const deviceName = opts.deviceName ?? process.env.BOX_OFFICE_PRINTER ?? '';
        const printed = await new Promise<boolean>((resolve, reject) => {
          win.webContents.print({ silent: true, printBackground: false, ...(deviceName ? { deviceName } : {}) }, (success, failureReason) => {
            if (success) resolve(true);
            else reject(new BoxOfficeError('NOT_SUPPORTED', `The receipt could not be printed: ${failureReason || 'printer unavailable'}`));
          });
        });
        opts.log.info('receipt printed', { code: receipt.booking.code, deviceName: deviceName || '(default)' });
        return { printed };
      } finally {
        if (!win.isDestroyed()) win.destroy();
      }
    },
  };
}
