// Device secrets and pairing codes: made from the system's CSPRNG, stored only as SHA-256 hashes,
// compared in constant time. Both are high-entropy or short-lived, so a slow hash buys nothing.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/** 256 random bits: the device's half of its credential. */
export function newDeviceSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Eight random digits (a pairing code without its dash). */
export function newPairingDigits(): string {
  return String(randomInt(0, 100_000_000)).padStart(8, '0');
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** `<deviceId>.<secret>` split in two; null when it is not of that shape. */
export function parseCredential(credential: string): { id: string; secret: string } | null {
  if (credential.length > 200) return null;
  const m = /^(dv_[A-Za-z0-9]{1,40})\.([A-Za-z0-9_-]{20,100})$/.exec(credential.trim());
  return m ? { id: m[1]!, secret: m[2]! } : null;
}
