// Promo codes, the manager's side: promos.save (create, edit, deactivate) and promos.list with
// how many sales used each. The counter's side (is a code usable now, one use per sale) is in
// promos/usage.ts.
import { stmt } from '../db/stmts';
import { BoxOfficeError, type ChannelOutput, type ParsedInput, type Promo } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';
import type { Db } from '../db/open';
import { iso } from '../clock';
import { newId } from '../ids';
import { writeAudit } from '../audit/audit';

export interface PromoRow {
  id: string;
  code: string;
  kind: 'percent' | 'amount';
  value: number;
  valid_from: string | null;
  valid_to: string | null;
  max_uses: number | null;
  movie_ids: string | null;
  active: number;
  uses: number;
  created_at: number;
}

export function toPromo(r: PromoRow): Promo {
  const movieIds = r.movie_ids ? (JSON.parse(r.movie_ids) as string[]) : [];
  return {
    id: r.id,
    code: r.code,
    kind: r.kind,
    value: r.value,
    ...(r.valid_from ? { validFrom: r.valid_from } : {}),
    ...(r.valid_to ? { validTo: r.valid_to } : {}),
    ...(r.max_uses !== null ? { maxUses: r.max_uses } : {}),
    ...(movieIds.length ? { movieIds } : {}),
    active: r.active === 1,
    uses: r.uses,
    createdAt: iso(r.created_at),
  };
}

export function promoByCode(db: Db, code: string): PromoRow | undefined {
  return stmt(db, 'SELECT * FROM promos WHERE code = ?').get(code) as PromoRow | undefined;
}

function check(db: Db, input: ParsedInput<'promos.save'>): void {
  const issues: { path: string; message: string; code: 'custom' }[] = [];
  if (input.kind === 'percent' && input.value > 100) issues.push({ path: 'value', message: 'a percent is at most 100', code: 'custom' });
  if (input.validFrom && input.validTo && input.validFrom > input.validTo) issues.push({ path: 'validTo', message: 'ends before it starts', code: 'custom' });
  if (issues.length) throw new BoxOfficeError('VALIDATION', 'This promo code cannot be saved as it is', issues);
  const unknown = (input.movieIds ?? []).filter((id) => !stmt(db, 'SELECT 1 FROM movies WHERE id = ?').get(id));
  if (unknown.length) throw new BoxOfficeError('NOT_FOUND', 'Some movies do not exist', { movieIds: unknown });
}

export function savePromo(ctx: EngineCtx, input: ParsedInput<'promos.save'>, actor: Actor): ChannelOutput<'promos.save'> {
  const db = ctx.db;
  check(db, input);
  const values = {
    code: input.code,
    kind: input.kind,
    value: input.value,
    from: input.validFrom ?? null,
    to: input.validTo ?? null,
    max: input.maxUses ?? null,
    movies: input.movieIds?.length ? JSON.stringify([...new Set(input.movieIds)]) : null,
    active: input.active ? 1 : 0,
  };
  const id = db.transaction((): string => {
    const sameCode = promoByCode(db, input.code);
    if (sameCode && sameCode.id !== input.id) throw new BoxOfficeError('CONFLICT', `The code ${input.code} already exists`, { code: input.code });
    if (input.id) {
      const before = stmt(db, 'SELECT * FROM promos WHERE id = ?').get(input.id) as PromoRow | undefined;
      if (!before) throw new BoxOfficeError('NOT_FOUND', 'No promo code with that id', { id: input.id });
      // The CHECK (uses <= max_uses) refuses a limit below the uses already made; say so plainly.
      if (values.max !== null && values.max < before.uses) {
        throw new BoxOfficeError('VALIDATION', `Already used ${before.uses} times: the limit cannot be lower`, [
          { path: 'maxUses', message: `at least ${before.uses}`, code: 'custom' },
        ]);
      }
      stmt(db,
        `UPDATE promos SET code = @code, kind = @kind, value = @value, valid_from = @from, valid_to = @to, max_uses = @max,
           movie_ids = @movies, active = @active WHERE id = @id`,
      ).run({ ...values, id: input.id });
      writeAudit(ctx, actor, 'promo.save', input.id, { code: input.code, before: toPromo(before), after: { ...input } });
      return input.id;
    }
    const newIdValue = newId('promo');
    stmt(db,
      `INSERT INTO promos (id, code, kind, value, valid_from, valid_to, max_uses, movie_ids, active, uses, created_at)
       VALUES (@id, @code, @kind, @value, @from, @to, @max, @movies, @active, 0, @now)`,
    ).run({ ...values, id: newIdValue, now: ctx.clock.now() });
    writeAudit(ctx, actor, 'promo.create', newIdValue, { ...input });
    return newIdValue;
  }).immediate();
  return toPromo(stmt(db, 'SELECT * FROM promos WHERE id = ?').get(id) as PromoRow);
}

export function listPromos(ctx: EngineCtx, input: ParsedInput<'promos.list'>, _actor: Actor): ChannelOutput<'promos.list'> {
  const rows = stmt(ctx.db, 'SELECT * FROM promos WHERE (@all = 1 OR active = 1) ORDER BY active DESC, code').all({ all: input.includeInactive === false ? 0 : 1 }) as PromoRow[];
  return rows.map(toPromo);
}
