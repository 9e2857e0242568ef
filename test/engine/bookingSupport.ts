// Shared set-up of the pricing, booking, cancellation and receipt tests: a seeded harness, holds
// written with plain SQL (so these tests do not depend on seats.hold), and a quick sale.
import type { Booking, ChannelInput } from '../../shared/contract';
import type { Db } from '../../electron/engine/db/open';
import { newId } from '../../electron/engine/ids';
import { tokenHash } from '../../electron/engine/staff/sessions';
import { makeHarness, MONDAY_10AM, type Harness } from '../support/engineHarness';
import { seatId, seedBasics, seedShow, TOKENS } from '../support/fixtures';

export { seatId, TOKENS, MONDAY_10AM };

export const SHOW = 'show_1';

/** A harness with the basic fixtures and one show (default Monday 23 Nov 2026 19:00 New York). */
export function setup(opts: { startsAt?: string; basePrice?: number } = {}): { h: Harness; db: Db } {
  const h = makeHarness();
  const db = h.engine.ctx.db;
  seedBasics(db, { now: MONDAY_10AM });
  seedShow(db, { id: SHOW, startsAt: opts.startsAt ?? '2026-11-24T00:00:00.000Z', basePrice: opts.basePrice ?? 1000, now: MONDAY_10AM });
  return { h, db };
}

/** A live hold of the caller's session over the seats, as seats.hold would write it. */
export function holdSql(h: Harness, showId: string, seats: string[], token = TOKENS.cashier, ttlMs = 600_000): string {
  const db = h.engine.ctx.db;
  const now = h.clock.now();
  const staff = (db.prepare('SELECT staff_id FROM sessions WHERE token_hash = ?').get(tokenHash(token)) as { staff_id: string }).staff_id;
  const id = newId('hold');
  db.transaction(() => {
    db.prepare('INSERT INTO holds (id, show_id, staff_id, session, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      id, showId, staff, tokenHash(token), now, now + ttlMs,
    );
    const claim = db.prepare('INSERT INTO seat_claims (show_id, seat_id, hold_id, expires_at) VALUES (?, ?, ?, ?)');
    for (const s of seats) claim.run(showId, s, id, now + ttlMs);
  })();
  return id;
}

let keySeq = 0;
export function key(): string {
  keySeq += 1;
  return `idem-key-${keySeq}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Holds and sells the seats as adult tickets, paid in one payment of the quoted total. */
export async function sell(
  h: Harness,
  seats: string[],
  opts: { method?: 'cash' | 'card' | 'upi' | 'wallet'; token?: string; showId?: string; customer?: ChannelInput<'bookings.confirm'>['customer'] } = {},
): Promise<Booking> {
  const token = opts.token ?? TOKENS.cashier;
  const showId = opts.showId ?? SHOW;
  const tickets = seats.map((s) => ({ seatId: s, ticketType: 'adult' }));
  const quote = await h.ok('pricing.quote', { showId, tickets }, token);
  const holdId = holdSql(h, showId, seats, token);
  return h.ok(
    'bookings.confirm',
    {
      holdId,
      tickets,
      payments: [{ method: opts.method ?? 'cash', amount: quote.total }],
      idempotencyKey: key(),
      ...(opts.customer ? { customer: opts.customer } : {}),
    },
    token,
  );
}

/** Counts rows, for "nothing changed" checks. */
export function counts(db: Db): Record<string, number> {
  const n = (t: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
  return {
    bookings: n('bookings'), tickets: n('tickets'), payments: n('payments'), holds: n('holds'),
    claims: n('seat_claims'), audit: n('audit'),
  };
}

export { seatId as seat };
