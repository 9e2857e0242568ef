// Box office settings: hold time, trailers, cleaning, cancellation tiers, receipt text, backups.
import { DEFAULT_SETTINGS, Settings, type ParsedInput } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';
import { readKv, writeKv } from '../db/kv';
import { writeAudit } from '../audit/audit';
import { retimeUpcomingShows } from '../schedule/retime';

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
