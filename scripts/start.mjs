// `npm start` / `npm run demo`: builds what is missing or stale, then opens the desktop app when
// Electron can run here, or else serves the same box office to the browser (electron/host/cli.ts).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const demo = argv.includes('--demo');
const rest = argv.filter((a) => a !== '--demo');

/** Node 22 runs the project (better-sqlite3 13); npm scripts already put it first on PATH. */
function nodeBin() {
  if (Number(process.versions.node.split('.')[0]) >= 22) return process.execPath;
  const local = join(root, 'node_modules', 'node', 'bin', 'node');
  return existsSync(local) ? local : process.execPath;
}
const node = nodeBin();

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = st.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    t = Math.max(t, newest(join(path, name)));
  }
  return t;
}

function run(args, what) {
  const r = spawnSync(node, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    console.error(`Building ${what} failed (exit ${r.status ?? r.signal}).`);
    process.exit(1);
  }
}

function buildRenderer() {
  const index = join(root, 'dist', 'renderer', 'index.html');
  if (!existsSync(join(root, 'renderer'))) return;
  const sources = Math.max(newest(join(root, 'renderer')), newest(join(root, 'shared')), newest(join(root, 'vite.config.ts')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  console.error('Building the box office page (vite build)...');
  run([join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], 'the page');
}

/** The Electron binary's path when it exists and can show a window here, else why not. */
function electronBinary() {
  if (process.env.BOX_OFFICE_BROWSER === '1') return { why: 'BOX_OFFICE_BROWSER=1 is set' };
  // require('electron') downloads the binary on first use; probe in a child so a failed or slow
  // download neither floods this terminal nor hangs it.
  const probe = spawnSync(node, ['-e', "process.stdout.write(JSON.stringify(require('electron')))"], {
    cwd: root,
    encoding: 'utf8',
    timeout: 300_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const missing = { why: 'Electron is not installed on this machine (its binary could not be downloaded)' };
  if (probe.status !== 0) return missing;
  let path;
  try {
    path = JSON.parse(probe.stdout);
  } catch {
    return missing;
  }
  if (typeof path !== 'string' || !existsSync(path)) return missing;
  // The binary is there; a window also needs a screen.
  const hasScreen = process.platform === 'darwin' || process.platform === 'win32' || !!process.env.DISPLAY || !!process.env.WAYLAND_DISPLAY;
  if (!hasScreen) return { why: 'There is no display for the desktop window here (no DISPLAY or WAYLAND_DISPLAY)' };
  return { path };
}

function forward(child) {
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

buildRenderer();
const electron = electronBinary();
if (electron.path) {
  run([join(root, 'scripts', 'build-electron.mjs')], 'the desktop app');
  const env = { ...process.env, ...(demo ? { BOX_OFFICE_DEMO: '1' } : {}) };
  delete env.ELECTRON_RUN_AS_NODE;
  // "." runs package.json's main (dist/main/index.cjs) with the app's name, so userData is "Box Office".
  forward(spawn(electron.path, ['.', ...(demo ? ['--demo'] : []), ...rest], { cwd: root, stdio: 'inherit', env }));
} else {
  console.log(`${electron.why}; serving the box office to your browser instead.`);
  const hostArgs = demo ? ['--demo', '--data', join(root, '.data', 'demo'), ...rest] : rest;
  forward(spawn(node, ['--import', 'tsx', join(root, 'electron', 'host', 'cli.ts'), ...hostArgs], { cwd: root, stdio: 'inherit' }));
}
