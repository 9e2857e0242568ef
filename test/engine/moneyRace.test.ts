// Several OS processes, each with its own Engine and SQLite connection on one database file, sell
// at the same time with one promo code (maxUses 7) or one gift voucher (balance for 10 tickets).
// Afterwards: exactly as many sales as the limit or the balance allows, the promo's uses and the
// voucher's balance agree with the sales, and every other attempt was refused with the right code.
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MONDAY_10AM, makeHarness, type Harness } from '../support/engineHarness';
import { forkWorker, stopWorkers } from '../support/workerProcess';
import { tokenHash } from '../../electron/engine/staff/sessions';
import { T, TOKENS, seatId, seedBasics, seedShow } from '../support/fixtures';
import type { MoneyRacerArgs, MoneyRacerReport } from './workers/moneyRacer';

const WORKERS = 5;
const SHOW = 'show_1';
let h: Harness | undefined;
const children: ChildProcess[] = [];
afterEach(() => {
  stopWorkers(children);
  h?.close();
  h = undefined;
});

function start(args: MoneyRacerArgs) {
  return forkWorker<MoneyRacerReport>(join(__dirname, 'workers', 'moneyRacer.ts'), args, children);
}

/**
 * Five processes, four regular seats each (rows E and F: 1000 each). `prepare` makes the promo or
 * voucher through the router before the processes start, and says what they use.
 */
async function race(prepare: (h: Harness) => Promise<Partial<MoneyRacerArgs>>): Promise<MoneyRacerReport[]> {
  h = makeHarness();
  const db = h.engine.ctx.db;
  seedBasics(db, { now: MONDAY_10AM });
  seedShow(db, { id: SHOW, startsAt: '2026-11-24T00:00:00.000Z', now: MONDAY_10AM });
  const extra = await prepare(h);
  const seats = ['E', 'F'].flatMap((r) => Array.from({ length: 10 }, (_, i) => seatId(r, i + 1)));
  const tokens = Array.from({ length: WORKERS }, (_, i) => `tok-money-${i}`);
  tokens.forEach((t, i) => db.prepare('INSERT INTO sessions (token_hash, staff_id, created_at, last_seen) VALUES (?, ?, ?, ?)').run(tokenHash(t), i % 2 ? T.cashier2 : T.cashier, MONDAY_10AM, MONDAY_10AM));
  const workers = tokens.map((token, i) => start({ file: h!.file, token, showId: SHOW, seats: seats.slice(i * 4, i * 4 + 4), now: MONDAY_10AM + 1000, ...extra }));
  await Promise.all(workers.map((w) => w.ready));
  for (const w of workers) w.child.send('go');
  return Promise.all(workers.map((w) => w.report));
}

const n = (sql: string, ...params: unknown[]) => (h!.engine.ctx.db.prepare(sql).get(...params) as { n: number }).n;

describe('money under concurrent sales from several processes', () => {
  it('never uses a promo code more than maxUses times', async () => {
    const reports = await race(async (hh) => {
      await hh.ok('promos.save', { code: 'RACE', kind: 'amount', value: 100, maxUses: 7, active: true }, TOKENS.manager);
      return { promoCode: 'RACE' };
    });
    const sold = reports.flatMap((r) => r.sold);
    expect(sold).toHaveLength(7);
    expect(sold.every((s) => s.total === 900)).toBe(true);
    const failures = reports.reduce<Record<string, number>>((acc, r) => {
      for (const [k, v] of Object.entries(r.failures)) acc[k] = (acc[k] ?? 0) + v;
      return acc;
    }, {});
    expect(failures).toEqual({ 'PROMO_INVALID:used_up': 13 });
    expect(n("SELECT uses AS n FROM promos WHERE code = 'RACE'")).toBe(7);
    expect(n("SELECT count(*) AS n FROM bookings WHERE promo_id = (SELECT id FROM promos WHERE code = 'RACE')")).toBe(7);
    // The refused sales kept nothing: no ticket without its booking, no hold left behind.
    expect(n('SELECT count(*) AS n FROM tickets')).toBe(7);
    expect(n('SELECT count(*) AS n FROM holds')).toBe(0);
  }, 60_000);

  it('never spends more than a gift voucher holds', async () => {
    let code = '';
    const reports = await race(async (hh) => {
      const v = await hh.ok('vouchers.sell', { amount: 10_000, payments: [{ method: 'cash', amount: 10_000 }], idempotencyKey: 'race-voucher-1' }, TOKENS.cashier);
      code = v.voucher.code;
      return { voucherCode: code };
    });
    const sold = reports.flatMap((r) => r.sold);
    expect(sold).toHaveLength(10);
    const failures = reports.reduce<Record<string, number>>((acc, r) => {
      for (const [k, v] of Object.entries(r.failures)) acc[k] = (acc[k] ?? 0) + v;
      return acc;
    }, {});
    expect(failures).toEqual({ 'PAYMENT_DECLINED:balance': 10 });
    expect(n('SELECT balance AS n FROM vouchers WHERE code = ?', code)).toBe(0);
    expect(n("SELECT COALESCE(SUM(amount), 0) AS n FROM payments WHERE method = 'voucher' AND kind = 'charge'")).toBe(10_000);
    expect(n('SELECT count(*) AS n FROM tickets')).toBe(10);
  }, 60_000);
});
