import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { checkLayers, importsOf, violationsFor } from '../../scripts/layers';

const root = '/repo';

describe('the layering table', () => {
  it('finds static, type, re-export, dynamic and require imports but not commented ones', () => {
    const src = `import a from './a';\nimport type { B } from "../b";\nexport * from './c';\nconst d = await import('./d');\nconst e = require('e');\n// import x from './x'\n/* import y from './y' */`;
    expect(importsOf(src)).toEqual(['./a', '../b', './c', './d', 'e']);
  });

  it('refuses the engine importing electron or the main process', () => {
    const f = join(root, 'electron/engine/x.ts');
    expect(violationsFor(root, f, `import { app } from 'electron';`)).toHaveLength(1);
    expect(violationsFor(root, f, `import { x } from '../main/window';`)).toHaveLength(1);
    expect(violationsFor(root, f, `import { x } from '../../shared/contract';`)).toHaveLength(0);
  });

  it('refuses the host importing electron, and the renderer importing the engine or node', () => {
    expect(violationsFor(root, join(root, 'electron/host/a.ts'), `import 'electron';`)).toHaveLength(1);
    expect(violationsFor(root, join(root, 'renderer/src/a.ts'), `import { x } from '../../electron/engine/router';`)).toHaveLength(1);
    expect(violationsFor(root, join(root, 'renderer/src/a.ts'), `import fs from 'node:fs';`)).toHaveLength(1);
  });

  it('keeps shared free of node, DOM frameworks and other layers', () => {
    const f = join(root, 'shared/x.ts');
    expect(violationsFor(root, f, `import fs from 'fs';`)).toHaveLength(1);
    expect(violationsFor(root, f, `import { z } from 'zod';`)).toHaveLength(0);
    expect(violationsFor(root, f, `import { e } from '../electron/engine/engine';`)).toHaveLength(1);
  });

  it('lets the preload import only shared and electron', () => {
    const f = join(root, 'electron/preload/index.ts');
    expect(violationsFor(root, f, `import { contextBridge } from 'electron';`)).toHaveLength(0);
    expect(violationsFor(root, f, `import { x } from '../engine/router';`)).toHaveLength(1);
    expect(violationsFor(root, f, `import fs from 'node:fs';`)).toHaveLength(1);
  });

  it('holds for the project as it is', () => {
    expect(checkLayers(process.cwd())).toEqual([]);
  });
});
