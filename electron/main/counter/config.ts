// The per-machine install config in userData (never in a shared database): which mode this
// install runs in and, for a counter, the server it is paired with. The device secret is kept
// only encrypted by Electron's safeStorage (the OS keychain), passed in so tests can fake it.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Mode } from '../../../shared/contract';
import { DB_FILE } from '../../engine/dataFiles';

export const INSTALL_FILE = 'install.json';

export interface SecretStore {
  isEncryptionAvailable(): boolean;
  encryptString(text: string): Buffer;
  decryptString(data: Buffer): string;
}

export interface CounterLink {
  url: string;
  fingerprint: string;
  deviceId: string;
  deviceName: string;
  /** The device credential, decrypted (in memory only). */
  credential: string;
}

export interface InstallConfig {
  /** null: first start, the person has not chosen yet. */
  mode: Mode | null;
  counter: CounterLink | null;
}

interface Stored {
  mode: Mode | null;
  counter?: Omit<CounterLink, 'credential'> & { credentialEncrypted: string };
}

export function loadInstall(userData: string, store: SecretStore): InstallConfig {
  const file = join(userData, INSTALL_FILE);
  // An install from before modes existed has a database: it is a standalone box office.
  if (!existsSync(file)) return { mode: existsSync(join(userData, DB_FILE)) ? 'standalone' : null, counter: null };
  const s = JSON.parse(readFileSync(file, 'utf8')) as Stored;
  if (s.mode !== 'counter' || !s.counter) return { mode: s.mode ?? null, counter: null };
  const { credentialEncrypted, ...rest } = s.counter;
  const credential = store.decryptString(Buffer.from(credentialEncrypted, 'base64'));
  return { mode: 'counter', counter: { ...rest, credential } };
}

export function saveInstall(userData: string, store: SecretStore, config: InstallConfig): void {
  let stored: Stored = { mode: config.mode };
  if (config.mode === 'counter' && config.counter) {
    if (!store.isEncryptionAvailable()) {
      throw new Error('This computer cannot keep the counter key safely (no system keychain); the counter cannot be paired here');
    }
    const { credential, ...rest } = config.counter;
    stored = { mode: 'counter', counter: { ...rest, credentialEncrypted: store.encryptString(credential).toString('base64') } };
  }
  const file = join(userData, INSTALL_FILE);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.new`, JSON.stringify(stored, null, 2), { mode: 0o600 });
  renameSync(`${file}.new`, file);
}
