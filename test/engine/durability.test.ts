// Sales are written with synchronous=FULL; only harmless-to-lose writes (holds) skip the fsync,
// and the connection is always back at FULL afterwards, even when such a write fails.
import { afterEach, describe, expect, it } from 'vitest';
import { withoutFsync } from '../../electron/engine/db/open';
import { makeHarness, type Harness } from '../support/engineHarness';
import { seedBasics, seedShow, seatId, TOKENS } from '../support/fixtures';

const FULL = 2;
const NORMAL = 1;
let h: Harness | null = null;
afterEach(() => {
  h?.close();
  h = null;
});

describe('durability settings', () => {
  it('opens in WAL with synchronous=FULL, foreign keys and a busy timeout', () => {
    h = makeHarness();
    const db = h.engine.ctx.db;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(FULL);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('relaxes the fsync only inside withoutFsync, and restores FULL after a failure', () => {
    h = makeHarness();
    const db = h.engine.ctx.db;
    expect(withoutFsync(db, () => db.pragma('synchronous', { simple: true }))).toBe(NORMAL);
    expect(() => withoutFsync(db, () => { throw new Error('boom'); })).toThrow('boom');
    expect(db.pragma('synchronous', { simple: true })).toBe(FULL);
  });

  it('is back at FULL after holds, refused holds and releases, so the next sale is durable', async () => {
    h = makeHarness();
    seedBasics(h.engine.ctx.db, { now: h.clock.now() });
    seedShow(h.engine.ctx.db, { id: 'show_1', startsAt: '2026-11-24T00:00:00.000Z', now: h.clock.now() });
    const hold = await h.ok('seats.hold', { showId: 'show_1', seatIds: [seatId('A', 1)] }, TOKENS.cashier);
    expect(h.engine.ctx.db.pragma('synchronous', { simple: true })).toBe(FULL);
    expect((await h.err('seats.hold', { showId: 'show_1', seatIds: [seatId('A', 1)] }, TOKENS.cashier2)).code).toBe('SEATS_UNAVAILABLE');
    expect(h.engine.ctx.db.pragma('synchronous', { simple: true })).toBe(FULL);
    await h.ok('seats.release', { holdId: hold.id }, TOKENS.cashier);
    expect(h.engine.ctx.db.pragma('synchronous', { simple: true })).toBe(FULL);
  });
});
