// `npm run serve -- [--demo] [--data DIR] [--port N] [--host ADDR] [--hold-seconds N] [--with-large-hall]`:
// the booking engine behind the browser host, for a second counter, a headless machine or tests.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from '../engine/engine';
import { createRouter } from '../engine/router';
import { seedDemo, seedLargeHall } from '../engine/demo/seed';
import { stderrLogger } from './log';
import { parseCli, USAGE, type CliOptions } from './args';
import { BACKUP_DIR, DB_FILE } from './paths';
import { startHost, type RunningHost } from './server';
import { APP_VERSION } from './appVersion';
import { startLan, type LanServer } from './lan/start';

async function main(): Promise<number> {
  let opts: CliOptions | 'help';
  try {
    opts = parseCli(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (opts === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const log = stderrLogger(process.env.BOX_OFFICE_QUIET === '1');
  mkdirSync(opts.data, { recursive: true });
  const engine = new Engine({
    file: join(opts.data, DB_FILE),
    backupDir: join(opts.data, BACKUP_DIR),
    log,
    holdSecondsOverride: opts.holdSeconds,
    mode: opts.lan ? 'server' : 'standalone',
    appVersion: APP_VERSION,
  });
  const router = createRouter(engine, { devices: opts.lan });
  const lan: LanServer | null = opts.lan ? await startLan(engine, opts.data) : null;
  if (lan) engine.ctx.fingerprint = lan.fingerprint;

  if (opts.demo) {
    if (seedDemo(engine.ctx, { largeHall: opts.largeHall })) {
      log.info('demo data added', { data: opts.data });
    } else if (opts.largeHall) {
      seedLargeHall(engine.ctx); // idempotent: adds the large hall to an existing demo
    }
    process.stdout.write('Demo accounts: Manager (PIN 1234), Cashier (PIN 0000)\n');
  }
  engine.startSweeper(1000);
  engine.startOutbox();

  const here = dirname(fileURLToPath(import.meta.url));
  const staticDir = resolve(here, '..', '..', 'dist', 'renderer');
  let host: RunningHost;
  try {
    host = await startHost({ router, engine, port: opts.port, host: opts.host, staticDir, log, lan: lan?.tls ?? null });
  } catch (e) {
    engine.close();
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE') {
      process.stderr.write(`Port ${opts.port} is already in use; pass --port N or --port 0\n`);
    } else if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') {
      process.stderr.write(`Cannot listen on ${opts.host}: no such address on this machine\n`);
    } else if (err.code === 'EACCES') {
      process.stderr.write(`Not allowed to listen on port ${opts.port}; pass --port N with N above 1023\n`);
    } else {
      process.stderr.write(`Could not start the box office: ${err.message}\n`);
    }
    return 1;
  }
  // Signal handlers go in before the ready line: whoever reads that line may stop us at once.
  const stopped = new Promise<number>((done) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) {
        process.exit(1); // a second Ctrl+C: the person wants out now
      }
      stopping = true;
      log.info('shutting down', { signal });
      host
        .close()
        .catch((e: unknown) => log.error('closing the server failed', { error: String(e) }))
        .finally(() => {
          lan?.stop();
          try {
            engine.close();
          } catch (e) {
            log.error('closing the engine failed', { error: String(e) });
          }
          done(0);
        });
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  });
  // One write: whoever reads the ready line finds the fingerprint and pairing code with it.
  const lanLines = lan ? lan.announce({ host: opts.host, port: host.port }) : '';
  process.stdout.write(`Box office ready at ${host.url}\n${lanLines}`);
  return stopped;
}

main().then(
  (code) => {
    process.exitCode = code;
    // Anything left (a stray timer) must not keep a stopped host alive.
    setTimeout(() => process.exit(code), 200).unref();
  },
  (e: unknown) => {
    process.stderr.write(`Could not start the box office: ${String((e as Error)?.message ?? e)}\n`);
    process.exit(1);
  },
);
