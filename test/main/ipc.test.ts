// The IPC binding with Electron mocked: every contract channel handled (and nothing else), the
// sender checked, sessions bound per webContents, push events to our windows only.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('../support/electronMock')).electronModule);

import { electron } from '../support/electronMock';
import { CHANNEL_NAMES } from '../../shared/contract';
import { silentLogger } from '../../electron/engine/context';
import { bindIpc, type IpcBinding } from '../../electron/main/ipc';
import { appOriginCheck } from '../../electron/main/security';
import { makeHarness, type Harness } from '../support/engineHarness';

const INDEX = '/opt/box office/resources/app.asar/dist/renderer/index.html';
const OUR_URL = 'file:///opt/box%20office/resources/app.asar/dist/renderer/index.html';

interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  processId: number;
  routingId: number;
}

let nextId = 1;
function fakeContents(url = OUR_URL) {
  const id = nextId++;
  const mainFrame: FakeFrame = { url, parent: null, processId: 100 + id, routingId: 1 };
  const listeners = new Map<string, () => void>();
  return {
    id,
    mainFrame,
    send: vi.fn(),
    getURL: () => mainFrame.url,
    isDestroyed: () => false,
    once: vi.fn((ev: string, cb: () => void) => listeners.set(ev, cb)),
    destroy() {
      listeners.get('destroyed')?.();
    },
  };
}
type Contents = ReturnType<typeof fakeContents>;

function eventFrom(wc: Contents, frame: FakeFrame | null = wc.mainFrame) {
  return { sender: wc, senderFrame: frame };
}

function invoke(channel: string, wc: Contents, input: unknown = {}, frame?: FakeFrame | null): Promise<any> {
  const fn = electron.handlers.get(channel);
  if (!fn) throw new Error(`no handler for ${channel}`);
  return fn(frame === undefined ? eventFrom(wc) : eventFrom(wc, frame), input);
}

const SETUP = { theater: { name: 'PVR Cinemas', city: 'New York', timezone: 'America/New_York', currency: 'USD' }, manager: { name: 'Manager', pin: '1234' } };

let h: Harness;
let ipc: IpcBinding;

beforeEach(() => {
  electron.handlers.clear();
  electron.windows.length = 0;
  vi.clearAllMocks();
  h = makeHarness();
  ipc = bindIpc({ router: h.router, engine: h.engine, isTrustedUrl: appOriginCheck(INDEX), log: silentLogger });
});
afterEach(() => {
  ipc.dispose();
  h.close();
});

describe('IPC binding', () => {
  it('handles every contract channel and registers nothing else', () => {
    expect([...electron.handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(electron.ipcMain.handle).toHaveBeenCalledTimes(CHANNEL_NAMES.length);
    expect(electron.ipcMain.on).not.toHaveBeenCalled();
  });

  it('removes its handlers on dispose', () => {
    ipc.dispose();
    expect(electron.handlers.size).toBe(0);
    ipc = bindIpc({ router: h.router, engine: h.engine, isTrustedUrl: appOriginCheck(INDEX), log: silentLogger });
  });

  it('answers with an envelope, never a throw', async () => {
    const wc = fakeContents();
    expect(await invoke('auth.status', wc)).toMatchObject({ ok: true, data: { setupRequired: true } });
    expect(await invoke('auth.status', wc, { bogus: 1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const broken = bindIpcWithThrowingRouter();
    expect(await invoke('auth.status', wc)).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.any(String) } });
    broken.dispose();
    ipc = bindIpc({ router: h.router, engine: h.engine, isTrustedUrl: appOriginCheck(INDEX), log: silentLogger });
  });

  it('refuses foreign senders with FORBIDDEN and never reaches the router', async () => {
    const dispatch = vi.spyOn(h.router, 'dispatch');
    const evil = fakeContents('https://evil.example/index.html');
    expect(await invoke('auth.status', evil)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const otherFile = fakeContents('file:///tmp/index.html');
    expect(await invoke('auth.status', otherFile)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const wc = fakeContents();
    const subframe: FakeFrame = { url: OUR_URL, parent: wc.mainFrame, processId: wc.mainFrame.processId, routingId: 7 };
    expect(await invoke('auth.status', wc, {}, subframe)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const orphan: FakeFrame = { url: OUR_URL, parent: null, processId: 999, routingId: 1 };
    expect(await invoke('auth.status', wc, {}, orphan)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await invoke('auth.status', wc, {}, null)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(dispatch).not.toHaveBeenCalled();
    // Our page, with a hash route, is fine.
    const ours = fakeContents(`${OUR_URL}#/sell`);
    expect(await invoke('auth.status', ours)).toMatchObject({ ok: true });
  });

  it('binds the session to the webContents that signed in', async () => {
    const a = fakeContents();
    const b = fakeContents();
    const setup = await invoke('auth.setup', a, SETUP);
    expect(setup.ok).toBe(true);
    expect(ipc.tokenFor(a.id)).toBe(setup.data.token);
    expect(ipc.tokenFor(b.id)).toBeNull();
    expect(await invoke('staff.list', a)).toMatchObject({ ok: true });
    expect(await invoke('staff.list', b)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect((await invoke('auth.status', b)).data.staff).toBeNull();

    const login = await invoke('auth.login', b, { name: 'Manager', pin: '1234' });
    expect(login.ok).toBe(true);
    expect(await invoke('staff.list', b)).toMatchObject({ ok: true });

    expect(await invoke('auth.logout', a)).toMatchObject({ ok: true });
    expect(ipc.tokenFor(a.id)).toBeNull();
    expect(await invoke('staff.list', a)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await invoke('staff.list', b)).toMatchObject({ ok: true });

    b.destroy();
    expect(ipc.tokenFor(b.id)).toBeNull();
  });

  it('pushes events to our windows only, as (event, name, payload)', () => {
    const ours = fakeContents();
    const printer = fakeContents('data:text/html,receipt');
    electron.windows.push({ webContents: ours }, { webContents: printer });
    h.engine.ctx.emit('shows.changed', { showId: 'show_1' });
    expect(ours.send).toHaveBeenCalledWith('event', 'shows.changed', { showId: 'show_1' });
    expect(printer.send).not.toHaveBeenCalled();
  });
});

function bindIpcWithThrowingRouter(): IpcBinding {
  ipc.dispose();
  return bindIpc({
    router: { dispatch: () => Promise.reject(new Error('boom')) } as never,
    engine: h.engine,
    isTrustedUrl: appOriginCheck(INDEX),
    log: silentLogger,
  });
}
