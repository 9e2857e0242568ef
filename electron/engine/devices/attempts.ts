// Counts tries per key (a client address) in a sliding one-minute window, on the injected clock:
// pairing allows 5 tries a minute from one address, then RATE_LIMITED with the seconds to wait.
import type { Clock } from '../clock';

export class AttemptWindow {
  private tries = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: Clock,
  ) {}

  /** Counts one try for `key`; returns the seconds to wait when it is over the limit, else null. */
  take(key: string): number | null {
    const now = this.clock.now();
    const since = now - this.windowMs;
    const list = (this.tries.get(key) ?? []).filter((t) => t > since);
    if (list.length >= this.limit) {
      this.tries.set(key, list);
      return Math.max(1, Math.ceil((list[0]! + this.windowMs - now) / 1000));
    }
    list.push(now);
    this.tries.set(key, list);
    // Forget idle keys now and then, so addresses that tried once do not pile up.
    if (this.tries.size > 1000) {
      for (const [k, v] of this.tries) if (!v.some((t) => t > since)) this.tries.delete(k);
    }
    return null;
  }
}
