// SMS through the HTTP gateway port, against a real loopback HTTP server.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboxWorker } from '../../electron/engine/notify/worker';
import { makeHarness, type Harness } from '../support/engineHarness';
import { seedBasics, seedShow, seatId, TOKENS } from '../support/fixtures';

interface Got { auth: string | undefined; key: string | undefined; body: { to: string; text: string } }
let h: Harness | null = null;
let server: Server | null = null;
afterEach(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = null;
  h?.close();
  h = null;
});

async function gateway(status: number): Promise<{ url: string; got: Got[] }> {
  const got: Got[] = [];
  server = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      got.push({ auth: req.headers.authorization, key: req.headers['idempotency-key'] as string | undefined, body: JSON.parse(raw) });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/send?api_key=abc`, got };
}

async function saleWithPhone(x: Harness): Promise<string> {
  const hold = await x.ok('seats.hold', { showId: 'show_1', seatIds: [seatId('E', 7)] }, TOKENS.cashier);
  const tickets = [{ seatId: seatId('E', 7), ticketType: 'adult' }];
  const q = await x.ok('pricing.quote', { showId: 'show_1', tickets }, TOKENS.cashier);
  const b = await x.ok('bookings.confirm', { holdId: hold.id, tickets, payments: [{ method: 'cash', amount: q.total, tendered: q.total }], customer: { phone: '+1 212 555 0100' }, idempotencyKey: 'sms-sale-1' }, TOKENS.cashier);
  return b.code;
}

function setup(): Harness {
  const x = makeHarness();
  seedBasics(x.engine.ctx.db, { now: x.clock.now() });
  seedShow(x.engine.ctx.db, { id: 'show_1', startsAt: '2026-11-24T00:00:00.000Z', now: x.clock.now() });
  return x;
}

describe('SMS through the HTTP gateway', () => {
  it('posts the ticket text with the token, once, and hides the token and URL secrets from managers', async () => {
    h = setup();
    const gw = await gateway(200);
    await h.ok('notifications.saveConfig', { sms: { url: gw.url, token: 'sms-token' } }, TOKENS.manager);
    const code = await saleWithPhone(h);
    const w = new OutboxWorker(h.engine.ctx);
    expect((await w.runOnce()).sent).toBe(1);
    await w.runOnce();
    expect(gw.got).toHaveLength(1);
    expect(gw.got[0]!.auth).toBe('Bearer sms-token');
    expect(gw.got[0]!.key).toMatch(/^outbox-\d+$/);
    expect(gw.got[0]!.body.to).toBe('+1 212 555 0100');
    expect(gw.got[0]!.body.text).toContain(code);
    expect(gw.got[0]!.body.text).toContain('Inception');
    const cfg = await h.ok('notifications.getConfig', {}, TOKENS.manager);
    expect(cfg.sms).toEqual({ url: expect.stringContaining('api_key=***'), tokenSet: true });
    expect(JSON.stringify(await h.ok('audit.list', {}, TOKENS.manager))).not.toMatch(/sms-token|api_key=abc/);
  });

  it('retries a gateway that answers 503 and gives up at once on 400', async () => {
    h = setup();
    let gw = await gateway(503);
    await h.ok('notifications.saveConfig', { sms: { url: gw.url } }, TOKENS.manager);
    await saleWithPhone(h);
    const w = new OutboxWorker(h.engine.ctx, { baseDelayMs: 1000 });
    expect((await w.runOnce()).retried).toBe(1);
    await new Promise<void>((r) => server!.close(() => r()));
    gw = await gateway(400);
    await h.ok('notifications.saveConfig', { sms: { url: gw.url } }, TOKENS.manager);
    h.clock.advance(1000);
    expect((await w.runOnce()).dead).toBe(1);
    const [row] = await h.ok('notifications.list', { status: 'dead' }, TOKENS.manager);
    expect(row).toMatchObject({ channel: 'sms', attempts: 2, lastError: expect.stringContaining('400') });
  });
});
