// The end-of-day report for one local business day.
//
// Definitions (the numbers a manager reconciles against the drawer and the card terminal):
// - the day is the local calendar day in the zone of the theater asked for (the first theater set
//   up when none is given), and only that theater's shows count;
// - money is what moved that day: gross = charge payments created that day, refunds = refund
//   payments created that day (whenever the booking was sold), net = gross - refunds;
// - ticketsSold and bookings count the bookings created that day, cancelled ones included: they
//   were sold that day, and their refund shows up as a refund on the day it was paid back; the
//   booking an exchange makes is not a new sale (its money is the difference, counted as moved);
// - byMovie / byShow attribute money and tickets through the booking's show; byCashier attributes
//   money to the staff member who took or paid it back (payments.staff_id, what their drawer saw)
//   and tickets to the cashier who sold the booking.
// - v2: tax = the tax in the money that moved that day: per booking, the tax share (pricing/tax.ts
//   taxShare) of what was charged less that of what was refunded; byTicketType counts the tickets sold that day and their gross; cash
//   a show cancellation left owed is owedCash, not a refund, until a counter pays it out (the
//   payout dates the row: bookings/payout.ts), so refunds are only money that really went back.
//
// Speed: a year at 10,000 bookings a day is millions of rows, so every query starts from a range
// scan of one created_at index and groups by show; show, movie, hall and theater are looked up
// once per show afterwards instead of once per row.
import type { ChannelOutput, DailyReport, ParsedInput, PaymentMethod } from '../../../shared/contract';
import { PAYMENT_METHODS } from '../../../shared/contract';
import { localParts } from '../../../shared/localTime';
import type { Actor, EngineCtx } from '../context';
import type { Db } from '../db/open';
import { dayRange, reportTheater } from './zone';
import { taxShare } from '../pricing/tax';
import { stmt } from '../db/stmts';

type Line = DailyReport['byMovie'][number];

interface SaleGroup { show_id: string; cashier_id: string; bookings: number; tickets: number }
interface MoneyGroup { show_id: string; staff_id: string; method: PaymentMethod; kind: 'charge' | 'refund'; owed: number; amount: number }
interface TaxMoney { show_id: string; total: number; tax: number; charged: number; refunded: number }
interface TypeGroup { show_id: string; ticket_type: string; tickets: number; gross: number }
interface ShowInfo { id: string; starts_at: number; movie_id: string; title: string; hall_name: string; theater_id: string }

/** Bookings and tickets sold in [from, to), per show and cashier. */
export const SALES_SQL = `
  SELECT b.show_id, b.cashier_id, COUNT(*) AS bookings,
         SUM((SELECT COUNT(*) FROM tickets t WHERE t.booking_id = b.id)) AS tickets
  FROM bookings b
  WHERE b.created_at >= ? AND b.created_at < ? AND b.exchanged_from IS NULL
  GROUP BY b.show_id, b.cashier_id`;

/** Money moved in [from, to), per show, staff member, method and kind. */
export const MONEY_SQL = `
  SELECT b.show_id, p.staff_id, p.method, p.kind, p.owed, SUM(p.amount) AS amount
  FROM payments p JOIN bookings b ON b.id = p.booking_id
  WHERE p.created_at >= ? AND p.created_at < ?
  GROUP BY b.show_id, p.staff_id, p.method, p.kind, p.owed`;

/**
 * The tax in the money moved in [from, to): per booking, the money charged and refunded that day
 * with the booking's total and the tax of its tickets (NULL before v12: no tax); its tax share
 * (pricing/tax.ts) follows. Owed cash is not money moved yet.
 */
const TAX_SQL = `
  SELECT b.show_id, b.total, (SELECT COALESCE(SUM(t.tax), 0) FROM tickets t WHERE t.booking_id = b.id) AS tax,
         SUM(CASE WHEN p.kind = 'charge' THEN p.amount ELSE 0 END) AS charged,
         SUM(CASE WHEN p.kind = 'refund' THEN p.amount ELSE 0 END) AS refunded
  FROM payments p JOIN bookings b ON b.id = p.booking_id
  WHERE p.created_at >= ? AND p.created_at < ? AND p.owed = 0
  GROUP BY p.booking_id`;
/** Tickets sold in [from, to) per type (an exchange's new booking is not a new sale). */
const TYPES_SQL = `
  SELECT b.show_id, t.ticket_type, COUNT(*) AS tickets, SUM(t.amount) AS gross
  FROM bookings b JOIN tickets t ON t.booking_id = b.id
  WHERE b.created_at >= ? AND b.created_at < ? AND b.exchanged_from IS NULL
  GROUP BY b.show_id, t.ticket_type`;

/** Show, movie, hall and theater of a set of shows (passed as a JSON array of ids). */
const SHOWS_SQL = `
  SELECT s.id, s.starts_at, m.id AS movie_id, m.title, h.name AS hall_name, h.theater_id
  FROM shows s JOIN movies m ON m.id = s.movie_id JOIN halls h ON h.id = s.hall_id
  WHERE s.id IN (SELECT value FROM json_each(?))`;

function showInfo(db: Db, ids: Iterable<string>): Map<string, ShowInfo> {
  const rows = stmt(db, SHOWS_SQL).all(JSON.stringify([...ids])) as ShowInfo[];
  return new Map(rows.map((r) => [r.id, r]));
}

function staffNames(db: Db, ids: Iterable<string>): Map<string, string> {
  const rows = stmt(db, 'SELECT id, name FROM staff WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify([...ids])) as {
    id: string;
    name: string;
  }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Accumulates lines by key; net is derived at the end so it can never disagree with its parts. */
class Lines {
  private map = new Map<string, Line>();
  private line(key: string, label: string): Line {
    let l = this.map.get(key);
    if (!l) {
      l = { key, label, tickets: 0, gross: 0, refunds: 0, net: 0 };
      this.map.set(key, l);
    }
    return l;
  }
  tickets(key: string, label: string, n: number): void {
    this.line(key, label).tickets += n;
  }
  money(key: string, label: string, kind: 'charge' | 'refund', amount: number): void {
    const l = this.line(key, label);
    if (kind === 'charge') l.gross += amount;
    else l.refunds += amount;
  }
  /** Biggest earners first, then by label, so the list is stable between runs. */
  list(): Line[] {
    const out = [...this.map.values()].map((l) => ({ ...l, net: l.gross - l.refunds }));
    return out.sort((a, b) => b.net - a.net || b.tickets - a.tickets || a.label.localeCompare(b.label) || a.key.localeCompare(b.key));
  }
}

export function dailyReport(ctx: EngineCtx, input: ParsedInput<'reports.daily'>, _actor: Actor): ChannelOutput<'reports.daily'> {
  const db = ctx.db;
  const theater = reportTheater(db, input.theaterId);
  const [from, to] = dayRange(input.date, theater.timezone);

  // One read transaction: the sales and the money come from the same snapshot.
  const { sales, money, shows, names, taxes, types, vouchersSold } = db.transaction(() => {
    const sales = stmt(db, SALES_SQL).all(from, to) as SaleGroup[];
    const money = stmt(db, MONEY_SQL).all(from, to) as MoneyGroup[];
    const taxes = stmt(db, TAX_SQL).all(from, to) as TaxMoney[];
    const types = stmt(db, TYPES_SQL).all(from, to) as TypeGroup[];
    const showIds = new Set([...sales.map((s) => s.show_id), ...money.map((m) => m.show_id)]);
    const staffIds = new Set([...sales.map((s) => s.cashier_id), ...money.map((m) => m.staff_id)]);
    const vouchersSold = stmt(db, 'SELECT COUNT(*) AS count, COALESCE(SUM(amount), 0) AS amount FROM vouchers WHERE created_at >= ? AND created_at < ? AND currency = ?')
      .get(from, to, theater.currency) as { count: number; amount: number };
    return { sales, money, shows: showInfo(db, showIds), names: staffNames(db, staffIds), taxes, types, vouchersSold };
  })();

  // The report is always about one theater (one zone, one currency: totals never mix currencies).
  // The filter runs on the per-show groups (shows -> halls -> theater), not per row.
  const inScope = (showId: string): ShowInfo | null => {
    const s = shows.get(showId);
    return s && s.theater_id === theater.id ? s : null;
  };
  const showLabel = (s: ShowInfo) => {
    const local = localParts(s.starts_at, theater.timezone);
    return `${s.title} · ${s.hall_name} · ${local.date} ${local.time}`;
  };

  const byMovie = new Lines();
  const byShow = new Lines();
  const byCashier = new Lines();
  const methods = new Map<PaymentMethod, { collected: number; refunded: number }>();
  let ticketsSold = 0;
  let bookings = 0;
  let gross = 0;
  let refunds = 0;

  for (const g of sales) {
    const s = inScope(g.show_id);
    if (!s) continue;
    ticketsSold += g.tickets;
    bookings += g.bookings;
    byMovie.tickets(s.movie_id, s.title, g.tickets);
    byShow.tickets(s.id, showLabel(s), g.tickets);
    byCashier.tickets(g.cashier_id, names.get(g.cashier_id) ?? g.cashier_id, g.tickets);
  }
  let owedCash = 0;
  for (const g of money) {
    const s = inScope(g.show_id);
    if (!s) continue;
    if (g.kind === 'refund' && g.owed === 1) {
      owedCash += g.amount;
      continue;
    }
    if (g.kind === 'charge') gross += g.amount;
    else refunds += g.amount;
    const m = methods.get(g.method) ?? { collected: 0, refunded: 0 };
    if (g.kind === 'charge') m.collected += g.amount;
    else m.refunded += g.amount;
    methods.set(g.method, m);
    byMovie.money(s.movie_id, s.title, g.kind, g.amount);
    byShow.money(s.id, showLabel(s), g.kind, g.amount);
    byCashier.money(g.staff_id, names.get(g.staff_id) ?? g.staff_id, g.kind, g.amount);
  }

  let tax = 0;
  for (const t of taxes) if (inScope(t.show_id)) tax += taxShare(t.charged, t.tax, t.total) - taxShare(t.refunded, t.tax, t.total);
  const byType = new Map<string, { tickets: number; gross: number }>();
  for (const t of types) {
    if (!inScope(t.show_id)) continue;
    const line = byType.get(t.ticket_type) ?? { tickets: 0, gross: 0 };
    line.tickets += t.tickets;
    line.gross += t.gross;
    byType.set(t.ticket_type, line);
  }

  return {
    date: input.date,
    currency: theater.currency,
    ticketsSold,
    bookings,
    gross,
    refunds,
    net: gross - refunds,
    tax,
    owedCash,
    vouchersSold,
    byTicketType: [...byType].map(([ticketType, l]) => ({ ticketType, ...l })).sort((a, b) => b.tickets - a.tickets || a.ticketType.localeCompare(b.ticketType)),
    // Every method appears, in the contract's order, so a drawer with no card sales still shows 0.
    byPaymentMethod: PAYMENT_METHODS.map((method) => {
      const m = methods.get(method) ?? { collected: 0, refunded: 0 };
      return { method, collected: m.collected, refunded: m.refunded, net: m.collected - m.refunded };
    }),
    byMovie: byMovie.list(),
    byShow: byShow.list(),
    byCashier: byCashier.list(),
  };
}
