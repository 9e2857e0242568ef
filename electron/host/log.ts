// The browser host's log: one line per entry on stderr (stdout carries only what a person or a
// script reads: the ready line and the demo accounts). Never log PINs, tokens or request bodies.
import type { Logger } from '../engine/context';

export function stderrLogger(quiet = false): Logger {
  const line = (level: string, msg: string, data?: unknown) => {
    if (quiet && level === 'info') return;
    const extra = data === undefined ? '' : ` ${safeJson(data)}`;
    process.stderr.write(`${new Date().toISOString()} ${level} ${msg}${extra}\n`);
  };
  return {
    info: (m, d) => line('info', m, d),
    warn: (m, d) => line('warn', m, d),
    error: (m, d) => line('error', m, d),
  };
}

function safeJson(x: unknown): string {
  try {
    return JSON.stringify(x);
  } catch {
    return String(x);
  }
}
