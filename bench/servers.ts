// The servers the host benchmark talks to, each in its own process on 127.0.0.1 so its CPU time
// can be read from /proc: the real browser host (electron/host/cli.ts on demo data, the built
// renderer not needed) and a bare node:http server answering a fixed JSON body (the ceiling).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** CPU time the process has used so far (user + system), in ms. */
  cpuMs(): number;
  stop(): Promise<void>;
}

/** CLK_TCK on Linux is 100 on every architecture node runs on. */
const TICK_MS = 10;

function cpuOf(pid: number): number {
  // Fields after the command name (which is in parentheses and may hold spaces): utime is the 12th, stime the 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(rest[11]) + Number(rest[12])) * TICK_MS;
}

function start(args: string[], env: NodeJS.ProcessEnv, readyLine: RegExp, timeoutMs = 180_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let out = '';
  let err = '';
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (err = (err + c).slice(-4000)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server not ready in ${timeoutMs} ms: ${out.slice(-500)} ${err.slice(-500)}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before it was ready: ${err.slice(-1000)}`));
    });
    child.stdout!.setEncoding('utf8').on('data', (c: string) => {
      out = (out + c).slice(-4000);
      const m = readyLine.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({
        url: m[1]!,
        child,
        cpuMs: () => cpuOf(child.pid!),
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
            child.once('exit', () => {
              clearTimeout(kill);
              done();
            });
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/** The browser host on a fresh demo data folder (optionally with the 3,000-seat hall). */
export function startBoxOfficeHost(dataDir: string, extra: string[] = []): Promise<ServerProcess> {
  return start(
    ['--import', 'tsx', 'electron/host/cli.ts', '--demo', '--data', dataDir, '--port', '0', '--host', '127.0.0.1', ...extra],
    { BOX_OFFICE_QUIET: '1' },
    /^Box office ready at (http:\/\/\S+)$/m,
  );
}

/** A bare node:http server: reads the body, answers a fixed hold-sized JSON envelope. */
export function startBareServer(): Promise<ServerProcess> {
  const script = `
    const http = require('node:http');
    const body = JSON.stringify({ ok: true, data: { id: 'hold_0123456789abcdef0123', showId: 'show_0123456789abcdef0123', seatIds: ['seat_0123456789abcdef0123'], expiresAt: new Date().toISOString() } });
    const server = http.createServer((req, res) => {
      req.on('data', () => {});
      req.on('end', () => {
        res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
        res.end(body);
      });
    });
    server.keepAliveTimeout = 60000;
    server.listen(0, '127.0.0.1', () => console.log('bare ready at http://127.0.0.1:' + server.address().port));
    process.on('SIGTERM', () => process.exit(0));
  `;
  return start(['-e', script], {}, /^bare ready at (http:\/\/\S+)$/m);
}
