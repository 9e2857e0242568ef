// The terminal operations a person must look at: charges whose outcome is unknown (the process
// stopped while the terminal was charging) and refunds the terminal kept refusing. A manager checks
// the terminal's own records, settles the money by hand, and notes what was done here.
import { BoxOfficeError, type ParsedInput, type TerminalOpItem } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';
import type { Db } from '../db/open';
import { iso } from '../clock';
import { writeAudit } from '../audit/audit';
import { stmt } from '../db/stmts';

interface ReviewRow {
  id: string; kind: 'charge' | 'refund'; method: 'card' | 'upi' | 'wallet'; amount: number; currency: string | null;
  status: TerminalOpItem['status']; booking_id: string | null; code: string | null; terminal_txn: string | null;
  attempts: number; last_error: string | null; created_at: number;
  staff_name: string | null; note: string | null; resolved_at: number | null;
}

const SELECT = `
  SELECT o.id, o.kind, o.method, o.amount, o.currency, o.status, o.booking_id, b.code, o.terminal_txn,
         o.attempts, o.last_error, o.created_at, r.staff_name, r.note, r.resolved_at
  FROM terminal_ops o
  LEFT JOIN bookings b ON b.id = o.booking_id
  LEFT JOIN terminal_op_resolutions r ON r.op_id = o.id`;

function toItem(r: ReviewRow): TerminalOpItem {
  return {
    id: r.id, kind: r.kind, method: r.method, amount: r.amount, currency: r.currency, status: r.status,
    bookingId: r.booking_id, bookingCode: r.code, terminalTxn: r.terminal_txn, attempts: r.attempts,
    lastError: r.last_error, createdAt: iso(r.created_at),
    resolved: r.resolved_at === null ? null : { by: r.staff_name ?? '', note: r.note ?? '', at: iso(r.resolved_at) },
  };
}

function loadItem(db: Db, id: string): TerminalOpItem | null {
  const row = stmt(db, `${SELECT} WHERE o.id = ?`).get(id) as ReviewRow | undefined;
  return row ? toItem(row) : null;
}

export function reviewPayments(ctx: EngineCtx, input: ParsedInput<'payments.review'>): TerminalOpItem[] {
  const rows = stmt(ctx.db, 
      `${SELECT} WHERE o.status IN ('unknown','failed') AND (@all = 1 OR r.op_id IS NULL)
       ORDER BY o.created_at DESC LIMIT 500`,
    )
    .all({ all: input.includeResolved ? 1 : 0 }) as ReviewRow[];
  return rows.map(toItem);
}

export function resolvePayment(ctx: EngineCtx, input: ParsedInput<'payments.resolve'>, actor: Actor): TerminalOpItem {
  return ctx.db.transaction(() => {
    const item = loadItem(ctx.db, input.id);
    if (!item) throw new BoxOfficeError('NOT_FOUND', 'No such terminal operation');
    if (item.status !== 'unknown' && item.status !== 'failed') {
      throw new BoxOfficeError('CONFLICT', `This operation is ${item.status}: nothing to settle by hand`);
    }
    if (item.resolved) throw new BoxOfficeError('CONFLICT', `Already settled by ${item.resolved.by}`);
    stmt(ctx.db, 'INSERT INTO terminal_op_resolutions (op_id, staff_id, staff_name, note, resolved_at) VALUES (?, ?, ?, ?, ?)')
      .run(input.id, actor.staffId, actor.name, input.note, ctx.clock.now());
    writeAudit(ctx, actor, 'payment.resolved', input.id, { kind: item.kind, method: item.method, amount: item.amount, status: item.status, note: input.note });
    return loadItem(ctx.db, input.id)!;
  })();
}
