// `box-office --serve [--lan ...]` (what the installed `box-office-server` launcher and the systemd
// unit run): the box office server without a window, on a machine that may have no display. The
// packaged app's fuses forbid ELECTRON_RUN_AS_NODE, so the equivalent is used: the app's own
// runtime (this main process) loads the bundled host (dist/host/cli.cjs) and opens no window.
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
