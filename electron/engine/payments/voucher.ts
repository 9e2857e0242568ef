// Payment method `voucher`: a gift voucher's balance pays (part of) a sale; the payment's reference
// is the voucher's code. The balance is checked before any card is charged (a clear answer early)
// and debited inside the sale's transaction by a conditional UPDATE (balance >= amount, backed by
// the CHECK balance >= 0), so two counters spending the same voucher at once can never overdraw
// it, whatever process they run in. A refund of a voucher payment goes back onto the voucher.
import { stmt } from '../db/stmts';
import { BoxOfficeError, type PaymentMethod } from '../../../shared/contract';
import type { Db } from '../db/open';

interface Pay { method: PaymentMethod; amount: number; reference?: string | undefined }
interface VoucherRow { id: string; code: string; balance: number; currency: string; expires_at: number }

/** The code as stored: upper case, without spaces or dashes (a code is printed in groups). */
export function voucherCodeOf(reference: string | undefined | null): string {
  return (reference ?? '').toUpperCase().replace(/[\s-]/g, '');
}

function declined(index: number, reason: string, message: string, balance?: number): BoxOfficeError {
  return new BoxOfficeError('PAYMENT_DECLINED', message, {
    payment: index, method: 'voucher', reason, ...(balance !== undefined ? { balance } : {}),
  });
}

function voucherRow(db: Db, code: string): VoucherRow | undefined {
  return stmt(db, 'SELECT id, code, balance, currency, expires_at FROM vouchers WHERE code = ?').get(code) as VoucherRow | undefined;
}

/** Why a voucher cannot pay `amount` at `now`, as PAYMENT_DECLINED; null when it can. */
function refusal(v: VoucherRow | undefined, index: number, amount: number, now: number, currency: string): BoxOfficeError | null {
  if (!v) return declined(index, 'unknown', 'There is no gift voucher with that code', 0);
  if (v.expires_at <= now) return declined(index, 'expired', `The gift voucher ${v.code} has expired`, v.balance);
  if (v.currency !== currency) return declined(index, 'currency', `The gift voucher ${v.code} is in ${v.currency}`, v.balance);
  if (v.balance < amount) return declined(index, 'balance', `The gift voucher ${v.code} has only ${v.balance} left`, v.balance);
  return null;
}

/** Before any money moves: every voucher payment names a voucher that can pay it (same code twice adds up). */
export function checkVoucherPayments(db: Db, payments: readonly Pay[], now: number, currency: string): void {
  const wanted = new Map<string, number>();
  payments.forEach((p, i) => {
    if (p.method !== 'voucher') return;
    const code = voucherCodeOf(p.reference);
    if (!code) {
      throw new BoxOfficeError('VALIDATION', 'A voucher payment needs the voucher code as its reference', [
        { path: `payments.${i}.reference`, message: 'the voucher code', code: 'custom' },
      ]);
    }
    wanted.set(code, (wanted.get(code) ?? 0) + p.amount);
    const err = refusal(voucherRow(db, code), i, wanted.get(code)!, now, currency);
    if (err) throw err;
  });
}

/** Inside the sale's transaction: takes every voucher payment off its voucher, or throws PAYMENT_DECLINED. */
export function debitVouchers(db: Db, payments: readonly Pay[], now: number, currency: string): void {
  const debit = stmt(db, 'UPDATE vouchers SET balance = balance - @amount WHERE code = @code AND expires_at > @now AND currency = @currency AND balance >= @amount');
  payments.forEach((p, i) => {
    if (p.method !== 'voucher') return;
    const code = voucherCodeOf(p.reference);
    if (debit.run({ amount: p.amount, code, now, currency }).changes !== 1) {
      throw refusal(voucherRow(db, code), i, p.amount, now, currency) ?? declined(i, 'balance', 'The gift voucher could not pay');
    }
  });
}

/** Inside a cancellation's transaction: the refunded part of a voucher payment goes back onto it. */
export function creditVoucher(db: Db, reference: string | null, amount: number): void {
  const r = stmt(db, 'UPDATE vouchers SET balance = balance + ? WHERE code = ?').run(amount, voucherCodeOf(reference));
  if (r.changes !== 1) throw new Error(`voucher refund: no voucher ${reference}`);
}
