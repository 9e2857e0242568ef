// Where the browser host keeps its data when no --data is given: the same per-user folder that
// Electron's app.getPath('userData') uses for the product name "Box Office", so both hosts share it.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'Box Office';
export { BACKUP_DIR, DB_FILE } from '../engine/dataFiles';

export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), PRODUCT_NAME);
}
