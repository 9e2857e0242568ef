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
import { priceTicket, type PromoTerms } from './price';
import type { TaxTerms } from './tax';
import { getSettings } from '../settings/settings';
import { resolvePromo } from '../promos/usage';

/** What pricing needs to know about a show, with the theater's zone and currency. */
export interface PricedShow {
  id: string;
  hallId: string;
  startsAt: number;
  basePrice: number;
  movieId: string;
  format: string;
  status: 'scheduled' | 'cancelled';
  timezone: string;
  currency: string;
}

export function loadPricedShow(db: Db, showId: string): PricedShow {
  const row = stmt(db,
      `SELECT s.id, s.hall_id, s.starts_at, s.base_price, s.movie_id, s.format, s.status, t.timezone, t.currency
       FROM shows s JOIN halls h ON h.id = s.hall_id JOIN theaters t ON t.id = h.theater_id
       WHERE s.id = ?`,
    )
    .get(showId) as
    | { id: string; hall_id: string; starts_at: number; base_price: number; movie_id: string; format: string; status: PricedShow['status']; timezone: string; currency: string }
    | undefined;
  if (!row) throw new BoxOfficeError('NOT_FOUND', 'That show does not exist', { showId });
  return {
    id: row.id,
    hallId: row.hall_id,
    startsAt: row.starts_at,
    basePrice: row.base_price,
    movieId: row.movie_id,
    format: row.format,
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
  /** v2: the promo to apply (already found usable) and the tax in force (default: the settings). */
  money: { promo?: PromoTerms | null; tax?: TaxTerms } = {},
): Quote {
  const tax = money.tax ?? getSettings({ db }).tax;
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
  let net = 0;
  let taxTotal = 0;
  let discount = 0;
  const lines = tickets.map((t, i) => {
    const seat = seats[i]!;
    const p = priceTicket(rules, {
      basePrice: show.basePrice,
      seatType: seat.type,
      ticketType: t.ticketType,
      date: local.date,
      weekday: local.weekday,
      minutes: local.minutes,
      format: show.format,
      movieId: show.movieId,
    }, { promo: money.promo ?? null, tax });
    total += p.amount;
    net += p.net;
    taxTotal += p.tax;
    discount += p.discount ?? 0;
    return {
      seatId: t.seatId, seatLabel: `${seat.row_label}${seat.number}`, ticketType: t.ticketType,
      amount: p.amount, net: p.net, tax: p.tax, gross: p.gross,
      ...(p.discount !== undefined ? { discount: p.discount } : {}),
      breakdown: p.breakdown,
    };
  });
  return {
    lines, total, net, tax: taxTotal, currency: show.currency, taxMode: tax.mode, taxRatePercent: tax.ticketRatePercent,
    ...(money.promo ? { promo: { code: money.promo.code, discount } } : {}),
  };
}

export function quoteTickets(ctx: EngineCtx, input: ParsedInput<'pricing.quote'>, _actor: Actor): ChannelOutput<'pricing.quote'> {
  const show = loadPricedShow(ctx.db, input.showId);
  const promo = input.promoCode ? resolvePromo(ctx.db, input.promoCode, show, ctx.clock.now()) : null;
  return computeQuote(ctx.db, show, input.tickets, undefined, { promo });
}

/** pricing.preview (manager): a what-if with rules being edited, nothing saved. */
export function previewQuote(ctx: EngineCtx, input: ParsedInput<'pricing.preview'>, _actor: Actor): ChannelOutput<'pricing.preview'> {
  const show = loadPricedShow(ctx.db, input.showId);
  const promo = input.promoCode ? resolvePromo(ctx.db, input.promoCode, show, ctx.clock.now()) : null;
  return computeQuote(ctx.db, show, input.tickets, input.rules, { promo });
}
