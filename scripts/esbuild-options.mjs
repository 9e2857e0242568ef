// The esbuild options of the Electron bundles, in one place: the build script uses them and the
// bundle smoke test (test/main/bundle.test.ts) imports them, so the test builds what ships.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** What every bundle shares: one CommonJS file for Node 22 (a sandboxed preload cannot load ESM). */
export function commonOptions(production) {
  return {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    sourcemap: true,
    logLevel: 'warning',
    absWorkingDir: root,
    define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
    minify: production,
  };
}

/** The main process bundle; better-sqlite3 (native) and electron stay external. */
export function mainOptions(production) {
  return {
    ...commonOptions(production),
    entryPoints: ['electron/main/index.ts'],
    outfile: 'dist/main/index.cjs',
    external: ['electron', 'better-sqlite3'],
  };
}

/**
 * The browser/LAN host as one file, for the headless server the installed app runs with its own
 * runtime (`box-office-server`, see electron/main/serve.ts). Its ESM-only import.meta.url is given
 * the file's own URL.
 */
export function hostOptions(production) {
  const common = commonOptions(production);
  return {
    ...common,
    entryPoints: ['electron/host/cli.ts'],
    outfile: 'dist/host/cli.cjs',
    external: ['better-sqlite3'],
    define: { ...common.define, 'import.meta.url': '__import_meta_url' },
    banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  };
}
