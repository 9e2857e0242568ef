// A separate OS process for moneyRace.test.ts: its own Engine (its own SQLite connection) on the
// shared database file. On "go" it sells its seats one by one through the real router (seats.hold,
// pricing.quote, bookings.confirm), each sale using the shared promo code or paying with the shared
// gift voucher, and reports every outcome: the database must keep the promo's limit and the
// voucher's balance whatever the processes do at the same moment.
import { ManualClock } from '../../../electron/engine/clock';
import { Engine } from '../../../electron/engine/engine';
import { createRouter } from '../../../electron/engine/router';
import { runOnGo } from './onGo';

export interface MoneyRacerArgs {
  file: string;
  token: string;
  showId: string;
  seats: string[];
  now: number;
  promoCode?: string;
  voucherCode?: string;
}

export interface MoneyRacerReport {
  token: string;
  sold: { bookingId: string; total: number }[];
  failures: Record<string, number>;
}

const args = JSON.parse(process.argv[2]!) as MoneyRacerArgs;
const engine = new Engine({ file: args.file, clock: new ManualClock(args.now) });
const router = createRouter(engine);

async function race(): Promise<MoneyRacerReport> {
  const report: MoneyRacerReport = { token: args.token, sold: [], failures: {} };
  const fail = (code: string) => (report.failures[code] = (report.failures[code] ?? 0) + 1);
  for (const [i, seatId] of args.seats.entries()) {
    const hold = await router.dispatch<'seats.hold'>('seats.hold', { showId: args.showId, seatIds: [seatId] }, { token: args.token });
    if (!hold.ok) {
      fail(`hold:${hold.error.code}`);
      continue;
    }
    const tickets = [{ seatId, ticketType: 'adult' }];
    // The price without the promo: a quote with it may already say used_up; the sale decides.
    const q = await router.dispatch<'pricing.quote'>('pricing.quote', { showId: args.showId, tickets }, { token: args.token });
    if (!q.ok) {
      fail(`quote:${q.error.code}`);
      continue;
    }
    const total = args.promoCode ? q.data.total - 100 : q.data.total; // the test's promo is 100 off
    const payments = args.voucherCode ? [{ method: 'voucher', amount: total, reference: args.voucherCode }] : [{ method: 'cash', amount: total }];
    const r = await router.dispatch<'bookings.confirm'>('bookings.confirm', {
      holdId: hold.data.id, tickets, payments, idempotencyKey: `race-${args.token}-${i}`, ...(args.promoCode ? { promoCode: args.promoCode } : {}),
    }, { token: args.token });
    if (r.ok) report.sold.push({ bookingId: r.data.id, total: r.data.total });
    else {
      const reason = (r.error.details as { reason?: string } | undefined)?.reason;
      fail(reason ? `${r.error.code}:${reason}` : r.error.code);
      await router.dispatch('seats.release', { holdId: hold.data.id }, { token: args.token });
    }
  }
  return report;
}

runOnGo(engine, race);
