// This build's version: the `version` of the nearest package.json above this file (the source
// checkout's, or the packaged app's), unless the launcher names it in BOX_OFFICE_APP_VERSION.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function fromPackageJson(start: string): string | null {
  let dir = start;
  for (let i = 0; i < 6; i++) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        const v = (JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version;
        if (typeof v === 'string') return v;
      } catch {
        return null;
      }
    }
    dir = dirname(dir);
  }
  return null;
}

export const APP_VERSION: string =
  process.env.BOX_OFFICE_APP_VERSION || fromPackageJson(dirname(fileURLToPath(import.meta.url))) || '0.0.0';
