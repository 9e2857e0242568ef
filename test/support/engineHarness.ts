// Test harness for the engine: a real SQLite file in a temporary folder, a manual clock, the
// router, and fixtures inserted with plain SQL so every domain's tests can run independently.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Channel, ChannelOutput, Envelope } from '../../shared/contract';
import { ManualClock } from '../../electron/engine/clock';
import { Engine, type EngineOptions } from '../../electron/engine/engine';
import { createRouter, type Router } from '../../electron/engine/router';
import { SimulatedTerminal } from '../../electron/engine/payments/terminal';
import type { AnyEvent } from '../../shared/contract';

/** Monday 23 Nov 2026, 10:00 in New York (15:00 UTC). */
export const MONDAY_10AM = Date.parse('2026-11-23T15:00:00.000Z');

export function tempDir(prefix = 'boxoffice-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface Harness {
  dir: string;
  file: string;
  engine: Engine;
  router: Router;
  clock: ManualClock;
  terminal: SimulatedTerminal;
  events: AnyEvent[];
  /** Raw envelope. */
  call<C extends Channel>(channel: C, input: unknown, token?: string | null): Promise<Envelope<ChannelOutput<C>>>;
  /** Data of a successful call; throws with the error body otherwise. */
  ok<C extends Channel>(channel: C, input: unknown, token?: string | null): Promise<ChannelOutput<C>>;
  /** Error body of a failed call; throws if it succeeded. */
  err(channel: Channel, input: unknown, token?: string | null): Promise<{ code: string; message: string; details?: unknown }>;
  close(): void;
}

export function makeHarness(opts: Partial<EngineOptions> & { now?: number } = {}): Harness {
  const dir = tempDir();
  const file = join(dir, 'boxoffice.sqlite');
  const clock = (opts.clock as ManualClock | undefined) ?? new ManualClock(opts.now ?? MONDAY_10AM);
  const terminal = (opts.terminal as SimulatedTerminal | undefined) ?? new SimulatedTerminal();
  const engine = new Engine({ file, clock, terminal, backupDir: join(dir, 'backups'), ...opts });
  const router = createRouter(engine, { checkOutputs: true });
  const events: AnyEvent[] = [];
  engine.on((e) => events.push(e));
  const call = (channel: Channel, input: unknown, token: string | null = null) => router.dispatch(channel, input, { token });
  const h: Harness = {
    dir,
    file,
    engine,
    router,
    clock,
    terminal,
    events,
    call: call as Harness['call'],
    async ok(channel, input, token = null) {
      const r = await call(channel, input, token);
      if (!r.ok) throw new Error(`${channel} failed: ${JSON.stringify(r.error)}`);
      return r.data as never;
    },
    async err(channel, input, token = null) {
      const r = await call(channel, input, token);
      if (r.ok) throw new Error(`${channel} unexpectedly succeeded: ${JSON.stringify(r.data).slice(0, 300)}`);
      return r.error;
    },
    close() {
      engine.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}
