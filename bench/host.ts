// The host benchmark: N keep-alive clients (1, 10, 50), each holding and releasing its own seat in
// a loop through the real browser host (HTTP + router + engine + SQLite), with and without each
// client also reading the event stream (GET /api/events); beside them, in the same run, the same
// clients against a bare node:http server answering a fixed JSON body. Every run is bounded in
// time, talks only to 127.0.0.1, and reads each server's CPU time from /proc to give the host's
// CPU per request over the bare server's.
import { Agent, request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBareServer, startBoxOfficeHost, type ServerProcess } from './servers';
import { fmt, markdownTable } from './measure';

export interface HostResult {
  name: string;
  clients: number;
  streams: boolean;
  requests: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  /** Server CPU per request, ms. */
  cpuPerReq: number;
  /** Events the streams received (with streams). */
  events?: number;
  error?: string;
}

interface Answer { status: number; body: string }

function post(agent: Agent, base: URL, path: string, body: unknown, token?: string): Promise<Answer> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        path,
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(text),
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        let out = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (out += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: out }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

async function api<T>(agent: Agent, base: URL, channel: string, input: unknown, token?: string): Promise<T> {
  const r = await post(agent, base, `/api/${channel}`, input, token);
  const env = JSON.parse(r.body) as { ok: boolean; data?: T; error?: { code: string; message: string } };
  if (!env.ok) throw new Error(`${channel}: ${env.error?.code} ${env.error?.message}`);
  return env.data as T;
}

/** Opens an event stream and counts the events it delivers; close() ends it. */
function openStream(base: URL, token: string): { count: () => number; close: () => void; ready: Promise<void> } {
  let events = 0;
  const agent = new Agent({ keepAlive: false });
  let resolveReady!: () => void;
  const ready = new Promise<void>((r) => (resolveReady = r));
  const req = request({ agent, host: base.hostname, port: base.port, path: '/api/events', headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' } }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (c: string) => {
      resolveReady();
      for (let i = c.indexOf('\ndata:'); i !== -1; i = c.indexOf('\ndata:', i + 1)) events++;
      if (c.startsWith('data:')) events++;
    });
    res.on('error', () => undefined);
  });
  req.on('error', () => resolveReady());
  req.end();
  return { count: () => events, close: () => req.destroy(), ready };
}

interface LoadOptions { clients: number; seconds: number; warmupSeconds: number }

/** Runs `op` in a loop on each client until the time is up; returns latencies of the timed part. */
async function load(clients: number, seconds: number, op: (client: number, agent: Agent) => Promise<number>): Promise<{ samples: number[]; elapsed: number }> {
  const agents = Array.from({ length: clients }, () => new Agent({ keepAlive: true, maxSockets: 1 }));
  const samples: number[] = [];
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  await Promise.all(
    agents.map(async (agent, c) => {
      while (performance.now() < deadline) samples.push(await op(c, agent));
    }),
  );
  const elapsed = performance.now() - t0;
  for (const a of agents) a.destroy();
  return { samples, elapsed };
}

function summarise(name: string, clients: number, streams: boolean, requests: number, elapsed: number, samples: number[], cpuMs: number): HostResult {
  samples.sort((a, b) => a - b);
  const pct = (p: number) => samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))] ?? 0;
  return { name, clients, streams, requests, reqPerSec: (requests / elapsed) * 1000, p50: pct(50), p99: pct(99), cpuPerReq: requests ? cpuMs / requests : 0 };
}

export async function benchHost(opts: Partial<LoadOptions> = {}): Promise<HostResult[]> {
  const seconds = opts.seconds ?? Number(process.env.BENCH_HOST_SECONDS ?? 3);
  const results: HostResult[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'bo-bench-host-'));
  let host: ServerProcess | null = null;
  let bare: ServerProcess | null = null;
  try {
    [host, bare] = await Promise.all([startBoxOfficeHost(dataDir), startBareServer()]);
    const hostUrl = new URL(host.url);
    const bareUrl = new URL(bare.url);
    const setup = new Agent({ keepAlive: true });
    const { token } = await api<{ token: string }>(setup, hostUrl, 'auth.login', { name: 'Cashier', pin: '0000' });
    // A show far enough ahead that holds stay open for the whole run, in the 220-seat hall.
    const shows = await api<{ id: string; hallName: string; startsAt: string; status: string }[]>(setup, hostUrl, 'shows.list', {}, token);
    const show = shows.find((s) => s.hallName === 'Hall 2' && s.status === 'scheduled' && Date.parse(s.startsAt) > Date.now() + 2 * 3600_000);
    if (!show) throw new Error('no Hall 2 show ahead in the demo data');
    const map = await api<{ seats: { id: string; status: string }[] }>(setup, hostUrl, 'seats.map', { showId: show.id }, token);
    const seats = map.seats.filter((s) => s.status === 'available').map((s) => s.id);
    setup.destroy();

    // One iteration = hold one seat, then release it: two requests, each timed.
    const holdRelease = async (c: number, agent: Agent): Promise<number> => {
      const t0 = performance.now();
      const r = await post(agent, hostUrl, '/api/seats.hold', { showId: show.id, seatIds: [seats[c % seats.length]] }, token);
      const t1 = performance.now();
      const held = JSON.parse(r.body) as { ok: boolean; data?: { id: string } };
      if (held.ok) await post(agent, hostUrl, '/api/seats.release', { holdId: held.data!.id }, token);
      return (t1 - t0 + (performance.now() - t1)) / 2;
    };
    const bareOp = async (_c: number, agent: Agent): Promise<number> => {
      const t0 = performance.now();
      await post(agent, bareUrl, '/api/seats.hold', { showId: show.id, seatIds: [seats[0]] });
      const t1 = performance.now();
      await post(agent, bareUrl, '/api/seats.release', { holdId: 'hold_x' });
      return (t1 - t0 + (performance.now() - t1)) / 2;
    };

    // The host's own path with next to no engine work: a session lookup and a tiny answer.
    const status = async (_c: number, agent: Agent): Promise<number> => {
      const t0 = performance.now();
      await post(agent, hostUrl, '/api/auth.status', {}, token);
      const t1 = performance.now();
      await post(agent, hostUrl, '/api/auth.status', {}, token);
      return (t1 - t0 + (performance.now() - t1)) / 2;
    };

    for (const clients of [1, 10, 50]) {
      for (const [name, server, op, streams] of [
        ['bare node:http, fixed JSON', bare, bareOp, false],
        ['host, auth.status (the host\'s own path)', host, status, false],
        ['host, hold + release', host, holdRelease, false],
        ['host, hold + release, every client on the event stream', host, holdRelease, true],
      ] as const) {
        const open = streams ? Array.from({ length: clients }, () => openStream(hostUrl, token)) : [];
        await Promise.all(open.map((s) => s.ready));
        await load(clients, 0.3, op); // warm-up: JIT, connections, statement caches
        const cpu0 = server.cpuMs();
        const eventsBefore = open.reduce((n, s) => n + s.count(), 0);
        const { samples, elapsed } = await load(clients, seconds, op);
        const cpu = server.cpuMs() - cpu0;
        const r = summarise(`${name}, ${clients} client${clients > 1 ? 's' : ''}`, clients, streams, samples.length * 2, elapsed, samples, cpu);
        if (streams) r.events = open.reduce((n, s) => n + s.count(), 0) - eventsBefore;
        for (const s of open) s.close();
        results.push(r);
        console.log(`${r.name}: ${r.reqPerSec.toFixed(0)} req/s, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, server CPU ${r.cpuPerReq.toFixed(3)} ms/req${r.events !== undefined ? `, ${r.events} events delivered` : ''}`);
      }
    }
  } finally {
    await Promise.all([host?.stop(), bare?.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}

export function hostTable(results: HostResult[]): string {
  const bareBy = new Map(results.filter((r) => r.name.startsWith('bare')).map((r) => [r.clients, r]));
  const plainBy = new Map(results.filter((r) => r.name.startsWith('host') && !r.streams).map((r) => [r.clients, r]));
  const rows = [['host benchmark', 'req/s', 'p50 ms', 'p99 ms', 'vs bare', 'vs no streams', 'CPU ms/req', 'CPU over bare', 'n']];
  for (const r of results) {
    const bare = bareBy.get(r.clients)!;
    const plain = plainBy.get(r.clients);
    rows.push([
      r.name,
      fmt(r.reqPerSec),
      fmt(r.p50, 2),
      fmt(r.p99, 2),
      `${fmt((r.reqPerSec / bare.reqPerSec) * 100, 1)} %`,
      r.streams && plain ? `${fmt((r.reqPerSec / plain.reqPerSec) * 100, 1)} %` : '',
      fmt(r.cpuPerReq, 3),
      r.name.startsWith('bare') ? '' : fmt(r.cpuPerReq - bare.cpuPerReq, 3),
      String(r.requests),
    ]);
  }
  return markdownTable(rows);
}
