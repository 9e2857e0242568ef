// pricing.quote and the quoting the sale reuses: the seats of a show and their ticket types priced
// with the rules in force. bookings.confirm calls computeQuote so the total a customer pays is
// exactly the quote at confirm time, computed by the same code.
import { stmt } from '../db/stmts';
import {
  BoxOfficeError, type ChannelOutput, type ParsedInput, type PricingRules, type Quote, type SeatType,
} from '../../../shared/contract';
import { localParts } from '../../../shared/localTime';
import type { Actor, EngineCtx } from '../context';
import type { Db } from '../db/open';
import { loadPricing } from './rules';
import { priceTicket } from './price';

/** What pricing needs to know about a show, with the theater's zone and currency. */
export interface PricedShow {
  id: string;
  hallId: string;
  startsAt: number;
  basePrice: number;
  status: 'scheduled' | 'cancelled';
  timezone: string;
  currency: string;
}

export function loadPricedShow(db: Db, showId: string): PricedShow {
  const row = stmt(db,
      `SELECT s.id, s.hall_id, s.starts_at, s.base_price, s.status, t.timezone, t.currency
       FROM shows s JOIN halls h ON h.id = s.hall_id JOIN theaters t ON t.id = h.theater_id
       WHERE s.id = ?`,
    )
    .get(showId) as
    | { id: string; hall_id: string; starts_at: number; base_price: number; status: PricedShow['status']; timezone: string; currency: string }
    | undefined;
  if (!row) throw new BoxOfficeError('NOT_FOUND', 'That show does not exist', { showId });
  return {
    id: row.id,
    hallId: row.hall_id,
    startsAt: row.starts_at,
    basePrice: row.base_price,
    status: row.status,
    timezone: row.timezone,
    currency: row.currency,
  };
}

interface SeatRow { id: string; hall_id: string; row_label: string; number: number; type: SeatType; removed: number }

/**
 * Prices tickets for a show. A seat listed twice is VALIDATION; a seat that is not a live seat of
 * the show's hall is NOT_FOUND (naming every such seat); an unknown ticket type is VALIDATION.
 */
export function computeQuote(
  db: Db,
  show: PricedShow,
  tickets: readonly { seatId: string; ticketType: string }[],
  rules: PricingRules = loadPricing(db),
): Quote {
  const seen = new Set<string>();
  const dupes = tickets.filter((t) => (seen.has(t.seatId) ? true : (seen.add(t.seatId), false))).map((t) => t.seatId);
  if (dupes.length > 0) {
    throw new BoxOfficeError('VALIDATION', 'A seat may have only one ticket', [
      { path: 'tickets', message: `listed more than once: ${[...new Set(dupes)].join(', ')}`, code: 'custom' },
    ]);
  }
  const seatStmt = stmt(db, 'SELECT id, hall_id, row_label, number, type, removed FROM seats WHERE id = ?');
  const seats = tickets.map((t) => seatStmt.get(t.seatId) as SeatRow | undefined);
  const missing = tickets.filter((_t, i) => {
    const s = seats[i];
    return !s || s.hall_id !== show.hallId || s.removed !== 0;
  });
  if (missing.length > 0) {
    throw new BoxOfficeError('NOT_FOUND', 'Some seats are not in this show\'s hall', { seatIds: missing.map((t) => t.seatId) });
  }

  // Day rules and peak hours are judged on the show's LOCAL start in the theater's zone.
  const local = localParts(show.startsAt, show.timezone);
  let total = 0;
  const lines = tickets.map((t, i) => {
    const seat = seats[i]!;
    const { amount, breakdown } = priceTicket(rules, {
      basePrice: show.basePrice,
      seatType: seat.type,
      ticketType: t.ticketType,
      date: local.date,
      weekday: local.weekday,
      minutes: local.minutes,
    });
    total += amount;
    return { seatId: t.seatId, seatLabel: `${seat.row_label}${seat.number}`, ticketType: t.ticketType, amount, breakdown };
  });
  return { lines, total, currency: show.currency };
}

export function quoteTickets(ctx: EngineCtx, input: ParsedInput<'pricing.quote'>, _actor: Actor): ChannelOutput<'pricing.quote'> {
  const show = loadPricedShow(ctx.db, input.showId);
  return computeQuote(ctx.db, show, input.tickets);
}
