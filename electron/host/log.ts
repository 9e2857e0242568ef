// The browser host's log: one line per entry on stderr (stdout carries only what a person or a
// script reads: the ready line and the demo accounts). Never log PINs, tokens or request bodies.
import type { Logger } from '../engine/context';
import { lineLogger } from '../engine/logLine';

export function stderrLogger(quiet = false): Logger {
  return lineLogger((level, line) => {
    if (quiet && level === 'info') return;
    process.stderr.write(line);
  });
}
