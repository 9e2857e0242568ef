// The layering table of architecture.md, enforced: who may import whom. Run by `npm run lint`
// (and so by `npm test`); a wrong arrow fails CI instead of waiting for a review.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { builtinModules } from 'node:module';

export type Layer = 'shared' | 'engine' | 'main' | 'host' | 'preload' | 'renderer';

/** Which project layers each layer may import, and which packages it may not. */
export const RULES: Record<Layer, { layers: Layer[]; forbidPackages: (pkg: string) => boolean }> = {
  shared: { layers: ['shared'], forbidPackages: (p) => isNodeBuiltin(p) || p === 'electron' || p === 'react' || p === 'better-sqlite3' },
  engine: { layers: ['engine', 'shared'], forbidPackages: (p) => p === 'electron' || p.startsWith('electron/') || p === 'react' },
  main: { layers: ['main', 'engine', 'shared'], forbidPackages: (p) => p === 'react' },
  host: { layers: ['host', 'engine', 'shared'], forbidPackages: (p) => p === 'electron' || p.startsWith('electron/') || p === 'react' },
  preload: { layers: ['preload', 'shared'], forbidPackages: (p) => p !== 'electron' && p !== 'zod' },
  renderer: { layers: ['renderer', 'shared'], forbidPackages: (p) => isNodeBuiltin(p) || p === 'electron' || p === 'better-sqlite3' },
};

const ROOTS: [string, Layer][] = [
  ['shared', 'shared'],
  ['electron/engine', 'engine'],
  ['electron/main', 'main'],
  ['electron/host', 'host'],
  ['electron/preload', 'preload'],
  ['renderer', 'renderer'],
];

function isNodeBuiltin(p: string): boolean {
  return p.startsWith('node:') || builtinModules.includes(p.split('/')[0] ?? p);
}

export function layerOf(root: string, file: string): Layer | null {
  const rel = relative(root, file).split(sep).join('/');
  for (const [prefix, layer] of ROOTS) if (rel === prefix || rel.startsWith(prefix + '/')) return layer;
  return null;
}

const IMPORT_RE = /(?:^|[^\w$.])(?:import|export)\s+(?:type\s+)?(?:[^'"`;]*?\s+from\s+)?['"]([^'"]+)['"]|(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

export function importsOf(source: string): string[] {
  // Strip comments first so an example in a comment is not taken for an import.
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const out: string[] = [];
  for (const m of code.matchAll(IMPORT_RE)) out.push((m[1] ?? m[2])!);
  return out;
}

export interface Violation {
  file: string;
  specifier: string;
  why: string;
}

export function violationsFor(root: string, file: string, source: string): Violation[] {
  const layer = layerOf(root, file);
  if (!layer) return [];
  const rule = RULES[layer];
  const out: Violation[] = [];
  for (const spec of importsOf(source)) {
    if (spec.startsWith('.')) {
      const target = resolve(dirname(file), spec);
      const tl = layerOf(root, target);
      if (tl === null) {
        out.push({ file, specifier: spec, why: `${layer} imports a file outside the layered folders` });
      } else if (!rule.layers.includes(tl)) {
        out.push({ file, specifier: spec, why: `${layer} may not import ${tl}` });
      }
    } else if (rule.forbidPackages(spec)) {
      out.push({ file, specifier: spec, why: `${layer} may not import the package "${spec}"` });
    }
  }
  return out;
}

function walk(dir: string, acc: string[]): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return acc;
  }
  for (const name of entries) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, acc);
    else if (/\.(ts|tsx|mts|cts|js|mjs)$/.test(name) && !name.endsWith('.d.ts')) acc.push(p);
  }
  return acc;
}

export function checkLayers(root: string): Violation[] {
  const files = ROOTS.flatMap(([prefix]) => walk(join(root, prefix), []));
  return files.flatMap((f) => violationsFor(root, f, readFileSync(f, 'utf8')));
}
