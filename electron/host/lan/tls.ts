// The LAN server's TLS identity: a self-made certificate created on the first start and kept in
// the data folder, so every later start (and every paired counter's pinned fingerprint) sees the
// same one. Made with `selfsigned` (see README: well kept, pure JS over @peculiar/x509, no OpenSSL
// binary needed, an EC P-256 key in a few milliseconds).
import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export const TLS_DIR = 'tls';
const CERT_FILE = 'server-cert.pem';
const KEY_FILE = 'server-key.pem';

export interface TlsIdentity {
  cert: string;
  key: string;
  /** `SHA256 AB:CD:...`: the SHA-256 of the DER certificate, colon-separated hex. */
  fingerprint: string;
}

/** The fingerprint as the contract prints it, from a PEM certificate. */
export function fingerprintOf(certPem: string): string {
  return `SHA256 ${new X509Certificate(certPem).fingerprint256}`;
}

function localAddresses(): string[] {
  const out = new Set<string>(['127.0.0.1', '::1']);
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) out.add(a.address.split('%')[0]!);
  return [...out];
}

async function create(): Promise<{ cert: string; key: string }> {
  const name = hostname();
  const now = new Date();
  const pems = await generate([{ name: 'commonName', value: `Box Office on ${name}` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 24 * 3600_000),
    // Counters trust it by its pinned fingerprint, not by a chain or a date; a long life means a
    // server never has to be re-paired because its certificate ran out.
    notAfterDate: new Date(now.getTime() + 20 * 365 * 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 2, value: name },
          { type: 2, value: `${name}.local` },
          ...localAddresses().map((ip) => ({ type: 7 as const, ip })),
        ],
      },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

/** Loads the data folder's certificate, making it (once) when there is none. */
export async function loadOrCreateIdentity(dataDir: string): Promise<TlsIdentity & { created: boolean }> {
  const dir = join(dataDir, TLS_DIR);
  const certFile = join(dir, CERT_FILE);
  const keyFile = join(dir, KEY_FILE);
  let created = false;
  if (!existsSync(certFile) || !existsSync(keyFile)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const { cert, key } = await create();
    // Written beside and renamed: a crash never leaves half a key that a later start would trust.
    writeFileSync(`${keyFile}.new`, key, { mode: 0o600 });
    writeFileSync(`${certFile}.new`, cert, { mode: 0o644 });
    renameSync(`${keyFile}.new`, keyFile);
    renameSync(`${certFile}.new`, certFile);
    created = true;
  }
  chmodSync(keyFile, 0o600);
  const cert = readFileSync(certFile, 'utf8');
  const key = readFileSync(keyFile, 'utf8');
  return { cert, key, fingerprint: fingerprintOf(cert), created };
}
