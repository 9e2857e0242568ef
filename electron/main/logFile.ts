// A small size-rotated log file for the desktop app (userData/logs/main.log, main.1.log, ...).
// Plain Node so it is tested without Electron. Never log PINs, tokens or request bodies.
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../engine/context';
import { lineLogger } from '../engine/logLine';

export interface RotatingLogOptions {
  dir: string;
  name?: string;
  /** Rotate once the file would grow past this (default 1 MiB). */
  maxBytes?: number;
  /** Rotated files kept besides the live one (default 3). */
  keep?: number;
  /** Also echo to stderr (development). */
  echo?: boolean;
}

export function rotatingLogger(opts: RotatingLogOptions): Logger & { file: string } {
  const name = opts.name ?? 'main';
  const maxBytes = opts.maxBytes ?? 1024 * 1024;
  const keep = Math.max(1, opts.keep ?? 3);
  mkdirSync(opts.dir, { recursive: true });
  const file = join(opts.dir, `${name}.log`);
  const rotated = (i: number) => join(opts.dir, `${name}.${i}.log`);
  let size = existsSync(file) ? statSync(file).size : 0;

  function rotate(): void {
    rmSync(rotated(keep), { force: true });
    for (let i = keep - 1; i >= 1; i--) if (existsSync(rotated(i))) renameSync(rotated(i), rotated(i + 1));
    if (existsSync(file)) renameSync(file, rotated(1));
    size = 0;
  }

  function write(line: string): void {
    const bytes = Buffer.byteLength(line);
    try {
      if (size > 0 && size + bytes > maxBytes) rotate();
      appendFileSync(file, line);
      size += bytes;
    } catch {
      // Logging must never take the box office down (disk full, folder removed).
    }
    if (opts.echo) process.stderr.write(line);
  }

  return { file, ...lineLogger((_level, line) => write(line)) };
}
