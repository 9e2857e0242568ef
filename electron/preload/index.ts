// The bridge between the page and main: window.boxOffice = { call, on, channels, events }, built
// from the contract's channel and event lists. Nothing raw crosses: no ipcRenderer, no generic
// send; a channel or event outside the contract never reaches IPC.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNEL_NAMES, EVENT_NAMES, type BoxOfficeApi, type Envelope, type EventName } from '../../shared/contract';

const channelSet = new Set<string>(CHANNEL_NAMES);
const eventSet = new Set<string>(EVENT_NAMES);
const subscribers = new Map<string, Set<(payload: unknown) => void>>();
let listening = false;

function onEvent(_event: IpcRendererEvent, name: unknown, payload: unknown): void {
  if (typeof name !== 'string') return;
  const subs = subscribers.get(name);
  if (!subs) return;
  for (const cb of [...subs]) {
    try {
      cb(payload);
    } catch (e) {
      console.error(`A listener for ${name} failed`, e);
    }
  }
}

function failure(code: 'NOT_FOUND' | 'INTERNAL', message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}

const api = {
  call(channel: string, input: unknown): Promise<Envelope<unknown>> {
    if (typeof channel !== 'string' || !channelSet.has(channel)) {
      return Promise.resolve(failure('NOT_FOUND', `Unknown channel "${String(channel).slice(0, 64)}"`));
    }
    return ipcRenderer.invoke(channel, input ?? {}).then(
      (env: Envelope<unknown>) => env,
      () => failure('INTERNAL', 'The box office did not answer; please try again'),
    );
  },
  on(event: string, cb: (payload: unknown) => void): () => void {
    if (typeof event !== 'string' || !eventSet.has(event)) throw new TypeError(`Unknown event "${String(event).slice(0, 64)}"`);
    if (typeof cb !== 'function') throw new TypeError('on() needs a callback');
    if (!listening) {
      ipcRenderer.on('event', onEvent);
      listening = true;
    }
    let subs = subscribers.get(event);
    if (!subs) subscribers.set(event, (subs = new Set()));
    // Wrapped so the same callback subscribed twice gets two independent subscriptions.
    const wrapped = (payload: unknown) => cb(payload);
    subs.add(wrapped);
    return () => {
      subs.delete(wrapped);
      if (subs.size === 0) subscribers.delete(event);
      if (subscribers.size === 0 && listening) {
        ipcRenderer.removeListener('event', onEvent);
        listening = false;
      }
    };
  },
  channels: Object.freeze([...CHANNEL_NAMES]),
  events: Object.freeze([...EVENT_NAMES]) as readonly EventName[],
};

// The exposed object satisfies the contract's client interface.
const typed: BoxOfficeApi & { channels: readonly string[]; events: readonly EventName[] } = api as never;

contextBridge.exposeInMainWorld('boxOffice', typed);
