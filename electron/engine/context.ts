// What every engine function receives: the database, the clock, the ports and the event sink.
import type { Role, EventName, EventPayload, Mode, Receipt } from '../../shared/contract';
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
  /** The paired device the session was signed in from (LAN server), else null. */
  deviceId?: string | null;
}

/**
 * What a transport knows about the caller of one request. Only `token` is required; the rest is
 * filled in where the transport has it (the browser host: the client's address; a LAN server:
 * the device credential and versions the call carried).
 */
export interface CallerSession {
  /** The session token the transport holds for this caller (Bearer, cookie or webContents binding). */
  token: string | null;
  /** The client's network address. */
  address?: string;
  /** The paired device making the call, once the router authenticated it (LAN counters). */
  deviceId?: string;
  /** LAN server: the device credential the call carried (`<deviceId>.<secret>`), if any. */
  device?: string | null;
  /** The contract version the client speaks (X-Box-Office-Contract); absent means ours. */
  contract?: string | null;
  /** The client's app version, when it says (a counter's User-Agent). */
  appVersion?: string | null;
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
  /** steps: print each ticket's money steps (the cashier's choice, issue 13). */
  print(receipt: Receipt, opts: { pdf: boolean; steps?: boolean }): Promise<{ printed: boolean; pdfFile?: string }>;
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
  /** How this install runs (auth.status): standalone, or a server for paired counters. */
  mode: Mode;
  /** This build's version (package.json / app.getVersion()), for auth.status and paired devices. */
  appVersion: string;
  /** A LAN server's certificate fingerprint (`SHA256 AB:...`), for Manager > Counters; else null. */
  fingerprint: string | null;
  /**
   * Publishes a push event. Call it only AFTER the transaction that made the change committed,
   * so no client ever sees a change that was rolled back.
   */
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /** Replaces the open database with a restored file (backup.restore); set by the Engine. */
  reopen(fromFile: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
