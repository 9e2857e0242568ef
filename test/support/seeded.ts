// A fresh harness with the basic fixtures for every test of a file, closed after each.
import { afterEach, beforeEach } from 'vitest';
import { makeHarness, type Harness } from './engineHarness';
import { seedBasics } from './fixtures';

/** Returns a getter: the current test's harness (theater, Hall 1, Inception, staff with sessions). */
export function useSeededHarness(): () => Harness {
  let h: Harness | null = null;
  beforeEach(() => {
    h = makeHarness();
    seedBasics(h.engine.ctx.db, { now: h.clock.now() });
  });
  afterEach(() => {
    h?.close();
    h = null;
  });
  return () => h!;
}
