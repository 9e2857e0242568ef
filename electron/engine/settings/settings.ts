// Box office settings: hold time, trailers, cleaning, cancellation tiers, receipt text, backups.
// Reading them only: saving (which re-times shows) is settings/save.ts, a floor above the schedule.
import { DEFAULT_SETTINGS, Settings } from '../../../shared/contract';
import type { EngineCtx } from '../context';
import { readKv } from '../db/kv';

export function getSettings(ctx: Pick<EngineCtx, 'db'>): Settings {
  const stored = readKv<Partial<Settings>>(ctx.db, 'settings');
  // Stored documents are merged over the defaults so a setting added later has a value.
  return Settings.parse({ ...DEFAULT_SETTINGS, ...(stored ?? {}) });
}

/** The hold length in force: the host's override (tests, demos) or the setting. */
export function holdSeconds(ctx: Pick<EngineCtx, 'db' | 'holdSecondsOverride'>): number {
  return ctx.holdSecondsOverride ?? getSettings(ctx).holdSeconds;
}
