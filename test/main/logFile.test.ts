import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rotatingLogger } from '../../electron/main/logFile';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('rotating log file', () => {
  it('rotates by size and keeps a bounded number of files', () => {
    dir = mkdtempSync(join(tmpdir(), 'bo-log-'));
    const log = rotatingLogger({ dir: join(dir, 'logs'), maxBytes: 500, keep: 2 });
    for (let i = 0; i < 60; i++) log.info('line', { i });
    const logs = join(dir, 'logs');
    expect(existsSync(join(logs, 'main.log'))).toBe(true);
    expect(existsSync(join(logs, 'main.1.log'))).toBe(true);
    expect(existsSync(join(logs, 'main.2.log'))).toBe(true);
    expect(existsSync(join(logs, 'main.3.log'))).toBe(false);
    for (const f of ['main.log', 'main.1.log', 'main.2.log']) expect(statSync(join(logs, f)).size).toBeLessThanOrEqual(500);
    expect(readFileSync(join(logs, 'main.log'), 'utf8')).toContain('"i":59');
  });
});
