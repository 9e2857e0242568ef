// Binds every contract channel to ipcMain.handle through the router. Each call's sender is
// checked (our page, main frame), the session token lives here, bound to the sending
// webContents, and nothing ever throws across: the page always gets an envelope.
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CHANNEL_NAMES, type Channel, type Envelope } from '../../shared/contract';
import type { Logger } from '../engine/context';
import type { Engine } from '../engine/engine';
import { sessionChange, type Router } from '../engine/router';

export interface IpcOptions {
  router: Pick<Router, 'dispatch'>;
  engine: Pick<Engine, 'on'>;
  /** True for our own page's URL (see security.ts). */
  isTrustedUrl(url: string): boolean;
  log: Logger;
}

export interface IpcBinding {
  /** The session token bound to a webContents (tests and diagnostics). */
  tokenFor(webContentsId: number): string | null;
  dispose(): void;
}

const forbidden: Envelope<never> = { ok: false, error: { code: 'FORBIDDEN', message: 'This window may not use the box office' } };
const internal: Envelope<never> = { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong in the box office; it has been logged' } };

/** The sender is our page's main frame (not a subframe, not another origin). */
export function isTrustedSender(event: IpcMainInvokeEvent, isTrustedUrl: (url: string) => boolean): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  if (frame.parent !== null) return false;
  const main = event.sender.mainFrame;
  if (!main || main.processId !== frame.processId || main.routingId !== frame.routingId) return false;
  return isTrustedUrl(frame.url);
}

export function bindIpc(opts: IpcOptions): IpcBinding {
  const { router, engine, isTrustedUrl, log } = opts;
  const tokens = new Map<number, string>();
  const watched = new Set<number>();

  function bind(sender: WebContents, token: string): void {
    tokens.set(sender.id, token);
    if (watched.has(sender.id)) return;
    watched.add(sender.id);
    const id = sender.id;
    sender.once('destroyed', () => {
      tokens.delete(id);
      watched.delete(id);
    });
  }

  async function handle(channel: Channel, event: IpcMainInvokeEvent, input: unknown): Promise<Envelope<unknown>> {
    try {
      if (!isTrustedSender(event, isTrustedUrl)) {
        log.warn('refused an IPC call from an untrusted sender', { channel, url: event.senderFrame?.url?.slice(0, 200) ?? null });
        return forbidden;
      }
      const id = event.sender.id;
      const env = await router.dispatch(channel, input, { token: tokens.get(id) ?? null });
      const change = sessionChange(channel, env);
      if (change === 'end') tokens.delete(id);
      else if (change) bind(event.sender, change.token);
      return env;
    } catch (e) {
      log.error('IPC handler failed', { channel, error: String(e) });
      return internal;
    }
  }

  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, (event, input: unknown) => handle(channel, event, input));
  }

  // Push events go to every window showing our page (not to the hidden receipt printer).
  const unsubscribe = engine.on((event) => {
    for (const win of BrowserWindow.getAllWindows()) {
      const wc = win.webContents;
      try {
        if (!wc.isDestroyed() && isTrustedUrl(wc.getURL())) wc.send('event', event.name, event.payload);
      } catch (e) {
        log.warn('could not push an event to a window', { error: String(e) });
      }
    }
  });

  return {
    tokenFor: (id) => tokens.get(id) ?? null,
    dispose() {
      unsubscribe();
      for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel);
      tokens.clear();
    },
  };
}
