// Joining a box office server from a desktop counter: read the server's certificate fingerprint
// (shown to the person, who compares it with the one on the server's screen), then pair with the
// manager's code over a connection pinned to that fingerprint. Plain Node, no Electron.
import { connect } from 'node:tls';
import { isIP } from 'node:net';
import { CONTRACT_HEADER, CONTRACT_VERSION, type Device } from '../../../shared/contract';
import { PinnedAgent } from './pinnedAgent';
import { postJson } from './httpsJson';

/** `192.168.1.20`, `backoffice:4174` or a full https URL, as a URL with the default port 4174. */
export function serverUrl(address: string): string {
  const text = address.trim();
  const url = new URL(/^https?:\/\//i.test(text) ? text : `https://${text}`);
  if (url.protocol !== 'https:') throw new Error('A box office server is reached over https');
  if (!url.port) url.port = '4174';
  return `${url.protocol}//${url.host}`;
}

/** The server's certificate fingerprint (`SHA256 AB:CD:...`), read without trusting it yet. */
export function readFingerprint(url: string, timeoutMs = 8000): Promise<string> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: u.hostname, port: Number(u.port || 443), rejectUnauthorized: false, servername: isIP(u.hostname) ? '' : u.hostname });
    const timer = setTimeout(() => socket.destroy(new Error(`No answer from ${u.host}`)), timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const fp = socket.getPeerCertificate()?.fingerprint256;
      socket.end();
      if (fp) resolve(`SHA256 ${fp}`);
      else reject(new Error('The server sent no certificate'));
    });
    socket.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

export interface Pairing {
  url: string;
  fingerprint: string;
  device: Device;
  /** `<deviceId>.<secret>`: keep it encrypted (safeStorage). */
  credential: string;
}

/** Pairs with the code; the answer's envelope error (PAIRING_REFUSED, RATE_LIMITED, ...) is thrown as is. */
export async function pairWithServer(opts: { url: string; fingerprint: string; code: string; name: string; appVersion: string }): Promise<Pairing> {
  const agent = new PinnedAgent(opts.fingerprint, { keepAlive: false });
  try {
    const r = await postJson(opts.url, '/api/devices.pair', { code: opts.code, name: opts.name }, {
      agent,
      headers: { [CONTRACT_HEADER]: CONTRACT_VERSION, 'User-Agent': `BoxOffice/${opts.appVersion}` },
    });
    const body = r.body as { ok: boolean; data?: { device: Device; secret: string }; error?: { code: string; message: string; details?: unknown } };
    if (!body?.ok || !body.data) throw Object.assign(new Error(body?.error?.message ?? `HTTP ${r.status}`), { code: body?.error?.code ?? 'INTERNAL', details: body?.error?.details });
    return { url: opts.url, fingerprint: opts.fingerprint, device: body.data.device, credential: `${body.data.device.id}.${body.data.secret}` };
  } finally {
    agent.destroy();
  }
}
