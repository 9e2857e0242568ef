// Box office settings: hold time, trailers, cleaning, cancellation tiers, receipt text, backups.
import { DEFAULT_SETTINGS, Settings, type ParsedInput } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';
import { readKvParsed, writeKv } from '../db/kv';
import { writeAudit } from '../audit/audit';
import { retimeUpcomingShows } from '../schedule/retime';

/** The settings in force, parsed once per stored text (every hold reads them). Read-only. */
export function getSettings(ctx: Pick<EngineCtx, 'db'>): Settings {
  // Stored documents are merged over the defaults so a setting added later has a value.
  return readKvParsed(ctx.db, 'settings', (stored) => Settings.parse({ ...DEFAULT_SETTINGS, ...((stored as Partial<Settings> | undefined) ?? {}) }));
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
  let retimed: string[] = [];
  ctx.db.transaction(() => {
    const before = getSettings(ctx);
    writeKv(ctx.db, 'settings', next);
    // Trailers are part of every show's block: new minutes re-time every upcoming show.
    if (next.trailerMinutes !== before.trailerMinutes) retimed = retimeUpcomingShows(ctx.db, ctx.clock.now(), { all: true }, next.trailerMinutes);
    writeAudit(ctx, actor, 'settings.save', null, retimed.length ? { ...next, retimedShows: retimed.length } : next);
  }).immediate();
  for (const showId of retimed) ctx.emit('shows.changed', { showId });
  return next;
}
