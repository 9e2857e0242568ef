import { describe, expect, it } from 'vitest';
import { readSarif } from '../../scripts/security-check.mjs';

// The shape Electronegativity 1.10 writes (dist/util/file.js), trimmed to what the gate reads.
const report = {
  version: '2.1.0',
  runs: [
    {
      tool: { driver: { name: 'Electronegativity', rules: [] } },
      results: [
        {
          ruleId: 'PRELOAD_JS_CHECK',
          level: 'warning',
          message: { text: 'Review the use of preload scripts' },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'electron/main/window.ts' }, region: { startLine: 64, startColumn: 7 } } }],
        },
        {
          ruleId: 'CSP_GLOBAL_CHECK',
          level: 'note',
          message: { text: 'Failed to parse CSP, it may not be valid, "quoted"' },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'renderer/index.html' }, region: { startLine: 5, startColumn: 1 } } }],
        },
      ],
    },
  ],
};

describe('security gate report reader', () => {
  it('reads each finding with its rule, file and position, whatever punctuation the text holds', () => {
    expect(readSarif(JSON.stringify(report))).toEqual([
      { issue: 'PRELOAD_JS_CHECK', level: 'warning', file: 'electron/main/window.ts', location: '64:7', description: 'Review the use of preload scripts' },
      { issue: 'CSP_GLOBAL_CHECK', level: 'note', file: 'renderer/index.html', location: '5:1', description: 'Failed to parse CSP, it may not be valid, "quoted"' },
    ]);
  });

  it('refuses a truncated or foreign report instead of reading it as "no findings"', () => {
    expect(() => readSarif('{"runs":[{')).toThrow();
    expect(() => readSarif('{"version":"2.1.0"}')).toThrow(/no runs/);
  });
});
