// The headless server of the installed app: the real build (dist/main/index.cjs + dist/host/cli.cjs)
// run as `box-office --serve --lan ...` under a stand-in 'electron' module (no Electron binary
// here, as in test/packaging): it opens no window, serves HTTPS with the kept certificate, prints
// the fingerprint and a pairing code, and stops cleanly on SIGTERM. Plus the launcher and unit.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'bo-serve-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Serve mode must not touch the desktop parts of Electron: every access is reported.
const STUB = String.raw`
const Module = require('node:module');
const used = [];
const electron = new Proxy({}, { get(_t, k) { if (typeof k === 'string') used.push(k); return new Proxy(function () {}, { get: () => () => {}, apply: () => undefined }); } });
const orig = Module._resolveFilename;
Module._resolveFilename = function (req, ...rest) { return req === 'electron' ? 'electron-stub' : orig.call(this, req, ...rest); };
require.cache['electron-stub'] = { id: 'electron-stub', filename: 'electron-stub', loaded: true, exports: electron };
process.on('exit', () => process.stderr.write('ELECTRON-USED ' + JSON.stringify(used) + '\n'));
`;

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build-electron.mjs'], { cwd: ROOT, stdio: 'pipe' });
}, 120_000);

describe('box-office --serve (headless server)', () => {
  it('runs the bundled host with the app runtime: HTTPS, fingerprint, pairing code, no window', async () => {
    const stub = join(work, 'stub.cjs');
    writeFileSync(stub, STUB);
    const data = join(work, 'data');
    const child = spawn(process.execPath, ['--require', stub, join(ROOT, 'dist', 'main', 'index.cjs'), '--serve', '--lan', '--host', '127.0.0.1', '--port', '0', '--data', data], {
      cwd: work,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') },
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    for (let i = 0; i < 200 && !/Pairing code: \d{4}-\d{4}/.test(out); i++) await new Promise((r) => setTimeout(r, 100));
    expect(out).toMatch(/^Box office ready at https:\/\/127\.0\.0\.1:\d+$/m);
    expect(out).toMatch(/^Certificate fingerprint: SHA256 [0-9A-F:]{95}$/m);
    expect(statSync(join(data, 'tls', 'server-key.pem')).mode & 0o077).toBe(0);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const used = JSON.parse(/ELECTRON-USED (.*)/.exec(err)![1]!) as string[];
    // No window, no IPC, no session: only the module's top-level look at app.isPackaged.
    expect(used.filter((k) => k !== '__esModule' && k !== 'app')).toEqual([]);
  }, 60_000);

  it('ships a launcher beside the executable and a systemd unit in the deb', () => {
    const cfg = load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, any>;
    expect(cfg.linux.extraFiles).toContainEqual({ from: 'build/server/box-office-server', to: 'box-office-server' });
    expect(cfg.deb.fpm).toContain('build/server/box-office-server.service=/lib/systemd/system/box-office-server.service');
    const launcher = join(ROOT, 'build', 'server', 'box-office-server');
    expect(statSync(launcher).mode & 0o111).not.toBe(0);
    expect(readFileSync(launcher, 'utf8')).toMatch(/exec "\$HERE\/box-office" .*--serve "\$@"/);
    const unit = readFileSync(join(ROOT, 'build', 'server', 'box-office-server.service'), 'utf8');
    expect(unit).toMatch(/^ExecStart="\/opt\/Box Office\/box-office-server" --lan --data \/var\/lib\/box-office$/m);
    expect(unit).toMatch(/^DynamicUser=yes$/m);
    expect(unit).toMatch(/^WantedBy=multi-user.target$/m);
  });
});
