// reports.film: the weekly distributor report, per film, for the shows that start within the local
// dates [from, to] of one theater: shows played, admissions, the box office kept (gross), the tax
// in it, net, and the film rental owed to the distributor (net x rentalPercent, half-up).
// Definitions: admissions are the live tickets (sold or admitted, of bookings still confirmed);
// gross is the money the cinema kept on those shows: each booking's total less what was refunded
// (a late cancellation's kept part counts, with its share of the tax, pricing/tax.ts taxShare).
// An exchanged booking counts through the booking the exchange made (its money moved there).
import type { ChannelOutput, FilmReportRow, ParsedInput } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';
import { dateRange, reportTheater } from './zone';
import { roundHalfUp, taxShare } from '../pricing/tax';

interface MovieShows { movie_id: string; title: string; distributor: string | null; rental_percent: number | null; shows: number }
interface BookingMoney { movie_id: string; status: string; total: number; refunded: number; tax: number; tickets: number }

const SHOWS_SQL = `
  SELECT m.id AS movie_id, m.title, m.distributor, m.rental_percent, COUNT(s.id) AS shows
  FROM shows s JOIN halls h ON h.id = s.hall_id JOIN movies m ON m.id = s.movie_id
  WHERE s.starts_at >= ? AND s.starts_at < ? AND h.theater_id = ? AND s.status = 'scheduled'
  GROUP BY m.id`;

const BOOKINGS_SQL = `
  SELECT s.movie_id, b.status, b.total, COALESCE(b.refund_amount, 0) AS refunded,
         (SELECT COALESCE(SUM(t.tax), 0) FROM tickets t WHERE t.booking_id = b.id) AS tax,
         (SELECT COUNT(*) FROM tickets t WHERE t.booking_id = b.id AND t.status <> 'cancelled') AS tickets
  FROM shows s JOIN halls h ON h.id = s.hall_id JOIN bookings b ON b.show_id = s.id
  WHERE s.starts_at >= ? AND s.starts_at < ? AND h.theater_id = ? AND b.status <> 'exchanged'`;

/** net x percent (up to 2 decimals) / 100, half-up, in integers. */
export function rentalOf(net: number, percent: number): number {
  if (net <= 0) return 0;
  return Number(roundHalfUp(BigInt(net) * BigInt(Math.round(percent * 100)), 10_000n));
}

export function filmReport(ctx: EngineCtx, input: ParsedInput<'reports.film'>, _actor: Actor): ChannelOutput<'reports.film'> {
  const db = ctx.db;
  const theater = reportTheater(db, input.theaterId);
  const [from, to] = dateRange(input.from, input.to, theater.timezone);
  const { shows, bookings } = db.transaction(() => ({
    shows: db.prepare(SHOWS_SQL).all(from, to, theater.id) as MovieShows[],
    bookings: db.prepare(BOOKINGS_SQL).all(from, to, theater.id) as BookingMoney[],
  }))();

  const rows = new Map<string, FilmReportRow>();
  for (const m of shows) {
    rows.set(m.movie_id, {
      movieId: m.movie_id,
      title: m.title,
      ...(m.distributor ? { distributor: m.distributor } : {}),
      shows: m.shows,
      admissions: 0,
      gross: 0,
      tax: 0,
      net: 0,
      ...(m.rental_percent !== null ? { rentalPercent: m.rental_percent } : {}),
    });
  }
  for (const b of bookings) {
    const row = rows.get(b.movie_id);
    if (!row) continue; // a cancelled show: refunded in full, nothing played
    if (b.status === 'confirmed') row.admissions += b.tickets;
    const kept = b.total - b.refunded;
    row.gross += kept;
    row.tax += taxShare(kept, b.tax, b.total);
  }
  const out = [...rows.values()].map((r) => {
    const net = r.gross - r.tax;
    return { ...r, net, ...(r.rentalPercent !== undefined ? { rental: rentalOf(net, r.rentalPercent) } : {}) };
  });
  out.sort((a, b) => b.gross - a.gross || a.title.localeCompare(b.title) || a.movieId.localeCompare(b.movieId));
  return { currency: theater.currency, rows: out };
}
