// A fresh harness with the basic fixtures for every test of a file, closed after each.
import { afterEach, beforeEach } from 'vitest';
import { makeHarness, type Harness } from './engineHarness';
import { seedBasics } from './fixtures';

/**
 * The current test's harness (theater, Hall 1, Inception, staff with sessions), as one handle a
 * file can keep at top level: it forwards to the harness made for the running test.
 */
export function useSeededHarness(): Harness {
  let current: Harness | null = null;
  beforeEach(() => {
    current = makeHarness();
    seedBasics(current.engine.ctx.db, { now: current.clock.now() });
  });
  afterEach(() => {
    current?.close();
    current = null;
  });
  return new Proxy({} as Harness, {
    get(_target, key) {
      if (!current) throw new Error('the seeded harness exists only inside a test');
      return current[key as keyof Harness];
    },
  });
}
