import { afterEach, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../support/engineHarness';

let h: Harness;
afterEach(() => h?.close());

describe('router', () => {
  it('answers an unknown channel with NOT_FOUND', async () => {
    h = makeHarness();
    const e = await h.err('nope.nothing' as never, {});
    expect(e.code).toBe('NOT_FOUND');
  });

  it('rejects unknown fields with VALIDATION and the zod issues', async () => {
    h = makeHarness();
    const e = await h.err('auth.status', { extra: 1 });
    expect(e.code).toBe('VALIDATION');
    expect(Array.isArray(e.details)).toBe(true);
  });

  it('refuses a channel that needs a session when there is none', async () => {
    h = makeHarness();
    const e = await h.err('movies.search', {});
    expect(e.code).toBe('UNAUTHENTICATED');
  });
});
