// The engine's hot paths keep their behaviour: time-ordered ids for new sales, settings and
// pricing parsed once per stored text (a save, here or by another process, is seen at once), the
// hold answering with its quote, WAL checkpoints off the request path, and one theater's day
// read through the hall index.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICING, DEFAULT_SETTINGS } from '../../shared/contract';
import { newTimeId } from '../../electron/engine/ids';
import { getSettings } from '../../electron/engine/settings/settings';
import { loadPricing } from '../../electron/engine/pricing/rules';
import { LIST_THEATER_SHOWS_SQL } from '../../electron/engine/schedule/shows';
import { useSeededHarness } from '../support/seeded';
import { seatId, seedShow, TOKENS } from '../support/fixtures';
import { key } from './bookingSupport';

const h = useSeededHarness();
const C = TOKENS.cashier;
const M = TOKENS.manager;
const SHOW = 'show_hot';
const STARTS = '2026-11-24T19:00:00.000Z';

describe('time-ordered ids', () => {
  it('sort in the order they were made, within one millisecond and across a clock step back', () => {
    const ids = [newTimeId('bk', 1_000), newTimeId('bk', 1_000), newTimeId('bk', 1_001), newTimeId('bk', 999), newTimeId('bk', 5_000)];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^bk_[0-9a-f]{26}$/);
  });

  it('are what a sale writes for its booking, tickets and payments', async () => {
    seedShow(h.engine.ctx.db, { id: SHOW, startsAt: STARTS, now: h.clock.now() });
    const seats = [seatId('C', 1), seatId('C', 2)];
    const held = await h.ok('seats.hold', { showId: SHOW, seatIds: seats, ticketTypes: {} }, C);
    const b = await h.ok(
      'bookings.confirm',
      { holdId: held.id, tickets: seats.map((seatId) => ({ seatId, ticketType: 'adult' })), payments: [{ method: 'cash', amount: held.quote!.total }], idempotencyKey: key() },
      C,
    );
    const before = Date.now();
    const ms = (id: string) => parseInt(id.split('_')[1]!.slice(0, 12), 16);
    expect(b.id).toMatch(/^bk_[0-9a-f]{26}$/);
    expect(Math.abs(ms(b.id) - before)).toBeLessThan(60_000);
    const rows = h.engine.ctx.db.prepare('SELECT id FROM tickets WHERE booking_id = ? UNION ALL SELECT id FROM payments WHERE booking_id = ?').all(b.id, b.id) as { id: string }[];
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(r.id).toMatch(/^(tk|pay)_[0-9a-f]{26}$/);
  });
});

describe('settings and pricing, parsed once per stored text', () => {
  it('returns the same parsed object until a save, then the saved one', async () => {
    const a = getSettings(h.engine.ctx);
    expect(getSettings(h.engine.ctx)).toBe(a);
    await h.ok('settings.save', { ...DEFAULT_SETTINGS, holdSeconds: 300 }, M);
    expect(getSettings(h.engine.ctx).holdSeconds).toBe(300);
    const held = await h.ok('seats.hold', { showId: seedShow(h.engine.ctx.db, { id: SHOW, startsAt: STARTS, now: h.clock.now() }), seatIds: [seatId('A', 1)] }, C);
    expect(Date.parse(held.expiresAt) - h.clock.now()).toBe(300_000);
  });

  it('sees a save made by another process on the same file at once', () => {
    expect(getSettings(h.engine.ctx).holdSeconds).toBe(DEFAULT_SETTINGS.holdSeconds);
    const rules = loadPricing(h.engine.ctx.db);
    expect(loadPricing(h.engine.ctx.db)).toBe(rules);
    const other = new Database(h.file);
    try {
      other.pragma('busy_timeout = 5000');
      const upsert = other.prepare('INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
      upsert.run('settings', JSON.stringify({ ...DEFAULT_SETTINGS, holdSeconds: 120 }));
      upsert.run('pricing', JSON.stringify({ ...DEFAULT_PRICING, capMultiplier: 2.5 }));
    } finally {
      other.close();
    }
    expect(getSettings(h.engine.ctx).holdSeconds).toBe(120);
    expect(loadPricing(h.engine.ctx.db).capMultiplier).toBe(2.5);
  });
});

describe('seats.hold with ticketTypes', () => {
  it('answers the quote of the whole hold, exactly as pricing.quote', async () => {
    seedShow(h.engine.ctx.db, { id: SHOW, startsAt: STARTS, now: h.clock.now(), basePrice: 1250 });
    const first = await h.ok('seats.hold', { showId: SHOW, seatIds: [seatId('A', 1)], ticketTypes: {} }, C);
    const added = await h.ok('seats.hold', { showId: SHOW, seatIds: [seatId('C', 5)], holdId: first.id, ticketTypes: { [seatId('A', 1)]: 'child' } }, C);
    expect(added.seatIds).toEqual([seatId('A', 1), seatId('C', 5)]);
    const tickets = [{ seatId: seatId('A', 1), ticketType: 'child' }, { seatId: seatId('C', 5), ticketType: 'adult' }];
    expect(added.quote).toEqual(await h.ok('pricing.quote', { showId: SHOW, tickets }, C));
    // Without ticketTypes the answer is the v1 Hold.
    const plain = await h.ok('seats.hold', { showId: SHOW, seatIds: [seatId('B', 1)] }, C);
    expect(plain.quote).toBeUndefined();
  });

  it('holds even when a ticket type cannot be priced (the answer has no quote then)', async () => {
    seedShow(h.engine.ctx.db, { id: SHOW, startsAt: STARTS, now: h.clock.now() });
    const held = await h.ok('seats.hold', { showId: SHOW, seatIds: [seatId('A', 2)], ticketTypes: { [seatId('A', 2)]: 'pensioner' } }, C);
    expect(held.seatIds).toEqual([seatId('A', 2)]);
    expect(held.quote).toBeUndefined();
  });
});

describe('WAL checkpoints off the request path', () => {
  it('the engine connection never checkpoints inside a commit; the engine does it in the background', async () => {
    const db = h.engine.ctx.db;
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    seedShow(db, { id: SHOW, startsAt: STARTS, now: h.clock.now() });
    for (let i = 1; i <= 5; i++) await h.ok('seats.hold', { showId: SHOW, seatIds: [seatId('B', i)] }, C);
    const r = h.engine.checkpoint()!;
    expect(r.log).toBeGreaterThan(0);
    expect(r.checkpointed).toBe(r.log);
  });
});

describe('shows.list for one theater', () => {
  it('finds the shows through the theater\'s halls and the hall index', () => {
    const plan = h.engine.ctx.db
      .prepare(`EXPLAIN QUERY PLAN ${LIST_THEATER_SHOWS_SQL}`)
      .all({ lo: 0, hi: 1, theater: 'th_1', movie: null, hall: null, cancelled: 0, now: 0 }) as { detail: string }[];
    const text = plan.map((p) => p.detail).join('\n');
    expect(text).toMatch(/SEARCH s USING INDEX shows_hall_start \(hall_id=\? AND starts_at>\? AND starts_at<\?\)/);
    expect(text).toMatch(/SEARCH h USING (COVERING )?INDEX/);
    expect(text).not.toMatch(/SCAN s\b/);
  });
});

describe('bookings.confirm answers without reading the booking back', () => {
  it('answers exactly what bookings.get reads afterwards (tickets in seat-map order, payments, customer)', async () => {
    seedShow(h.engine.ctx.db, { id: SHOW, startsAt: STARTS, now: h.clock.now() });
    const seats = [seatId('D', 3), seatId('A', 2), seatId('D', 1)];
    const held = await h.ok('seats.hold', { showId: SHOW, seatIds: seats, ticketTypes: { [seatId('A', 2)]: 'child' } }, C);
    const tickets = [
      { seatId: seatId('D', 3), ticketType: 'adult' },
      { seatId: seatId('A', 2), ticketType: 'child' },
      { seatId: seatId('D', 1), ticketType: 'adult' },
    ];
    const total = held.quote!.total;
    const sold = await h.ok(
      'bookings.confirm',
      {
        holdId: held.id,
        tickets,
        payments: [{ method: 'card', amount: 1000, reference: 'visa' }, { method: 'cash', amount: total - 1000, tendered: total }],
        customer: { name: 'Ana', email: 'ana@example.com' },
        idempotencyKey: key(),
      },
      C,
    );
    expect(sold.tickets.map((t) => t.seatLabel)).toEqual(['A2', 'D1', 'D3']);
    expect(sold).toEqual(await h.ok('bookings.get', { id: sold.id }, C));
  });
});
