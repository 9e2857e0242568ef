// seats.hold / seats.release / the sweep, through the router with a real SQLite file and a manual
// clock: all-or-nothing, ownership by session, expiry and renewal, and the seats.changed events.
import { afterEach, describe, expect, it } from 'vitest';
import type { Hold } from '../../shared/contract';
import { Engine } from '../../electron/engine/engine';
import { MONDAY_10AM, makeHarness, type Harness } from '../support/engineHarness';
import { T, TOKENS, seatId, seedBasics, seedShow } from '../support/fixtures';
import { renewSessions } from './salesSql';

const SHOW = 'show_1';
const STARTS = '2026-11-23T23:00:00.000Z'; // 18:00 in New York, 8 h after the harness's "now"
let h: Harness;
afterEach(() => h?.close());

function setup(): Harness {
  h = makeHarness();
  seedBasics(h.engine.ctx.db, { now: MONDAY_10AM });
  seedShow(h.engine.ctx.db, { id: SHOW, startsAt: STARTS, now: MONDAY_10AM });
  return h;
}

const A = (...n: number[]) => n.map((i) => seatId('A', i));
const count = (sql: string, ...args: unknown[]) => (h.engine.ctx.db.prepare(sql).get(...args) as { n: number }).n;
const claims = () => count('SELECT count(*) AS n FROM seat_claims');
const holds = () => count('SELECT count(*) AS n FROM holds');
const version = () => count('SELECT seat_version AS n FROM shows WHERE id = ?', SHOW);
const status = async (id: string, token = TOKENS.cashier) =>
  (await h.ok('seats.map', { showId: SHOW }, token)).seats.find((s) => s.id === id)!;
const hold = (seatIds: string[], token = TOKENS.cashier, holdId?: string) =>
  h.ok('seats.hold', holdId ? { showId: SHOW, seatIds, holdId } : { showId: SHOW, seatIds }, token);

describe('seats.hold', () => {
  it('holds the seats, sorted by row then number, until now + holdSeconds, and publishes them', async () => {
    setup();
    const v0 = version();
    const held = await hold([seatId('B', 2), ...A(3, 1)]);
    expect(held.showId).toBe(SHOW);
    expect(held.seatIds).toEqual([...A(1, 3), seatId('B', 2)]);
    expect(held.expiresAt).toBe(new Date(MONDAY_10AM + 600_000).toISOString());
    expect(version()).toBe(v0 + 1);
    const ev = h.events.filter((e) => e.name === 'seats.changed');
    expect(ev).toHaveLength(1);
    expect(ev[0]!.payload).toEqual({
      showId: SHOW,
      version: v0 + 1,
      seats: [seatId('B', 2), ...A(3, 1)].map((id) => ({ id, status: 'held' })),
    });
    // Claims carry the hold's expiry (the invariant the sweep and the map rely on).
    expect(count('SELECT count(*) AS n FROM seat_claims WHERE hold_id = ? AND expires_at = ?', held.id, MONDAY_10AM + 600_000)).toBe(3);
    expect(await status(seatId('A', 1))).toMatchObject({ status: 'held', holdId: held.id });
  });

  it('lets a manager hold too, and uses holdSeconds from the settings', async () => {
    setup();
    h.engine.ctx.db.prepare("INSERT INTO kv (key, value) VALUES ('settings', ?)").run(JSON.stringify({ holdSeconds: 120 }));
    const held = await hold(A(1), TOKENS.manager);
    expect(held.expiresAt).toBe(new Date(MONDAY_10AM + 120_000).toISOString());
  });

  it('is all or nothing: one taken seat means nothing is held, and the taken seat is named', async () => {
    setup();
    await hold(A(2));
    const v = version();
    const e = await h.err('seats.hold', { showId: SHOW, seatIds: A(1, 2, 3) }, TOKENS.cashier2);
    expect(e.code).toBe('SEATS_UNAVAILABLE');
    expect(e.details).toEqual({ seatIds: A(2) });
    expect(claims()).toBe(1);
    expect(holds()).toBe(1);
    expect(version()).toBe(v);
    expect((await status(seatId('A', 1), TOKENS.cashier2)).status).toBe('available');
    // My own new hold (without holdId) cannot take my other hold's seat either.
    expect((await h.err('seats.hold', { showId: SHOW, seatIds: A(2, 4) }, TOKENS.cashier)).code).toBe('SEATS_UNAVAILABLE');
  });

  it('refuses sold and blocked seats with SEATS_UNAVAILABLE', async () => {
    setup();
    const db = h.engine.ctx.db;
    db.prepare('UPDATE seats SET blocked = 1 WHERE id = ?').run(seatId('A', 5));
    const held = await hold(A(6));
    sell(h, held.id);
    const e = await h.err('seats.hold', { showId: SHOW, seatIds: A(4, 5, 6) }, TOKENS.cashier2);
    expect(e.code).toBe('SEATS_UNAVAILABLE');
    expect(e.details).toEqual({ seatIds: A(5, 6) });
    expect(holds()).toBe(0);
  });

  it('answers NOT_FOUND for unknown seats, removed seats and seats of another hall, naming them', async () => {
    setup();
    const db = h.engine.ctx.db;
    db.prepare("INSERT INTO halls (id, theater_id, name, cleaning_minutes, created_at) VALUES ('hall_2', ?, 'Hall 2', 15, 0)").run(T.theater);
    db.prepare("INSERT INTO seats (id, hall_id, row_label, row_index, number, col, type) VALUES ('other_A1', 'hall_2', 'A', 0, 1, 1, 'regular')").run();
    db.prepare('UPDATE seats SET removed = 1 WHERE id = ?').run(seatId('A', 9));
    const e = await h.err('seats.hold', { showId: SHOW, seatIds: [...A(1, 9), 'nope', 'other_A1'] }, TOKENS.cashier);
    expect(e.code).toBe('NOT_FOUND');
    expect(e.details).toEqual({ seatIds: [seatId('A', 9), 'nope', 'other_A1'] });
    expect(claims()).toBe(0);
  });

  it('refuses a missing show, a cancelled show and a show that has started', async () => {
    setup();
    expect((await h.err('seats.hold', { showId: 'nope', seatIds: A(1) }, TOKENS.cashier)).code).toBe('NOT_FOUND');
    seedShow(h.engine.ctx.db, { id: 'show_x', startsAt: '2026-11-24T23:00:00.000Z', now: MONDAY_10AM });
    h.engine.ctx.db.prepare("UPDATE shows SET status = 'cancelled' WHERE id = 'show_x'").run();
    expect((await h.err('seats.hold', { showId: 'show_x', seatIds: A(1) }, TOKENS.cashier)).code).toBe('CONFLICT');
    h.clock.set(STARTS);
    expect((await h.err('seats.hold', { showId: SHOW, seatIds: A(1) }, TOKENS.cashier)).code).toBe('SHOW_STARTED');
    expect(claims()).toBe(0);
  });

  it('caps a hold at 20 seats, counting the seats it already has', async () => {
    setup();
    const all = ['A', 'B', 'C'].flatMap((r) => Array.from({ length: 10 }, (_, i) => seatId(r, i + 1)));
    const e = await h.err('seats.hold', { showId: SHOW, seatIds: all.slice(0, 21) }, TOKENS.cashier);
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(/20/);
    const held = await hold(all.slice(0, 15));
    expect((await h.err('seats.hold', { showId: SHOW, seatIds: all.slice(15, 21), holdId: held.id }, TOKENS.cashier)).code).toBe('CONFLICT');
    expect((await hold(all.slice(10, 20), TOKENS.cashier, held.id)).seatIds).toHaveLength(20);
  });

  it('adds seats to my hold, idempotently for seats it has, and renews the expiry of all of them', async () => {
    setup();
    const first = await hold(A(1, 2));
    h.clock.advanceSeconds(300);
    const v = version();
    const more = await hold(A(2, 3), TOKENS.cashier, first.id);
    expect(more.id).toBe(first.id);
    expect(more.seatIds).toEqual(A(1, 2, 3));
    const renewed = MONDAY_10AM + 300_000 + 600_000;
    expect(more.expiresAt).toBe(new Date(renewed).toISOString());
    expect(count('SELECT count(*) AS n FROM seat_claims WHERE hold_id = ? AND expires_at = ?', first.id, renewed)).toBe(3);
    expect(count('SELECT expires_at AS n FROM holds WHERE id = ?', first.id)).toBe(renewed);
    expect(version()).toBe(v + 1);
    // Only the new seat is announced.
    expect(h.events.at(-1)!.payload).toMatchObject({ seats: [{ id: seatId('A', 3), status: 'held' }] });
    // Past the original expiry, the renewed hold still stands.
    h.clock.advanceSeconds(400);
    expect((await status(seatId('A', 1))).status).toBe('held');
    // Holding only seats it already has renews too, and changes no seat.
    const again = await hold(A(1), TOKENS.cashier, first.id);
    expect(again.seatIds).toEqual(A(1, 2, 3));
    expect(version()).toBe(v + 1);
  });

  it('never reveals or extends another session\'s hold', async () => {
    setup();
    const mine = await hold(A(1));
    const e = await h.err('seats.hold', { showId: SHOW, seatIds: A(2), holdId: mine.id }, TOKENS.cashier2);
    expect(e.code).toBe('NOT_FOUND');
    expect((await h.err('seats.release', { holdId: mine.id }, TOKENS.cashier2)).code).toBe('NOT_FOUND');
    const theirs = await status(seatId('A', 1), TOKENS.cashier2);
    expect(theirs.status).toBe('held');
    expect(theirs.holdId).toBeUndefined();
    expect(claims()).toBe(1);
  });

  it('refuses a holdId of another show', async () => {
    setup();
    seedShow(h.engine.ctx.db, { id: 'show_2', startsAt: '2026-11-24T23:00:00.000Z', now: MONDAY_10AM });
    const mine = await hold(A(1));
    const e = await h.err('seats.hold', { showId: 'show_2', seatIds: A(2), holdId: mine.id }, TOKENS.cashier);
    expect(e.code).toBe('CONFLICT');
    expect(claims()).toBe(1);
  });

  it('rejects bad input with VALIDATION and changes nothing', async () => {
    setup();
    const v = version();
    for (const bad of [
      {},
      { showId: SHOW, seatIds: [] },
      { showId: SHOW, seatIds: [''] },
      { showId: SHOW, seatIds: 'seat_A1' },
      { showId: SHOW, seatIds: A(1), extra: true },
      { showId: 7, seatIds: A(1) },
      { showId: SHOW, seatIds: Array.from({ length: 101 }, (_, i) => `s${i}`) },
    ]) {
      expect((await h.err('seats.hold', bad, TOKENS.cashier)).code).toBe('VALIDATION');
    }
    expect(claims() + holds()).toBe(0);
    expect(version()).toBe(v);
  });

  it('needs a session', async () => {
    setup();
    expect((await h.err('seats.hold', { showId: SHOW, seatIds: A(1) })).code).toBe('UNAUTHENTICATED');
    expect((await h.err('seats.hold', { showId: SHOW, seatIds: A(1) }, 'no-such-token')).code).toBe('UNAUTHENTICATED');
    expect((await h.err('seats.release', { holdId: 'x' })).code).toBe('UNAUTHENTICATED');
    expect(claims()).toBe(0);
  });
});

describe('expiry', () => {
  it('frees the seats when the hold expires: map, extension, other counters, sweep', async () => {
    setup();
    const mine = await hold(A(1, 2, 3));
    h.clock.advanceSeconds(599);
    expect((await status(seatId('A', 1))).status).toBe('held');
    h.clock.advanceSeconds(1); // exactly at expires_at: expired
    const map = await h.ok('seats.map', { showId: SHOW }, TOKENS.cashier);
    expect(map.seats.filter((s) => A(1, 2, 3).includes(s.id)).map((s) => [s.status, s.holdId])).toEqual([
      ['available', undefined], ['available', undefined], ['available', undefined],
    ]);
    expect((await h.err('seats.hold', { showId: SHOW, seatIds: A(4), holdId: mine.id }, TOKENS.cashier)).code).toBe('HOLD_EXPIRED');

    // Another counter takes one of the seats at once (lazy expiry, before any sweep).
    const theirs = await hold(A(2), TOKENS.cashier2);
    expect(theirs.seatIds).toEqual(A(2));

    // The sweep ends my hold, frees its remaining seats and says so; their hold is untouched.
    h.events.length = 0;
    const v = version();
    expect(h.engine.sweep()).toBe(1);
    expect(holds()).toBe(1);
    expect(count('SELECT count(*) AS n FROM seat_claims WHERE hold_id = ?', theirs.id)).toBe(1);
    expect(claims()).toBe(1);
    expect(h.events).toEqual([
      { name: 'seats.changed', payload: { showId: SHOW, version: v + 1, seats: A(1, 3).map((id) => ({ id, status: 'available' })) } },
    ]);
    expect(h.engine.sweep()).toBe(0);
    expect(h.events).toHaveLength(1);
    // Gone, but still known as expired (contract v2): not NOT_FOUND.
    expect((await h.err('seats.release', { holdId: mine.id }, TOKENS.cashier)).code).toBe('HOLD_EXPIRED');
  });

  it('answers HOLD_EXPIRED after the sweep for a day, for confirm, extend and release alike', async () => {
    setup();
    const LATE = 'show_late'; // three days on, so it has not started after a day's wait
    seedShow(h.engine.ctx.db, { id: LATE, startsAt: '2026-11-26T23:00:00.000Z', now: MONDAY_10AM });
    const holdLate = (seatIds: string[]) => h.ok('seats.hold', { showId: LATE, seatIds }, TOKENS.cashier);
    const mine = await holdLate(A(1, 2));
    h.clock.advanceSeconds(601);
    expect(h.engine.sweep()).toBe(1);
    expect(holds()).toBe(0);
    const tries = async () => [
      (await h.err('seats.hold', { showId: LATE, seatIds: A(3), holdId: mine.id }, TOKENS.cashier)).code,
      (await h.err('seats.release', { holdId: mine.id }, TOKENS.cashier)).code,
      (await h.err('bookings.confirm', {
        holdId: mine.id, tickets: A(1, 2).map((seatId) => ({ seatId, ticketType: 'adult' })),
        payments: [{ method: 'card', amount: 2000 }], idempotencyKey: 'k-expired-1',
      }, TOKENS.cashier)).code,
    ];
    expect(await tries()).toEqual(['HOLD_EXPIRED', 'HOLD_EXPIRED', 'HOLD_EXPIRED']);
    // Another counter's session learns nothing about it: NOT_FOUND, as for any hold not its own.
    expect((await h.err('seats.release', { holdId: mine.id }, TOKENS.cashier2)).code).toBe('NOT_FOUND');
    // A day later (another hold expiring makes the sweep run and prune): still HOLD_EXPIRED.
    const later = async (ms: number, seat: number) => {
      h.clock.advance(ms);
      renewSessions(h.engine.ctx.db, h.clock.now());
      await holdLate(A(seat));
      h.clock.advanceSeconds(601);
      expect(h.engine.sweep()).toBe(1);
    };
    await later(24 * 3600_000, 5);
    expect(await tries()).toEqual(['HOLD_EXPIRED', 'HOLD_EXPIRED', 'HOLD_EXPIRED']);
    await later(3600_000, 6); // past 25 h: forgotten, like any hold that is not there
    expect(count('SELECT count(*) AS n FROM expired_holds WHERE id = ?', mine.id)).toBe(0);
    expect((await h.err('seats.release', { holdId: mine.id }, TOKENS.cashier)).code).toBe('NOT_FOUND');
  });

  it('lets a second engine on the same file sweep without ending anything twice', async () => {
    setup();
    await hold(A(1));
    await hold(A(2), TOKENS.cashier2);
    h.clock.advanceSeconds(601);
    const other = new Engine({ file: h.file, clock: h.clock });
    try {
      expect(other.sweep() + h.engine.sweep()).toBe(2);
      expect(claims() + holds()).toBe(0);
    } finally {
      other.close();
    }
  });
});

describe('seats.release', () => {
  it('releases some seats, returning what is left, then the rest, returning null', async () => {
    setup();
    const held = await hold(A(1, 2, 3));
    const v = version();
    h.events.length = 0;
    const left = await h.ok('seats.release', { holdId: held.id, seatIds: A(2, 7) }, TOKENS.cashier);
    expect(left).toEqual<Hold>({ ...held, seatIds: A(1, 3) });
    expect(h.events).toEqual([{ name: 'seats.changed', payload: { showId: SHOW, version: v + 1, seats: [{ id: seatId('A', 2), status: 'available' }] } }]);
    expect((await status(seatId('A', 2))).status).toBe('available');
    expect(await h.ok('seats.release', { holdId: held.id, seatIds: A(1, 3) }, TOKENS.cashier)).toBeNull();
    expect(claims() + holds()).toBe(0);
  });

  it('releases everything without seatIds and deletes the hold', async () => {
    setup();
    const held = await hold(A(1, 2));
    expect(await h.ok('seats.release', { holdId: held.id }, TOKENS.cashier)).toBeNull();
    expect(claims() + holds()).toBe(0);
    expect(h.events.at(-1)!.payload).toMatchObject({ seats: A(1, 2).map((id) => ({ id, status: 'available' })) });
    expect((await h.err('seats.release', { holdId: held.id }, TOKENS.cashier)).code).toBe('NOT_FOUND');
  });

  it('ends an expired hold and says HOLD_EXPIRED (contract v2), before and after the sweep', async () => {
    setup();
    const held = await hold(A(1, 2));
    h.clock.advanceSeconds(700);
    h.events.length = 0;
    expect((await h.err('seats.release', { holdId: held.id, seatIds: A(1) }, TOKENS.cashier)).code).toBe('HOLD_EXPIRED');
    expect(claims() + holds()).toBe(0);
    expect(h.events.at(-1)!.payload).toMatchObject({ seats: A(1, 2).map((id) => ({ id, status: 'available' })) });
    expect((await h.err('seats.release', { holdId: held.id }, TOKENS.cashier)).code).toBe('HOLD_EXPIRED');
  });

  it('answers NOT_FOUND for an unknown hold and VALIDATION for bad input, changing nothing', async () => {
    setup();
    await hold(A(1));
    expect((await h.err('seats.release', { holdId: 'nope' }, TOKENS.cashier)).code).toBe('NOT_FOUND');
    for (const bad of [{}, { holdId: '' }, { holdId: 'x', seatIds: [] }, { holdId: 'x', extra: 1 }]) {
      expect((await h.err('seats.release', bad, TOKENS.cashier)).code).toBe('VALIDATION');
    }
    expect(claims()).toBe(1);
  });
});

/** A sale as the confirm code will make it: the hold's claims become the booking's, the hold ends. */
function sell(hh: Harness, holdId: string): string {
  const db = hh.engine.ctx.db;
  const id = `bk_${holdId}`;
  db.transaction(() => {
    const hold = db.prepare('SELECT show_id, staff_id FROM holds WHERE id = ?').get(holdId) as { show_id: string; staff_id: string };
    db.prepare(
      "INSERT INTO bookings (id, code, show_id, status, total, currency, cashier_id, idempotency_key, created_at) VALUES (?, ?, ?, 'confirmed', 0, 'USD', ?, ?, ?)",
    ).run(id, id.slice(-6).toUpperCase(), hold.show_id, hold.staff_id, id, hh.clock.now());
    db.prepare('UPDATE seat_claims SET booking_id = ?, hold_id = NULL, expires_at = NULL WHERE hold_id = ?').run(id, holdId);
    db.prepare('DELETE FROM holds WHERE id = ?').run(holdId);
  })();
  return id;
}
