// Theaters (sites): list them with their halls, create and edit them.
import { BoxOfficeError, type ChannelOutput, type ParsedInput, type Theater } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';
import type { Db } from '../db/open';
import { newId } from '../ids';
import { writeAudit } from '../audit/audit';
import { allHallCapacities } from './capacity';
import { stmt } from '../db/stmts';

interface TheaterRow { id: string; name: string; city: string; timezone: string; currency: string }
interface HallRow { id: string; theater_id: string; name: string; cleaning_minutes: number }

export function getTheaterRow(db: Db, id: string): TheaterRow | null {
  return (stmt(db, 'SELECT id, name, city, timezone, currency FROM theaters WHERE id = ?').get(id) as TheaterRow | undefined) ?? null;
}

/** The hall summaries of one theater, or of all (by theater id), sorted by name. */
function hallSummaries(db: Db, theaterId: string | null): Map<string, Theater['halls']> {
  const halls = stmt(db, 'SELECT id, theater_id, name, cleaning_minutes FROM halls WHERE @theater IS NULL OR theater_id = @theater ORDER BY name COLLATE NOCASE, id')
    .all({ theater: theaterId }) as HallRow[];
  const capacity = allHallCapacities(db);
  const byTheater = new Map<string, Theater['halls']>();
  for (const h of halls) {
    const list = byTheater.get(h.theater_id) ?? [];
    list.push({ id: h.id, name: h.name, capacity: capacity.get(h.id) ?? 0, cleaningMinutes: h.cleaning_minutes });
    byTheater.set(h.theater_id, list);
  }
  return byTheater;
}

/**
 * The box office's home theater: the first one set up. A single-site install has one; its zone
 * and currency drive the screens, and reports without a theater speak for it.
 */
export function firstTheaterRow(db: Db): TheaterRow | null {
  return (stmt(db, 'SELECT id, name, city, timezone, currency FROM theaters ORDER BY created_at, id LIMIT 1').get() as TheaterRow | undefined) ?? null;
}

export function listTheaters(ctx: EngineCtx, _input: ParsedInput<'theaters.list'>, _actor: Actor): ChannelOutput<'theaters.list'> {
  const theaters = stmt(ctx.db, 'SELECT id, name, city, timezone, currency FROM theaters ORDER BY created_at, name, id').all() as TheaterRow[];
  const halls = hallSummaries(ctx.db, null);
  return theaters.map((t) => ({ ...t, halls: halls.get(t.id) ?? [] }));
}

export function saveTheater(ctx: EngineCtx, input: ParsedInput<'theaters.save'>, actor: Actor): ChannelOutput<'theaters.save'> {
  const id = ctx.db.transaction(() => {
    if (!input.id) {
      const id = newId('th');
      stmt(ctx.db, 'INSERT INTO theaters (id, name, city, timezone, currency, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(id, input.name, input.city, input.timezone, input.currency, ctx.clock.now());
      writeAudit(ctx, actor, 'theaters.create', id, { name: input.name, city: input.city, timezone: input.timezone, currency: input.currency });
      return id;
    }
    const before = getTheaterRow(ctx.db, input.id);
    if (!before) throw new BoxOfficeError('NOT_FOUND', 'No such theater');
    stmt(ctx.db, 'UPDATE theaters SET name = ?, city = ?, timezone = ?, currency = ? WHERE id = ?')
      .run(input.name, input.city, input.timezone, input.currency, input.id);
    writeAudit(ctx, actor, 'theaters.update', input.id, {
      before: { name: before.name, city: before.city, timezone: before.timezone, currency: before.currency },
      after: { name: input.name, city: input.city, timezone: input.timezone, currency: input.currency },
    });
    return input.id;
  })();
  return { ...getTheaterRow(ctx.db, id)!, halls: hallSummaries(ctx.db, id).get(id) ?? [] };
}
