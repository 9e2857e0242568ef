// The preload bridge with Electron mocked: exactly the contract's channels and events, payload-only
// callbacks with unsubscribe, and nothing outside the contract ever reaching ipcRenderer.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const exposed = new Map<string, any>();
  const listeners = new Map<string, Set<(...a: any[]) => void>>();
  return {
    exposed,
    listeners,
    contextBridge: { exposeInMainWorld: vi.fn((key: string, api: unknown) => exposed.set(key, api)) },
    ipcRenderer: {
      invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, data: { channel, input } })),
      on: vi.fn((ch: string, fn: (...a: any[]) => void) => {
        if (!listeners.has(ch)) listeners.set(ch, new Set());
        listeners.get(ch)!.add(fn);
      }),
      removeListener: vi.fn((ch: string, fn: (...a: any[]) => void) => listeners.get(ch)?.delete(fn)),
      send: vi.fn(),
      sendSync: vi.fn(),
    },
  };
});
vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }));

import { CHANNEL_NAMES, EVENT_NAMES } from '../../shared/contract';

function emit(name: string, payload: unknown): void {
  for (const fn of electron.listeners.get('event') ?? []) fn({ sender: 'ipc-event-object' }, name, payload);
}

let api: any;
beforeEach(async () => {
  vi.resetModules();
  electron.exposed.clear();
  electron.listeners.clear();
  vi.clearAllMocks();
  await import('../../electron/preload/index');
  api = electron.exposed.get('boxOffice');
});

describe('preload bridge', () => {
  it('exposes only window.boxOffice with call, on and the contract lists', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect([...electron.exposed.keys()]).toEqual(['boxOffice']);
    expect(Object.keys(api).sort()).toEqual(['call', 'channels', 'events', 'on']);
    expect([...api.channels].sort()).toEqual([...CHANNEL_NAMES].sort());
    expect([...api.events].sort()).toEqual([...EVENT_NAMES].sort());
    // Nothing raw.
    for (const v of Object.values(api)) expect(v).not.toBe(electron.ipcRenderer);
    expect(JSON.stringify(Object.keys(api))).not.toMatch(/send|invoke|ipc/i);
  });

  it('forwards every contract channel to ipcRenderer.invoke with its input', async () => {
    for (const channel of CHANNEL_NAMES) {
      const env = await api.call(channel, { x: 1 });
      expect(env).toEqual({ ok: true, data: { channel, input: { x: 1 } } });
    }
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(CHANNEL_NAMES.length);
    expect(electron.ipcRenderer.send).not.toHaveBeenCalled();
  });

  it('never sends a channel outside the contract', async () => {
    for (const channel of ['nope', 'event', '__proto__', 'constructor', 'auth.status ', '', 42, null]) {
      const env = await api.call(channel, {});
      expect(env.ok).toBe(false);
      expect(env.error.code).toBe('NOT_FOUND');
    }
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
    expect(electron.ipcRenderer.send).not.toHaveBeenCalled();
  });

  it('turns a failed invoke into an envelope', async () => {
    electron.ipcRenderer.invoke.mockRejectedValueOnce(new Error('no handler'));
    expect(await api.call('auth.status', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('on() hands the callback only the payload, per event, and unsubscribes', () => {
    const seats = vi.fn();
    const shows = vi.fn();
    const offSeats = api.on('seats.changed', seats);
    const offShows = api.on('shows.changed', shows);
    expect(electron.ipcRenderer.on).toHaveBeenCalledTimes(1);
    emit('seats.changed', { showId: 's1', version: 2, seats: [] });
    expect(seats).toHaveBeenCalledTimes(1);
    expect(seats.mock.calls[0]).toEqual([{ showId: 's1', version: 2, seats: [] }]);
    expect(shows).not.toHaveBeenCalled();
    offSeats();
    emit('seats.changed', { showId: 's1', version: 3, seats: [] });
    expect(seats).toHaveBeenCalledTimes(1);
    emit('shows.changed', { showId: 's1' });
    expect(shows).toHaveBeenCalledWith({ showId: 's1' });
    offShows();
    // The last unsubscribe removes the IPC listener too.
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledTimes(1);
    expect(electron.listeners.get('event')?.size ?? 0).toBe(0);
  });

  it('on() refuses events outside the contract and non-function callbacks', () => {
    expect(() => api.on('ipc-message', () => {})).toThrow(/Unknown event/);
    expect(() => api.on('seats.changed', 'nope')).toThrow();
    expect(electron.ipcRenderer.on).not.toHaveBeenCalled();
  });
});
