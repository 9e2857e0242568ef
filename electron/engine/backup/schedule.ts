// Automatic backups wherever the database lives (the desktop app, a headless LAN server): one a
// day while it runs and one when it quits, through the engine's backup function (which also
// applies settings.backupRetentionDays). A counter has no database, so none.
import type { Actor } from '../context';
import type { Engine } from '../engine';
import { createBackup } from './backup';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Automatic backups are made by the app itself, not by a signed-in person. */
const SYSTEM: Actor = { staffId: 'system', name: 'Automatic backup', role: 'manager', session: '' };

export async function backupNow(engine: Engine): Promise<boolean> {
  try {
    const info = await createBackup(engine.ctx, {}, SYSTEM);
    engine.ctx.log.info('automatic backup written', { file: info.file, bytes: info.bytes });
    return true;
  } catch (e) {
    engine.ctx.log.error('automatic backup failed', { error: String((e as Error)?.message ?? e) });
    return false;
  }
}

/** Starts the daily timer; returns a stop function. */
export function scheduleDailyBackups(engine: Engine, intervalMs = DAY_MS): () => void {
  const timer = setInterval(() => void backupNow(engine), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
