// What every engine function receives: the database, the clock, the ports and the event sink.
import type { Role, EventName, EventPayload, Receipt } from '../../shared/contract';
import type { Clock } from './clock';
import type { Db } from './db/open';
import type { PaymentTerminal } from './payments/terminal';

/** The signed-in caller, resolved from a session token by the router. */
export interface Actor {
  staffId: string;
  name: string;
  role: Role;
  /** The session token: holds belong to the session that made them. */
  session: string;
}

/**
 * What a transport knows about the caller of one request. Only `token` is required; the rest is
 * filled in where the transport has it (the browser host: the client's address).
 */
export interface CallerSession {
  /** The session token the transport holds for this caller (Bearer, cookie or webContents binding). */
  token: string | null;
  /** The client's network address (login limits count per address; each loopback address is its own client). */
  address?: string;
  /** The paired device making the call, where the transport has authenticated one (LAN counters). */
  deviceId?: string;
}

export interface Logger {
  info(msg: string, data?: unknown): void;
  warn(msg: string, data?: unknown): void;
  error(msg: string, data?: unknown): void;
}

/** Printing is a port: Electron's main provides one; the browser host has none (NOT_SUPPORTED). */
export interface ReceiptPrinter {
  print(receipt: Receipt, opts: { pdf: boolean }): Promise<{ printed: boolean; pdfFile?: string }>;
}

export interface EngineCtx {
  db: Db;
  clock: Clock;
  terminal: PaymentTerminal;
  log: Logger;
  /** Where backups are written; null when backups are not available (in-memory tests). */
  backupDir: string | null;
  /** The database file, for backups and restore. */
  dbFile: string;
  /** Overrides settings.holdSeconds (the host's --hold-seconds, for tests and demos). */
  holdSecondsOverride: number | null;
  printer: ReceiptPrinter | null;
  /**
   * Publishes a push event. Call it only AFTER the transaction that made the change committed,
   * so no client ever sees a change that was rolled back.
   */
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /** Replaces the open database with a restored file (backup.restore); set by the Engine. */
  reopen(fromFile: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
