// Builds the renderer once before the suite when dist/renderer is missing or older than its sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(dir: string): number {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}

export default function globalSetup(): void {
  const out = 'dist/renderer/index.html';
  const built = existsSync(out) ? statSync(out).mtimeMs : 0;
  const sources = Math.max(newest('renderer'), newest('shared'), statSync('vite.config.ts').mtimeMs);
  if (built > sources && !process.env.E2E_FORCE_BUILD) return;
  const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('vite build failed');
}
