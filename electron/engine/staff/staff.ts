// Staff accounts: list them, create them, change role, reset a PIN, deactivate.
import { BoxOfficeError, type ChannelOutput, type ParsedInput, type Staff } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';
import { newId } from '../ids';
import { writeAudit } from '../audit/audit';
import { hashPinAsync } from './pin';
import { staffById } from './auth';
import { stmt } from '../db/stmts';

interface Row { id: string; name: string; role: Staff['role']; active: number }

const toStaff = (r: Row): Staff => ({ id: r.id, name: r.name, role: r.role, active: r.active === 1 });

export function listStaff(ctx: EngineCtx, _input: ParsedInput<'staff.list'>, _actor: Actor): ChannelOutput<'staff.list'> {
  const rows = stmt(ctx.db, 'SELECT id, name, role, active FROM staff ORDER BY name COLLATE NOCASE, id').all() as Row[];
  return rows.map(toStaff);
}

export async function saveStaff(ctx: EngineCtx, input: ParsedInput<'staff.save'>, actor: Actor): Promise<ChannelOutput<'staff.save'>> {
  if (!input.id && !input.pin) {
    throw new BoxOfficeError('VALIDATION', 'A new staff member needs a PIN', [{ path: 'pin', message: 'required when creating staff', code: 'custom' }]);
  }
  const pinHash = input.pin ? await hashPinAsync(input.pin) : null; // slow: outside the write transaction, off the event loop
  const now = ctx.clock.now();

  const id = ctx.db.transaction(() => {
    const clash = stmt(ctx.db, 'SELECT id FROM staff WHERE name = ? AND id IS NOT ?').get(input.name, input.id ?? null) as { id: string } | undefined;
    if (clash) throw new BoxOfficeError('CONFLICT', `There is already a staff member called "${input.name}"`);

    if (!input.id) {
      const id = newId('st');
      stmt(ctx.db, 'INSERT INTO staff (id, name, role, pin_hash, active, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(id, input.name, input.role, pinHash, input.active ? 1 : 0, now);
      writeAudit(ctx, actor, 'staff.create', id, { name: input.name, role: input.role, active: input.active });
      return id;
    }

    const before = stmt(ctx.db, 'SELECT id, name, role, active FROM staff WHERE id = ?').get(input.id) as Row | undefined;
    if (!before) throw new BoxOfficeError('NOT_FOUND', 'No such staff member');
    const losesManager = before.role === 'manager' && before.active === 1 && (input.role !== 'manager' || !input.active);
    if (losesManager) {
      const others = stmt(ctx.db, "SELECT count(*) AS n FROM staff WHERE role = 'manager' AND active = 1 AND id <> ?")
        .get(before.id) as { n: number };
      // Without an active manager nobody could manage staff, the schedule or refunds again.
      if (others.n === 0) throw new BoxOfficeError('CONFLICT', `${before.name} is the last active manager; make someone else a manager first`);
    }
    stmt(ctx.db, 'UPDATE staff SET name = ?, role = ?, active = ? WHERE id = ?').run(input.name, input.role, input.active ? 1 : 0, before.id);
    if (pinHash) {
      // A PIN reset also lifts a lockout: the manager has just vouched for the person.
      stmt(ctx.db, 'UPDATE staff SET pin_hash = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?').run(pinHash, before.id);
    }
    if (!input.active) stmt(ctx.db, 'DELETE FROM sessions WHERE staff_id = ?').run(before.id);
    writeAudit(ctx, actor, 'staff.update', before.id, {
      before: { name: before.name, role: before.role, active: before.active === 1 },
      after: { name: input.name, role: input.role, active: input.active },
      pinReset: pinHash !== null, // never the PIN itself
    });
    return before.id;
  }).immediate();

  const saved = staffById(ctx, id);
  if (!saved) throw new BoxOfficeError('INTERNAL', 'The staff member vanished after saving');
  return saved;
}
