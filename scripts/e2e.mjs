// Runs the Playwright end-to-end suite (test/e2e) in Debian's Chromium; say so plainly when the
// browser is missing instead of failing every test one by one.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`e2e: ${chromium} not found; install it with: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  process.exit(1);
}
const r = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
