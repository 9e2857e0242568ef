// The package an installer ships, checked where Electron's zip cannot be downloaded: the real
// build, then electron-builder's unpacked Linux build against a stub Electron folder.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractFile, listPackage } from '@electron/asar';
import { load } from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';

const root = process.cwd();
const unpacked = join(root, 'release', 'linux-unpacked');
const asar = join(unpacked, 'resources', 'app.asar');
let files: string[] = [];

beforeAll(() => {
  const stub = join(tmpdir(), `stub-electron-${process.pid}`);
  rmSync(stub, { recursive: true, force: true });
  mkdirSync(join(stub, 'resources'), { recursive: true });
  writeFileSync(join(stub, 'electron'), '#!/bin/sh\necho "stub electron: packaging layout check only"\n');
  chmodSync(join(stub, 'electron'), 0o755);
  writeFileSync(join(stub, 'LICENSE'), 'stub');
  writeFileSync(join(stub, 'version'), '45.4.1');
  rmSync(unpacked, { recursive: true, force: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['run', 'build'], { stdio: 'pipe' });
  execFileSync(process.execPath, ['scripts/pack-dir.mjs', stub], { stdio: 'pipe' });
  files = listPackage(asar, { isPack: false }).map((f) => f.replace(/\\/g, '/'));
}, 240_000);

describe('the packaged app (linux-unpacked)', () => {
  it('holds the main entry its package.json names, the preload and the renderer with its assets', () => {
    const pkg = JSON.parse(extractFile(asar, 'package.json').toString('utf8'));
    expect(pkg.main).toBe('dist/main/index.cjs');
    expect(files).toContain('/dist/main/index.cjs');
    expect(files).toContain('/dist/preload/index.cjs');
    expect(files).toContain('/dist/renderer/index.html');
    const html = extractFile(asar, 'dist/renderer/index.html').toString('utf8');
    const assets = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThan(0);
    for (const a of assets) expect(files).toContain(`/dist/renderer/${a}`);
    expect(html).toContain('Content-Security-Policy');
  });

  it('leaves out tests, sources, source maps and development tools', () => {
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
    expect(files.filter((f) => f.startsWith('/test/') || f.startsWith('/electron/') || f.startsWith('/renderer/') || f.startsWith('/scripts/'))).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    for (const dev of Object.keys(pkg.devDependencies)) {
      expect(files.some((f) => f.startsWith(`/node_modules/${dev}/`)), `devDependency ${dev} packaged`).toBe(false);
    }
    for (const dep of Object.keys(pkg.dependencies)) {
      expect(files.some((f) => f.startsWith(`/node_modules/${dep}/`)), `dependency ${dep} missing`).toBe(true);
    }
  });

  it('carries the headless server: the bundled host and its launcher beside the executable', () => {
    expect(files).toContain('/dist/host/cli.cjs');
    const launcher = join(unpacked, 'box-office-server');
    expect(existsSync(launcher)).toBe(true);
    expect(statSync(launcher).mode & 0o111).not.toBe(0);
  });

  it('unpacks the better-sqlite3 Linux x64 binary beside the asar', () => {
    const native = join(unpacked, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'prebuilds', 'linux-x64.node');
    expect(existsSync(native)).toBe(true);
    expect(readFileSync(native).subarray(0, 4).toString('latin1')).toBe('\x7fELF');
  });

  it('names the executable and carries the icon sizes the Linux targets use', () => {
    expect(existsSync(join(unpacked, 'box-office'))).toBe(true);
    for (const n of [16, 32, 48, 64, 128, 256, 512]) expect(existsSync(join(root, 'build', 'icons', `${n}x${n}.png`))).toBe(true);
    expect(readFileSync(join(root, 'build', 'icon.icns')).subarray(0, 4).toString('latin1')).toBe('icns');
    expect(readFileSync(join(root, 'build', 'icon.ico')).readUInt16LE(2)).toBe(1);
  });

  it('configures the fuses of a packaged app: no run-as-node, no inspect, app only from an integrity-checked asar', () => {
    const cfg = load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>;
    expect(cfg.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    expect(cfg.asar).toBe(true);
    expect(cfg.directories.output).not.toBe('dist');
    expect(cfg.nsis).toMatchObject({ perMachine: false, oneClick: false, deleteAppDataOnUninstall: false });
    expect(cfg.mac).toMatchObject({ hardenedRuntime: true, entitlements: 'build/entitlements.mac.plist' });
    expect(existsSync(join(root, cfg.mac.entitlements))).toBe(true);
  });
});
