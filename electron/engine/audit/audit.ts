// The audit log: every money-moving or schedule-changing action, who did it and when.
import { stmt } from '../db/stmts';
import type { AuditEntry, ParsedInput } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';
import { iso } from '../clock';

/** Call inside the transaction of the change itself, so the log and the change commit together. */
export function writeAudit(ctx: Pick<EngineCtx, 'db' | 'clock'>, actor: Actor | null, action: string, entityId: string | null, details?: unknown): void {
  stmt(ctx.db, 'INSERT INTO audit (at, staff_id, staff_name, action, entity_id, details) VALUES (?, ?, ?, ?, ?, ?)')
    .run(ctx.clock.now(), actor?.staffId ?? null, actor?.name ?? null, action, entityId, details === undefined ? null : JSON.stringify(details));
}

interface AuditRow { id: number; at: number; staff_id: string | null; staff_name: string | null; action: string; entity_id: string | null; details: string | null }

export function listAudit(ctx: EngineCtx, input: ParsedInput<'audit.list'>): AuditEntry[] {
  const rows = stmt(ctx.db,
      `SELECT * FROM audit
       WHERE (@from IS NULL OR at >= @from) AND (@to IS NULL OR at < @to) AND (@staff IS NULL OR staff_id = @staff)
       ORDER BY at DESC, id DESC LIMIT @limit`,
    )
    .all({
      from: input.from ? Date.parse(input.from) : null,
      to: input.to ? Date.parse(input.to) : null,
      staff: input.staffId ?? null,
      limit: input.limit ?? 500,
    }) as AuditRow[];
  return rows.map((r) => ({
    id: String(r.id),
    at: iso(r.at),
    staffId: r.staff_id,
    staffName: r.staff_name,
    action: r.action,
    entityId: r.entity_id,
    details: r.details ? JSON.parse(r.details) : null,
  }));
}
