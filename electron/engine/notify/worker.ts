// Delivers the outbox in the background. A sale never waits for it: rows are claimed with a
// lease, sent, then marked. Retries back off exponentially up to a cap; after the last attempt, or
// on a permanent refusal, a row is dead (listed for the manager, retried only on demand).
// A row is sent at most once per successful delivery: it is marked 'sent' right after the server
// accepted it. If the process dies in between, the lease runs out and the row is sent again with
// the same Message-ID, which mail systems use to drop the duplicate.
import { stmt } from '../db/stmts';
import type { EngineCtx } from '../context';
import { buildReceipt } from '../receipts/receipts';
import { readNotifyConfig, type StoredNotifyConfig } from './config';
import { DeliveryError, type MailTransport, type SmsGateway } from './ports';
import { renderEmail, renderSms } from './render';
import { createSmtpTransport } from './smtp';
import { createHttpSmsGateway } from './smsHttp';

export interface OutboxWorkerOptions {
  mailFactory?: (cfg: NonNullable<StoredNotifyConfig['smtp']>) => MailTransport;
  smsFactory?: (cfg: NonNullable<StoredNotifyConfig['sms']>) => SmsGateway;
  baseDelayMs?: number;
  maxDelayMs?: number;
  maxAttempts?: number;
  leaseMs?: number;
  batch?: number;
}

interface DueRow { id: number; channel: 'email' | 'sms'; topic: string; booking_id: string | null; recipient: string; attempts: number }

export class OutboxWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private readonly o: Required<OutboxWorkerOptions>;

  constructor(
    private readonly ctx: EngineCtx,
    opts: OutboxWorkerOptions = {},
  ) {
    this.o = {
      mailFactory: opts.mailFactory ?? ((cfg) => createSmtpTransport(cfg)),
      smsFactory: opts.smsFactory ?? ((cfg) => createHttpSmsGateway(cfg.url, cfg.token)),
      baseDelayMs: opts.baseDelayMs ?? 30_000,
      maxDelayMs: opts.maxDelayMs ?? 3_600_000,
      maxAttempts: opts.maxAttempts ?? 8,
      leaseMs: opts.leaseMs ?? 120_000,
      batch: opts.batch ?? 20,
    };
  }

  /** Backoff after `attempts` failures: base x 2^(attempts-1), capped. */
  delayAfter(attempts: number): number {
    return Math.min(this.o.baseDelayMs * 2 ** Math.max(0, attempts - 1), this.o.maxDelayMs);
  }

  /** Claims due rows (pending and due, or sending with a lapsed lease) in one short transaction. */
  private claim(): DueRow[] {
    const { db, clock } = this.ctx;
    const now = clock.now();
    // A cheap read first: most passes find nothing due, and must not take the write lock (a sale
    // at this or another counter would wait for it) every few seconds for nothing.
    const due = stmt(
      db,
      `SELECT 1 FROM outbox WHERE (status = 'pending' AND next_attempt_at <= @now) OR (status = 'sending' AND lease_until <= @now) LIMIT 1`,
    ).get({ now });
    if (!due) return [];
    return db.transaction(() => {
      const rows = db
        .prepare(
          `SELECT id, channel, topic, booking_id, recipient, attempts FROM outbox
           WHERE (status = 'pending' AND next_attempt_at <= @now) OR (status = 'sending' AND lease_until <= @now)
           ORDER BY next_attempt_at, id LIMIT @batch`,
        )
        .all({ now, batch: this.o.batch }) as DueRow[];
      const lease = db.prepare("UPDATE outbox SET status = 'sending', lease_until = ? WHERE id = ?");
      for (const r of rows) lease.run(now + this.o.leaseMs, r.id);
      return rows;
    }).immediate();
  }

  /** One pass over what is due; resolves when every claimed row is settled. */
  async runOnce(): Promise<{ sent: number; retried: number; dead: number; waiting: number }> {
    if (this.running) await this.running;
    const pass = this.pass();
    this.running = pass;
    try {
      return await pass;
    } finally {
      this.running = null;
    }
  }

  private async pass() {
    const tally = { sent: 0, retried: 0, dead: 0, waiting: 0 };
    const rows = this.claim();
    if (rows.length === 0) return tally;
    const cfg = readNotifyConfig(this.ctx);
    let mail: MailTransport | null = null;
    try {
      for (const row of rows) {
        if (row.channel === 'email' && !cfg.smtp) { this.wait(row, 'No SMTP server configured'); tally.waiting++; continue; }
        if (row.channel === 'sms' && !cfg.sms) { this.wait(row, 'No SMS gateway configured'); tally.waiting++; continue; }
        try {
          if (!row.booking_id) throw new DeliveryError('Notification without a booking', true);
          const receipt = buildReceipt(this.ctx, row.booking_id);
          if (row.channel === 'email') {
            mail ??= this.o.mailFactory(cfg.smtp!);
            const e = await renderEmail(receipt, row.topic);
            await mail.send({ to: row.recipient, from: cfg.smtp!.from, subject: e.subject, text: e.text, html: e.html, attachments: e.attachments, messageId: `<outbox-${row.id}-${row.booking_id}@boxoffice.local>` });
          } else {
            await this.o.smsFactory(cfg.sms!).send(row.recipient, renderSms(receipt, row.topic), `outbox-${row.id}`);
          }
          this.settle(row.id, 'sent', row.attempts + 1, null);
          tally.sent++;
        } catch (e) {
          const permanent = e instanceof DeliveryError ? e.permanent : false;
          const attempts = row.attempts + 1;
          const dead = permanent || attempts >= this.o.maxAttempts;
          this.settle(row.id, dead ? 'dead' : 'pending', attempts, (e as Error).message.slice(0, 500));
          if (dead) tally.dead++;
          else tally.retried++;
        }
      }
    } finally {
      mail?.close?.();
    }
    return tally;
  }

  /** Not configured: leave the row pending (listed, never dropped) and look again later. */
  private wait(row: DueRow, why: string): void {
    const now = this.ctx.clock.now();
    this.ctx.db
      .prepare("UPDATE outbox SET status = 'pending', lease_until = NULL, last_error = ?, next_attempt_at = ? WHERE id = ?")
      .run(why, now + this.o.maxDelayMs, row.id);
  }

  private settle(id: number, status: 'sent' | 'pending' | 'dead', attempts: number, error: string | null): void {
    const now = this.ctx.clock.now();
    this.ctx.db
      .prepare(
        `UPDATE outbox SET status = @status, attempts = @attempts, last_error = @error, lease_until = NULL,
           sent_at = CASE WHEN @status = 'sent' THEN @now ELSE sent_at END,
           next_attempt_at = CASE WHEN @status = 'pending' THEN @next ELSE next_attempt_at END
         WHERE id = @id`,
      )
      .run({ id, status, attempts, error, now, next: now + this.delayAfter(attempts) });
    this.ctx.emit('notifications.changed', { id: String(id), status });
  }

  start(intervalMs = 5000): void {
    this.stop();
    this.timer = setInterval(() => {
      this.runOnce().catch((e) => this.ctx.log.warn('outbox pass failed', { error: String(e) }));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.running) await this.running.catch(() => undefined);
  }
}
