// `box-office --serve [--lan ...]` (what the installed `box-office-server` launcher and the systemd
// unit run): the box office server without a window, on a machine that may have no display. The
// packaged app's fuses forbid ELECTRON_RUN_AS_NODE, so the equivalent is used: the app's own
// runtime (this main process) loads the bundled host (dist/host/cli.cjs) and opens no window.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** The host's flags when this start is a headless server, else null. */
export function serveArgs(argv: string[]): string[] | null {
  const i = argv.indexOf('--serve');
  return i < 0 ? null : argv.slice(i + 1);
}

/** Runs the bundled host as if started by `node cli.cjs <args>`. */
export function runBundledHost(args: string[], hostFile = join(__dirname, '..', 'host', 'cli.cjs')): void {
  process.argv = [process.execPath, hostFile, ...args];
  // A computed path on purpose: the host is its own bundle beside this one, not part of main.
  const load = require as (id: string) => unknown;
  load(hostFile);
}

export interface ServerChild {
  /** The fingerprint the server printed, once it did. */
  fingerprint(): string | null;
  stop(): void;
}

/**
 * A desktop app in server mode: the same headless server, as a child process of this app on the
 * same data folder (the window keeps its own engine on the file; SQLite arbitrates, and the seat
 * rule is the database's). Restarted with backoff if it dies; stopped with the app.
 */
export function spawnServer(opts: {
  command: string;
  /** Arguments before --serve (the app path when not packaged, Chromium flags). */
  prefix: string[];
  dataDir: string;
  log: { info(m: string, d?: unknown): void; warn(m: string, d?: unknown): void };
  spawnFn?: typeof spawn;
}): ServerChild {
  const spawnFn = opts.spawnFn ?? spawn;
  let fingerprint: string | null = null;
  let stopped = false;
  let delay = 1000;
  let child: ReturnType<typeof spawnFn> | null = null;
  const start = () => {
    child = spawnFn(opts.command, [...opts.prefix, '--serve', '--lan', '--data', opts.dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (c: string) => {
      out += c;
      const m = /^Certificate fingerprint: (.+)$/m.exec(out);
      if (m) fingerprint = m[1]!.trim();
      if (/^Box office ready at /m.test(out)) delay = 1000;
    });
    child.stderr?.setEncoding('utf8').on('data', (c: string) => opts.log.info('server', { output: c.trim().slice(0, 500) }));
    child.on('exit', (code, signal) => {
      child = null;
      if (stopped) return;
      opts.log.warn('the box office server stopped; starting it again', { code, signal, inMs: delay });
      setTimeout(() => !stopped && start(), delay).unref();
      delay = Math.min(delay * 2, 30_000);
    });
  };
  start();
  return {
    fingerprint: () => fingerprint,
    stop() {
      stopped = true;
      child?.kill('SIGTERM');
    },
  };
}
