// Pricing rules: stored as one document (kv key 'pricing') merged over DEFAULT_PRICING, so a rule
// added in a later version has a value in an older database. pricing.save is a manager's action
// and is audited like every other money-affecting change.
import {
  BoxOfficeError, DEFAULT_PRICING, PricingRules, type ChannelOutput, type ParsedInput,
} from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';
import type { Db } from '../db/open';
import { readKvParsed, writeKv } from '../db/kv';
import { writeAudit } from '../audit/audit';

const KEY = 'pricing';

/** The rules in force (the stored document over the defaults), parsed once per stored text. Read-only. */
export function loadPricing(db: Db): PricingRules {
  return readKvParsed(db, KEY, (stored) => PricingRules.parse({ ...DEFAULT_PRICING, ...((stored as Partial<PricingRules> | undefined) ?? {}) }));
}

export function getPricing(ctx: EngineCtx, _input: ParsedInput<'pricing.get'>, _actor: Actor): ChannelOutput<'pricing.get'> {
  return loadPricing(ctx.db);
}

/**
 * Checks what the schema cannot express: one flat price per weekday (two would be ambiguous).
 * Lists are normalised (duplicates removed, sorted) so the stored document is canonical.
 */
function normalise(input: PricingRules): PricingRules {
  const weekdays = input.flatPriceDays.map((d) => d.weekday);
  const dup = weekdays.find((w, i) => weekdays.indexOf(w) !== i);
  if (dup !== undefined) {
    throw new BoxOfficeError('VALIDATION', 'A weekday may have only one flat price', [
      { path: 'flatPriceDays', message: `weekday ${dup} appears twice`, code: 'custom' },
    ]);
  }
  return {
    ...input,
    weekend: { ...input.weekend, days: [...new Set(input.weekend.days)].sort((a, b) => a - b) },
    holidays: { ...input.holidays, dates: [...new Set(input.holidays.dates)].sort() },
    flatPriceDays: [...input.flatPriceDays].sort((a, b) => a.weekday - b.weekday),
  };
}

export function savePricing(ctx: EngineCtx, input: ParsedInput<'pricing.save'>, actor: Actor): ChannelOutput<'pricing.save'> {
  const next = normalise(input);
  ctx.db.transaction(() => {
    writeKv(ctx.db, KEY, next);
    writeAudit(ctx, actor, 'pricing.save', null, next);
  })();
  return next;
}
