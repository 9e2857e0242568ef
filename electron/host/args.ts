// Command-line flags of the browser host; bad flags are a UsageError (exit 2 with the usage).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { userDataDir } from './paths';

export const USAGE = `Usage: npm run serve -- [options]

  --demo               fill an empty data folder with demo data (theater, halls, movies, shows, staff)
  --with-large-hall    with --demo, also add the large hall
  --data DIR           data folder (default: ${userDataDir()})
  --lan                serve paired counters on the network: HTTPS, pairing codes, discovery
                       (then the defaults are --host 0.0.0.0 --port 4174)
  --port N             port to listen on (default 4173; 0 takes a free port)
  --host ADDR          address to listen on (default 127.0.0.1)
  --hold-seconds N     seat holds last N seconds (at least 1), overriding the setting
  --help               show this help
`;

export interface CliOptions {
  demo: boolean;
  largeHall: boolean;
  data: string;
  port: number;
  host: string;
  holdSeconds: number | null;
  /** Contract v2: HTTPS for paired counters on the LAN. */
  lan: boolean;
}

export const LAN_DEFAULTS = { host: '0.0.0.0', port: 4174 };
const LOCAL_DEFAULTS = { host: '127.0.0.1', port: 4173 };

export class UsageError extends Error {}

export function parseCli(argv: string[]): CliOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        demo: { type: 'boolean', default: false },
        'with-large-hall': { type: 'boolean', default: false },
        data: { type: 'string' },
        lan: { type: 'boolean', default: false },
        port: { type: 'string' },
        host: { type: 'string' },
        'hold-seconds': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help) return 'help';
  const defaults = values.lan ? LAN_DEFAULTS : LOCAL_DEFAULTS;
  const portText = values.port ?? String(defaults.port);
  const host = values.host ?? defaults.host;
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${portText}"`);
  let holdSeconds: number | null = null;
  if (values['hold-seconds'] !== undefined) {
    holdSeconds = Number(values['hold-seconds']);
    if (!/^\d+$/.test(values['hold-seconds']) || holdSeconds < 1) throw new UsageError('--hold-seconds must be a whole number of at least 1');
  }
  if (values.data !== undefined && values.data.trim() === '') throw new UsageError('--data needs a folder');
  if (host.trim() === '') throw new UsageError('--host needs an address');
  return {
    demo: values.demo,
    largeHall: values['with-large-hall'],
    data: resolve(values.data ?? userDataDir()),
    port,
    host,
    holdSeconds,
    lan: values.lan,
  };
}
