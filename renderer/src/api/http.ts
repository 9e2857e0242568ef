// The browser transport: POST /api/<channel> with JSON, the session in an HttpOnly cookie, and
// push events over Server-Sent Events at /api/events. Never throws: failures become envelopes.
import type { BoxOfficeApi, Channel, ChannelInput, ChannelOutput, Envelope, EventName, EventPayload } from '../../../shared/contract';
import { EVENT_NAMES } from '../../../shared/contract';
import { useConnection } from '../stores/connection';

type Listener = (payload: unknown) => void;

const NETWORK_MESSAGE = 'The box office server cannot be reached. Check the connection; nothing was changed by this screen.';

function networkEnvelope<T>(): Envelope<T> {
  return { ok: false, error: { code: 'NETWORK' as never, message: NETWORK_MESSAGE } };
}

function isEnvelope(x: unknown): x is Envelope<unknown> {
  if (typeof x !== 'object' || x === null) return false;
  const e = x as { ok?: unknown; error?: unknown };
  if (e.ok === true) return 'data' in e;
  return e.ok === false && typeof e.error === 'object' && e.error !== null;
}

export interface HttpApi extends BoxOfficeApi {
  /** (Re)open the event stream, e.g. after signing in (the stream needs the session cookie). */
  reconnectEvents(): void;
  closeEvents(): void;
}

export function createHttpApi(base = ''): HttpApi {
  const listeners = new Map<EventName, Set<Listener>>();
  let source: EventSource | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let probeTimer: ReturnType<typeof setTimeout> | undefined;
  let retryDelay = 1000;
  let wanted = false;

  const conn = () => useConnection.getState();

  function probe(): void {
    if (probeTimer) return;
    probeTimer = setTimeout(async () => {
      probeTimer = undefined;
      try {
        const res = await fetch(`${base}/api/auth.status`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        });
        if (res.ok) {
          conn().recovered();
          if (wanted && !source) openEvents();
          return;
        }
      } catch {
        /* still down */
      }
      probe();
    }, 2000);
  }

  async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Envelope<ChannelOutput<C>>> {
    let res: Response;
    try {
      res = await fetch(`${base}/api/${channel}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
    } catch {
      conn().lost();
      probe();
      return networkEnvelope();
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      if (res.status >= 502 && res.status <= 504) {
        conn().lost();
        probe();
        return networkEnvelope();
      }
      return { ok: false, error: { code: 'INTERNAL', message: `Unexpected answer from the server (HTTP ${res.status}).` } };
    }
    conn().recovered();
    if (isEnvelope(body)) return body as Envelope<ChannelOutput<C>>;
    return { ok: false, error: { code: 'INTERNAL', message: `Unexpected answer from the server (HTTP ${res.status}).` } };
  }

  function dispatch(name: EventName, data: string): void {
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      return;
    }
    for (const cb of listeners.get(name) ?? []) {
      try {
        cb(payload);
      } catch (e) {
        console.error('event listener failed', e);
      }
    }
  }

  function openEvents(): void {
    if (typeof EventSource === 'undefined') return;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = undefined;
    source?.close();
    const es = new EventSource(`${base}/api/events`, { withCredentials: true });
    source = es;
    for (const name of EVENT_NAMES) es.addEventListener(name, (ev) => dispatch(name, (ev as MessageEvent<string>).data));
    es.onopen = () => {
      retryDelay = 1000;
      conn().setLive(true);
      conn().recovered();
    };
    es.onerror = () => {
      conn().setLive(false);
      if (es.readyState === EventSource.CLOSED) {
        // The browser gave up (e.g. the server refused): retry ourselves, backing off.
        if (source === es) source = null;
        if (!wanted) return;
        conn().lost();
        probe();
        retryTimer = setTimeout(() => {
          if (wanted && !source) openEvents();
        }, retryDelay);
        retryDelay = Math.min(retryDelay * 2, 15000);
      } else {
        // CONNECTING: the browser is retrying on its own.
        conn().lost();
        probe();
      }
    };
  }

  return {
    call,
    on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(cb as Listener);
      return () => set.delete(cb as Listener);
    },
    reconnectEvents() {
      wanted = true;
      openEvents();
    },
    closeEvents() {
      wanted = false;
      if (retryTimer) clearTimeout(retryTimer);
      source?.close();
      source = null;
      conn().setLive(false);
    },
  };
}
