// The log-line format both hosts write: time, level, message, data as JSON (or as text when it cannot be).
import { describe, expect, it } from 'vitest';
import { formatLogLine, lineLogger } from '../../electron/engine/logLine';

describe('log lines', () => {
  const at = new Date('2026-11-23T15:00:00.000Z');

  it('writes time, level, message and data on one line', () => {
    expect(formatLogLine('warn', 'backup failed', { code: 'EACCES' }, at)).toBe('2026-11-23T15:00:00.000Z warn backup failed {"code":"EACCES"}\n');
    expect(formatLogLine('info', 'ready', undefined, at)).toBe('2026-11-23T15:00:00.000Z info ready\n');
  });

  it('shows data that is not JSON as text instead of throwing', () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(formatLogLine('error', 'odd', loop, at)).toBe('2026-11-23T15:00:00.000Z error odd [object Object]\n');
  });

  it('hands each level its formatted line', () => {
    const got: string[] = [];
    const log = lineLogger((level, line) => got.push(`${level}|${line.split(' ').slice(1).join(' ')}`));
    log.info('a');
    log.warn('b', 1);
    log.error('c');
    expect(got).toEqual(['info|info a\n', 'warn|warn b 1\n', 'error|error c\n']);
  });
});
