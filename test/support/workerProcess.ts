// One forked OS process running a test worker (test/engine/workers/*.ts) on the shared database:
// it says { type: 'ready' } once its Engine is open, waits for the parent's 'go', and answers
// { type: 'report', report } or { type: 'error', error }. Shared by the multi-process tests.
import { fork, type ChildProcess } from 'node:child_process';

export interface Worker<R> { child: ChildProcess; ready: Promise<void>; report: Promise<R> }

/** Forks `script` (run by tsx) with `args` as JSON; the child is added to `children` for cleanup. */
export function forkWorker<R>(script: string, args: unknown, children: ChildProcess[], name = 'worker'): Worker<R> {
  const child = fork(script, [JSON.stringify(args)], {
    execPath: process.execPath,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  let onReady!: () => void;
  const ready = new Promise<void>((res) => (onReady = res));
  const report = new Promise<R>((resolve, reject) => {
    child.on('message', (m: { type: string; report?: R; error?: string }) => {
      if (m.type === 'ready') onReady();
      else if (m.type === 'report') resolve(m.report!);
      else if (m.type === 'error') reject(new Error(`${name}: ${m.error}`));
    });
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`${name} exited with ${code}`));
    });
  });
  report.catch(() => {}); // observed by the caller; avoid an unhandled rejection while waiting for "ready"
  return { child, ready: Promise.race([ready, report.then(() => undefined)]), report };
}

/** afterEach: kills the workers still running and forgets them. */
export function stopWorkers(children: ChildProcess[]): void {
  for (const c of children) if (c.exitCode === null) c.kill();
  children.length = 0;
}
