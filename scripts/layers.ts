// The layering table of architecture.md, enforced: who may import whom, and no import cycles among
// the project's own modules. Run by `npm run lint` (and so by `npm test`); a wrong arrow or a
// circle fails CI instead of waiting for a review.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
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
  return importEdgesOf(source).map((e) => e.specifier);
}

export interface ImportEdge {
  specifier: string;
  /** `import type ...` / `export type ...`: erased at build, so it cannot close a load-time cycle. */
  typeOnly: boolean;
}

export function importEdgesOf(source: string): ImportEdge[] {
  // Strip comments first so an example in a comment is not taken for an import.
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const out: ImportEdge[] = [];
  for (const m of code.matchAll(IMPORT_RE)) {
    out.push({ specifier: (m[1] ?? m[2])!, typeOnly: m[1] !== undefined && /^(?:import|export)\s+type\s/.test(m[0].replace(/^[^ie]*/, '')) });
  }
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

function projectFiles(root: string): string[] {
  return ROOTS.flatMap(([prefix]) => walk(join(root, prefix), []));
}

export function checkLayers(root: string): Violation[] {
  return projectFiles(root).flatMap((f) => violationsFor(root, f, readFileSync(f, 'utf8')));
}

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs'];

/** The file a relative specifier names (extensionless, or a folder's index), or null. */
export function resolveImport(fromFile: string, spec: string, exists: (p: string) => boolean = existsSync): string | null {
  const base = resolve(dirname(fromFile), spec);
  const candidates = [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => join(base, 'index' + e))];
  if (/\.js$/.test(base)) candidates.push(base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'));
  for (const c of candidates) if (exists(c) && (c === base ? /\.(ts|tsx|mts|cts|js|mjs)$/.test(c) : true)) return c;
  return null;
}

/**
 * Every import cycle among the given files (path -> source), each as the list of files around it
 * (first file repeated at the end). Type-only imports are left out: they vanish at build.
 * One cycle is reported per strongly connected group, which is enough to fail and to point at it.
 */
export function findCycles(sources: Map<string, string>): string[][] {
  const graph = new Map<string, string[]>();
  for (const [file, src] of sources) {
    const next: string[] = [];
    for (const e of importEdgesOf(src)) {
      if (e.typeOnly || !e.specifier.startsWith('.')) continue;
      const target = resolveImport(file, e.specifier, (p) => sources.has(p));
      if (target && target !== file) next.push(target);
    }
    graph.set(file, next);
  }
  // Tarjan's strongly connected components, iterative so a deep import chain cannot overflow.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const groups: string[][] = [];
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: [string, number][] = [[start, 0]];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const [node, i] = frame;
      const edges = graph.get(node)!;
      if (i < edges.length) {
        frame[1]++;
        const to = edges[i]!;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push([to, 0]);
        } else if (onStack.has(to)) {
          low.set(node, Math.min(low.get(node)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1]![0];
        low.set(parent, Math.min(low.get(parent)!, low.get(node)!));
      }
      if (low.get(node) === index.get(node)) {
        const group: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          group.push(member);
        } while (member !== node);
        if (group.length > 1) groups.push(group);
      }
    }
  }
  return groups.map((g) => cycleWithin(graph, new Set(g), g.sort()[0]!));
}

/** A shortest path from `start` back to itself inside one strongly connected group. */
function cycleWithin(graph: Map<string, string[]>, group: Set<string>, start: string): string[] {
  const prev = new Map<string, string>();
  const queue = [start];
  for (let q = 0; q < queue.length; q++) {
    const node = queue[q]!;
    for (const to of graph.get(node)!) {
      if (!group.has(to)) continue;
      if (to === start) {
        const path = [start];
        for (let n = node; n !== start; n = prev.get(n)!) path.unshift(n);
        path.unshift(start);
        return path;
      }
      if (!prev.has(to)) {
        prev.set(to, node);
        queue.push(to);
      }
    }
  }
  return [start, start];
}

export function checkCycles(root: string): string[][] {
  const sources = new Map(projectFiles(root).map((f) => [f, readFileSync(f, 'utf8')]));
  return findCycles(sources).map((c) => c.map((f) => relative(root, f).split(sep).join('/')));
}
