// Model-based test of seat inventory: random sequences of hold, add-to-hold, release, sale,
// cancellation, clock moves and sweeps by three sessions on one show, run against the real engine
// (router + SQLite file) and against a tiny in-memory model. After every step the seat map must
// equal the model, no seat may carry two live claims, and the statuses must add up to the hall.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SeatStatus } from '../../shared/contract';
import { MONDAY_10AM, makeHarness, type Harness } from '../support/engineHarness';
import { T, TOKENS, seatId, seedBasics, seedShow } from '../support/fixtures';

const SHOW = 'show_1';
const SESSIONS = [TOKENS.cashier, TOKENS.cashier2, TOKENS.manager] as const;
const STAFF: Record<string, string> = { [TOKENS.cashier]: T.cashier, [TOKENS.cashier2]: T.cashier2, [TOKENS.manager]: T.manager };
const SEATS = ['A', 'B'].flatMap((r) => [1, 2, 3, 4, 5].map((n) => seatId(r, n)));
const BLOCKED = seatId('B', 5);
const HOLD_MS = 600_000;

interface ModelHold { id: string; session: string; seats: Set<string>; expiresAt: number }
interface Model {
  now: number;
  /** Hold rows that exist (an expired one stays until released or swept). */
  holds: ModelHold[];
  /** Live bookings: id -> seats. */
  bookings: Map<string, string[]>;
  nextBooking: number;
}
interface Real { h: Harness }

const live = (m: Model, hold: ModelHold) => hold.expiresAt > m.now;

function modelStatus(m: Model, seat: string): { status: SeatStatus; hold?: ModelHold } {
  if (seat === BLOCKED) return { status: 'blocked' };
  for (const seats of m.bookings.values()) if (seats.includes(seat)) return { status: 'sold' };
  const hold = m.holds.find((x) => live(m, x) && x.seats.has(seat));
  return hold ? { status: 'held', hold } : { status: 'available' };
}

/** Lazy expiry, as the engine does it: a new claim replaces an expired hold's claim on the seat. */
function takeOverExpired(m: Model, seats: string[]): void {
  for (const x of m.holds) if (!live(m, x)) for (const s of seats) x.seats.delete(s);
}

const sortSeats = (ids: Iterable<string>) => [...ids].sort((a, b) => SEATS.indexOf(a) - SEATS.indexOf(b));
const pickOf = <X>(list: X[], k: number): X | undefined => (list.length ? list[k % list.length] : undefined);

async function check(m: Model, r: Real): Promise<void> {
  const db = r.h.engine.ctx.db;
  for (const token of SESSIONS) {
    const map = await r.h.ok('seats.map', { showId: SHOW }, token);
    const got = map.seats.map((s) => [s.id, s.status, s.holdId ?? null]);
    const want = SEATS.map((id) => {
      const st = modelStatus(m, id);
      return [id, st.status, st.hold && st.hold.session === token ? st.hold.id : null];
    });
    expect(got).toEqual(want);
    const tally = (st: SeatStatus) => map.seats.filter((s) => s.status === st).length;
    expect(tally('available') + tally('held') + tally('sold') + tally('blocked')).toBe(SEATS.length);
  }
  // No seat with two live claims (the primary key should make this impossible), and every hold
  // claim carries its hold's expiry.
  const doubles = db
    .prepare('SELECT seat_id FROM seat_claims WHERE expires_at IS NULL OR expires_at > ? GROUP BY show_id, seat_id HAVING count(*) > 1')
    .all(m.now);
  expect(doubles).toEqual([]);
  const skew = db.prepare('SELECT count(*) AS n FROM seat_claims c JOIN holds h ON h.id = c.hold_id WHERE c.expires_at <> h.expires_at').get() as { n: number };
  expect(skew.n).toBe(0);
  expect((db.prepare('SELECT count(*) AS n FROM holds').get() as { n: number }).n).toBe(m.holds.length);
}

class HoldCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly who: number, readonly seats: string[]) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const token = SESSIONS[this.who]!;
    const res = await r.h.call('seats.hold', { showId: SHOW, seatIds: this.seats }, token);
    const unavailable = this.seats.filter((s) => modelStatus(m, s).status !== 'available');
    if (unavailable.length) {
      expect(res.ok ? 'ok' : res.error.code).toBe('SEATS_UNAVAILABLE');
      if (!res.ok) expect(sortSeats((res.error.details as { seatIds: string[] }).seatIds)).toEqual(sortSeats(unavailable));
    } else {
      if (!res.ok) throw new Error(`hold failed: ${JSON.stringify(res.error)}`);
      expect(res.data.seatIds).toEqual(sortSeats(this.seats));
      expect(res.data.expiresAt).toBe(new Date(m.now + HOLD_MS).toISOString());
      takeOverExpired(m, this.seats);
      m.holds.push({ id: res.data.id, session: token, seats: new Set(this.seats), expiresAt: m.now + HOLD_MS });
    }
    await check(m, r);
  }
  toString = () => `hold(${this.who}, ${this.seats.join(' ')})`;
}

class AddCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly who: number, readonly k: number, readonly seats: string[]) {}
  check = (m: Readonly<Model>) => m.holds.some((x) => x.session === SESSIONS[this.who]);
  async run(m: Model, r: Real) {
    const token = SESSIONS[this.who]!;
    const hold = pickOf(m.holds.filter((x) => x.session === token), this.k)!;
    const res = await r.h.call('seats.hold', { showId: SHOW, seatIds: this.seats, holdId: hold.id }, token);
    const unavailable = this.seats.filter((s) => {
      const st = modelStatus(m, s);
      return st.status !== 'available' && st.hold !== hold;
    });
    if (!live(m, hold)) {
      expect(res.ok ? 'ok' : res.error.code).toBe('HOLD_EXPIRED');
    } else if (unavailable.length) {
      expect(res.ok ? 'ok' : res.error.code).toBe('SEATS_UNAVAILABLE');
    } else {
      if (!res.ok) throw new Error(`add failed: ${JSON.stringify(res.error)}`);
      takeOverExpired(m, this.seats);
      for (const s of this.seats) hold.seats.add(s);
      hold.expiresAt = m.now + HOLD_MS;
      expect(res.data).toEqual({ id: hold.id, showId: SHOW, seatIds: sortSeats(hold.seats), expiresAt: new Date(hold.expiresAt).toISOString() });
    }
    await check(m, r);
  }
  toString = () => `add(${this.who}, #${this.k}, ${this.seats.join(' ')})`;
}

class ReleaseCmd implements fc.AsyncCommand<Model, Real> {
  /** `who` may be another session than the hold's: then NOT_FOUND and nothing changes. */
  constructor(readonly who: number, readonly k: number, readonly seats: string[] | undefined) {}
  check = (m: Readonly<Model>) => m.holds.length > 0;
  async run(m: Model, r: Real) {
    const token = SESSIONS[this.who]!;
    const hold = pickOf(m.holds, this.k)!;
    const res = await r.h.call('seats.release', this.seats ? { holdId: hold.id, seatIds: this.seats } : { holdId: hold.id }, token);
    if (hold.session !== token) {
      expect(res.ok ? 'ok' : res.error.code).toBe('NOT_FOUND');
    } else if (!live(m, hold)) {
      // v2: an expired hold is ended all the same, and the answer says it had expired.
      expect(res.ok ? 'ok' : res.error.code).toBe('HOLD_EXPIRED');
      m.holds = m.holds.filter((x) => x !== hold);
    } else {
      if (!res.ok) throw new Error(`release failed: ${JSON.stringify(res.error)}`);
      if (live(m, hold) && this.seats) for (const s of this.seats) hold.seats.delete(s);
      if (!live(m, hold) || !this.seats || hold.seats.size === 0) {
        m.holds = m.holds.filter((x) => x !== hold);
        expect(res.data).toBeNull();
      } else {
        expect(res.data).toEqual({ id: hold.id, showId: SHOW, seatIds: sortSeats(hold.seats), expiresAt: new Date(hold.expiresAt).toISOString() });
      }
    }
    await check(m, r);
  }
  toString = () => `release(${this.who}, #${this.k}, ${this.seats?.join(' ') ?? 'all'})`;
}

/** A sale as the confirm code makes it, in plain SQL: the hold's claims become a booking's. */
class ConfirmCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly k: number) {}
  check = (m: Readonly<Model>) => m.holds.length > 0;
  async run(m: Model, r: Real) {
    const hold = pickOf(m.holds, this.k)!;
    const bookingId = `bk_${m.nextBooking++}`;
    const db = r.h.engine.ctx.db;
    const sold = db.transaction(() => {
      const row = db.prepare('SELECT expires_at FROM holds WHERE id = ?').get(hold.id) as { expires_at: number } | undefined;
      if (!row || row.expires_at <= r.h.clock.now()) return false; // HOLD_EXPIRED in the real confirm
      db.prepare(
        "INSERT INTO bookings (id, code, show_id, status, total, currency, cashier_id, idempotency_key, created_at) VALUES (?, ?, ?, 'confirmed', 0, 'USD', ?, ?, ?)",
      ).run(bookingId, `C${String(m.nextBooking).padStart(5, '0')}`, SHOW, STAFF[hold.session]!, `idem-${bookingId}`, r.h.clock.now());
      db.prepare('UPDATE seat_claims SET booking_id = ?, hold_id = NULL, expires_at = NULL WHERE hold_id = ?').run(bookingId, hold.id);
      db.prepare('DELETE FROM holds WHERE id = ?').run(hold.id);
      return true;
    }).immediate();
    expect(sold).toBe(live(m, hold));
    if (sold) {
      m.bookings.set(bookingId, [...hold.seats]);
      m.holds = m.holds.filter((x) => x !== hold);
    }
    await check(m, r);
  }
  toString = () => `confirm(#${this.k})`;
}

class CancelCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly k: number) {}
  check = (m: Readonly<Model>) => m.bookings.size > 0;
  async run(m: Model, r: Real) {
    const bookingId = pickOf([...m.bookings.keys()], this.k)!;
    const db = r.h.engine.ctx.db;
    db.transaction(() => {
      db.prepare('DELETE FROM seat_claims WHERE booking_id = ?').run(bookingId);
      db.prepare("UPDATE bookings SET status = 'cancelled', cancelled_at = ? WHERE id = ?").run(r.h.clock.now(), bookingId);
    }).immediate();
    m.bookings.delete(bookingId);
    await check(m, r);
  }
  toString = () => `cancel(#${this.k})`;
}

class AdvanceCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly seconds: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    r.h.clock.advanceSeconds(this.seconds);
    m.now += this.seconds * 1000;
    await check(m, r);
  }
  toString = () => `advance(${this.seconds}s)`;
}

class SweepCmd implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(m: Model, r: Real) {
    const expired = m.holds.filter((x) => !live(m, x));
    const before = r.h.events.length;
    expect(r.h.engine.sweep()).toBe(expired.length);
    const freed = expired.flatMap((x) => [...x.seats]);
    const published = r.h.events.slice(before).flatMap((e) => (e.name === 'seats.changed' ? e.payload.seats : []));
    expect(sortSeats(published.map((s) => s.id))).toEqual(sortSeats(freed));
    expect(published.every((s) => s.status === 'available')).toBe(true);
    m.holds = m.holds.filter((x) => live(m, x));
    await check(m, r);
  }
  toString = () => 'sweep';
}

const who = fc.integer({ min: 0, max: SESSIONS.length - 1 });
const k = fc.nat(10);
const seats = fc.uniqueArray(fc.constantFrom(...SEATS), { minLength: 1, maxLength: 4 });
const commands = fc.commands(
  [
    fc.tuple(who, seats).map(([w, s]) => new HoldCmd(w, s)),
    fc.tuple(who, k, seats).map(([w, i, s]) => new AddCmd(w, i, s)),
    fc.tuple(who, k, fc.option(seats, { nil: undefined })).map(([w, i, s]) => new ReleaseCmd(w, i, s)),
    k.map((i) => new ConfirmCmd(i)),
    k.map((i) => new CancelCmd(i)),
    fc.constantFrom(1, 120, 300, 599, 600, 601).map((s) => new AdvanceCmd(s)),
    fc.constant(new SweepCmd()),
  ],
  { maxCommands: 40 },
);

describe('seat inventory (model-based)', () => {
  it('matches the model after every step, for three sessions on one show', async () => {
    await fc.assert(
      fc.asyncProperty(commands, async (cmds) => {
        const h = makeHarness();
        try {
          seedBasics(h.engine.ctx.db, { now: MONDAY_10AM, rows: ['A', 'B'], seatsPerRow: 5 });
          seedShow(h.engine.ctx.db, { id: SHOW, startsAt: '2026-11-23T23:00:00.000Z', now: MONDAY_10AM });
          h.engine.ctx.db.prepare('UPDATE seats SET blocked = 1 WHERE id = ?').run(BLOCKED);
          const model: Model = { now: MONDAY_10AM, holds: [], bookings: new Map(), nextBooking: 1 };
          await fc.asyncModelRun(() => ({ model, real: { h } }), cmds);
        } finally {
          h.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});
