// The browser host's LAN layer per request: what a call carries besides its session token (the
// paired device's credential from the X-Box-Office-Device header or a browser counter's cookie,
// the client's address and versions), and the header a LAN answer adds (the device cookie after
// pairing). The router decides; this only carries.
import type { IncomingMessage } from 'node:http';
import { CONTRACT_HEADER, DEVICE_HEADER, type Envelope } from '../../../shared/contract';
import type { CallerSession } from '../../engine/router';
import { parseCookies } from '../cookies';

export const DEVICE_COOKIE = 'bo_device';
/** Ten years: a browser counter stays paired until a manager revokes it. */
const DEVICE_COOKIE_MAX_AGE = 10 * 365 * 24 * 3600;

function header(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name.toLowerCase()];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' && s.length <= 512 ? s : null;
}

/** The paired device's credential: the header first (the desktop counter), then the page's cookie. */
export function deviceCredentialOf(req: IncomingMessage): { credential: string | null; fromCookie: boolean } {
  const h = header(req, DEVICE_HEADER);
  if (h) return { credential: h.trim(), fromCookie: false };
  const c = parseCookies(req.headers.cookie)[DEVICE_COOKIE];
  return c && c.length <= 512 ? { credential: c, fromCookie: true } : { credential: null, fromCookie: false };
}

/** A desktop counter names its version in its User-Agent: `BoxOffice/<version>`. */
function appVersionOf(req: IncomingMessage, fromCookie: boolean, serverVersion: string): string | null {
  const m = /\bBoxOffice\/([0-9A-Za-z.+-]{1,32})/.exec(header(req, 'user-agent') ?? '');
  if (m) return m[1]!;
  // A browser counter runs the page this server served, so it is this server's version.
  return fromCookie ? serverVersion : null;
}

/** Everything of the caller but its session token, for the router. */
export function callerOf(req: IncomingMessage, lan: { appVersion: string } | null): Omit<CallerSession, 'token'> {
  const contract = header(req, CONTRACT_HEADER);
  const address = (req.socket.remoteAddress ?? '').replace(/^::ffff:(?=\d+\.)/, '') || undefined;
  const base = address ? { address, contract } : { contract };
  if (!lan) return base;
  const { credential, fromCookie } = deviceCredentialOf(req);
  return { ...base, device: credential, appVersion: appVersionOf(req, fromCookie, lan.appVersion) };
}

/**
 * A LAN server is reached under names we cannot list (its IP, a .local name, the theater's DNS):
 * a browser's POST is accepted when its Origin is this very https origin (the Host it addressed).
 * Scripts and the desktop counter send no Origin. Cross-site pages carry no device cookie anyway
 * (SameSite=Strict); this keeps them from even trying.
 */
export function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    const url = new URL(origin);
    return url.protocol === 'https:' && url.host === String(req.headers.host ?? '').toLowerCase();
  } catch {
    return false;
  }
}

function deviceCookie(credential: string): string {
  return `${DEVICE_COOKIE}=${encodeURIComponent(credential)}; Path=/; Max-Age=${DEVICE_COOKIE_MAX_AGE}; HttpOnly; Secure; SameSite=Strict`;
}

/** Headers an answer adds: the device cookie after a pairing on a LAN server (Retry-After is the host's). */
export function answerHeaders(channel: string, env: Envelope<unknown>, lan: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  if (env.ok && lan && channel === 'devices.pair') {
    const d = env.data as { device: { id: string }; secret: string };
    out['Set-Cookie'] = deviceCookie(`${d.device.id}.${d.secret}`);
  }
  return out;
}
