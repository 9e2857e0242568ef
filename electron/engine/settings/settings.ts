// Box office settings: hold time, trailers, cleaning, cancellation tiers, receipt text, backups.
import { DEFAULT_SETTINGS, Settings, type ParsedInput } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';
import { readKv, writeKv } from '../db/kv';
import { writeAudit } from '../audit/audit';

export function getSettings(ctx: Pick<EngineCtx, 'db'>): Settings {
  const stored = readKv<Partial<Settings>>(ctx.db, 'settings');
  // Stored documents are merged over the defaults so a setting added later has a value.
  return Settings.parse({ ...DEFAULT_SETTINGS, ...(stored ?? {}) });
}

/** The hold length in force: the host's override (tests, demos) or the setting. */
export function holdSeconds(ctx: Pick<EngineCtx, 'db' | 'holdSecondsOverride'>): number {
  return ctx.holdSecondsOverride ?? getSettings(ctx).holdSeconds;
}

export function saveSettings(ctx: EngineCtx, input: ParsedInput<'settings.save'>, actor: Actor): Settings {
  // Tiers are kept sorted from the earliest cancellation (largest minutesBefore) down.
  const next: Settings = {
    ...input,
    cancellationTiers: [...input.cancellationTiers].sort((a, b) => b.minutesBefore - a.minutesBefore),
  };
  ctx.db.transaction(() => {
    writeKv(ctx.db, 'settings', next);
    writeAudit(ctx, actor, 'settings.save', null, next);
  })();
  return next;
}
