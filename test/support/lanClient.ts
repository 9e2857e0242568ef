// A LAN counter for tests: HTTPS pinned to the server's printed fingerprint, its device
// credential in X-Box-Office-Device and its staff token as Bearer, like the desktop counter.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PinnedAgent } from '../../electron/main/counter/pinnedAgent';
import { postJson, type JsonAnswer } from '../../electron/main/counter/httpsJson';
import { spawnHost, type HostProcess } from './hostProcess';

export interface LanHost {
  proc: HostProcess;
  url: string;
  fingerprint: string;
  pairingCode: string;
  data: string;
}

/** `npm run serve -- --lan` on loopback (never 0.0.0.0 in tests), port 0, demo data. */
export async function startLanHost(data = mkdtempSync(join(tmpdir(), 'boxoffice-lan-')), extra: string[] = []): Promise<LanHost> {
  const proc = spawnHost(['--lan', '--host', '127.0.0.1', '--port', '0', '--data', data, '--demo', ...extra]);
  const url = await proc.ready();
  const fingerprint = /^Certificate fingerprint: (SHA256 [0-9A-F:]+)$/m.exec(proc.out())?.[1];
  const pairingCode = /^Pairing code: (\d{4}-\d{4})$/m.exec(proc.out())?.[1];
  if (!fingerprint || !pairingCode) throw new Error(`no fingerprint or pairing code printed: ${proc.out()}`);
  return { proc, url, fingerprint, pairingCode, data };
}

let loopback = 1;
/** 127.0.0.2, 127.0.0.3, ...: a fresh loopback address per client. */
export function nextLoopback(): string {
  loopback = loopback >= 250 ? 2 : loopback + 1;
  return `127.0.0.${loopback}`;
}

export class LanClient {
  readonly agent: PinnedAgent;
  credential: string | null = null;
  token: string | null = null;
  deviceId: string | null = null;

  /** `localAddress`: each loopback address is its own client for the server's per-address limits. */
  constructor(
    public url: string,
    fingerprint: string,
    localAddress = nextLoopback(),
  ) {
    this.agent = new PinnedAgent(fingerprint, { localAddress });
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    const h: Record<string, string> = {};
    if (this.credential) h['X-Box-Office-Device'] = this.credential;
    if (this.token) h.Authorization = `Bearer ${this.token}`;
    return { ...h, ...extra };
  }

  raw(channel: string, input: unknown = {}, extra: Record<string, string> = {}): Promise<JsonAnswer> {
    return postJson(this.url, `/api/${channel}`, input, { agent: this.agent, headers: this.headers(extra) });
  }

  async ok<T = any>(channel: string, input: unknown = {}): Promise<T> {
    const r = await this.raw(channel, input);
    const body = r.body as { ok: boolean; data: T; error?: unknown };
    if (!body?.ok) throw new Error(`${channel} failed (${r.status}): ${JSON.stringify(r.body)}`);
    return body.data;
  }

  async pair(code: string, name: string): Promise<void> {
    const d = await this.ok<{ device: { id: string }; secret: string }>('devices.pair', { code, name });
    this.deviceId = d.device.id;
    this.credential = `${d.device.id}.${d.secret}`;
  }

  async login(name: string, pin: string): Promise<void> {
    this.token = (await this.ok<{ token: string }>('auth.login', { name, pin })).token;
  }

  close(): void {
    this.agent.destroy();
  }
}

/** A counter paired (with `code`) and signed in. */
export async function pairedClient(host: { url: string; fingerprint: string }, code: string, name: string, staff: [string, string]): Promise<LanClient> {
  const c = new LanClient(host.url, host.fingerprint);
  await c.pair(code, name);
  await c.login(staff[0], staff[1]);
  return c;
}
