// Payment intents and recovery (payments/intents.ts): nothing is charged or refunded through the
// terminal without a durable terminal_ops row first, and a crash anywhere between the terminal and
// the database is repaired by Engine.recover(). Real SQLite files; "a restart" is a new Engine on
// the same file, sharing the terminal (the terminal's own ledger is what survives a crash).
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../electron/engine/engine';
import { SimulatedTerminal, type ChargeRequest, type ChargeResult, type PaymentTerminal } from '../../electron/engine/payments/terminal';
import { beginCharge, CHARGE_GRACE_MS, LEASE_MS, MAX_ATTEMPTS, recordChargeTxn, RETRY_MS, type OpRow } from '../../electron/engine/payments/intents';
import { cancelBookingInTx } from '../../electron/engine/bookings/refund';
import type { Actor } from '../../electron/engine/context';
import { makeHarness, type Harness } from '../support/engineHarness';
import { seedBasics, seedShow } from '../support/fixtures';
import { holdSql, key, MONDAY_10AM, seat, sell, SHOW, TOKENS } from './bookingSupport';
import { tokenHash } from '../../electron/engine/staff/sessions';

/** The simulated terminal, with switches to refuse, hang or slow down its calls. */
class TestTerminal implements PaymentTerminal {
  readonly sim = new SimulatedTerminal();
  refuseRefunds = false;
  hangRefunds = false;
  refundDelayMs = 0;
  refundCalls = 0;
  afterCharge: (() => void) | null = null;
  async charge(req: ChargeRequest): Promise<ChargeResult> {
    const r = await this.sim.charge(req);
    this.afterCharge?.();
    return r;
  }
  async refund(txn: string, amount: number): Promise<{ refunded: boolean }> {
    this.refundCalls += 1;
    if (this.hangRefunds) return new Promise(() => {});
    if (this.refundDelayMs) await new Promise((r) => setTimeout(r, this.refundDelayMs));
    if (this.refuseRefunds) return { refunded: false };
    return this.sim.refund(txn, amount);
  }
  outstanding(): number {
    return this.sim.outstanding();
  }
}

let h: Harness | undefined;
const extra: Engine[] = [];
afterEach(() => {
  for (const e of extra.splice(0)) e.close();
  h?.close();
  h = undefined;
});

const CASHIER: Actor = { staffId: 'st_cashier', name: 'Cashier', role: 'cashier', session: tokenHash(TOKENS.cashier) };

function setup(): { h: Harness; t: TestTerminal } {
  const t = new TestTerminal();
  h = makeHarness({ terminal: t as unknown as SimulatedTerminal });
  seedBasics(h.engine.ctx.db, { now: MONDAY_10AM });
  seedShow(h.engine.ctx.db, { id: SHOW, startsAt: '2026-11-24T00:00:00.000Z', basePrice: 1000, now: MONDAY_10AM });
  return { h, t };
}

/** The same database opened by a new process after a crash. */
function restart(hh: Harness, t: PaymentTerminal): Engine {
  const e = new Engine({ file: hh.file, clock: hh.clock, terminal: t });
  extra.push(e);
  return e;
}

const ops = (hh: Harness) => hh.engine.ctx.db.prepare('SELECT * FROM terminal_ops ORDER BY created_at, rowid').all() as OpRow[];
const audits = (hh: Harness, action: string) =>
  hh.engine.ctx.db.prepare('SELECT entity_id, details FROM audit WHERE action = ?').all(action) as { entity_id: string | null; details: string }[];

/** A charge the terminal approved, on file, whose sale never committed (the process died). */
async function orphanCharge(hh: Harness, t: TestTerminal, amount = 1000, withTxn = true): Promise<string> {
  const k = key();
  const opId = beginCharge(hh.engine.ctx, { idempotencyKey: k, index: 0, method: 'card', amount, currency: 'USD', staffId: 'st_cashier', owner: 'lease_dead' });
  if (withTxn) {
    const r = await t.charge({ method: 'card', amount, currency: 'USD', idempotencyKey: `${k}:0` });
    if (!r.approved) throw new Error('expected approval');
    recordChargeTxn(hh.engine.ctx, opId, 'lease_dead', r.transactionId);
  }
  return opId;
}

describe('payment intents', () => {
  it('a committed sale has its charge on file as done, linked to the booking', async () => {
    const { h, t } = setup();
    const b = await sell(h, [seat('E', 1)], { method: 'card' });
    const [op] = ops(h);
    const pay = h.engine.ctx.db.prepare("SELECT terminal_txn FROM payments WHERE booking_id = ?").get(b.id) as { terminal_txn: string };
    expect(op).toMatchObject({ kind: 'charge', status: 'done', booking_id: b.id, method: 'card', amount: 1000, terminal_txn: pay.terminal_txn, lease_owner: null });
    h.clock.advance(CHARGE_GRACE_MS + LEASE_MS);
    expect(await h.engine.recover()).toMatchObject({ done: 0, compensated: 0, unknown: 0 });
    expect(t.outstanding()).toBe(1000);
    expect(ops(h)[0]!.status).toBe('done');
  });

  it('a declined payment leaves its charge failed and a good one of the same attempt compensated', async () => {
    const { h, t } = setup();
    const holdId = holdSql(h, SHOW, [seat('E', 1)]);
    const e = await h.err('bookings.confirm', {
      holdId, tickets: [{ seatId: seat('E', 1), ticketType: 'adult' }],
      payments: [{ method: 'upi', amount: 400 }, { method: 'card', amount: 600, reference: 'DECLINE' }], idempotencyKey: key(),
    }, TOKENS.cashier);
    expect(e.code).toBe('PAYMENT_DECLINED');
    expect(ops(h).map((o) => [o.method, o.status])).toEqual([['upi', 'compensated'], ['card', 'failed']]);
    expect(ops(h)[1]!.last_error).toMatch(/Declined/);
    expect(t.outstanding()).toBe(0);
  });

  it('refunds, after a restart, a charge the terminal approved whose sale never committed', async () => {
    const { h, t } = setup();
    const opId = await orphanCharge(h, t);
    expect(t.outstanding()).toBe(1000);
    const e2 = restart(h, t);
    // Within the grace period the charge may still be on its way to a sale: left alone.
    expect(await e2.recover()).toMatchObject({ compensated: 0 });
    h.clock.advance(CHARGE_GRACE_MS);
    expect(await e2.recover()).toMatchObject({ compensated: 1 });
    expect(t.outstanding()).toBe(0);
    expect(ops(h)).toEqual([expect.objectContaining({ id: opId, status: 'compensated', attempts: 1, lease_owner: null })]);
    expect(audits(h, 'payment.recovered_refund')).toHaveLength(1);
    expect(JSON.parse(audits(h, 'payment.recovered_refund')[0]!.details)).toMatchObject({ opId, method: 'card', amount: 1000 });
    // Nothing more to do, ever.
    h.clock.advance(10 * LEASE_MS);
    expect(await e2.recover()).toMatchObject({ compensated: 0, refunded: 0, failed: 0 });
    expect(t.refundCalls).toBe(1);
  });

  it('a sale that dies while compensating (hold expired during the charge) is refunded by recovery', async () => {
    const { h, t } = setup();
    const holdId = holdSql(h, SHOW, [seat('E', 1)]);
    t.afterCharge = () => h!.clock.advance(600_001); // the hold expires while the card is charged
    t.hangRefunds = true; // ...and the process dies during the compensating refund
    void h.call('bookings.confirm', {
      holdId, tickets: [{ seatId: seat('E', 1), ticketType: 'adult' }], payments: [{ method: 'card', amount: 1000 }], idempotencyKey: key(),
    }, TOKENS.cashier);
    await new Promise((r) => setTimeout(r, 20));
    expect(ops(h)).toEqual([expect.objectContaining({ status: 'pending' })]);
    expect(ops(h)[0]!.terminal_txn).toMatch(/^sim_/);
    expect(t.outstanding()).toBe(1000);

    t.hangRefunds = false;
    const e2 = restart(h, t);
    h.clock.advance(LEASE_MS);
    expect(await e2.recover()).toMatchObject({ compensated: 1 });
    expect(t.outstanding()).toBe(0);
    expect(ops(h)[0]!.status).toBe('compensated');
    expect(h.engine.ctx.db.prepare('SELECT COUNT(*) AS n FROM bookings').get()).toEqual({ n: 0 });
  });

  it('a charge with no recorded answer (died during the charge call) ends unknown, audited for a manager', async () => {
    const { h, t } = setup();
    const opId = await orphanCharge(h, t, 1000, false);
    const e2 = restart(h, t);
    h.clock.advance(CHARGE_GRACE_MS);
    expect(await e2.recover()).toMatchObject({ unknown: 1, compensated: 0 });
    expect(ops(h)[0]).toMatchObject({ id: opId, status: 'unknown' });
    expect(ops(h)[0]!.last_error).toMatch(/check the terminal/);
    expect(audits(h, 'payment.unknown')).toHaveLength(1);
    expect(t.refundCalls).toBe(0);
  });

  it('a pending charge whose sale did commit is marked done, not refunded', async () => {
    const { h, t } = setup();
    const b = await sell(h, [seat('E', 1)], { method: 'card' });
    // As if the commit's marking had been lost: the row is pending again, with an expired lease.
    h.engine.ctx.db.prepare("UPDATE terminal_ops SET status = 'pending', booking_id = NULL, lease_owner = 'x', lease_until = 0").run();
    expect(await h.engine.recover()).toMatchObject({ done: 1, compensated: 0 });
    expect(ops(h)[0]).toMatchObject({ status: 'done', booking_id: b.id });
    expect(t.outstanding()).toBe(1000);
    expect(t.refundCalls).toBe(0);
  });

  it('a charge that recovery took over cannot be sold any more', async () => {
    const { h, t } = setup();
    const holdId = holdSql(h, SHOW, [seat('E', 1)], TOKENS.cashier, 3_600_000);
    let recovered: Promise<unknown> | null = null;
    // The terminal takes longer than the grace period; meanwhile another process recovers.
    t.afterCharge = () => {
      h!.clock.advance(CHARGE_GRACE_MS + 1);
      recovered = restart(h!, t).recover();
    };
    const orig = t.sim.charge.bind(t.sim);
    let txn = '';
    t.sim.charge = async (req) => {
      const r = await orig(req);
      if (r.approved) {
        txn = r.transactionId;
        // The row carries the transaction before recovery looks (recorded by a first, slow answer).
        h!.engine.ctx.db.prepare('UPDATE terminal_ops SET terminal_txn = ?').run(txn);
      }
      return r;
    };
    const e = await h.err('bookings.confirm', {
      holdId, tickets: [{ seatId: seat('E', 1), ticketType: 'adult' }], payments: [{ method: 'card', amount: 1000 }], idempotencyKey: key(),
    }, TOKENS.cashier);
    await recovered;
    expect(e.code).toBe('CONFLICT');
    expect(h.engine.ctx.db.prepare('SELECT COUNT(*) AS n FROM bookings').get()).toEqual({ n: 0 });
    expect(ops(h)[0]!.status).toBe('compensated');
    expect(t.outstanding()).toBe(0);
    expect(t.refundCalls).toBe(1);
  });
});

describe('refund intents', () => {
  it('a refund the terminal refuses at cancel time stays pending and is retried until it goes through', async () => {
    const { h, t } = setup();
    const b = await sell(h, [seat('E', 1)], { method: 'card' });
    t.refuseRefunds = true;
    const out = await h.ok('bookings.cancel', { id: b.id, reason: 'changed plans' }, TOKENS.cashier);
    expect(out.refund).toMatchObject({ amount: 1000, percent: 100, failed: [{ method: 'card', amount: 1000 }] });
    const refund = () => ops(h!).find((o) => o.kind === 'refund')!;
    expect(refund()).toMatchObject({ status: 'pending', attempts: 1, booking_id: b.id, amount: 1000, lease_owner: null });
    expect(refund().last_error).toMatch(/refused/);

    expect(await h.engine.recover()).toMatchObject({ refunded: 0, retrying: 0 }); // not due yet
    h.clock.advance(RETRY_MS);
    expect(await h.engine.recover()).toMatchObject({ refunded: 0, retrying: 1 });
    expect(refund()).toMatchObject({ status: 'pending', attempts: 2 });

    t.refuseRefunds = false;
    h.clock.advance(RETRY_MS);
    expect(await h.engine.recover()).toMatchObject({ refunded: 1 });
    expect(refund()).toMatchObject({ status: 'done', attempts: 3 });
    expect(t.outstanding()).toBe(0);
    expect(audits(h, 'refund.recovered')).toHaveLength(1);
  });

  it('a refund accepted at cancel time is done at once', async () => {
    const { h, t } = setup();
    const b = await sell(h, [seat('E', 1)], { method: 'card' });
    await h.ok('bookings.cancel', { id: b.id, reason: 'changed plans' }, TOKENS.cashier);
    expect(ops(h).map((o) => [o.kind, o.status])).toEqual([['charge', 'done'], ['refund', 'done']]);
    expect(t.outstanding()).toBe(0);
  });

  it('a cancellation that committed but died before its terminal refund is refunded after a restart', async () => {
    const { h, t } = setup();
    const b = await sell(h, [seat('E', 1)], { method: 'card' });
    const db = h.engine.ctx.db;
    // The cancellation's transaction commits; the process dies before runTerminalRefunds.
    db.transaction(() => cancelBookingInTx(h!.engine.ctx, CASHIER, b.id, 100, 'crash test')).immediate();
    expect(t.outstanding()).toBe(1000);
    const e2 = restart(h, t);
    expect(await e2.recover()).toMatchObject({ refunded: 0 }); // the cancellation's own lease
    h.clock.advance(LEASE_MS);
    expect(await e2.recover()).toMatchObject({ refunded: 1 });
    expect(t.outstanding()).toBe(0);
    expect(ops(h).find((o) => o.kind === 'refund')).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('gives a refund up after the last attempt, audited for a manager', async () => {
    const { h, t } = setup();
    const b = await sell(h, [seat('E', 1)], { method: 'card' });
    t.refuseRefunds = true;
    await h.ok('bookings.cancel', { id: b.id, reason: 'changed plans' }, TOKENS.cashier);
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      h.clock.advance(RETRY_MS);
      await h.engine.recover();
    }
    expect(ops(h).find((o) => o.kind === 'refund')).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    expect(audits(h, 'refund.recovery_failed')).toHaveLength(1);
    expect(t.refundCalls).toBe(MAX_ATTEMPTS);
  });
});

describe('recovery from two processes at once', () => {
  it('refunds an orphaned charge and a pending refund exactly once', async () => {
    const { h, t } = setup();
    await orphanCharge(h, t, 700);
    const b = await sell(h, [seat('E', 1)], { method: 'card' });
    h.engine.ctx.db.transaction(() => cancelBookingInTx(h!.engine.ctx, CASHIER, b.id, 100, 'crash test')).immediate();
    expect(t.outstanding()).toBe(1700);
    t.refundDelayMs = 20; // both passes are in flight at the same time
    const e2 = restart(h, t);
    h.clock.advance(CHARGE_GRACE_MS + LEASE_MS);
    const [r1, r2] = await Promise.all([h.engine.recover(), e2.recover()]);
    expect(r1.compensated + r2.compensated).toBe(1);
    expect(r1.refunded + r2.refunded).toBe(1);
    expect(t.refundCalls).toBe(2);
    expect(t.outstanding()).toBe(0);
    expect(ops(h).map((o) => o.status).sort()).toEqual(['compensated', 'done', 'done']);
    expect(audits(h, 'payment.recovered_refund')).toHaveLength(1);
  });
});
