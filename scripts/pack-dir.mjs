// `node scripts/pack-dir.mjs <folder>` (used by test/packaging): electron-builder's unpacked Linux build against a given Electron folder
// (a stub here, where Electron's zip cannot be downloaded), to check the package's layout.
// Fuses are flipped in the real Electron binary at packaging time; a stub binary has no fuse
// wire, so this build leaves them off and the packaging test checks their configuration instead.
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';

const electronDist = process.argv[2];
if (!electronDist) {
  console.error('usage: node scripts/pack-dir.mjs <electron-dist-folder>');
  process.exit(2);
}
// Copy, never hard-link: electron-builder hard-links when it sees VITEST (the packaging test runs
// this under vitest), and then links the launcher in extraFiles twice and fails with EEXIST. It
// reads the variable when it loads, so it goes before the import.
delete process.env.VITEST;
const { build, Platform } = await import('electron-builder');
const config = load(readFileSync('electron-builder.yml', 'utf8'));
const electronVersion = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version;
await build({
  targets: Platform.LINUX.createTarget('dir'),
  config: { ...config, electronDist, electronVersion, npmRebuild: false, electronFuses: null },
  publish: 'never',
});
