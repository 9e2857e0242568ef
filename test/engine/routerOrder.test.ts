import { describe, expect, it } from 'vitest';
import { useSeededHarness } from '../support/seeded';
import { TOKENS } from '../support/fixtures';

const h = useSeededHarness();

// The router settles who is calling before it reads what they sent, so a caller without the
// right role never sees a channel's schema in validation details.
describe('router: authorisation before validation', () => {
  it('answers bad input without a session with UNAUTHENTICATED, not the schema', async () => {
    const e = await h.err('bookings.confirm', { nonsense: true });
    expect(e.code).toBe('UNAUTHENTICATED');
    expect(e.details).toBeUndefined();
  });

  it('answers a cashier sending bad input to a manager channel with FORBIDDEN', async () => {
    const e = await h.err('staff.save', { nonsense: true }, TOKENS.cashier);
    expect(e.code).toBe('FORBIDDEN');
    expect(e.details).toBeUndefined();
  });

  it('still validates for a caller with the role, and for the open auth channels', async () => {
    expect((await h.err('staff.save', { nonsense: true }, TOKENS.manager)).code).toBe('VALIDATION');
    expect((await h.err('auth.login', { name: 5 })).code).toBe('VALIDATION');
  });

  it('treats an unknown or expired token as no session', async () => {
    expect((await h.err('movies.search', { query: 7 }, 'not-a-token')).code).toBe('UNAUTHENTICATED');
  });
});
