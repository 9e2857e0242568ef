// The outbox against a real SMTP server on loopback: receipts arrive, a down server never slows a
// sale, a permanent refusal ends dead, a restart mid-retry sends once, a failed sale queues nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../electron/engine/engine';
import { createRouter } from '../../electron/engine/router';
import { OutboxWorker } from '../../electron/engine/notify/worker';
import { makeHarness, type Harness } from '../support/engineHarness';
import { seedBasics, seedShow, seatId, TOKENS } from '../support/fixtures';
import { freePort, startSmtp, type TestSmtp } from './smtpServer';

let h: Harness | null = null;
let smtp: TestSmtp | null = null;
const workers: OutboxWorker[] = [];
afterEach(async () => {
  for (const w of workers.splice(0)) await w.stop();
  await smtp?.close();
  smtp = null;
  h?.close();
  h = null;
});

const SHOW = 'show_evening';

function setup(): Harness {
  const harness = makeHarness();
  seedBasics(harness.engine.ctx.db, { now: harness.clock.now() });
  seedShow(harness.engine.ctx.db, { id: SHOW, startsAt: '2026-11-24T00:00:00.000Z', basePrice: 1000, now: harness.clock.now() });
  return harness;
}

async function configure(x: Harness, port: number) {
  await x.ok('notifications.saveConfig', { smtp: { host: '127.0.0.1', port, secure: false, from: 'tickets@pvr.example' } }, TOKENS.manager);
}

async function sell(x: Harness, seats: string[], payment: { method: string; reference?: string } = { method: 'cash' }, email = 'ann@example.com') {
  const hold = await x.ok('seats.hold', { showId: SHOW, seatIds: seats }, TOKENS.cashier);
  const tickets = seats.map((s) => ({ seatId: s, ticketType: 'adult' }));
  const quote = await x.ok('pricing.quote', { showId: SHOW, tickets }, TOKENS.cashier);
  const pay = payment.method === 'cash' ? { method: 'cash', amount: quote.total, tendered: quote.total } : { ...payment, amount: quote.total };
  return x.call(
    'bookings.confirm',
    { holdId: hold.id, tickets, payments: [pay], customer: { name: 'Ann', email }, idempotencyKey: `key-${seats.join('-')}-${payment.method}` },
    TOKENS.cashier,
  );
}

function worker(x: Harness): OutboxWorker {
  const w = new OutboxWorker(x.engine.ctx, { baseDelayMs: 60_000, maxAttempts: 4 });
  workers.push(w);
  return w;
}

const rows = (x: Harness) => x.engine.ctx.db.prepare('SELECT status, attempts, recipient FROM outbox ORDER BY id').all() as { status: string; attempts: number; recipient: string }[];

describe('email receipts through the outbox', () => {
  it('delivers a sale receipt with the booking code to a real SMTP server', async () => {
    h = setup();
    smtp = await startSmtp();
    await configure(h, smtp.port);
    const sale = await sell(h, [seatId('E', 4), seatId('E', 5)]);
    expect(sale.ok).toBe(true);
    if (!sale.ok) return;
    const r = await worker(h).runOnce();
    expect(r.sent).toBe(1);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.to).toEqual(['ann@example.com']);
    expect(smtp.received[0]!.raw).toContain(sale.data.code);
    expect(smtp.received[0]!.raw).toContain('Inception');
    expect(rows(h)).toEqual([{ status: 'sent', attempts: 1, recipient: 'ann@example.com' }]);
    // A second pass sends nothing again.
    await worker(h).runOnce();
    expect(smtp.received).toHaveLength(1);
  });

  it('sells at once while the server is down, and delivers once it is back', async () => {
    h = setup();
    const port = await freePort();
    await configure(h, port);
    const sale = await sell(h, [seatId('F', 1)]);
    expect(sale.ok).toBe(true);
    const w = worker(h);
    const first = await w.runOnce();
    expect(first.retried).toBe(1);
    expect(rows(h)[0]).toMatchObject({ status: 'pending', attempts: 1 });
    smtp = await startSmtp({ port });
    // Not due yet: the backoff is respected.
    expect((await w.runOnce()).sent).toBe(0);
    h.clock.advance(60_000);
    expect((await w.runOnce()).sent).toBe(1);
    expect(smtp.received).toHaveLength(1);
  });

  it('ends a permanently refused message in the dead-letter state, retried only on demand', async () => {
    h = setup();
    smtp = await startSmtp({ rejectRecipients: true });
    await configure(h, smtp.port);
    expect((await sell(h, [seatId('F', 2)])).ok).toBe(true);
    const r = await worker(h).runOnce();
    expect(r.dead).toBe(1);
    expect(rows(h)[0]).toMatchObject({ status: 'dead', attempts: 1 });
    const listed = await h.ok('notifications.list', { status: 'dead' }, TOKENS.manager);
    expect(listed).toHaveLength(1);
    expect(listed[0]!.lastError).toMatch(/550/);
    const retry = await h.ok('notifications.retry', { id: listed[0]!.id }, TOKENS.manager);
    expect(retry.scheduled).toBe(1);
    expect(rows(h)[0]).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('gives up after the last attempt with backoff between tries', async () => {
    h = setup();
    const port = await freePort();
    await configure(h, port);
    await sell(h, [seatId('F', 3)]);
    const w = worker(h);
    for (let i = 0; i < 4; i++) {
      await w.runOnce();
      h.clock.advance(60 * 60_000);
    }
    expect(rows(h)[0]).toMatchObject({ status: 'dead', attempts: 4 });
    expect(w.delayAfter(1)).toBe(60_000);
    expect(w.delayAfter(2)).toBe(120_000);
    expect(w.delayAfter(30)).toBe(3_600_000);
  });

  it('sends each message exactly once across an engine restart in the middle of retrying', async () => {
    h = setup();
    const port = await freePort();
    await configure(h, port);
    await sell(h, [seatId('E', 1)]);
    await sell(h, [seatId('E', 2)], { method: 'cash' }, 'bob@example.com');
    expect((await worker(h).runOnce()).retried).toBe(2);
    await workers.pop()!.stop();
    // Restart: a new engine (new connection) on the same file, with the clock where it was.
    h.engine.close();
    const engine2 = new Engine({ file: h.file, clock: h.clock, terminal: h.terminal });
    smtp = await startSmtp({ port });
    h.clock.advance(60_000);
    const w2 = new OutboxWorker(engine2.ctx, { baseDelayMs: 60_000 });
    workers.push(w2);
    const a = w2.runOnce();
    const b = w2.runOnce(); // overlapping passes must not double-send
    await Promise.all([a, b]);
    await w2.runOnce();
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['ann@example.com', 'bob@example.com']);
    const after = engine2.ctx.db.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'sent'").get() as { n: number };
    expect(after.n).toBe(2);
    engine2.close();
    // Let the harness close cleanly on a fresh engine handle.
    h.engine = new Engine({ file: h.file, clock: h.clock });
    h.router = createRouter(h.engine);
  });

  it('writes no notification for a sale that fails', async () => {
    h = setup();
    smtp = await startSmtp();
    await configure(h, smtp.port);
    const declined = await sell(h, [seatId('D', 1)], { method: 'card', reference: 'DECLINE' });
    expect(declined.ok).toBe(false);
    if (!declined.ok) expect(declined.error.code).toBe('PAYMENT_DECLINED');
    expect(rows(h)).toEqual([]);
    expect((await worker(h).runOnce()).sent).toBe(0);
    expect(smtp.received).toHaveLength(0);
  });

  it('keeps SMS unsent and listed when no gateway is configured', async () => {
    h = setup();
    const hold = await h.ok('seats.hold', { showId: SHOW, seatIds: [seatId('C', 1)] }, TOKENS.cashier);
    const tickets = [{ seatId: seatId('C', 1), ticketType: 'adult' }];
    const q = await h.ok('pricing.quote', { showId: SHOW, tickets }, TOKENS.cashier);
    await h.ok('bookings.confirm', { holdId: hold.id, tickets, payments: [{ method: 'cash', amount: q.total, tendered: q.total }], customer: { phone: '+1 212 555 0100' }, idempotencyKey: 'sms-key-1' }, TOKENS.cashier);
    const r = await worker(h).runOnce();
    expect(r.waiting).toBe(1);
    const listed = await h.ok('notifications.list', {}, TOKENS.manager);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ channel: 'sms', status: 'pending', lastError: 'No SMS gateway configured' });
  });

  it('resends a receipt on demand and keeps the SMTP password out of every response', async () => {
    h = setup();
    smtp = await startSmtp();
    await h.ok('notifications.saveConfig', { smtp: { host: '127.0.0.1', port: smtp.port, secure: false, user: 'box', password: 's3cret', from: 'tickets@pvr.example' } }, TOKENS.manager);
    const cfg = await h.ok('notifications.getConfig', {}, TOKENS.manager);
    expect(JSON.stringify(cfg)).not.toContain('s3cret');
    expect(cfg.smtp?.passwordSet).toBe(true);
    // Keep the password when it is omitted.
    await h.ok('notifications.saveConfig', { smtp: { host: '127.0.0.1', port: smtp.port, secure: false, user: 'box', from: 'tickets@pvr.example' } }, TOKENS.manager);
    expect((await h.ok('notifications.getConfig', {}, TOKENS.manager)).smtp?.passwordSet).toBe(true);
    const audit = await h.ok('audit.list', {}, TOKENS.manager);
    expect(JSON.stringify(audit)).not.toContain('s3cret');
    // No password: smtp-server here needs no auth; clear it to send.
    await h.ok('notifications.saveConfig', { smtp: { host: '127.0.0.1', port: smtp.port, secure: false, password: '', from: 'tickets@pvr.example' } }, TOKENS.manager);
    const sale = await sell(h, [seatId('B', 5)]);
    expect(sale.ok).toBe(true);
    if (!sale.ok) return;
    const again = await h.ok('bookings.resendReceipt', { bookingId: sale.data.id, email: 'other@example.com' }, TOKENS.cashier);
    expect(again.queued).toBe(1);
    expect((await worker(h).runOnce()).sent).toBe(2);
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['ann@example.com', 'other@example.com']);
    expect(smtp.received.every((m) => m.raw.includes(sale.data.code))).toBe(true);
  });

  it('queues a notice with a cancellation and with a show cancellation, in their transactions', async () => {
    h = setup();
    const sale = await sell(h, [seatId('A', 1)]);
    const sale2 = await sell(h, [seatId('A', 2)], { method: 'cash' }, 'bob@example.com');
    if (!sale.ok || !sale2.ok) throw new Error('sale failed');
    await h.ok('bookings.cancel', { id: sale.data.id, reason: 'changed plans' }, TOKENS.cashier);
    await h.ok('shows.cancel', { id: SHOW, reason: 'projector broken' }, TOKENS.manager);
    const topics = h.engine.ctx.db.prepare('SELECT topic, recipient FROM outbox ORDER BY id').all();
    expect(topics).toEqual([
      { topic: 'booking.confirmed', recipient: 'ann@example.com' },
      { topic: 'booking.confirmed', recipient: 'bob@example.com' },
      { topic: 'booking.cancelled', recipient: 'ann@example.com' },
      { topic: 'show.cancelled', recipient: 'bob@example.com' },
    ]);
    // A refused cancellation (already cancelled) queues nothing more.
    expect((await h.err('bookings.cancel', { id: sale.data.id, reason: 'again' }, TOKENS.cashier)).code).toBe('CONFLICT');
    expect((h.engine.ctx.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n).toBe(4);
  });

  it('retries every waiting or dead notification at once, and only for a manager', async () => {
    h = setup();
    const port = await freePort();
    await configure(h, port);
    await sell(h, [seatId('B', 1)]);
    await sell(h, [seatId('B', 2)], { method: 'cash' }, 'bob@example.com');
    h.engine.ctx.db.prepare("UPDATE outbox SET status = 'dead', attempts = 4 WHERE recipient = 'bob@example.com'").run();
    h.engine.ctx.db.prepare("UPDATE outbox SET next_attempt_at = next_attempt_at + 3600000").run();
    expect((await h.err('notifications.retry', {}, TOKENS.cashier)).code).toBe('FORBIDDEN');
    expect((await h.err('notifications.retry', { id: '99999' }, TOKENS.manager)).code).toBe('NOT_FOUND');
    expect(await h.ok('notifications.retry', {}, TOKENS.manager)).toEqual({ scheduled: 2 });
    expect(rows(h).map((r) => [r.status, r.attempts])).toEqual([['pending', 0], ['pending', 0]]);
    const due = h.engine.ctx.db.prepare('SELECT count(*) AS n FROM outbox WHERE next_attempt_at <= ?').get(h.clock.now()) as { n: number };
    expect(due.n).toBe(2);
  });

  it('checks roles and input on the notification channels', async () => {
    h = setup();
    expect((await h.err('notifications.getConfig', {}, TOKENS.cashier)).code).toBe('FORBIDDEN');
    expect((await h.err('notifications.list', {})).code).toBe('UNAUTHENTICATED');
    expect((await h.err('notifications.saveConfig', { smtp: { host: 'x', port: 0, secure: false, from: 'a@b.c' } }, TOKENS.manager)).code).toBe('VALIDATION');
    expect((await h.err('notifications.test', { to: 'ann@example.com' }, TOKENS.manager)).code).toBe('CONFLICT');
    expect((await h.err('bookings.resendReceipt', { bookingId: 'nope' }, TOKENS.cashier)).code).toBe('NOT_FOUND');
  });

  it('sends a test email and reports a refusal as DELIVERY_FAILED', async () => {
    h = setup();
    smtp = await startSmtp();
    await configure(h, smtp.port);
    expect(await h.ok('notifications.test', { to: 'manager@example.com' }, TOKENS.manager)).toEqual({ sent: true });
    expect(smtp.received).toHaveLength(1);
    await smtp.close();
    smtp = await startSmtp({ rejectRecipients: true });
    await configure(h, smtp.port);
    expect((await h.err('notifications.test', { to: 'manager@example.com' }, TOKENS.manager)).code).toBe('DELIVERY_FAILED');
  });
});
