// Payment intents: a durable record of every card/UPI/wallet charge and terminal refund, written
// BEFORE the terminal is called, so a crash can never leave money moved with nothing on file.
//
// Life of a row of terminal_ops (migration 003):
//  - charge: bookings.confirm inserts it 'pending' in its own short committed transaction, then
//    calls terminal.charge. An approval records terminal_txn; a decline makes it 'failed'; a
//    terminal that throws (the money may or may not have moved) makes it 'unknown' and audits
//    'payment.unknown'. The sale's commit transaction marks the attempt's rows 'done' and links
//    them to the booking; a refund after a failed sale marks them 'compensated'.
//  - refund: cancelBookingInTx inserts one 'pending' row per terminal refund in the cancellation's
//    transaction; runTerminalRefunds marks it 'done', or leaves it 'pending' with attempts + 1 and
//    last_error for recovery to retry.
//
// Ownership. A pending row carries a lease (lease_owner, lease_until). Its creator owns it from
// birth: a charge for CHARGE_GRACE_MS (the time a terminal may take), a refund for LEASE_MS. Every
// change of a pending row names its owner, so the confirm that created a charge cannot commit it
// once recovery has claimed it, and two processes never call the terminal for the same row at once:
// before each terminal call the caller renews (or claims) the lease in an IMMEDIATE transaction.
//
// Recovery (recoverTerminalOps; the Engine runs it from startSweeper at start and every minute, and
// hosts or tests may call engine.recover()) claims the pending rows whose lease ran out:
//  - a charge whose sale committed (a booking with its idempotency key whose payments hold its
//    terminal_txn) -> 'done';
//  - a charge with a terminal_txn and no sale -> refunded through the terminal -> 'compensated',
//    audited 'payment.recovered_refund';
//  - a charge without a terminal_txn (the process died during the charge call; the port cannot look
//    a charge up) -> 'unknown', audited 'payment.unknown' so a manager checks the terminal;
//  - a refund -> terminal.refund again -> 'done' (audited 'refund.recovered'); after MAX_ATTEMPTS
//    failed tries -> 'failed', audited 'refund.recovery_failed' (a charge: 'payment.recovery_failed').
// Limit: the terminal port's refund takes no idempotency key, so a crash after the terminal
// refunded but before the row was marked sends that refund once more on retry; a terminal that
// refuses to refund more than was charged (the simulated one does) then refuses, and after
// MAX_ATTEMPTS the row is 'failed' and audited for a manager.
import { stmt } from '../db/stmts';
import type { PaymentMethod } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';
import type { Db } from '../db/open';
import { newId } from '../ids';
import { writeAudit } from '../audit/audit';

export type ElectronicMethod = Exclude<PaymentMethod, 'cash' | 'voucher'>;
export type OpStatus = 'pending' | 'done' | 'compensated' | 'failed' | 'unknown';

/** How long a confirm owns its pending charge: the longest a terminal charge may take. */
export const CHARGE_GRACE_MS = 120_000;
/** How long a claim (recovery or a refund sender) owns a row while it calls the terminal. */
export const LEASE_MS = 120_000;
/** After a failed terminal refund, how long until recovery tries again. */
export const RETRY_MS = 60_000;
/** Terminal refund tries before a row is given up ('failed', audited for a manager). */
export const MAX_ATTEMPTS = 10;

const SYSTEM: Actor = { staffId: 'system', name: 'Payment recovery', role: 'manager', session: '' };

export interface OpRow {
  id: string;
  kind: 'charge' | 'refund';
  idempotency_key: string | null;
  payment_index: number | null;
  booking_id: string | null;
  method: ElectronicMethod;
  amount: number;
  currency: string | null;
  terminal_txn: string | null;
  status: OpStatus;
  attempts: number;
  last_error: string | null;
  lease_owner: string | null;
  lease_until: number;
  created_at: number;
  updated_at: number;
}

/** A token naming one owner of leases (one sale attempt, one cancellation, one recovery pass). */
export function newLeaseOwner(): string {
  return newId('lease');
}

export function getOp(db: Db, id: string): OpRow | undefined {
  return stmt(db, 'SELECT * FROM terminal_ops WHERE id = ?').get(id) as OpRow | undefined;
}

/** Before terminal.charge: a pending charge row, committed on its own (durable before money moves). */
export function beginCharge(
  ctx: EngineCtx,
  c: { idempotencyKey: string; index: number; method: ElectronicMethod; amount: number; currency: string; staffId: string; owner: string },
): string {
  const id = newId('top');
  const now = ctx.clock.now();
  stmt(ctx.db,
      `INSERT INTO terminal_ops (id, kind, idempotency_key, payment_index, method, amount, currency, status, lease_owner, lease_until,
         staff_id, created_at, updated_at)
       VALUES (?, 'charge', ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?)`,
    )
    .run(id, c.idempotencyKey, c.index, c.method, c.amount, c.currency, c.owner, now + CHARGE_GRACE_MS, c.staffId, now, now);
  return id;
}

/**
 * The terminal approved: remember its transaction at once. If recovery meanwhile gave the row up
 * as 'unknown' (the charge took longer than the grace), the answer settles it: the row is pending
 * again and this attempt's again, so the sale commits it or refunds it as usual.
 */
export function recordChargeTxn(ctx: EngineCtx, opId: string, owner: string, txn: string): void {
  const db = ctx.db;
  const now = ctx.clock.now();
  db.transaction(() => {
    stmt(db, 'UPDATE terminal_ops SET terminal_txn = ?, updated_at = ? WHERE id = ?').run(txn, now, opId);
    const revived = stmt(db, "UPDATE terminal_ops SET status = 'pending', lease_owner = ?, lease_until = ?, updated_at = ? WHERE id = ? AND status = 'unknown'")
      .run(owner, now + CHARGE_GRACE_MS, now, opId);
    if (revived.changes) ctx.log.warn('a charge recovery had marked unknown was approved after all', { opId, txn });
  }).immediate();
}

/** The terminal declined: nothing was charged. */
export function markChargeFailed(ctx: EngineCtx, opId: string, reason: string): void {
  const now = ctx.clock.now();
  stmt(ctx.db, "UPDATE terminal_ops SET status = 'failed', last_error = ?, lease_owner = NULL, updated_at = ? WHERE id = ? AND status = 'pending'")
    .run(reason, now, opId);
}

/** The terminal threw: the money may have moved. A manager must check the terminal. */
export function markChargeUnknown(ctx: EngineCtx, actor: Actor | null, opId: string, error: string): void {
  const db = ctx.db;
  const now = ctx.clock.now();
  db.transaction(() => {
    const op = getOp(db, opId);
    const r = stmt(db, "UPDATE terminal_ops SET status = 'unknown', last_error = ?, lease_owner = NULL, updated_at = ? WHERE id = ? AND status = 'pending'")
      .run(error, now, opId);
    if (r.changes && op) writeAudit(ctx, actor, 'payment.unknown', null, opDetails(op, { error }));
  }).immediate();
}

/**
 * Inside the sale's transaction: this attempt's charges are the booking's. False if any of them is
 * no longer this attempt's (recovery claimed it): the caller must then not commit the sale.
 */
export function markChargesDone(db: Db, now: number, opIds: readonly string[], owner: string, bookingId: string | null): boolean {
  const upd = stmt(db,
    `UPDATE terminal_ops SET status = 'done', booking_id = ?, lease_owner = NULL, updated_at = ?
     WHERE id = ? AND status = 'pending' AND lease_owner = ?`,
  );
  return opIds.every((id) => upd.run(bookingId, now, id, owner).changes === 1);
}

/** Inside the cancellation's transaction: a pending refund, owned by the cancellation for LEASE_MS. */
export function insertRefundOp(
  db: Db,
  now: number,
  r: { bookingId: string; method: ElectronicMethod; amount: number; terminalTxn: string; staffId: string; owner: string },
): string {
  const id = newId('top');
  stmt(db,
    `INSERT INTO terminal_ops (id, kind, booking_id, method, amount, terminal_txn, status, lease_owner, lease_until, staff_id, created_at, updated_at)
     VALUES (?, 'refund', ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?)`,
  ).run(id, r.bookingId, r.method, r.amount, r.terminalTxn, r.owner, now + LEASE_MS, r.staffId, now, now);
  return id;
}

/** Before a terminal call: the owner renews its lease. False if the row is no longer its to act on. */
export function renewLease(ctx: EngineCtx, opId: string, owner: string): boolean {
  const now = ctx.clock.now();
  return (
    stmt(ctx.db, "UPDATE terminal_ops SET lease_until = ?, updated_at = ? WHERE id = ? AND status = 'pending' AND lease_owner = ?")
      .run(now + LEASE_MS, now, opId, owner).changes === 1
  );
}

/** The terminal refunded: a charge row is 'compensated', a refund row 'done'. */
export function settleRefunded(ctx: EngineCtx, opId: string, owner: string, audit?: { actor: Actor | null; action: string }): boolean {
  const db = ctx.db;
  const now = ctx.clock.now();
  return db.transaction(() => {
    const op = getOp(db, opId);
    const r = stmt(db,
        `UPDATE terminal_ops SET status = CASE kind WHEN 'charge' THEN 'compensated' ELSE 'done' END, lease_owner = NULL, last_error = NULL,
           updated_at = ? WHERE id = ? AND status = 'pending' AND lease_owner = ?`,
      )
      .run(now, opId, owner);
    if (r.changes && op && audit) writeAudit(ctx, audit.actor, audit.action, op.booking_id, opDetails(op));
    return r.changes === 1;
  }).immediate();
}

/**
 * The terminal refused or threw: the row stays pending for recovery, attempts + 1 (unless already
 * counted by the claim), retried after RETRY_MS; after MAX_ATTEMPTS it is 'failed' and audited.
 */
export function releaseFailed(ctx: EngineCtx, opId: string, owner: string, error: string, countAttempt: boolean): OpStatus | null {
  const db = ctx.db;
  const now = ctx.clock.now();
  return db.transaction((): OpStatus | null => {
    const op = getOp(db, opId);
    if (!op || op.status !== 'pending' || op.lease_owner !== owner) return null;
    const attempts = op.attempts + (countAttempt ? 1 : 0);
    const giveUp = attempts >= MAX_ATTEMPTS;
    stmt(db,
      `UPDATE terminal_ops SET status = ?, attempts = ?, last_error = ?, lease_owner = NULL, lease_until = ?, updated_at = ? WHERE id = ?`,
    ).run(giveUp ? 'failed' : 'pending', attempts, error, now + RETRY_MS, now, opId);
    if (giveUp) {
      writeAudit(ctx, SYSTEM, op.kind === 'charge' ? 'payment.recovery_failed' : 'refund.recovery_failed', op.booking_id, opDetails(op, { attempts, error }));
    }
    return giveUp ? 'failed' : 'pending';
  }).immediate();
}

function opDetails(op: OpRow, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    opId: op.id,
    kind: op.kind,
    method: op.method,
    amount: op.amount,
    ...(op.terminal_txn ? { transactionId: op.terminal_txn } : {}),
    ...(op.idempotency_key ? { idempotencyKey: op.idempotency_key, payment: op.payment_index } : {}),
    ...(op.booking_id ? { bookingId: op.booking_id } : {}),
    ...extra,
  };
}

export interface RecoveryReport {
  /** Charges found to belong to a committed sale. */
  done: number;
  /** Orphaned charges refunded through the terminal. */
  compensated: number;
  /** Pending refunds sent through the terminal. */
  refunded: number;
  /** Charges with no known outcome, flagged for a manager. */
  unknown: number;
  /** Rows given up after MAX_ATTEMPTS. */
  failed: number;
  /** Terminal calls that failed this pass (retried later). */
  retrying: number;
}

/**
 * One recovery pass over the pending rows whose lease ran out. Safe to run from several processes
 * at once: rows are claimed (lease_owner, lease_until, attempts + 1) in an IMMEDIATE transaction
 * before the terminal is called, and only the claimant marks them afterwards. Never throws for a
 * terminal failure; a database failure propagates.
 */
export async function recoverTerminalOps(ctx: EngineCtx, opts: { batch?: number } = {}): Promise<RecoveryReport> {
  const report: RecoveryReport = { done: 0, compensated: 0, refunded: 0, unknown: 0, failed: 0, retrying: 0 };
  const me = newLeaseOwner();
  const db = ctx.db;
  const now = ctx.clock.now();
  // Nearly always nothing is pending: check without taking the write lock.
  if (!stmt(db, "SELECT 1 FROM terminal_ops WHERE status = 'pending' AND lease_until <= ? LIMIT 1").get(now)) return report;

  const claimed = db.transaction((): OpRow[] => {
    const rows = stmt(db, "SELECT * FROM terminal_ops WHERE status = 'pending' AND lease_until <= ? ORDER BY created_at, id LIMIT ?")
      .all(now, opts.batch ?? 50) as OpRow[];
    const settle = stmt(db,
      'UPDATE terminal_ops SET status = ?, booking_id = COALESCE(?, booking_id), last_error = COALESCE(?, last_error), lease_owner = NULL, updated_at = ? WHERE id = ?',
    );
    const claim = stmt(db,
      "UPDATE terminal_ops SET lease_owner = ?, lease_until = ?, attempts = attempts + 1, updated_at = ? WHERE id = ? AND status = 'pending' AND lease_until <= ?",
    );
    const out: OpRow[] = [];
    for (const op of rows) {
      if (op.kind === 'charge') {
        const booking = op.idempotency_key
          ? (stmt(db, 'SELECT id FROM bookings WHERE idempotency_key = ?').get(op.idempotency_key) as { id: string } | undefined)
          : undefined;
        const paid =
          booking && op.terminal_txn
            ? stmt(db, "SELECT 1 FROM payments WHERE booking_id = ? AND kind = 'charge' AND terminal_txn = ?").get(booking.id, op.terminal_txn)
            : undefined;
        if (booking && paid) {
          // The sale committed with this very charge.
          settle.run('done', booking.id, null, now, op.id);
          report.done += 1;
          continue;
        }
        if (!op.terminal_txn) {
          // The process died during the charge call: the terminal may or may not have taken money.
          const error = 'no terminal answer was recorded; check the terminal for this charge';
          settle.run('unknown', null, error, now, op.id);
          writeAudit(ctx, SYSTEM, 'payment.unknown', booking?.id ?? null, opDetails(op, { error }));
          report.unknown += 1;
          continue;
        }
      }
      if (op.attempts >= MAX_ATTEMPTS) {
        settle.run('failed', null, null, now, op.id);
        writeAudit(ctx, SYSTEM, op.kind === 'charge' ? 'payment.recovery_failed' : 'refund.recovery_failed', op.booking_id, opDetails(op, { attempts: op.attempts }));
        report.failed += 1;
        continue;
      }
      if (claim.run(me, now + LEASE_MS, now, op.id, now).changes === 1) out.push({ ...op, attempts: op.attempts + 1 });
    }
    return out;
  }).immediate();

  for (const op of claimed) {
    let ok = false;
    let error = 'the terminal refused the refund';
    try {
      ok = (await ctx.terminal.refund(op.terminal_txn!, op.amount, refundKey(op.id))).refunded;
    } catch (e) {
      error = `the terminal failed: ${String(e)}`;
    }
    if (ok) {
      const action = op.kind === 'charge' ? 'payment.recovered_refund' : 'refund.recovered';
      if (settleRefunded(ctx, op.id, me, { actor: SYSTEM, action })) {
        if (op.kind === 'charge') report.compensated += 1;
        else report.refunded += 1;
      }
      ctx.log.info('payment recovery refunded', opDetails(op));
      continue;
    }
    ctx.log.error('payment recovery: terminal refund failed', opDetails(op, { error }));
    const status = releaseFailed(ctx, op.id, me, error, false);
    if (status === 'failed') report.failed += 1;
    else if (status === 'pending') report.retrying += 1;
  }
  return report;
}

/** One refund key per terminal op, the same from the cancellation and from recovery. */
export function refundKey(opId: string): string {
  return `refund-op-${opId}`;
}
