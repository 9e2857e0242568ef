// Card/UPI/wallet money in through the payment terminal, for a sale (bookings.confirm) or the
// difference of an exchange (bookings.exchange), and its compensation when the sale then fails.
// Each charge is on file (terminal_ops, committed) before the terminal is asked to take money
// (payments/intents.ts), with its own idempotency key `<attempt key>:<payment index>`, so a
// terminal recognises a retried charge. A client must therefore use a NEW idempotencyKey after
// a failed attempt (PAYMENT_DECLINED, HOLD_EXPIRED): the key names one attempt at one sale, and
// a terminal may answer a reused key with the earlier, already refunded, transaction.
import { BoxOfficeError, type PaymentMethod } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';
import type { Db } from '../db/open';
import { stmt } from '../db/stmts';
import { newTimeId } from '../ids';
import { runTerminalRefunds, type TerminalRefund } from './refund';
import type { PaymentRow } from './query';
import { beginCharge, markChargeFailed, markChargeUnknown, recordChargeTxn } from '../payments/intents';

type ElectronicMethod = Exclude<PaymentMethod, 'cash'>;

export interface Approved { index: number; method: ElectronicMethod; amount: number; transactionId: string; opId: string }

interface PaymentLine { method: PaymentMethod; amount: number; reference?: string | undefined }

/**
 * Charges the electronic payments one by one. A decline (or a terminal that does not answer)
 * refunds what this attempt already charged and throws PAYMENT_DECLINED; nothing is sold.
 */
export async function chargeTerminal(
  ctx: EngineCtx,
  actor: Actor,
  attempt: { idempotencyKey: string; payments: readonly PaymentLine[]; currency: string; owner: string },
): Promise<Approved[]> {
  const approved: Approved[] = [];
  const { owner } = attempt;
  for (const [index, p] of attempt.payments.entries()) {
    if (p.method === 'cash') continue;
    const opId = beginCharge(ctx, {
      idempotencyKey: attempt.idempotencyKey, index, method: p.method, amount: p.amount, currency: attempt.currency, staffId: actor.staffId, owner,
    });
    let result: Awaited<ReturnType<EngineCtx['terminal']['charge']>>;
    try {
      result = await ctx.terminal.charge({
        method: p.method,
        amount: p.amount,
        currency: attempt.currency,
        idempotencyKey: `${attempt.idempotencyKey}:${index}`,
        ...(p.reference !== undefined ? { reference: p.reference } : {}),
      });
    } catch (e) {
      // A terminal that fails to answer is treated as a decline: nothing is sold.
      // The money may have moved all the same: the intent says 'unknown' and is audited.
      ctx.log.error('payment terminal failed', { method: p.method, error: String(e) });
      markChargeUnknown(ctx, actor, opId, `the terminal failed: ${String(e)}`);
      result = { approved: false, reason: 'The payment terminal did not answer' };
    }
    if (!result.approved) {
      markChargeFailed(ctx, opId, result.reason);
      const comp = await compensate(ctx, actor, approved, owner);
      throw new BoxOfficeError('PAYMENT_DECLINED', `The ${p.method} payment was declined: ${result.reason}`, {
        payment: index,
        method: p.method,
        reason: result.reason,
        ...comp,
      });
    }
    recordChargeTxn(ctx, opId, owner, result.transactionId);
    approved.push({ index, method: p.method, amount: p.amount, transactionId: result.transactionId, opId });
  }
  return approved;
}

/** Sends this attempt's approved charges back; returns what was refunded (for the error details). */
export async function compensate(ctx: EngineCtx, actor: Actor, approved: Approved[], owner: string, keep: ReadonlySet<string> = new Set()) {
  const refunds: TerminalRefund[] = approved
    .filter((a) => !keep.has(a.transactionId))
    .map((a) => ({ bookingId: '', method: a.method, transactionId: a.transactionId, amount: a.amount, op: { id: a.opId, owner } }));
  const { done, failed } = await runTerminalRefunds(ctx, actor, refunds);
  return {
    refunded: done.map((r) => ({ method: r.method, amount: r.amount })),
    ...(failed.length ? { refundFailed: failed.map((r) => ({ method: r.method, amount: r.amount, transactionId: r.transactionId })) } : {}),
  };
}


/** The sale's charge rows (inside its transaction): cash with its tendered amount and change. Answers them as written. */
export function insertCharges(
  db: Db, bookingId: string, payments: readonly (PaymentLine & { tendered?: number | undefined })[], txnByIndex: ReadonlyMap<number, string>,
  staffId: string, shiftId: string | null, now: number,
): PaymentRow[] {
  const payment = stmt(db,
    `INSERT INTO payments (id, booking_id, kind, method, amount, tendered, change, reference, terminal_txn, staff_id, shift_id, created_at)
     VALUES (?, ?, 'charge', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return payments.map((p, i) => {
    const tendered = p.method === 'cash' ? (p.tendered ?? p.amount) : null;
    const change = tendered === null ? null : tendered - p.amount;
    payment.run(
      newTimeId('pay'), bookingId, p.method, p.amount, tendered, change,
      p.reference ?? null, txnByIndex.get(i) ?? null, staffId, shiftId, now,
    );
    return { method: p.method, amount: p.amount, tendered, change, reference: p.reference ?? null };
  });
}
