// The ONLY place that touches window.boxOffice, fetch or EventSource (through ./http). Everything
// else calls `call(channel, input)`, which returns the data or throws an ApiError.
import type { BoxOfficeApi, Channel, ChannelInput, ChannelOutput, EventName, EventPayload } from '../../../shared/contract';
import { ApiError } from './errors';
import { createHttpApi, type HttpApi } from './http';

type WithBridge = { boxOffice?: BoxOfficeApi };

function bridge(): BoxOfficeApi | undefined {
  if (typeof window === 'undefined') return undefined;
  return (window as unknown as WithBridge).boxOffice;
}

/** window.boxOffice (Electron's preload) when present, else the browser host over HTTP + SSE. */
export function createApi(): BoxOfficeApi {
  return bridge() ?? createHttpApi();
}

let current: BoxOfficeApi | null = null;

export function getApi(): BoxOfficeApi {
  if (!current) current = createApi();
  return current;
}

/** Tests (and the app's start) set the transport explicitly. */
export function setApi(api: BoxOfficeApi | null): void {
  current = api;
}

/** True inside the desktop app (window.boxOffice from the preload), whatever its install mode. */
export function isDesktop(): boolean {
  return bridge() !== undefined;
}

/** True inside Electron, where the preload can print to the receipt printer. */
export function hasNativeBridge(): boolean {
  return bridge() !== undefined && current === bridge();
}

const unpairedListeners = new Set<() => void>();
/** Called when a call answers DEVICE_UNPAIRED (this counter was never paired, or was revoked). */
export function onUnpaired(cb: () => void): () => void {
  unpairedListeners.add(cb);
  return () => unpairedListeners.delete(cb);
}

const unauthenticatedListeners = new Set<() => void>();
/** Called when a call answers UNAUTHENTICATED (the session ended elsewhere). */
export function onUnauthenticated(cb: () => void): () => void {
  unauthenticatedListeners.add(cb);
  return () => unauthenticatedListeners.delete(cb);
}

export async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  let env;
  try {
    env = await getApi().call(channel, input);
  } catch (e) {
    // A transport that throws despite the contract: treat it as unreachable.
    throw new ApiError('NETWORK', e instanceof Error ? e.message : 'The box office cannot be reached.');
  }
  if (env.ok) return env.data;
  const err = env.error;
  if (err.code === 'UNAUTHENTICATED' && !channel.startsWith('auth.')) for (const cb of unauthenticatedListeners) cb();
  if (err.code === 'DEVICE_UNPAIRED') for (const cb of unpairedListeners) cb();
  throw new ApiError(err.code, err.message, err.details);
}

export function subscribe<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void {
  return getApi().on(event, cb);
}

/** After signing in or out the event stream must follow the session (browser host only). */
export function reconnectEvents(): void {
  const api = getApi() as Partial<HttpApi>;
  api.reconnectEvents?.();
}
export function closeEvents(): void {
  const api = getApi() as Partial<HttpApi>;
  api.closeEvents?.();
}

/** Print the receipt: Electron's printer when there, else the browser's print dialog. */
export async function printReceipt(bookingId: string, opts: { steps?: boolean } = {}): Promise<void> {
  if (hasNativeBridge()) {
    try {
      const r = await call('receipts.print', { bookingId, ...(opts.steps ? { steps: true } : {}) });
      if (r.printed) return;
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 'NOT_SUPPORTED')) throw e;
    }
  }
  window.print();
}

/** A fresh idempotency key for one sale attempt. */
export function newAttemptKey(): string {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  c?.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('') || `k${Date.now()}${Math.random()}`.replace('.', '');
}
