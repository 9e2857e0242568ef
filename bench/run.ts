// `npm run bench`: the engine beside raw SQLite (engine.ts), then the browser host under 1, 10 and
// 50 keep-alive clients, with and without event streams, beside a bare node:http server in the
// same run (host.ts), then 50 paired LAN counters over HTTPS beside plain HTTP (lan.ts).
// `npm run bench -- --only engine`, `--only host` or `--only lan` runs one part. Loopback
// only, every part bounded in time. Not part of `npm test`; `npm run bench:ui` measures the page.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { benchHost, hostTable, type HostResult } from './host';
import { benchLan, lanLines } from './lan';
import type { Result } from './measure';

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;

async function main(): Promise<void> {
  let engineTable = '';
  let results: Result[] = [];
  if (only === null || only === 'engine') {
    const { benchEngine, closeEngine } = await import('./engine');
    try {
      ({ engineTable, results } = await benchEngine());
    } finally {
      closeEngine();
    }
  }
  let hostResults: HostResult[] = [];
  if (only === null || only === 'host') {
    console.log('\nhost: 127.0.0.1 only, each configuration for a bounded time');
    hostResults = await benchHost();
  }
  const lanResults = only === null || only === 'lan' ? await benchLan() : []; // issue 11: paired HTTPS clients (bench/lan.ts)
  if (engineTable) console.log(`\n${engineTable}\n`);
  if (hostResults.length) console.log(`\n${hostTable(hostResults)}\n`);
  if (lanResults.length) console.log(`${lanLines(lanResults)}\n`);
  const dir = join(process.cwd(), '.cache', 'bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'last-run.json'), JSON.stringify({ date: new Date().toISOString(), cores: cpus().length, engine: results, host: hostResults, lan: lanResults }, null, 2));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
