// Pairing tries per client address: more than 5 a minute answer RATE_LIMITED with the seconds to
// wait. Counted like the login limits (staff/loginLimits.ts), by rate-limiter-flexible's
// in-memory limiter per engine; every try counts, right or wrong, before the code is looked at.
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { consumeOrThrow, normalAddress } from '../staff/loginLimits';

export const PAIR_TRIES_PER_MINUTE = 5;

export class PairLimiter {
  private readonly byAddress = new RateLimiterMemory({ keyPrefix: 'pair-address', points: PAIR_TRIES_PER_MINUTE, duration: 60 });

  /** Counts one try from `address`; throws RATE_LIMITED past the limit. */
  async take(address: string | undefined): Promise<void> {
    await consumeOrThrow(this.byAddress, address ? normalAddress(address) : 'unknown', 'pairing tries from this address');
  }
}
