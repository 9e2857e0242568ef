// The booking engine as a library: opens the database, holds the ports, publishes events and
// sweeps expired holds. Plain Node: it never imports Electron.
import { copyFileSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyEvent, EventName, EventPayload, Mode } from '../../shared/contract';
import { systemClock, type Clock } from './clock';
import { silentLogger, type EngineCtx, type Logger, type ReceiptPrinter } from './context';
import { BoxOfficeError } from '../../shared/contract';
import { checkpointNow, disableAutoCheckpoint, noOtherConnections, openDatabase, type Db } from './db/open';
import { SimulatedTerminal, type PaymentTerminal } from './payments/terminal';
import { sweepExpiredHolds } from './inventory/sweep';
import { recoverTerminalOps, type RecoveryReport } from './payments/intents';
import { OutboxWorker, type OutboxWorkerOptions } from './notify/worker';

export interface EngineOptions {
  /** The SQLite file. */
  file: string;
  clock?: Clock;
  terminal?: PaymentTerminal;
  log?: Logger;
  /** Folder for backups (automatic pre-migration copies too); null disables backups. */
  backupDir?: string | null;
  holdSecondsOverride?: number | null;
  printer?: ReceiptPrinter | null;
  /** 'server' when the host serves paired counters on the LAN (default 'standalone'). */
  mode?: Mode;
  appVersion?: string;
}

export type EventListener = (event: AnyEvent) => void;

export class Engine {
  readonly ctx: EngineCtx;
  private listeners = new Set<EventListener>();
  private sweeper: NodeJS.Timeout | null = null;
  private recoveryTimer: NodeJS.Timeout | null = null;
  private recovering: Promise<RecoveryReport> | null = null;
  private outbox: OutboxWorker | null = null;
  private checkpointer: NodeJS.Timeout | null = null;

  constructor(opts: EngineOptions) {
    const log = opts.log ?? silentLogger;
    const backupDir = opts.backupDir === undefined ? null : opts.backupDir;
    const db = Engine.open(opts.file, backupDir, log);
    this.ctx = {
      db,
      clock: opts.clock ?? systemClock,
      terminal: opts.terminal ?? new SimulatedTerminal(),
      log,
      backupDir,
      dbFile: opts.file,
      holdSecondsOverride: opts.holdSecondsOverride ?? null,
      printer: opts.printer ?? null,
      mode: opts.mode ?? 'standalone',
      appVersion: opts.appVersion ?? '0.0.0',
      fingerprint: null,
      emit: (name, payload) => this.publish(name, payload),
      reopen: (fromFile) => this.reopen(fromFile),
    };
    this.startCheckpoints();
  }

  /**
   * WAL checkpoints between requests instead of inside one (the connection's automatic checkpoint
   * is off, see disableAutoCheckpoint): a passive checkpoint every `intervalMs` while the engine is
   * open. The timer does not keep the process alive.
   */
  private startCheckpoints(intervalMs = 1000): void {
    this.checkpointer = setInterval(() => this.checkpoint(), intervalMs);
    this.checkpointer.unref();
  }

  /** One passive WAL checkpoint now (also what the background timer runs). */
  checkpoint(): { log: number; checkpointed: number } | null {
    if (!this.ctx.db.open) return null;
    try {
      return checkpointNow(this.ctx.db);
    } catch (e) {
      this.ctx.log.warn('WAL checkpoint failed', { error: String(e) });
      return null;
    }
  }

  /** Opens and migrates; an existing database is copied aside before any migration touches it. */
  private static open(file: string, backupDir: string | null, log: Logger): Db {
    const db = openDatabase(file, {
      beforeMigrate: (db, from, to) => {
        if (!backupDir || file === ':memory:') return;
        mkdirSync(backupDir, { recursive: true });
        db.pragma('wal_checkpoint(TRUNCATE)');
        const target = join(backupDir, `pre-migration-v${from}-to-v${to}-${Date.now()}.sqlite`);
        copyFileSync(file, target);
        log.info('database backed up before migration', { from, to, target });
      },
    });
    disableAutoCheckpoint(db);
    return db;
  }

  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private publish<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const event = { name, payload } as AnyEvent;
    for (const l of this.listeners) {
      // A broken listener (a closed SSE stream, a destroyed window) must never break a sale.
      try {
        l(event);
      } catch (e) {
        this.ctx.log.warn('event listener failed', { name, error: String(e) });
      }
    }
  }

  /** Sweeps expired holds now; returns how many holds ended. */
  sweep(): number {
    return sweepExpiredHolds(this.ctx);
  }

  /**
   * Payment recovery (payments/intents.ts): refunds card/UPI/wallet charges whose sale never
   * committed, retries terminal refunds that were not sent, flags charges of unknown outcome. One
   * pass at a time per engine; safe alongside other processes on the same file.
   */
  recover(): Promise<RecoveryReport> {
    if (!this.recovering) {
      this.recovering = recoverTerminalOps(this.ctx).finally(() => {
        this.recovering = null;
      });
    }
    return this.recovering;
  }

  /**
   * Expiry is also checked on every access; the sweeper only makes freed seats show up promptly.
   * The hosts start it once at startup, so it also runs payment recovery: once now (a crash during
   * the last run left its charges and refunds pending) and then every `recoverEveryMs`.
   */
  startSweeper(intervalMs = 2000, recoverEveryMs = 60_000): void {
    this.stopSweeper();
    const recover = () => {
      if (!this.ctx.db.open) return;
      this.recover().catch((e) => this.ctx.log.warn('payment recovery failed', { error: String(e) }));
    };
    recover();
    this.recoveryTimer = setInterval(recover, recoverEveryMs);
    this.recoveryTimer.unref();
    this.sweeper = setInterval(() => {
      try {
        this.sweep();
      } catch (e) {
        this.ctx.log.warn('hold sweep failed', { error: String(e) });
      }
    }, intervalMs);
    this.sweeper.unref();
  }

  /**
   * Delivers email receipts and SMS from the outbox in the background. A sale never waits for it;
   * a notification written while the mail server is down goes out once it is back.
   */
  startOutbox(intervalMs = 5000, opts: OutboxWorkerOptions = {}): OutboxWorker {
    void this.outbox?.stop();
    this.outbox = new OutboxWorker(this.ctx, opts);
    this.outbox.start(intervalMs);
    return this.outbox;
  }

  /** Stops delivering notifications here (another process on this database delivers them). */
  stopOutbox(): void {
    void this.outbox?.stop();
    this.outbox = null;
  }

  stopSweeper(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    if (this.recoveryTimer) clearInterval(this.recoveryTimer);
    this.recoveryTimer = null;
  }

  /**
   * Puts `fromFile` in place of the live database (backup.restore). The copy is made first, with
   * the live file still open, so the moments between "nobody else has it open" and the rename are
   * as short as they can be. Any failure leaves the live database open, as it was.
   */
  private reopen(fromFile: string): void {
    const file = this.ctx.dbFile;
    // Copy beside the live file, then rename over it: a crash mid-copy leaves the old file whole.
    const incoming = `${file}.restoring`;
    copyFileSync(fromFile, incoming);
    this.ctx.db.close();
    try {
      // Another process on this file (a second window, a browser host on the same data folder)
      // would keep writing into the WAL removed below: its writes would be lost, or replayed onto
      // the restored copy.
      if (!noOtherConnections(file)) {
        throw new BoxOfficeError(
          'CONFLICT',
          'Another box office program is using this database (a second window, or a browser host on the same data folder); close it, then restore',
        );
      }
      // Defensive: closing the last connection checkpointed and removed the WAL, but a WAL or
      // shared-memory index left beside the restored copy would be replayed onto it.
      rmSync(`${file}-wal`, { force: true });
      rmSync(`${file}-shm`, { force: true });
      renameSync(incoming, file);
    } catch (e) {
      rmSync(incoming, { force: true });
      throw e;
    } finally {
      this.ctx.db = Engine.open(file, this.ctx.backupDir, this.ctx.log);
    }
  }

  close(): void {
    this.stopSweeper();
    if (this.checkpointer) clearInterval(this.checkpointer);
    this.checkpointer = null;
    void this.outbox?.stop();
    this.outbox = null;
    this.listeners.clear();
    if (this.ctx.db.open) this.ctx.db.close();
  }
}
