// Box office settings: hold time, trailers, cleaning, cancellation tiers, receipt text, backups.
// Reading them only: saving (which re-times shows) is settings/save.ts, a floor above the schedule.
import { DEFAULT_SETTINGS, Settings } from '../../../shared/contract';
import type { EngineCtx } from '../context';
import { readKvParsed } from '../db/kv';

/** The settings in force, parsed once per stored text (every hold reads them). Read-only. */
export function getSettings(ctx: Pick<EngineCtx, 'db'>): Settings {
  // Stored documents are merged over the defaults so a setting added later has a value.
  return readKvParsed(ctx.db, 'settings', (stored) => Settings.parse({ ...DEFAULT_SETTINGS, ...((stored as Partial<Settings> | undefined) ?? {}) }));
}

/** The hold length in force: the host's override (tests, demos) or the setting. */
export function holdSeconds(ctx: Pick<EngineCtx, 'db' | 'holdSecondsOverride'>): number {
  return ctx.holdSecondsOverride ?? getSettings(ctx).holdSeconds;
}
