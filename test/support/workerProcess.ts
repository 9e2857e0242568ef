// Forks a worker script (test/engine/workers/) as its own OS process running TypeScript through
// tsx, and follows the workers' protocol: 'ready' once its Engine is open, then 'report' (or
// 'error') after the parent's 'go'. Used by the multi-process race tests.
import { fork, type ChildProcess } from 'node:child_process';

export interface Worker<R> {
  child: ChildProcess;
  /** Resolves when the worker is ready for 'go' (or already reported). */
  ready: Promise<void>;
  report: Promise<R>;
}

/** `children` collects the process so the test's afterEach can kill it if the test fails. */
export function forkWorker<R>(script: string, args: { token?: string }, children: ChildProcess[]): Worker<R> {
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
      else if (m.type === 'error') reject(new Error(`worker ${args.token ?? ''}: ${m.error}`));
    });
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`worker ${args.token ?? ''} exited with ${code}`));
    });
  });
  report.catch(() => {}); // observed by the caller; avoid an unhandled rejection while waiting for "ready"
  return { child, ready: Promise.race([ready, report.then(() => undefined)]), report };
}

/** After a test: kill the workers still running (a failed test may leave some) and forget them all. */
export function stopWorkers(children: ChildProcess[]): void {
  for (const c of children) if (c.exitCode === null) c.kill();
  children.length = 0;
}
