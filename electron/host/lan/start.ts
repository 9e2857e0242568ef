// `--lan`: what the browser host adds to become the box office server of a theater's network:
// its kept certificate, the printed fingerprint and first pairing code, and DNS-SD discovery.
import type { Engine } from '../../engine/engine';
import { createPairingCode } from '../../engine/devices/pairing';
import { scheduleDailyBackups } from '../../engine/backup/schedule';
import { APP_VERSION } from '../appVersion';
import { advertise, type Advertiser, type TransportFactory } from './discovery';
import { loadOrCreateIdentity } from './tls';

export interface LanServer {
  tls: { cert: string; key: string; appVersion: string };
  fingerprint: string;
  /** Starts discovery and returns the lines to print after the ready line. */
  announce(opts: { host: string; port: number; transport?: TransportFactory }): string;
  stop(): void;
}

export async function startLan(engine: Engine, dataDir: string): Promise<LanServer> {
  const identity = await loadOrCreateIdentity(dataDir);
  let advertiser: Advertiser | null = null;
  // The server keeps the only database of the theater: it makes the daily backups (counters have none).
  const stopBackups = scheduleDailyBackups(engine);
  return {
    tls: { cert: identity.cert, key: identity.key, appVersion: APP_VERSION },
    fingerprint: identity.fingerprint,
    announce({ host, port, transport }) {
      try {
        advertiser = advertise({ host, port, fingerprint: identity.fingerprint, ...(transport ? { transport } : {}) });
      } catch (e) {
        engine.ctx.log.warn('network discovery (mDNS) could not start; counters can still type the address', { error: String(e) });
      }
      const { code } = createPairingCode(engine.ctx, {}, null);
      return `Certificate fingerprint: ${identity.fingerprint}\nPairing code: ${code}\n`;
    },
    stop() {
      stopBackups();
      advertiser?.stop();
      advertiser = null;
    },
  };
}
