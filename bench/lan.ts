// The LAN path of `npm run bench`: 50 paired counters over HTTPS on loopback doing hold + release
// against a real `serve --lan` process, beside the same load over the plain-HTTP host (v1), each
// client on its own loopback address. Bounded by time and count; nothing leaves this machine.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PinnedAgent } from '../electron/main/counter/pinnedAgent';
import { postJson } from '../electron/main/counter/httpsJson';
import type { Result } from './measure';

const CLIENTS = 50;
const SECONDS = 8;
const MAX_ROUNDS = 400; // per client

interface Host { child: ChildProcess; url: string; out: string; data: string }

function startHost(args: string[]): Promise<Host> {
  const data = mkdtempSync(join(tmpdir(), 'bo-bench-lan-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/host/cli.ts', '--host', '127.0.0.1', '--port', '0', '--demo', '--data', data, ...args], {
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, BOX_OFFICE_QUIET: '1' },
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('host did not start')), 30_000);
    child.stdout!.setEncoding('utf8').on('data', (c: string) => {
      out += c;
      const m = /^Box office ready at (\S+)$/m.exec(out);
      if (m && (!args.includes('--lan') || /Pairing code/.test(out))) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, out, data });
      }
    });
  });
}

type Post = (channel: string, input: unknown) => Promise<{ ok: boolean; data?: any; error?: { code: string } }>;

function httpClient(url: string, address: string): { post: Post; headers: Record<string, string>; close(): void } {
  const agent = new HttpAgent({ keepAlive: true, localAddress: address });
  const headers: Record<string, string> = {};
  const post: Post = (channel, input) =>
    new Promise((resolve, reject) => {
      const body = JSON.stringify(input);
      const req = httpRequest(new URL(`/api/${channel}`, url), { method: 'POST', agent, headers: { 'Content-Type': 'application/json', ...headers } }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => resolve(JSON.parse(text)));
      });
      req.on('error', reject);
      req.end(body);
    });
  return { post, headers, close: () => agent.destroy() };
}

function httpsClient(url: string, fingerprint: string, address: string): { post: Post; headers: Record<string, string>; close(): void } {
  const agent = new PinnedAgent(fingerprint, { localAddress: address, maxSockets: 4 });
  const headers: Record<string, string> = {};
  const post: Post = async (channel, input) => (await postJson(url, `/api/${channel}`, input, { agent, headers })).body as never;
  return { post, headers, close: () => agent.destroy() };
}

async function load(name: string, clients: { post: Post }[], showId: string, seats: string[]): Promise<Result> {
  const samples: number[] = [];
  const deadline = performance.now() + SECONDS * 1000;
  const t0 = performance.now();
  await Promise.all(
    clients.map(async (c, i) => {
      for (let r = 0; r < MAX_ROUNDS && performance.now() < deadline; r++) {
        let t = performance.now();
        const hold = await c.post('seats.hold', { showId, seatIds: [seats[i]!] });
        samples.push(performance.now() - t);
        if (!hold.ok) throw new Error(`${name}: seats.hold ${hold.error?.code}`);
        t = performance.now();
        await c.post('seats.release', { holdId: hold.data.id });
        samples.push(performance.now() - t);
      }
    }),
  );
  const wall = (performance.now() - t0) / 1000;
  samples.sort((a, b) => a - b);
  const pct = (p: number) => samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))]!;
  return { name, ops: samples.length, opsPerSec: samples.length / wall, p50: pct(50), p99: pct(99) };
}

/** One line per figure, for the bench's output. */
export function lanLines(results: Result[]): string {
  return results.map((x) => `${x.name}: ${x.opsPerSec.toFixed(0)} requests/s, p50 ${x.p50.toFixed(1)} ms, p99 ${x.p99.toFixed(1)} ms (n=${x.ops})`).join('\n');
}

/** 50 clients' hold + release over plain HTTP and over paired HTTPS: requests/s, p50, p99. */
export async function benchLan(): Promise<Result[]> {
  const plain = await startHost([]);
  const lan = await startHost(['--lan']);
  const opened: { close(): void }[] = [];
  try {
    const address = (i: number) => `127.0.0.${10 + i}`;
    // Plain HTTP (v1): each client signs in.
    const plainClients = [];
    for (let i = 0; i < CLIENTS; i++) {
      const c = httpClient(plain.url, address(i));
      opened.push(c);
      const s = await c.post('auth.login', { name: 'Cashier', pin: '0000' });
      if (!s.ok) throw new Error(`plain login: ${s.error?.code}`);
      c.headers.Authorization = `Bearer ${s.data.token}`;
      plainClients.push(c);
    }
    // LAN: a manager device makes a code for each counter; each pairs and signs in.
    const fingerprint = /^Certificate fingerprint: (.+)$/m.exec(lan.out)![1]!;
    const manager = httpsClient(lan.url, fingerprint, '127.0.0.9');
    opened.push(manager);
    const firstCode = /^Pairing code: (\S+)$/m.exec(lan.out)![1]!;
    const pair = async (c: { post: Post; headers: Record<string, string> }, code: string, name: string, staff: [string, string]) => {
      const p = await c.post('devices.pair', { code, name });
      if (!p.ok) throw new Error(`pair: ${p.error?.code}`);
      c.headers['X-Box-Office-Device'] = `${p.data.device.id}.${p.data.secret}`;
      const s = await c.post('auth.login', { name: staff[0], pin: staff[1] });
      if (!s.ok) throw new Error(`lan login: ${s.error?.code}`);
      c.headers.Authorization = `Bearer ${s.data.token}`;
    };
    await pair(manager, firstCode, 'Bench office', ['Manager', '1234']);
    const lanClients = [];
    for (let i = 0; i < CLIENTS; i++) {
      const c = httpsClient(lan.url, fingerprint, address(i));
      opened.push(c);
      const code = await manager.post('devices.pairingCode', {});
      await pair(c, code.data.code, `Bench ${i + 1}`, ['Cashier', '0000']);
      lanClients.push(c);
    }
    // The same show and seats on both (demo data): Hall 2's first show, one seat per client.
    const pick = async (c: { post: Post }) => {
      const shows = await c.post('shows.list', {});
      const show = (shows.data as { id: string; hallName: string; startsAt: string }[]).find((s) => s.hallName === 'Hall 2' && Date.parse(s.startsAt) > Date.now() + 3600_000)!;
      const map = await c.post('seats.map', { showId: show.id });
      return { showId: show.id, seats: (map.data.seats as { id: string; status: string }[]).filter((s) => s.status === 'available').slice(0, CLIENTS).map((s) => s.id) };
    };
    const p = await pick(plainClients[0]!);
    const l = await pick(lanClients[0]!);
    return [
      await load(`${CLIENTS} clients hold+release, plain HTTP`, plainClients, p.showId, p.seats),
      await load(`${CLIENTS} paired clients hold+release, HTTPS (LAN)`, lanClients, l.showId, l.seats),
    ];
  } finally {
    for (const c of opened) c.close();
    for (const h of [plain, lan]) {
      h.child.kill('SIGTERM');
      rmSync(h.data, { recursive: true, force: true });
    }
  }
}
