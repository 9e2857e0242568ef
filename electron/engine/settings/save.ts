// Saving the settings: a use case above both settings (which shows read) and the schedule (which
// new trailer minutes re-time), so neither of those two imports the other in a circle.
import type { ParsedInput, Settings } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';
import { writeKv } from '../db/kv';
import { writeAudit } from '../audit/audit';
import { retimeUpcomingShows } from '../schedule/retime';
import { getSettings } from './settings';

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
