// The browser host's command line as a real process: ready line, clean shutdown, busy port, bad flags.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { api } from './http';
import { spawnHost, type HostProcess } from '../support/hostProcess';

const children: ChildProcess[] = [];
const dirs: string[] = [];

function cli(args: string[]): HostProcess {
  const p = spawnHost(args);
  children.push(p.child);
  return p;
}

function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'bo-cli-'));
  dirs.push(d);
  return d;
}

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('serve CLI', () => {
  it('starts with demo data on a free port, prints one ready line, and stops cleanly on SIGTERM', async () => {
    const p = cli(['--demo', '--data', tmp(), '--port', '0', '--hold-seconds', '5']);
    const url = await p.ready();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(p.out().match(/Box office ready at/g)).toHaveLength(1);
    expect(p.out()).toContain('Manager (PIN 1234)');
    expect(p.out()).toContain('Cashier (PIN 0000)');
    const login = await api(url, 'auth.login', { name: 'Cashier', pin: '0000' });
    expect(login.status).toBe(200);
    const shows = await api(url, 'shows.list', {}, login.json.data.token);
    expect(shows.status).toBe(200);
    expect(p.err()).not.toContain('0000'); // no PINs in the log
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  });

  it('stops cleanly on SIGINT', async () => {
    const p = cli(['--data', tmp(), '--port', '0']);
    await p.ready();
    p.child.kill('SIGINT');
    expect(await p.exited).toBe(0);
  });

  it('says so in one line and exits 1 when the port is in use', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const p = cli(['--data', tmp(), '--port', String(port)]);
      expect(await p.exited).toBe(1);
      expect(p.err()).toContain(`Port ${port} is already in use; pass --port N or --port 0`);
      expect(p.out()).not.toContain('ready');
    } finally {
      blocker.close();
    }
  });

  it('prints the usage and exits 2 on bad flags', async () => {
    const cases = [['--nope'], ['--port', 'abc'], ['--hold-seconds', '0'], ['--port', '70000']];
    const runs = cases.map((args) => ({ args, p: cli([...args, '--data', tmp()]) }));
    for (const { args, p } of runs) {
      expect(await p.exited, args.join(' ')).toBe(2);
      expect(p.err()).toContain('Usage: npm run serve');
    }
  });
});
