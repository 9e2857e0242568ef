// The stand-in `electron` module of the main-process tests: ipcMain handlers kept in a map, the
// windows a test adds, and a reversible stand-in keychain (never the plain text). A test file says
//   vi.mock('electron', async () => (await import('../support/electronMock')).electronModule);
// and imports `electron` from here to reach the handlers and windows.
import { vi } from 'vitest';

const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
const windows: { webContents: unknown }[] = [];

export const electron = {
  handlers,
  windows,
  ipcMain: {
    handle: vi.fn((channel: string, fn: (event: unknown, input: unknown) => Promise<unknown>) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, fn);
    }),
    removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
    on: vi.fn(),
  },
  BrowserWindow: { getAllWindows: vi.fn(() => windows) },
  safeStorage: {
    isEncryptionAvailable: () => true,
    encryptString: (s: string) => Buffer.from(`enc:${Buffer.from(s).toString('hex')}`),
    decryptString: (b: Buffer) => Buffer.from(b.toString().slice(4), 'hex').toString(),
  },
};

export const electronModule = { ipcMain: electron.ipcMain, BrowserWindow: electron.BrowserWindow, safeStorage: electron.safeStorage };
