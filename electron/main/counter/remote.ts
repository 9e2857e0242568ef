// A desktop counter's link to its box office server: the same `dispatch` and `on` as the local
// engine's router, so the IPC binding serves the window unchanged. Each call goes over HTTPS
// pinned to the server's certificate, with the device credential, the contract version and the
// session token; events come from the server's event stream and are re-emitted as they arrive.
// When the server cannot be reached: `connection.changed { online: false }`, probes with backoff,
// and `online: true` once it answers again (the page refreshes then). A sale (any call with an
// idempotencyKey) whose answer was lost is sent again with the same key until it gets an answer:
// the server sells it once or not at all. Plain Node, no Electron: tested against a real server.
import { get } from 'node:https';
import type { IncomingMessage } from 'node:http';
import {
  CONTRACT_HEADER, CONTRACT_VERSION, DEVICE_HEADER, isChannel, type AnyEvent, type Envelope, EVENT_NAMES,
} from '../../../shared/contract';
import type { Logger } from '../../engine/context';
import { sessionChange, type CallerSession } from '../../engine/router';
import { PinnedAgent } from './pinnedAgent';
import { postJson } from './httpsJson';
import { SseParser } from './sse';

export interface RemoteOptions {
  url: string;
  fingerprint: string;
  /** `<deviceId>.<secret>` from pairing. */
  credential: string;
  appVersion: string;
  log: Logger;
  /** First and longest wait between tries when the server is down (1 s .. 15 s). */
  backoffMs?: { first: number; max: number };
  /** How long a sale with a lost answer keeps being retried (default 2 minutes). */
  retrySaleForMs?: number;
  timeoutMs?: number;
}

export interface Remote {
  dispatch(channel: string, input: unknown, session: CallerSession): Promise<Envelope<unknown>>;
  on(listener: (event: AnyEvent) => void): () => void;
  readonly online: boolean;
  close(): void;
}

export const NETWORK_MESSAGE = 'The box office server cannot be reached; nothing was changed. Retrying by itself.';
const UNKNOWN_SALE = 'The box office server did not answer this sale; it was not sold twice. Look it up in Bookings before selling these seats again.';
const eventNames = new Set<string>(EVENT_NAMES);

function network(message = NETWORK_MESSAGE): Envelope<never> {
  return { ok: false, error: { code: 'NETWORK' as never, message } };
}

function isEnvelope(x: unknown): x is Envelope<unknown> {
  if (typeof x !== 'object' || x === null) return false;
  const e = x as { ok?: unknown; error?: unknown };
  return e.ok === true ? 'data' in e : e.ok === false && typeof e.error === 'object' && e.error !== null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms).unref?.());

export function createRemote(opts: RemoteOptions): Remote {
  const agent = new PinnedAgent(opts.fingerprint);
  const backoff = opts.backoffMs ?? { first: 1000, max: 15_000 };
  const listeners = new Set<(event: AnyEvent) => void>();
  let online = true;
  let closed = false;
  let probing = false;
  /** The newest signed-in token: the event stream needs a session. */
  let streamToken: string | null = null;
  let stream: { res: IncomingMessage | null; abort(): void } | null = null;
  let streamRetry: NodeJS.Timeout | null = null;
  let streamDelay = backoff.first;

  function headers(token: string | null): Record<string, string> {
    const h: Record<string, string> = {
      [DEVICE_HEADER]: opts.credential,
      [CONTRACT_HEADER]: CONTRACT_VERSION,
      'User-Agent': `BoxOffice/${opts.appVersion}`,
    };
    if (token) h.Authorization = `Bearer ${token}`;
    return h;
  }

  function emit(event: AnyEvent): void {
    for (const l of listeners) {
      try {
        l(event);
      } catch (e) {
        opts.log.warn('event listener failed', { name: event.name, error: String(e) });
      }
    }
  }

  function setOnline(now: boolean): void {
    if (online === now) return;
    online = now;
    opts.log[now ? 'info' : 'warn'](now ? 'box office server reachable again' : 'box office server unreachable', { url: opts.url });
    emit({ name: 'connection.changed', payload: { online: now } });
    if (now) openStream();
    else probe();
  }

  /** Asks auth.status with growing waits until the server answers. */
  function probe(): void {
    if (probing || closed) return;
    probing = true;
    void (async () => {
      let delay = backoff.first;
      while (!closed && !online) {
        await sleep(delay);
        try {
          await postJson(opts.url, '/api/auth.status', {}, { agent, headers: headers(null), timeoutMs: opts.timeoutMs ?? 10_000 });
          probing = false;
          setOnline(true);
          return;
        } catch {
          delay = Math.min(delay * 2, backoff.max);
        }
      }
      probing = false;
    })();
  }

  async function send(channel: string, input: unknown, token: string | null): Promise<Envelope<unknown>> {
    const r = await postJson(opts.url, `/api/${channel}`, input ?? {}, { agent, headers: headers(token), timeoutMs: opts.timeoutMs ?? 15_000 });
    if (isEnvelope(r.body)) return r.body;
    if (r.status >= 502 && r.status <= 504) throw new Error(`gateway ${r.status}`);
    return { ok: false, error: { code: 'INTERNAL', message: `Unexpected answer from the box office server (HTTP ${r.status})` } };
  }

  async function dispatch(channel: string, input: unknown, session: CallerSession): Promise<Envelope<unknown>> {
    if (closed) return network();
    if (!isChannel(channel)) return { ok: false, error: { code: 'NOT_FOUND', message: `Unknown channel "${String(channel).slice(0, 64)}"` } };
    const keyed = typeof input === 'object' && input !== null && typeof (input as { idempotencyKey?: unknown }).idempotencyKey === 'string';
    const deadline = Date.now() + (opts.retrySaleForMs ?? 120_000);
    let delay = backoff.first;
    for (;;) {
      try {
        const env = await send(channel, input, session.token);
        setOnline(true);
        const change = sessionChange(channel, env);
        if (change === 'end') {
          if (session.token === streamToken) setStreamToken(null);
        } else if (change) setStreamToken(change.token);
        return env;
      } catch (e) {
        opts.log.warn('a call to the box office server got no answer', { channel, error: String(e) });
        setOnline(false);
        // Only a call with an idempotency key is safe to send again: the server answers a repeat
        // with the first outcome. Anything else reports the failure and changes nothing here.
        if (!keyed) return network();
        if (closed || Date.now() + delay > deadline) return network(UNKNOWN_SALE);
        await sleep(delay);
        delay = Math.min(delay * 2, backoff.max);
      }
    }
  }

  function setStreamToken(token: string | null): void {
    if (token === streamToken) return;
    streamToken = token;
    openStream();
  }

  function closeStream(): void {
    if (streamRetry) clearTimeout(streamRetry);
    streamRetry = null;
    stream?.abort();
    stream = null;
  }

  function openStream(): void {
    closeStream();
    if (closed || !streamToken) return;
    const token = streamToken;
    const parser = new SseParser((name, data) => {
      if (!eventNames.has(name)) return;
      try {
        emit({ name, payload: JSON.parse(data) } as AnyEvent);
      } catch {
        /* a malformed event is dropped */
      }
    });
    const req = get(new URL('/api/events', opts.url), { agent, headers: { ...headers(token), Accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        // Signed out or unpaired: no stream until the next sign-in (the calls will say why).
        if (res.statusCode === 401 || res.statusCode === 409) return;
        retryStream(token);
        return;
      }
      streamDelay = backoff.first;
      if (stream) stream.res = res;
      res.setEncoding('utf8');
      res.on('data', (c: string) => parser.push(c));
      res.on('end', () => retryStream(token));
      res.on('error', () => retryStream(token));
    });
    const mine = { res: null as IncomingMessage | null, abort: () => req.destroy() };
    stream = mine;
    req.on('error', () => {
      if (stream === mine) retryStream(token);
    });
  }

  function retryStream(token: string): void {
    if (closed || token !== streamToken || streamRetry) return;
    stream = null;
    streamRetry = setTimeout(() => {
      streamRetry = null;
      // A dropped stream may mean the server went away: probing decides, and reopens it.
      void postJson(opts.url, '/api/auth.status', {}, { agent, headers: headers(null), timeoutMs: opts.timeoutMs ?? 10_000 }).then(
        () => {
          if (!online) setOnline(true);
          else {
            // Back before anyone noticed: events may have been missed meanwhile, so say so.
            emit({ name: 'connection.changed', payload: { online: true } });
            openStream();
          }
        },
        () => setOnline(false),
      );
    }, streamDelay);
    streamDelay = Math.min(streamDelay * 2, backoff.max);
  }

  return {
    dispatch,
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get online() {
      return online;
    },
    close() {
      closed = true;
      closeStream();
      listeners.clear();
      agent.destroy();
    },
  };
}
