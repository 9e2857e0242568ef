// Bundles the Electron main process, the host (headless server) and the preload with esbuild: one CommonJS file each, since a
// sandboxed preload cannot load ESM imports. better-sqlite3 (native) and electron stay external.
// The options themselves are in esbuild-options.mjs, shared with the bundle test.
import { build } from 'esbuild';
import { commonOptions, hostOptions, mainOptions } from './esbuild-options.mjs';

const production = process.argv.includes('--production');
const common = commonOptions(production);

/**
 * The preload needs only the contract's channel and event NAMES; importing the contract itself
 * would bundle zod and every schema into each window. So the names are read from the contract
 * at build time and the preload's import of it is answered with just those two lists.
 */
async function contractNames() {
  const out = await build({
    ...common,
    sourcemap: false,
    minify: false,
    entryPoints: ['shared/contract/index.ts'],
    write: false,
    outfile: 'names.cjs',
  });
  const mod = { exports: {} };
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(mod, mod.exports, (await import('node:module')).createRequire(import.meta.url));
  const { CHANNEL_NAMES, EVENT_NAMES } = mod.exports;
  if (!Array.isArray(CHANNEL_NAMES) || !Array.isArray(EVENT_NAMES) || CHANNEL_NAMES.length === 0) throw new Error('could not read the contract names');
  return { CHANNEL_NAMES, EVENT_NAMES };
}

const names = await contractNames();
const contractNamesOnly = {
  name: 'contract-names-only',
  setup(b) {
    b.onResolve({ filter: /shared\/contract(\/index)?$/ }, () => ({ path: 'contract-names', namespace: 'contract-names' }));
    b.onLoad({ filter: /.*/, namespace: 'contract-names' }, () => ({
      contents: `export const CHANNEL_NAMES = ${JSON.stringify(names.CHANNEL_NAMES)};\nexport const EVENT_NAMES = ${JSON.stringify(names.EVENT_NAMES)};\n`,
      loader: 'js',
    }));
  },
};

const started = Date.now();
await Promise.all([
  build(mainOptions(production)),
  build(hostOptions(production)),
  build({
    ...common,
    entryPoints: ['electron/preload/index.ts'],
    outfile: 'dist/preload/index.cjs',
    external: ['electron'],
    plugins: [contractNamesOnly],
  }),
]);
console.log(`Built dist/main/index.cjs, dist/host/cli.cjs and dist/preload/index.cjs in ${Date.now() - started} ms`);
