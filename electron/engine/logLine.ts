// The one log-line format of both hosts (the browser host's stderr, the desktop app's log file):
// "<ISO time> <level> <message> <data as JSON>", one entry a line, so the same tools read both.
import type { Logger } from './context';

export type LogLevel = 'info' | 'warn' | 'error';

/** One entry as a line (with its newline). Data that cannot be JSON (a cycle, a BigInt) is shown as text. */
export function formatLogLine(level: LogLevel, msg: string, data?: unknown, at: Date = new Date()): string {
  let extra = '';
  if (data !== undefined) {
    try {
      extra = ` ${JSON.stringify(data)}`;
    } catch {
      extra = ` ${String(data)}`;
    }
  }
  return `${at.toISOString()} ${level} ${msg}${extra}\n`;
}

/** A Logger whose three levels all go to one writer of formatted lines. */
export function lineLogger(write: (level: LogLevel, line: string) => void): Logger {
  const entry = (level: LogLevel) => (msg: string, data?: unknown) => write(level, formatLogLine(level, msg, data));
  return { info: entry('info'), warn: entry('warn'), error: entry('error') };
}
