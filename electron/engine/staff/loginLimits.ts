// How often PINs may be tried: per client address and per name, past which RATE_LIMITED (429)
// answers with retryAfterSeconds before any hash is computed. This guards the host's CPU and the
// thread pool against a flood; the per-name lockout (credentials.ts, 5 wrong PINs, on the
// injected clock and shared by every process through the database) stays the rule against
// guessing. The windows are wall-clock time, in memory per engine, kept by rate-limiter-flexible's
// RateLimiterMemory (expiring keys, Retry-After computed for us).
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { BoxOfficeError } from '../../../shared/contract';
import type { EngineCtx } from '../context';

/** Failed sign-in attempts allowed per minute (a sign-in that succeeds does not count). */
export const LOGIN_LIMITS = {
  perAddress: { points: 20, duration: 60 },
  perName: { points: 10, duration: 60 },
} as const;

/** `what` names the tries, e.g. "sign-in attempts from this device". */
function rateLimited(res: RateLimiterRes, what: string): BoxOfficeError {
  const retryAfterSeconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return new BoxOfficeError('RATE_LIMITED', `Too many ${what}; try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
}

/** Throws RATE_LIMITED when `key` has used up its points on `limiter`; else counts one. */
export async function consumeOrThrow(limiter: RateLimiterMemory, key: string, what: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (e) {
    if (!(e instanceof RateLimiterRes)) throw e;
    throw rateLimited(e, what);
  }
}

/** One address, however it was written (an IPv4 client on a dual-stack socket is ::ffff:a.b.c.d). */
export function normalAddress(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address.toLowerCase();
}

export class LoginLimiter {
  private readonly byAddress = new RateLimiterMemory({ keyPrefix: 'login-address', ...LOGIN_LIMITS.perAddress });
  private readonly byName = new RateLimiterMemory({ keyPrefix: 'login-name', ...LOGIN_LIMITS.perName });

  /**
   * Runs one PIN check under both limits. Without an address (the desktop window's IPC, in-process
   * callers) only the name counts.
   * - Per address, every attempt takes a point BEFORE the hash (so a burst from one client is cut
   *   at once); a success, or a LOCKED_OUT answered without hashing, gives it back.
   * - Per name, only failures count (after the check), and a name past its limit is refused before
   *   hashing: counters signing in at the same moment under one name are never refused, while a
   *   flood aimed at one name from many addresses stops after a few rounds.
   */
  async attempt<T>(address: string | undefined, name: string, check: () => Promise<T>): Promise<T> {
    const addressKey = address ? normalAddress(address) : null;
    const nameKey = name.trim().toLowerCase();
    if (addressKey) await consumeOrThrow(this.byAddress, addressKey, 'sign-in attempts from this device');
    const used = await this.byName.get(nameKey);
    if (used && used.consumedPoints >= LOGIN_LIMITS.perName.points) {
      if (addressKey) await this.byAddress.reward(addressKey, 1);
      throw rateLimited(used, 'sign-in attempts for this name');
    }
    try {
      const result = await check();
      if (addressKey) await this.byAddress.reward(addressKey, 1);
      return result;
    } catch (e) {
      if (e instanceof BoxOfficeError && (e.code === 'UNAUTHENTICATED' || e.code === 'LOCKED_OUT')) await this.byName.penalty(nameKey, 1);
      if (e instanceof BoxOfficeError && e.code === 'LOCKED_OUT' && addressKey) await this.byAddress.reward(addressKey, 1);
      throw e;
    }
  }
}

const limiters = new WeakMap<Pick<EngineCtx, 'db'>, LoginLimiter>();

/** The engine's login limiter (one per engine context). */
export function loginLimiter(ctx: Pick<EngineCtx, 'db'>): LoginLimiter {
  let l = limiters.get(ctx);
  if (!l) {
    l = new LoginLimiter();
    limiters.set(ctx, l);
  }
  return l;
}
