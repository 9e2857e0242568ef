// The lint's import-cycle check: a planted circle among real files is caught, a type-only one is not.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCycles, importEdgesOf } from '../../scripts/layers';

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

function tree(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'cycles-'));
  for (const [path, src] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), src);
  }
  return dir;
}

describe('the import-cycle check', () => {
  it('tells type-only imports and re-exports from value ones', () => {
    const edges = importEdgesOf(`import type { A } from './a';\nexport type { B } from './b';\nimport { c } from './c';\nexport * from './d';\nimport { type E } from './e';`);
    expect(edges).toEqual([
      { specifier: './a', typeOnly: true },
      { specifier: './b', typeOnly: true },
      { specifier: './c', typeOnly: false },
      { specifier: './d', typeOnly: false },
      { specifier: './e', typeOnly: false },
    ]);
  });

  it('catches a planted three-module cycle across folders, naming the files around it', () => {
    const root = tree({
      'electron/engine/settings/settings.ts': `import { retime } from '../schedule/retime';\nexport const s = 1;`,
      'electron/engine/schedule/retime.ts': `import { shows } from './shows';\nexport const retime = 1;`,
      'electron/engine/schedule/shows.ts': `import { s } from '../settings/settings';\nexport const shows = 1;`,
      'electron/engine/other.ts': `import { s } from './settings/settings';`,
    });
    const cycles = checkCycles(root);
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toEqual([
      'electron/engine/schedule/retime.ts',
      'electron/engine/schedule/shows.ts',
      'electron/engine/settings/settings.ts',
      'electron/engine/schedule/retime.ts',
    ]);
  });

  it('catches a cycle through a folder index and a dynamic import', () => {
    const root = tree({
      'renderer/src/api/index.ts': `export * from './client';`,
      'renderer/src/api/client.ts': `export const load = () => import('../stores/session');`,
      'renderer/src/stores/session.ts': `import { load } from '../api';`,
    });
    expect(checkCycles(root)).toHaveLength(1);
  });

  it('lets a circle closed only by type-only imports pass, and a plain chain', () => {
    const root = tree({
      'shared/a.ts': `import { b } from './b';\nexport interface A { x: number }`,
      'shared/b.ts': `import type { A } from './a';\nexport const b = 1;`,
      'shared/c.ts': `export type { A } from './a';\nimport { b } from './b';`,
    });
    expect(checkCycles(root)).toEqual([]);
  });

  it('holds for the project as it is', () => {
    expect(checkCycles(process.cwd())).toEqual([]);
  });
});
