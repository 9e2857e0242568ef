// fast-check over whole sequences of sales, cancellations and partial cancellations through the router, with random tax
// settings, promo codes and payments split over cash, card and a gift voucher. After every
// sequence: each booking's total is the sum of its lines, every line's gross is net + tax, the
// money taken less the money given back equals the gross of the live tickets, and the voucher's
// spent amount equals what its payments took less what refunds put back.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/contract';
import { holdSql, key, seat, setup, SHOW, TOKENS } from './bookingSupport';

const C = TOKENS.cashier;
const M = TOKENS.manager;
const SEATS = ['A', 'C', 'E'].flatMap((r) => Array.from({ length: 10 }, (_, i) => seat(r, i + 1)));

type Op =
  | { kind: 'sell'; count: number; child: boolean; promo: boolean; pay: 'cash' | 'card' | 'voucher' | 'split' }
  | { kind: 'cancel'; pick: number }
  | { kind: 'cancelOne'; pick: number };

const arbOp: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('sell' as const), count: fc.integer({ min: 1, max: 3 }), child: fc.boolean(), promo: fc.boolean(), pay: fc.constantFrom('cash' as const, 'card' as const, 'voucher' as const, 'split' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancelOne' as const), pick: fc.nat() }) },
);

describe('the money always adds up', () => {
  it('payments minus refunds = the live tickets\' gross; totals = sums of lines; gross = net + tax', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbOp, { minLength: 1, maxLength: 8 }),
        fc.constantFrom('inclusive' as const, 'exclusive' as const),
        fc.integer({ min: 0, max: 25_000 }).map((u) => u / 1000),
        async (ops, mode, rate) => {
          const { h, db } = setup();
          try {
            await h.ok('settings.save', { ...DEFAULT_SETTINGS, tax: { mode, ticketRatePercent: rate } }, M);
            await h.ok('promos.save', { code: 'P15', kind: 'percent', value: 15, active: true }, M);
            const { voucher } = await h.ok('vouchers.sell', { amount: 1_000_000, payments: [{ method: 'card', amount: 1_000_000 }], idempotencyKey: key() }, C);
            const free = [...SEATS];
            const live: string[] = [];
            for (const op of ops) {
              if (op.kind === 'cancel') {
                if (!live.length) continue;
                const [id] = live.splice(op.pick % live.length, 1);
                await h.ok('bookings.cancel', { id: id!, reason: 'test' }, C);
                continue;
              }
              if (op.kind === 'cancelOne') {
                // One ticket of a booking (a partial cancellation; the last one cancels the booking).
                if (!live.length) continue;
                const id = live[op.pick % live.length]!;
                const b = await h.ok('bookings.get', { id }, C);
                const ticket = b.tickets.find((t) => t.status === 'sold')!;
                const r = await h.ok('bookings.cancel', { id, reason: 'test', ticketIds: [ticket.id] }, C);
                if (r.booking.status === 'cancelled') live.splice(live.indexOf(id), 1);
                continue;
              }
              const seats = free.splice(0, op.count);
              if (seats.length < op.count) break;
              const tickets = seats.map((s, i) => ({ seatId: s, ticketType: op.child && i === 0 ? 'child' : 'adult' }));
              const promoCode = op.promo ? 'P15' : undefined;
              const q = await h.ok('pricing.quote', { showId: SHOW, tickets, ...(promoCode ? { promoCode } : {}) }, C);
              expect(q.total).toBe(q.lines.reduce((s, l) => s + l.gross, 0));
              for (const l of q.lines) expect(l.gross).toBe(l.net + l.tax);
              const half = Math.floor(q.total / 2);
              const payments = q.total === 0 ? [] : op.pay === 'split'
                ? [{ method: 'voucher', amount: half, reference: voucher.code }, { method: 'card', amount: q.total - half }].filter((p) => p.amount > 0)
                : op.pay === 'voucher' ? [{ method: 'voucher', amount: q.total, reference: voucher.code }] : [{ method: op.pay, amount: q.total }];
              const b = await h.ok('bookings.confirm', { holdId: holdSql(h, SHOW, seats), tickets, payments, idempotencyKey: key(), ...(promoCode ? { promoCode } : {}) }, C);
              expect(b.total).toBe(b.tickets.reduce((s, t) => s + t.amount, 0));
              live.push(b.id);
            }
            const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
            const paid = n("SELECT COALESCE(SUM(CASE kind WHEN 'charge' THEN amount ELSE -amount END), 0) AS n FROM payments WHERE booking_id IS NOT NULL");
            const liveGross = n("SELECT COALESCE(SUM(t.amount), 0) AS n FROM tickets t JOIN bookings b ON b.id = t.booking_id WHERE b.status = 'confirmed' AND t.status <> 'cancelled'");
            expect(paid).toBe(liveGross);
            const voucherNet = n("SELECT COALESCE(SUM(CASE kind WHEN 'charge' THEN amount ELSE -amount END), 0) AS n FROM payments WHERE method = 'voucher'");
            expect(1_000_000 - (await h.ok('vouchers.get', { code: voucher.code }, C)).balance).toBe(voucherNet);
            expect(n('SELECT COUNT(*) AS n FROM tickets WHERE net + tax <> amount')).toBe(0);
            expect(n("SELECT uses AS n FROM promos WHERE code = 'P15'")).toBe(n("SELECT COUNT(*) AS n FROM bookings WHERE status = 'confirmed' AND promo_id IS NOT NULL"));
          } finally {
            h.close();
          }
        },
      ),
      { numRuns: 15 },
    );
  }, 60_000);
});
