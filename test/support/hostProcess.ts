// The browser host's command line (electron/host/cli.ts) as a real child process, for the CLI
// tests and the end-to-end fixtures: its output, its exit, and the URL of its one ready line.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

export interface HostProcess {
  child: ChildProcess;
  exited: Promise<number | null>;
  out(): string;
  err(): string;
  /** The URL of "Box office ready at …"; rejects if the host exits first or stays silent. */
  ready(timeoutMs?: number): Promise<string>;
}

export function spawnHost(args: string[]): HostProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/host/cli.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return {
    child,
    exited,
    out: () => stdout,
    err: () => stderr,
    ready: (timeoutMs = 25_000) =>
      new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the host printed no ready line in ${timeoutMs} ms; stdout=${stdout} stderr=${stderr}`)), timeoutMs);
        const check = () => {
          const m = /^Box office ready at (https?:\/\/\S+)$/m.exec(stdout);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        };
        child.stdout!.on('data', check);
        void exited.then((code) => {
          clearTimeout(timer);
          reject(new Error(`the host exited (${code}) before it was ready; stderr=${stderr}`));
        });
        check();
      }),
  };
}
