// The browser host: the engine's router behind HTTP (POST /api/<channel>), push events as
// Server-Sent Events (GET /api/events), and the built renderer at /. Same envelope as IPC.
// Abuse limits live here too: body size (413 the client actually sees), header and body
// timeouts in seconds, and a cap on each event stream's backlog (eventStreams.ts).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { hostname as osHostname } from 'node:os';
import { HTTP_STATUS, isChannel, type Envelope, type ErrorCode } from '../../shared/contract';
import type { CallerSession, Logger } from '../engine/context';
import type { Engine } from '../engine/engine';
import { sessionChange, type Router } from '../engine/router';
import { EventFanout, MAX_STREAM_BACKLOG, watchedShows, type EventStream } from './eventStreams';
import { SECURITY_HEADERS } from './headers';
import { serveStatic } from './static';
import { parseCookies } from './cookies';
import { answerHeaders, callerOf as lanCallerOf, sameOrigin } from './lan/devices-gate';

export const MAX_BODY_BYTES = 1024 * 1024;
/**
 * An oversized upload is read and thrown away up to this much, so its 413 reaches a client that
 * sends the whole body before reading the answer; past it the connection is cut.
 */
export const MAX_DRAIN_BYTES = 16 * 1024 * 1024;
/** Defaults: a client gets this long to send its headers, and its whole request. */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 30_000;
export const SESSION_COOKIE = 'bo_session';

export interface HostOptions {
  router: Router;
  engine: Pick<Engine, 'on'>;
  port: number;
  host: string;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  log: Logger;
  /** SSE heartbeat period (15 s; shorter in tests). */
  heartbeatMs?: number;
  /**
   * LAN server (contract v2): HTTPS with this certificate, and paired devices (the router must be
   * made with `devices: true`). Without it the host is v1's plain HTTP.
   */
  lan?: { cert: string; key: string; appVersion: string } | null;
  /** Time to receive a request's headers (10 s) and the whole request (30 s); shorter in tests. */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Unsent bytes an event stream may queue before it is closed (256 KiB). */
  maxStreamBacklog?: number;
}

export interface RunningHost {
  url: string;
  port: number;
  /** Event streams open now (diagnostics and tests). */
  openStreams(): number;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The request was read to its end: the connection is clean and may answer normally. */
    readonly drained = true,
  ) {
    super(message);
  }
}

function statusOf(env: Envelope<unknown>): number {
  return env.ok ? 200 : (HTTP_STATUS[env.error.code] ?? 500);
}

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string | string[]> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(text);
}

function sendError(res: ServerResponse, code: ErrorCode, message: string, extra: Record<string, string | string[]> = {}): void {
  sendJson(res, HTTP_STATUS[code], { ok: false, error: { code, message } }, extra);
}

/**
 * Reads the body up to the limit. Past it, stops keeping the bytes but goes on reading (up to
 * MAX_DRAIN_BYTES) and rejects with PAYLOAD_TOO_LARGE once the upload ended: answering while the
 * client still sends, then closing, would reset the connection and lose the answer with it.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    const tooLarge = (drained: boolean) =>
      new HttpError('PAYLOAD_TOO_LARGE', `The request body is over ${limit} bytes`, drained);
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > MAX_DRAIN_BYTES) {
      req.pause();
      reject(tooLarge(false));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    let over = Number.isFinite(declared) && declared > limit;
    const onData = (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > MAX_DRAIN_BYTES) {
        done = true;
        req.pause();
        reject(tooLarge(false));
        return;
      }
      if (size > limit) {
        over = true;
        chunks.length = 0;
      }
      if (!over) chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => {
      if (done) return;
      done = true;
      if (over) reject(tooLarge(true));
      else resolvePromise(Buffer.concat(chunks));
    });
    req.on('error', (e) => {
      if (done) return;
      done = true;
      reject(e);
    });
  });
}

/** Errors that mean the client went away or misbehaved (not the box office's fault): info, not error. */
function isClientGone(e: unknown): boolean {
  const err = e as { code?: string; message?: string } | null;
  const code = err?.code ?? '';
  return ['ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE', 'ERR_STREAM_DESTROYED', 'HPE_INVALID_EOF_STATE', 'ERR_HTTP_REQUEST_TIMEOUT'].includes(code) ||
    err?.message === 'aborted';
}

/** The caller's token: Authorization: Bearer first, then the page's HttpOnly cookie. */
export function tokenOf(req: IncomingMessage): string | null {
  const auth = req.headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(\S{1,512})\s*$/i.exec(auth);
    if (m) return m[1]!;
  }
  const cookie = parseCookies(req.headers.cookie)[SESSION_COOKIE];
  return cookie && cookie.length <= 512 ? cookie : null;
}

function sessionCookie(token: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}
const CLEAR_COOKIE = `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;

function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '';
}

function isIpLiteral(name: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(name) || name.includes(':');
}

/**
 * Names under which this host may be addressed. A DNS-rebinding page reaches us under its own
 * domain name, so only the listening address, loopback names and (for a LAN host) IP literals
 * and this machine's name are accepted.
 */
function hostAllowed(listenHost: string, port: number, hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  let url: URL;
  try {
    url = new URL(`http://${hostHeader}`);
  } catch {
    return false;
  }
  if (url.username || url.password || url.pathname !== '/') return false;
  const p = url.port === '' ? 80 : Number(url.port);
  if (p !== port) return false;
  const name = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const listen = listenHost.replace(/^\[|\]$/g, '').toLowerCase();
  if (name === listen) return true;
  const loopbackListen = listen === '127.0.0.1' || listen === '::1' || listen === 'localhost';
  if (name === 'localhost' || name === '127.0.0.1' || name === '::1') return loopbackListen || isWildcard(listen);
  if (isWildcard(listen)) return isIpLiteral(name) || name === osHostname().toLowerCase() || name === `${osHostname().toLowerCase()}.local`;
  return false;
}

function originAllowed(listenHost: string, port: number, origin: string | undefined): boolean {
  if (origin === undefined) return true; // scripts, curl and tests send none; browsers always do on a cross-site POST
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:') return false;
  return hostAllowed(listenHost, port, url.host);
}

/** The Retry-After header for an answer that says when to try again (RATE_LIMITED, LOCKED_OUT). */
function retryAfter(env: Envelope<unknown>): Record<string, string> {
  if (env.ok) return {};
  const seconds = (env.error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds) ? { 'Retry-After': String(Math.max(1, Math.ceil(seconds))) } : {};
}

const SECURITY_HEADER_LIST = Object.entries(SECURITY_HEADERS);

export function startHost(opts: HostOptions): Promise<RunningHost> {
  const { router, engine, staticDir, log } = opts;
  const heartbeatMs = opts.heartbeatMs ?? 15_000;
  const fanout = new EventFanout(log, opts.maxStreamBacklog ?? MAX_STREAM_BACKLOG);
  const unsubscribe = engine.on((event) => {
    fanout.publish(event);
    // A revoked device's event streams close at once (contract v2).
    if (event.name === 'devices.changed' && event.payload.revoked) {
      for (const st of [...fanout.streams]) {
        if (st.caller.deviceId === event.payload.deviceId) {
          st.close();
          st.res.end();
        }
      }
    }
  });
  const sockets = new Set<Socket>();
  let port = opts.port;
  let closing = false;
  const lan = opts.lan ?? null;
  const scheme = lan ? 'https' : 'http';
  // The token, plus what lan/devices-gate reads of the caller (its address, device, versions).
  const sessionOf = (req: IncomingMessage): CallerSession => ({ token: tokenOf(req), ...lanCallerOf(req, lan) });
  // Host header -> allowed: a handful of distinct values, checked once each.
  const hostChecks = new Map<string, boolean>();
  const hostOk = (header: string | undefined): boolean => {
    if (header === undefined) return false;
    let ok = hostChecks.get(header);
    if (ok === undefined) {
      ok = hostAllowed(opts.host, port, header);
      if (hostChecks.size < 64) hostChecks.set(header, ok);
    }
    return ok;
  };

  async function handleApi(req: IncomingMessage, res: ServerResponse, name: string, search: string): Promise<void> {
    if (name === 'events') {
      if (req.method !== 'GET') {
        req.resume();
        sendJson(res, 405, { ok: false, error: { code: 'NOT_SUPPORTED', message: 'The event stream is read with GET /api/events' } }, { Allow: 'GET' });
        return;
      }
      await openEventStream(req, res, new URLSearchParams(search));
      return;
    }
    if (req.method !== 'POST') {
      // 405 is not a contract code: the envelope still carries one the client understands.
      req.resume();
      sendJson(res, 405, { ok: false, error: { code: 'NOT_SUPPORTED', message: `Use POST for /api/${name.slice(0, 64)}` } }, { Allow: 'POST' });
      return;
    }
    if (!(lan ? sameOrigin(req) : originAllowed(opts.host, port, req.headers.origin))) {
      req.resume();
      sendError(res, 'FORBIDDEN', 'Requests from another site are refused');
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(req, MAX_BODY_BYTES);
    } catch (e) {
      if (e instanceof HttpError) {
        log.info('request body too large', { channel: name.slice(0, 64), drained: e.drained });
        sendError(res, e.code, e.message, { Connection: 'close' });
        // Read to its end, the connection closes cleanly after the answer. A body past the drain
        // cap is cut once the answer is out (the client may or may not see it then).
        if (!e.drained) res.on('finish', () => setTimeout(() => req.destroy(), 50).unref());
        return;
      }
      throw e;
    }
    if (!isChannel(name)) {
      sendError(res, 'NOT_FOUND', `Unknown channel "${name.slice(0, 64)}"`);
      return;
    }
    let input: unknown = undefined;
    if (body.length > 0) {
      const text = body.toString('utf8');
      if (text.trim() !== '') {
        try {
          input = JSON.parse(text);
        } catch {
          sendError(res, 'VALIDATION', 'The request body is not valid JSON');
          return;
        }
      }
    }
    const env = await router.dispatch(name, input, sessionOf(req));
    const extra: Record<string, string> = { ...retryAfter(env), ...answerHeaders(name, env, lan !== null) };
    const change = sessionChange(name, env);
    if (change) extra['Set-Cookie'] = change === 'end' ? CLEAR_COOKIE : sessionCookie(change.token, lan !== null);
    sendJson(res, statusOf(env), env, extra);
  }

  async function openEventStream(req: IncomingMessage, res: ServerResponse, search: URLSearchParams): Promise<void> {
    const session = sessionOf(req);
    // Version, paired device (LAN) and session, checked as for any cashier call.
    const who = router.identify(session);
    if (!who.ok) {
      sendJson(res, statusOf(who), who);
      return;
    }
    const deviceId = who.data.deviceId;
    if (closing) {
      sendError(res, 'NOT_SUPPORTED', 'The box office is shutting down');
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 2000\n: connected\n\n');
    let heartbeat: NodeJS.Timeout | undefined;
    const stream: EventStream = {
      res,
      shows: watchedShows(search),
      // The device the router authenticated, so a revocation finds this stream.
      caller: deviceId ? { ...session, deviceId } : session,
      close() {
        if (heartbeat) clearInterval(heartbeat);
        fanout.streams.delete(stream);
      },
    };
    fanout.streams.add(stream);
    heartbeat = setInterval(() => {
      // The session may have ended (logout, deactivation, a revoked device): then the stream ends too.
      if (router.identify(session).ok) fanout.write(stream, ': heartbeat\n\n');
      else res.end();
    }, heartbeatMs);
    heartbeat.unref();
    res.on('close', () => stream.close());
    req.on('close', () => stream.close());
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [k, v] of SECURITY_HEADER_LIST) res.setHeader(k, v);
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q < 0 ? url : url.slice(0, q);
    let pathname: string;
    if (rawPath.startsWith('/api/') && /^\/api\/[\w.-]*$/.test(rawPath)) {
      pathname = rawPath; // the common case: nothing to normalise
    } else {
      try {
        pathname = new URL(url, 'http://localhost').pathname;
      } catch {
        sendError(res, 'VALIDATION', 'Bad request URL');
        return;
      }
    }
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      res.setHeader('Cache-Control', 'no-store');
      // A LAN server is reached under names and ports we cannot know (NAT, a relay); there the
      // device credential, which a rebinding page never has, stands in for the host-name check.
      if (!lan && !hostOk(req.headers.host)) {
        req.resume();
        sendError(res, 'FORBIDDEN', 'This box office is not served under that host name');
        return;
      }
      await handleApi(req, res, pathname.slice('/api/'.length), q < 0 ? '' : url.slice(q + 1));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      req.resume();
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Method not allowed\n');
      return;
    }
    serveStatic(staticDir, req, res, pathname);
  }

  const headersTimeout = opts.headersTimeoutMs ?? HEADERS_TIMEOUT_MS;
  const requestTimeout = Math.max(opts.requestTimeoutMs ?? REQUEST_TIMEOUT_MS, headersTimeout);
  const serverOptions = {
    headersTimeout,
    requestTimeout,
    // How often Node looks for requests past those timeouts (its default, 30 s, would let a
    // slow client overstay by that much).
    connectionsCheckingInterval: Math.min(1000, headersTimeout),
  };
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((e: unknown) => {
      if (isClientGone(e)) log.info('client went away during a request', { url: req.url?.slice(0, 200), error: String(e) });
      else log.error('request failed', { url: req.url?.slice(0, 200), error: String(e) });
      if (!res.headersSent) sendError(res, 'INTERNAL', 'Something went wrong in the box office; it has been logged');
      else res.destroy();
    });
  };
  const server = lan ? createTlsServer({ ...serverOptions, cert: lan.cert, key: lan.key }, onRequest) : createServer(serverOptions, onRequest);
  // TLS handshakes that fail (a browser refusing the self-made certificate) are not our errors.
  server.on('tlsClientError', (e) => log.info('TLS handshake refused', { error: String(e) }));
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    // Malformed requests, resets and timeouts are the client's doing: info, never error.
    log.info('client error', { code: err.code ?? null });
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
  });

  return new Promise((resolvePromise, reject) => {
    const onError = (e: Error) => {
      server.off('listening', onListening);
      reject(e);
    };
    const onListening = () => {
      server.off('error', onError);
      server.on('error', (e) => log.error('server error', { error: String(e) }));
      port = (server.address() as AddressInfo).port;
      const shownHost = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
      const url = `${scheme}://${shownHost}:${port}`;
      log.info('browser host listening', { url });
      resolvePromise({
        url,
        port,
        openStreams: () => fanout.streams.size,
        close: () =>
          new Promise<void>((done) => {
            if (closing) return done();
            closing = true;
            unsubscribe();
            for (const s of [...fanout.streams]) {
              s.close();
              s.res.end();
            }
            server.close(() => done());
            server.closeIdleConnections();
            // Anything still open after a moment (a slow upload) is cut.
            setTimeout(() => {
              for (const s of sockets) s.destroy();
            }, 500).unref();
          }),
      });
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(opts.port, opts.host);
  });
}
