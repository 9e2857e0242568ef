// Gift vouchers: vouchers.sell (a cashier sells one for cash or card, on their shift, idempotent
// like a sale) and vouchers.get (the balance at the counter). Spending one is a payment method of
// the sale (payments/voucher.ts). The voucher's own payments are payments rows with voucher_id
// and no booking: the drawer count (by shift) includes them, the box-office reports (by booking)
// do not: a voucher is money owed to a customer until it is spent on tickets.
import { stmt } from '../db/stmts';
import { BoxOfficeError, type ChannelOutput, type ParsedInput, type Voucher } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';
import type { Db } from '../db/open';
import { iso } from '../clock';
import { newBookingCode, newId, newTimeId } from '../ids';
import { writeAudit } from '../audit/audit';
import { getSettings } from '../settings/settings';
import { firstTheaterRow } from '../catalog/theaters';
import { openShiftId, requireShiftForCash } from '../bookings/shift';
import { compensate, type Approved } from '../bookings/charge';
import { rememberRequest, requestFingerprint, requireSameRequest } from '../bookings/idempotency';
import { beginCharge, markChargeFailed, markChargesDone, markChargeUnknown, newLeaseOwner, recordChargeTxn } from '../payments/intents';

interface VoucherRow { id: string; code: string; amount: number; balance: number; currency: string; expires_at: number; created_at: number; staff_id: string }

function toVoucher(r: VoucherRow, now: number): Voucher {
  const status = r.balance === 0 ? 'spent' : r.expires_at <= now ? 'expired' : 'active';
  return { id: r.id, code: r.code, amount: r.amount, balance: r.balance, currency: r.currency, expiresAt: iso(r.expires_at), status, soldAt: iso(r.created_at) };
}

function byKey(db: Db, key: string): VoucherRow | undefined {
  return stmt(db, 'SELECT * FROM vouchers WHERE idempotency_key = ?').get(key) as VoucherRow | undefined;
}

/** `months` calendar months after `at` (UTC), the end of the month when the day does not exist. */
export function addMonths(at: number, months: number): number {
  const d = new Date(at);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.getTime();
}

function salePayments(db: Db, voucherId: string): ChannelOutput<'vouchers.sell'>['payments'] {
  const rows = stmt(db, "SELECT method, amount, tendered, change FROM payments WHERE voucher_id = ? AND kind = 'charge' ORDER BY rowid").all(voucherId) as {
    method: 'cash' | 'card'; amount: number; tendered: number | null; change: number | null;
  }[];
  return rows.map((r) => ({ method: r.method, amount: r.amount, ...(r.tendered !== null ? { tendered: r.tendered } : {}), ...(r.change !== null ? { change: r.change } : {}) }));
}

function answer(ctx: EngineCtx, row: VoucherRow): ChannelOutput<'vouchers.sell'> {
  return { voucher: toVoucher(row, ctx.clock.now()), payments: salePayments(ctx.db, row.id) };
}

export async function sellVoucher(ctx: EngineCtx, input: ParsedInput<'vouchers.sell'>, actor: Actor): Promise<ChannelOutput<'vouchers.sell'>> {
  const db = ctx.db;
  // The same key again answers the voucher it sold, only for the very same request (the sale's
  // fingerprint, bookings/idempotency.ts); anything else is IDEMPOTENCY_KEY_REUSED.
  const fingerprint = requestFingerprint(input, actor);
  const replay = (row: VoucherRow) => {
    if (!requireSameRequest(db, 'vouchers.sell', input.idempotencyKey, fingerprint) && (row.staff_id !== actor.staffId || row.amount !== input.amount)) {
      throw new BoxOfficeError('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was used for another voucher sale');
    }
    return answer(ctx, row);
  };
  const existing = byKey(db, input.idempotencyKey);
  if (existing) return replay(existing);

  const paid = input.payments.reduce((s, p) => s + p.amount, 0);
  if (paid !== input.amount) throw new BoxOfficeError('PAYMENT_MISMATCH', `The payments add up to ${paid} but the voucher is ${input.amount}`, { total: input.amount, paid });
  input.payments.forEach((p, i) => {
    if (p.amount === 0) throw new BoxOfficeError('VALIDATION', 'A payment of 0 has nothing to take', [{ path: `payments.${i}.amount`, message: 'must be more than 0', code: 'custom' }]);
    if (p.method !== 'cash' && p.tendered !== undefined) throw new BoxOfficeError('VALIDATION', 'Only a cash payment has a tendered amount', [{ path: `payments.${i}.tendered`, message: 'only for cash', code: 'custom' }]);
    if (p.method === 'cash' && p.tendered !== undefined && p.tendered < p.amount) {
      throw new BoxOfficeError('PAYMENT_MISMATCH', `The cash tendered (${p.tendered}) is less than the cash amount (${p.amount})`, { total: input.amount, paid, payment: i });
    }
  });
  const takesCash = input.payments.some((p) => p.method === 'cash');
  if (takesCash) requireShiftForCash(db, actor.staffId, 'take');
  const theater = firstTheaterRow(db);
  if (!theater) throw new BoxOfficeError('NOT_FOUND', 'No theater has been set up yet');

  // Card through the terminal, on file before the terminal is asked (payments/intents.ts).
  const approved: Approved[] = [];
  const owner = newLeaseOwner();
  for (const [index, p] of input.payments.entries()) {
    if (p.method !== 'card') continue;
    const opId = beginCharge(ctx, { idempotencyKey: input.idempotencyKey, index, method: 'card', amount: p.amount, currency: theater.currency, staffId: actor.staffId, owner });
    let result: Awaited<ReturnType<EngineCtx['terminal']['charge']>>;
    try {
      result = await ctx.terminal.charge({
        method: 'card', amount: p.amount, currency: theater.currency, idempotencyKey: `${input.idempotencyKey}:${index}`,
        ...(p.reference !== undefined ? { reference: p.reference } : {}),
      });
    } catch (e) {
      markChargeUnknown(ctx, actor, opId, `the terminal failed: ${String(e)}`);
      result = { approved: false, reason: 'The payment terminal did not answer' };
    }
    if (!result.approved) {
      markChargeFailed(ctx, opId, result.reason);
      const comp = await compensate(ctx, actor, approved, owner);
      throw new BoxOfficeError('PAYMENT_DECLINED', `The card payment was declined: ${result.reason}`, { payment: index, method: 'card', reason: result.reason, ...comp });
    }
    recordChargeTxn(ctx, opId, owner, result.transactionId);
    approved.push({ index, method: 'card', amount: p.amount, transactionId: result.transactionId, opId });
  }

  const txnByIndex = new Map(approved.map((a) => [a.index, a.transactionId]));
  const months = getSettings(ctx).voucherMonths;
  let row: VoucherRow;
  let duplicate = false;
  try {
    row = db.transaction((): VoucherRow => {
      const dup = byKey(db, input.idempotencyKey);
      if (dup) {
        duplicate = true;
        return dup;
      }
      const now = ctx.clock.now();
      const shiftId = takesCash ? requireShiftForCash(db, actor.staffId, 'take') : openShiftId(db, actor.staffId);
      rememberRequest(db, 'vouchers.sell', input.idempotencyKey, fingerprint, now);
      const id = newId('gv');
      let code = newBookingCode(12);
      for (let i = 0; stmt(db, 'SELECT 1 FROM vouchers WHERE code = ?').get(code) && i < 20; i++) code = newBookingCode(12);
      stmt(db,
        `INSERT INTO vouchers (id, code, amount, balance, currency, expires_at, staff_id, shift_id, idempotency_key, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, code, input.amount, input.amount, theater.currency, addMonths(now, months), actor.staffId, shiftId, input.idempotencyKey, now);
      const pay = stmt(db,
        `INSERT INTO payments (id, voucher_id, kind, method, amount, tendered, change, reference, terminal_txn, staff_id, shift_id, created_at)
         VALUES (?, ?, 'charge', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      input.payments.forEach((p, i) => {
        const tendered = p.method === 'cash' ? (p.tendered ?? p.amount) : null;
        pay.run(newTimeId('pay'), id, p.method, p.amount, tendered, tendered === null ? null : tendered - p.amount, p.reference ?? null,
          txnByIndex.get(i) ?? null, actor.staffId, shiftId, now);
      });
      if (!markChargesDone(db, now, approved.map((a) => a.opId), owner, null)) {
        throw new BoxOfficeError('CONFLICT', 'The payment was reversed while the voucher sale was pending; nothing was sold');
      }
      writeAudit(ctx, actor, 'voucher.sell', id, { code, amount: input.amount, payments: input.payments.map((p) => ({ method: p.method, amount: p.amount })) });
      return stmt(db, 'SELECT * FROM vouchers WHERE id = ?').get(id) as VoucherRow;
    }).immediate();
  } catch (e) {
    const comp = await compensate(ctx, actor, approved, owner);
    if (e instanceof BoxOfficeError) throw new BoxOfficeError(e.code, e.message, { ...(typeof e.details === 'object' && e.details ? e.details : {}), ...comp });
    throw e;
  }
  if (duplicate) {
    // Another attempt with this key won: charges it shares with us are its own; others go back.
    const kept = new Set((stmt(db, 'SELECT terminal_txn FROM payments WHERE voucher_id = ? AND terminal_txn IS NOT NULL').all(row.id) as { terminal_txn: string }[]).map((r) => r.terminal_txn));
    await compensate(ctx, actor, approved, owner, kept);
    return replay(row);
  }
  return answer(ctx, row);
}

export function getVoucher(ctx: EngineCtx, input: ParsedInput<'vouchers.get'>, _actor: Actor): ChannelOutput<'vouchers.get'> {
  const row = stmt(ctx.db, 'SELECT * FROM vouchers WHERE code = ?').get(input.code) as VoucherRow | undefined;
  if (!row) throw new BoxOfficeError('NOT_FOUND', `No gift voucher with the code ${input.code}`, { code: input.code });
  return toVoucher(row, ctx.clock.now());
}
