// Wrong PINs typed for one name on several counters at once (separate processes, one database)
// all count: the fifth locks the name, whichever process typed it, and every later try is refused;
// a name that is not staff behaves exactly the same.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { MAX_FAILED_ATTEMPTS } from '../../electron/engine/staff/credentials';
import { MONDAY_10AM, makeHarness, type Harness } from '../support/engineHarness';
import { seedBasics } from '../support/fixtures';
import type { GuesserArgs } from './workers/pinGuesser';

let h: Harness | undefined;
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children) if (c.exitCode === null) c.kill();
  children.length = 0;
  h?.close();
});

function guesser(args: GuesserArgs): { child: ChildProcess; ready: Promise<void>; codes: Promise<string[]> } {
  const child = fork(join(__dirname, 'workers', 'pinGuesser.ts'), [JSON.stringify(args)], {
    execPath: process.execPath,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  let ready!: () => void;
  const readyP = new Promise<void>((r) => (ready = r));
  const codes = new Promise<string[]>((resolve, reject) => {
    child.on('message', (m: { type: string; codes?: string[] }) => (m.type === 'ready' ? ready() : resolve(m.codes!)));
    child.on('exit', (code) => code !== 0 && reject(new Error(`guesser exited with ${code}`)));
  });
  codes.catch(() => {});
  return { child, ready: readyP, codes };
}

it('counts every wrong PIN across processes: exactly five, then the lock', async () => {
  h = makeHarness();
  const db = h.engine.ctx.db;
  seedBasics(db, { now: MONDAY_10AM });
  const workers = Array.from({ length: 3 }, () => guesser({ file: h!.file, name: 'Cashier', attempts: 4, now: MONDAY_10AM }));
  await Promise.all(workers.map((w) => w.ready));
  for (const w of workers) w.child.send('go');
  const codes = (await Promise.all(workers.map((w) => w.codes))).flat();

  expect(codes).toHaveLength(12);
  expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(MAX_FAILED_ATTEMPTS);
  expect(codes.filter((c) => c === 'LOCKED_OUT')).toHaveLength(12 - MAX_FAILED_ATTEMPTS);
  const row = db.prepare("SELECT failed_attempts, locked_until FROM staff WHERE name = 'Cashier'").get() as { failed_attempts: number; locked_until: number };
  expect(row).toEqual({ failed_attempts: 0, locked_until: MONDAY_10AM + 60_000 });
  expect((db.prepare("SELECT count(*) AS n FROM audit WHERE action = 'auth.lockout'").get() as { n: number }).n).toBe(1);
}, 60_000);

it('counts a made-up name the same way across processes, without storing the name', async () => {
  h = makeHarness();
  const db = h.engine.ctx.db;
  seedBasics(db, { now: MONDAY_10AM });
  const workers = Array.from({ length: 3 }, () => guesser({ file: h!.file, name: 'Nobody Here', attempts: 4, now: MONDAY_10AM }));
  await Promise.all(workers.map((w) => w.ready));
  for (const w of workers) w.child.send('go');
  const codes = (await Promise.all(workers.map((w) => w.codes))).flat();

  // Exactly what a real name gets: five wrong PINs, then the lock, whichever process typed them.
  expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(MAX_FAILED_ATTEMPTS);
  expect(codes.filter((c) => c === 'LOCKED_OUT')).toHaveLength(12 - MAX_FAILED_ATTEMPTS);
  const rows = db.prepare('SELECT * FROM login_failures').all() as Record<string, unknown>[];
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ failed: 0, locked_until: MONDAY_10AM + 60_000 });
  expect(JSON.stringify(rows).toLowerCase()).not.toContain('nobody');
}, 60_000);
