// Runs the Playwright end-to-end suite when there is one; the suite finds Debian's Chromium.
import { existsSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const dir = 'test/e2e';
const hasSpecs = existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('.spec.ts'));
if (!hasSpecs) {
  console.log('e2e: no end-to-end specs yet');
  process.exit(0);
}
const r = spawnSync('npx', ['playwright', 'test'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
