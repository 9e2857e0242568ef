// The desktop app's router by install mode: standalone serves the local engine; counter forwards
// to the paired server; before the first-start choice only the install.* channels answer. The
// install.* channels (mode, probing a server, joining it) are answered here in main, never by an
// engine. Switching mode swaps what serves the window without rebinding IPC. No Electron import:
// the keychain comes in as a SecretStore.
import { channels, type AnyEvent, type Envelope, type InstallStatus } from '../../../shared/contract';
import type { Logger } from '../../engine/context';
import { zodIssues, type CallerSession } from '../../engine/router';
import { loadInstall, saveInstall, type InstallConfig, type SecretStore } from './config';
import { pairWithServer, readFingerprint, serverUrl } from './pairing';
import { PinnedAgent } from './pinnedAgent';
import { postJson } from './httpsJson';
import { createRemote, type RemoteOptions } from './remote';
import { discoverServers, type BrowseTransport } from './discover';

/** What serves the window: the local engine's router, or a remote server. */
export interface Backend {
  dispatch(channel: string, input: unknown, session: CallerSession): Promise<Envelope<unknown>>;
  on(listener: (event: AnyEvent) => void): () => void;
  close(): void;
}

export interface InstallOptions {
  userData: string;
  store: SecretStore;
  appVersion: string;
  log: Logger;
  /**
   * Opens the local engine: its router and events; `background` also runs the backups and the
   * outbox (off in server mode, where the server process on the same data folder runs them).
   */
  openLocal(opts: { background: boolean }): Backend;
  /** Server mode: starts the headless LAN server on this install's data folder. */
  startServer?(): { stop(): void };
  remote?: Partial<RemoteOptions>;
  /** DNS-SD for install.discover (tests inject one that sends no multicast). */
  browse?: () => BrowseTransport;
}

export interface Install extends Backend {
  status(): InstallStatus;
}

function fail(code: string, message: string, details?: unknown): Envelope<never> {
  return { ok: false, error: details === undefined ? { code: code as never, message } : { code: code as never, message, details } };
}

export function createInstall(opts: InstallOptions): Install {
  let config: InstallConfig = loadInstall(opts.userData, opts.store);
  const listeners = new Set<(event: AnyEvent) => void>();
  let backend: Backend | null = null;
  let unsubscribe: (() => void) | null = null;
  let server: { stop(): void } | null = null;

  function use(next: Backend | null): void {
    unsubscribe?.();
    backend?.close();
    server?.stop();
    server = null;
    backend = next;
    unsubscribe = next ? next.on((e) => listeners.forEach((l) => l(e))) : null;
  }

  function open(): void {
    if (config.mode === 'standalone') use(opts.openLocal({ background: true }));
    else if (config.mode === 'server') {
      use(opts.openLocal({ background: false }));
      server = opts.startServer?.() ?? null;
    } else if (config.mode === 'counter' && config.counter) {
      const c = config.counter;
      use(createRemote({ url: c.url, fingerprint: c.fingerprint, credential: c.credential, appVersion: opts.appVersion, log: opts.log, ...opts.remote }));
    } else use(null);
  }

  function status(): InstallStatus {
    const c = config.counter;
    return { mode: config.mode, server: c ? { url: c.url, fingerprint: c.fingerprint, deviceName: c.deviceName } : null };
  }

  /** Switching a running box office's mode is a manager's decision (the first choice is anyone's). */
  async function isManager(session: CallerSession): Promise<boolean> {
    if (!backend || !session.token) return false;
    const env = await backend.dispatch('auth.status', {}, session);
    return env.ok && (env.data as { staff: { role: string } | null }).staff?.role === 'manager';
  }

  async function install(channel: string, input: unknown, session: CallerSession): Promise<Envelope<unknown>> {
    const def = channels[channel as 'install.status'];
    const parsed = def.input.safeParse(input ?? {});
    if (!parsed.success) return fail('VALIDATION', `Invalid input for ${channel}`, zodIssues(parsed.error));
    const data = parsed.data as Record<string, string>;
    switch (channel) {
      case 'install.status':
        return { ok: true, data: status() };
      case 'install.choose': {
        const mode = data.mode as 'standalone' | 'server';
        if (config.mode === 'counter') return fail('CONFLICT', 'A counter has no database of its own; install a new box office instead');
        if (config.mode === mode) return { ok: true, data: status() };
        if (config.mode !== null && !(await isManager(session))) return fail('FORBIDDEN', 'Only a signed-in manager may change how this box office runs');
        config = { mode, counter: null };
        saveInstall(opts.userData, opts.store, config);
        open();
        return { ok: true, data: status() };
      }
      case 'install.probe': {
        try {
          const url = serverUrl(data.address!);
          const fingerprint = await readFingerprint(url);
          const agent = new PinnedAgent(fingerprint, { keepAlive: false });
          try {
            const r = await postJson(url, '/api/auth.status', {}, { agent, timeoutMs: 8000 });
            const env = r.body as Envelope<{ contractVersion: string; theater: { name: string } | null; mode: string }>;
            if (!env?.ok || env.data.mode !== 'server') return fail('NOT_FOUND', `${url} is not a box office server`);
            return { ok: true, data: { url, fingerprint, contractVersion: env.data.contractVersion, theater: env.data.theater?.name ?? null } };
          } finally {
            agent.destroy();
          }
        } catch (e) {
          return fail('NETWORK', `No box office server answered at ${data.address}: ${(e as Error).message}`);
        }
      }
      case 'install.discover':
        try {
          return { ok: true, data: { servers: await discoverServers(opts.browse ? { transport: opts.browse } : {}) } };
        } catch (e) {
          // No multicast on this network (or no permission): typing the address still works.
          opts.log.warn('network discovery failed', { error: String(e) });
          return { ok: true, data: { servers: [] } };
        }
      case 'install.join': {
        // A standalone box office or a server keeps its own database (and a server its counters);
        // only a new or counter install joins. The channel needs no sign-in, so this check is the guard.
        if (config.mode === 'standalone' || config.mode === 'server') return fail('CONFLICT', 'This computer runs its own box office; it cannot join another');
        try {
          const p = await pairWithServer({ url: data.url!, fingerprint: data.fingerprint!, code: data.code!, name: data.name!, appVersion: opts.appVersion });
          config = { mode: 'counter', counter: { url: p.url, fingerprint: p.fingerprint, deviceId: p.device.id, deviceName: p.device.name, credential: p.credential } };
          saveInstall(opts.userData, opts.store, config);
          open();
          return { ok: true, data: status() };
        } catch (e) {
          const err = e as Error & { code?: string; details?: unknown };
          const code = err.code && /^[A-Z_]+$/.test(err.code) && err.code !== 'CERT_PIN_MISMATCH' ? err.code : 'NETWORK';
          return fail(code, err.message, err.details);
        }
      }
    }
    return fail('NOT_FOUND', `Unknown channel "${channel}"`);
  }

  open();
  return {
    status,
    async dispatch(channel, input, session) {
      if (channel.startsWith('install.') && channel in channels) return install(channel, input, session);
      if (!backend) return fail('NOT_SUPPORTED', 'Choose first how this computer runs: a new box office, or a counter of one on the network');
      return backend.dispatch(channel, input, session);
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      use(null);
      listeners.clear();
    },
  };
}
