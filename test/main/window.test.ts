// The window and session hardening with Electron mocked.
import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const created: { options: any; contents: any }[] = [];
  class BrowserWindow {
    webContents: any;
    loadFile = vi.fn(async () => {});
    once = vi.fn();
    on = vi.fn();
    constructor(options: any) {
      const handlers = new Map<string, (...a: any[]) => void>();
      this.webContents = {
        handlers,
        on: vi.fn((ev: string, cb: (...a: any[]) => void) => handlers.set(ev, cb)),
        setWindowOpenHandler: vi.fn((fn: unknown) => handlers.set('window-open', fn as never)),
      };
      created.push({ options, contents: this.webContents });
    }
  }
  return { created, BrowserWindow, Menu: { buildFromTemplate: vi.fn((t: unknown) => ({ template: t })) } };
});
vi.mock('electron', () => ({ BrowserWindow: electron.BrowserWindow, Menu: electron.Menu }));

import { applicationMenu, createMainWindow, hardenSession } from '../../electron/main/window';
import { CSP } from '../../electron/main/security';

describe('main window', () => {
  it('is isolated, sandboxed, without Node, with web security and the bundled preload', () => {
    createMainWindow({ preload: '/app/dist/preload/index.cjs', indexHtml: '/app/dist/renderer/index.html' });
    const { options } = electron.created.at(-1)!;
    expect(options.webPreferences).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
      preload: '/app/dist/preload/index.cjs',
    });
    expect(options.show).toBe(false);
  });

  it('loads only the local page, prevents navigation and denies new windows', () => {
    const win = createMainWindow({ preload: '/app/dist/preload/index.cjs', indexHtml: '/app/dist/renderer/index.html' }) as any;
    const { options, contents } = electron.created.at(-1)!;
    expect(options.webPreferences.sandbox).toBe(true);
    expect(win.loadFile).toHaveBeenCalledWith('/app/dist/renderer/index.html');
    for (const ev of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() };
      contents.handlers.get(ev)(event, 'https://evil.example/');
      expect(event.preventDefault, ev).toHaveBeenCalled();
    }
    expect(contents.handlers.get('window-open')({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });
});

describe('session hardening', () => {
  function fakeSession() {
    const s: any = { handlers: {} };
    s.setPermissionRequestHandler = vi.fn((fn: unknown) => (s.handlers.request = fn));
    s.setPermissionCheckHandler = vi.fn((fn: unknown) => (s.handlers.check = fn));
    s.webRequest = {
      onBeforeRequest: vi.fn((fn: unknown) => (s.handlers.before = fn)),
      onHeadersReceived: vi.fn((fn: unknown) => (s.handlers.headers = fn)),
    };
    return s;
  }

  it('denies every permission request and check', () => {
    const s = fakeSession();
    hardenSession(s);
    const cb = vi.fn();
    s.handlers.request({}, 'media', cb);
    expect(cb).toHaveBeenCalledWith(false);
    expect(s.handlers.check({}, 'notifications')).toBe(false);
  });

  it('adds the CSP to every response and refuses remote requests', () => {
    const s = fakeSession();
    hardenSession(s);
    const cb = vi.fn();
    s.handlers.headers({ responseHeaders: { 'X-Other': ['1'] } }, cb);
    expect(cb).toHaveBeenCalledWith({ responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CSP] } });
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).toContain("object-src 'none'");
    for (const [url, cancel] of [
      ['https://cdn.example/x.js', true],
      ['http://127.0.0.1:4173/api', true],
      ['ws://evil.example', true],
      ['file:///app/dist/renderer/assets/app.js', false],
      ['data:image/png;base64,AAAA', false],
    ] as const) {
      const done = vi.fn();
      s.handlers.before({ url }, done);
      expect(done, url).toHaveBeenCalledWith({ cancel });
    }
  });
});

describe('application menu', () => {
  it('uses the standard roles, with dev tools only in development', () => {
    const prod = applicationMenu(false, false) as any;
    const roles = JSON.stringify(prod.template);
    for (const role of ['fileMenu', 'editMenu', 'windowMenu', 'zoomIn', 'togglefullscreen']) expect(roles).toContain(role);
    expect(roles).not.toContain('toggleDevTools');
    expect(JSON.stringify((applicationMenu(true, true) as any).template)).toContain('appMenu');
  });
});

