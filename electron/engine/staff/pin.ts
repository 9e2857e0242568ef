// PIN hashing: a salted scrypt hash in one self-describing string, compared in constant time.
// Requests use the async functions: scrypt then runs on libuv's thread pool, so a flood of wrong
// logins never stalls the event loop that answers every other call. The sync ones are for seeding.
import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// N = 2^14, r = 8, p = 1: ~16 MiB and tens of ms per check. A 4-digit PIN has only 10^4 values,
// so the slow hash and the lockout together are what protects it, not the PIN's length.
const N = 16384;
const R = 8;
const P = 1;
const KEY_LEN = 32;
const HASH_OPTS: ScryptOptions = { N, r: R, p: P, maxmem: 64 * 1024 * 1024 };

function scryptAsync(pin: string, salt: Buffer, len: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((done, fail) => scrypt(pin, salt, len, opts, (err, key) => (err ? fail(err) : done(key))));
}

function format(salt: Buffer, hash: Buffer): string {
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/** `scrypt$N$r$p$salt$hash` (salt and hash base64url); the parameters travel with the hash. */
export function hashPin(pin: string): string {
  const salt = randomBytes(16);
  return format(salt, scryptSync(pin, salt, KEY_LEN, HASH_OPTS));
}

/** hashPin off the event loop. */
export async function hashPinAsync(pin: string): Promise<string> {
  const salt = randomBytes(16);
  return format(salt, await scryptAsync(pin, salt, KEY_LEN, HASH_OPTS));
}

interface Parsed { salt: Buffer; expected: Buffer; opts: ScryptOptions }

/** The stored hash's parts, or null for any malformed value (e.g. a fixture placeholder). */
function parse(stored: string): Parsed | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [, n, r, p, saltB64, hashB64] = parts as [string, string, string, string, string, string];
  const cost = Number(n);
  const block = Number(r);
  const par = Number(p);
  if (![cost, block, par].every((x) => Number.isInteger(x) && x > 0)) return null;
  const expected = Buffer.from(hashB64, 'base64url');
  if (expected.length === 0) return null;
  return { salt: Buffer.from(saltB64, 'base64url'), expected, opts: { N: cost, r: block, p: par, maxmem: 256 * 1024 * 1024 } };
}

/** True when the PIN matches; any malformed stored value is a mismatch. */
export function verifyPin(pin: string, stored: string): boolean {
  const h = parse(stored);
  if (!h) return false;
  try {
    return timingSafeEqual(scryptSync(pin, h.salt, h.expected.length, h.opts), h.expected);
  } catch {
    return false;
  }
}

/** verifyPin off the event loop. */
export async function verifyPinAsync(pin: string, stored: string): Promise<boolean> {
  const h = parse(stored);
  if (!h) return false;
  try {
    return timingSafeEqual(await scryptAsync(pin, h.salt, h.expected.length, h.opts), h.expected);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;
/** A real hash to check against when the name is unknown, so both cases take the same time. */
export function dummyPinHash(): Promise<string> {
  dummy ??= hashPinAsync('00000000');
  return dummy;
}
