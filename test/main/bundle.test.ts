// Smoke test of the bundled main process (the esbuild CJS output that Electron would run): it is
// loaded under Node with a stand-in 'electron' module, starts the engine in userData, binds every
// channel, opens the hardened window, and at quit writes a backup and closes the database.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../shared/contract';
import { mainOptions } from '../../scripts/esbuild-options.mjs';

const ROOT = join(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'bo-bundle-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const STUB = String.raw`
const { EventEmitter } = require('node:events');
const path = require('node:path');
const userData = process.env.STUB_USER_DATA;
const app = new EventEmitter();
let ready;
const whenReadyPromise = new Promise((r) => (ready = r));
Object.assign(app, {
  isPackaged: false,
  enableSandbox() { report('enableSandbox'); },
  setPath() {},
  getPath: (n) => (n === 'userData' ? userData : path.join(userData, '..')),
  getVersion: () => '0.0.0-test',
  requestSingleInstanceLock: () => true,
  whenReady: () => whenReadyPromise,
  quit() { report('quit'); report('channels ' + handlers.size); app.emit('before-quit', { preventDefault() { report('quit-deferred'); } }); },
  exit(code) { report('exit ' + code); process.exit(code); },
});
const events = [];
function report(e) { events.push(e); }
const handlers = new Map();
class WebContents extends EventEmitter { setWindowOpenHandler(fn) { this.openHandler = fn; } }
const windows = [];
class BrowserWindow extends EventEmitter {
  constructor(opts) { super(); this.opts = opts; this.webContents = new WebContents(); windows.push(this); app.emit('web-contents-created', {}, this.webContents); }
  loadFile(f) { report('loadFile ' + path.basename(f)); return Promise.resolve(); }
  static getAllWindows() { return windows; }
}
const session = { defaultSession: {
  setPermissionRequestHandler() { report('permissionRequest'); }, setPermissionCheckHandler() { report('permissionCheck'); },
  webRequest: { onBeforeRequest() { report('onBeforeRequest'); }, onHeadersReceived() { report('onHeadersReceived'); } } } };
const electron = {
  app, BrowserWindow, session,
  Menu: { buildFromTemplate: (t) => ({ t }), setApplicationMenu() { report('menu'); } },
  ipcMain: { handle: (c, fn) => handlers.set(c, fn), removeHandler: (c) => handlers.delete(c) },
};
const Module = require('node:module');
const orig = Module._resolveFilename;
Module._resolveFilename = function (req, ...rest) { return req === 'electron' ? 'electron-stub' : orig.call(this, req, ...rest); };
require.cache['electron-stub'] = { id: 'electron-stub', filename: 'electron-stub', loaded: true, exports: electron };
process.on('exit', () => {
  const w = windows[0];
  console.log(JSON.stringify({ events, channels: [...handlers.keys()], webPreferences: w && w.opts.webPreferences,
    denies: w && w.webContents.openHandler && w.webContents.openHandler({ url: 'https://x' }) }));
});
setTimeout(() => ready(), 0);
setTimeout(() => app.quit(), 400);
`;

describe('bundled main process', () => {
  it('starts and quits cleanly under a stand-in electron', async () => {
    const out = join(work, 'dist', 'main', 'index.cjs');
    // The build script's own options, written somewhere temporary.
    await build({ ...mainOptions(false), outfile: out, logLevel: 'silent', nodePaths: [join(ROOT, 'node_modules')] });
    const stub = join(work, 'stub.cjs');
    writeFileSync(stub, STUB);
    const userData = join(work, 'userData');
    mkdirSync(userData);
    // A standalone install (the first-start choice already made): it runs its own engine.
    writeFileSync(join(userData, 'install.json'), JSON.stringify({ mode: 'standalone' }));
    const r = spawnSync(process.execPath, ['--require', stub, out], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 20_000,
      env: { ...process.env, STUB_USER_DATA: userData, NODE_PATH: join(ROOT, 'node_modules') },
    });
    expect(r.stderr).not.toMatch(/Error/);
    const report = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
    expect([...report.channels].sort()).toEqual([]); // disposed at quit
    expect(report.events).toEqual(expect.arrayContaining(['enableSandbox', 'permissionRequest', 'permissionCheck', 'onHeadersReceived', 'menu', 'loadFile index.html', 'quit-deferred']));
    expect(report.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(report.webPreferences.preload).toMatch(/dist[/\\]preload[/\\]index\.cjs$/);
    expect(report.denies).toEqual({ action: 'deny' });
    expect(existsSync(join(userData, 'boxoffice.sqlite'))).toBe(true);
    expect(readdirSync(join(userData, 'backups')).filter((f) => f.endsWith('.sqlite')).length).toBeGreaterThanOrEqual(1);
    expect(existsSync(join(userData, 'logs', 'main.log'))).toBe(true);
    expect(report.events).toContain(`channels ${CHANNEL_NAMES.length}`);
  });
});
