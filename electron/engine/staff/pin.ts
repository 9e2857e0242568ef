// PIN hashing: a salted scrypt hash in one self-describing string, compared in constant time.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

// N = 2^14, r = 8, p = 1: ~16 MiB and tens of ms per check. A 4-digit PIN has only 10^4 values,
// so the slow hash and the lockout together are what protects it, not the PIN's length.
const N = 16384;
const R = 8;
const P = 1;
const KEY_LEN = 32;

/** `scrypt$N$r$p$salt$hash` (salt and hash base64url); the parameters travel with the hash. */
export function hashPin(pin: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, KEY_LEN, { N, r: R, p: P, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/** True when the PIN matches; any malformed stored value (e.g. a fixture placeholder) is a mismatch. */
export function verifyPin(pin: string, stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, saltB64, hashB64] = parts as [string, string, string, string, string, string];
  const cost = Number(n);
  const block = Number(r);
  const par = Number(p);
  if (![cost, block, par].every((x) => Number.isInteger(x) && x > 0)) return false;
  const expected = Buffer.from(hashB64, 'base64url');
  if (expected.length === 0) return false;
  try {
    const actual = scryptSync(pin, Buffer.from(saltB64, 'base64url'), expected.length, {
      N: cost, r: block, p: par, maxmem: 256 * 1024 * 1024,
    });
    return timingSafeEqual(actual, expected);
  } catch {
    return false;
  }
}

let dummy: string | null = null;
/** A real hash to check against when the name is unknown, so both cases take the same time. */
export function dummyPinHash(): string {
  dummy ??= hashPin('00000000');
  return dummy;
}
