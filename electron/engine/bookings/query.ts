// Reading bookings: the one loader that turns rows into the contract's Booking (used by confirm,
// cancel, shows.cancel and receipts too, so every channel answers the same shape), bookings.get
// and bookings.search.
import { stmt } from '../db/stmts';
import {
  BoxOfficeError, type Booking, type BookingStatus, type BookingTicket, type ChannelOutput, type ParsedInput, type PaymentMethod,
  type TicketStatus,
} from '../../../shared/contract';
import { localDayRange } from '../../../shared/localTime';
import { iso } from '../clock';
import type { Actor, EngineCtx } from '../context';
import type { Db } from '../db/open';

export interface BookingRow {
  id: string;
  code: string;
  show_id: string;
  status: BookingStatus;
  total: number;
  currency: string;
  customer_name: string | null;
  customer_phone: string | null;
  customer_email: string | null;
  cashier_id: string;
  cashier_name: string;
  created_at: number;
  cancelled_at: number | null;
  cancel_reason: string | null;
  refund_amount: number | null;
  refund_percent: number | null;
  owed_cash: number;
  starts_at: number;
  movie_title: string;
  hall_name: string;
  exchanged_to: string | null;
  exchanged_from: string | null;
}

export interface TicketRow {
  id: string;
  code: string;
  seat_id: string;
  seat_label: string;
  ticket_type: string;
  amount: number;
  status: TicketStatus;
  admitted_at: number | null;
  cancelled_at: number | null;
}

/** SQL columns of a ticket as toTicket reads them (alias t). */
export const TICKET_COLUMNS = 't.id, t.code, t.seat_id, t.seat_label, t.ticket_type, t.amount, t.status, t.admitted_at, t.cancelled_at';

export function toTicket(t: TicketRow): BookingTicket {
  return {
    id: t.id,
    code: t.code,
    seatId: t.seat_id,
    seatLabel: t.seat_label,
    ticketType: t.ticket_type,
    amount: t.amount,
    status: t.status,
    ...(t.admitted_at !== null ? { admittedAt: iso(t.admitted_at) } : {}),
    ...(t.cancelled_at !== null ? { cancelledAt: iso(t.cancelled_at) } : {}),
  };
}

export interface PaymentRow { method: PaymentMethod; amount: number; tendered: number | null; change: number | null; reference: string | null }

/** The booking with everything the contract shows, or null when there is no such booking. */
export function loadBooking(db: Db, id: string): Booking | null {
  return loadBookings(db, [id])[0] ?? null;
}

/**
 * The bookings with these ids, in the order given (ids with no booking are left out), in three
 * queries whatever their number: a search's 50 results cost the same round trips as one booking.
 * The ids go in as one JSON array so each statement is prepared once.
 */
export function loadBookings(db: Db, ids: readonly string[]): Booking[] {
  if (ids.length === 0) return [];
  const idList = JSON.stringify(ids);
  const rows = stmt(db,
      `SELECT b.*, st.name AS cashier_name, s.starts_at, m.title AS movie_title, h.name AS hall_name,
              (SELECT COALESCE(SUM(p.amount), 0) FROM payments p WHERE p.booking_id = b.id AND p.kind = 'refund' AND p.owed = 1) AS owed_cash
       FROM bookings b
       JOIN staff st ON st.id = b.cashier_id
       JOIN shows s ON s.id = b.show_id
       JOIN movies m ON m.id = s.movie_id
       JOIN halls h ON h.id = s.hall_id
       WHERE b.id IN (SELECT value FROM json_each(?))`,
    )
    .all(idList) as BookingRow[];
  if (rows.length === 0) return [];
  // Tickets in seat-map order (row, then number), whatever order they were sold in.
  const tickets = stmt(db,
      `SELECT t.booking_id, ${TICKET_COLUMNS} FROM tickets t JOIN seats se ON se.id = t.seat_id
       WHERE t.booking_id IN (SELECT value FROM json_each(?)) ORDER BY se.row_index, se.number, t.seat_label`,
    )
    .all(idList) as ({ booking_id: string } & TicketRow)[];
  const payments = stmt(db,
      `SELECT booking_id, method, amount, tendered, change, reference FROM payments
       WHERE booking_id IN (SELECT value FROM json_each(?)) AND kind = 'charge' ORDER BY rowid`,
    )
    .all(idList) as ({ booking_id: string } & PaymentRow)[];
  const ticketsOf = groupBy(tickets, (t) => t.booking_id);
  const paymentsOf = groupBy(payments, (p) => p.booking_id);
  const byId = new Map(rows.map((b) => [b.id, toBooking(b, ticketsOf.get(b.id) ?? [], paymentsOf.get(b.id) ?? [])]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** A booking from its rows: what loadBookings read, or what a sale just wrote (confirm answers with it). */
export function toBooking(b: BookingRow, tickets: readonly TicketRow[], payments: readonly PaymentRow[]): Booking {
  const booking: Booking = {
    id: b.id,
    code: b.code,
    status: b.status,
    showId: b.show_id,
    movieTitle: b.movie_title,
    hallName: b.hall_name,
    startsAt: iso(b.starts_at),
    tickets: tickets.map(toTicket),
    total: b.total,
    currency: b.currency,
    payments: payments.map((p) => ({
      method: p.method,
      amount: p.amount,
      ...(p.tendered !== null ? { tendered: p.tendered } : {}),
      ...(p.change !== null ? { change: p.change } : {}),
      ...(p.reference !== null ? { reference: p.reference } : {}),
    })),
    cashier: { id: b.cashier_id, name: b.cashier_name },
    createdAt: iso(b.created_at),
  };
  if (b.customer_name !== null || b.customer_phone !== null || b.customer_email !== null) {
    booking.customer = {
      ...(b.customer_name !== null ? { name: b.customer_name } : {}),
      ...(b.customer_phone !== null ? { phone: b.customer_phone } : {}),
      ...(b.customer_email !== null ? { email: b.customer_email } : {}),
    };
  }
  if (b.cancelled_at !== null) booking.cancelledAt = iso(b.cancelled_at);
  if (b.exchanged_to !== null) booking.exchangedTo = b.exchanged_to;
  if (b.exchanged_from !== null) booking.exchangedFrom = b.exchanged_from;
  if (b.refund_amount !== null) {
    booking.refund = {
      amount: b.refund_amount,
      percent: b.refund_percent ?? 0,
      ...(b.cancel_reason !== null ? { reason: b.cancel_reason } : {}),
      ...(b.owed_cash > 0 ? { owedCash: b.owed_cash } : {}),
    };
  }
  return booking;
}

/** loadBooking or NOT_FOUND. */
export function requireBooking(db: Db, id: string): Booking {
  const booking = loadBooking(db, id);
  if (!booking) throw new BoxOfficeError('NOT_FOUND', 'No booking with that id', { id });
  return booking;
}

export function getBooking(ctx: EngineCtx, input: ParsedInput<'bookings.get'>, _actor: Actor): ChannelOutput<'bookings.get'> {
  if ('id' in input) return requireBooking(ctx.db, input.id);
  // The schema already trimmed and upper-cased the code as typed at the counter.
  const row = stmt(ctx.db, 'SELECT id FROM bookings WHERE code = ?').get(input.code) as { id: string } | undefined;
  if (!row) throw new BoxOfficeError('NOT_FOUND', `No booking with the code ${input.code}`, { code: input.code });
  return requireBooking(ctx.db, row.id);
}

/** LIKE pattern for a substring, with LIKE's own wildcards escaped (ESCAPE '\'). */
function likeSubstring(s: string): string {
  return `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// The phone as digits only, in SQL, so "(212) 555-0100" matches a search for 5550100.
const PHONE_DIGITS = "replace(replace(replace(replace(replace(b.customer_phone, ' ', ''), '-', ''), '(', ''), ')', ''), '+', '')";

export function searchBookings(ctx: EngineCtx, input: ParsedInput<'bookings.search'>, _actor: Actor): ChannelOutput<'bookings.search'> {
  const where: string[] = [];
  const params: unknown[] = [];

  const query = input.query?.trim() ?? '';
  if (query) {
    const any: string[] = [];
    const code = query.toUpperCase();
    // A code is typed in part at a busy counter: a prefix of the 6 characters is enough.
    if (/^[A-Z0-9]{1,6}$/.test(code)) {
      any.push('b.code LIKE ?');
      params.push(`${code}%`);
    }
    // A ticket's own code (read off one ticket's QR) finds its booking.
    if (/^[A-Z0-9]{8,16}$/.test(code)) {
      any.push('b.id IN (SELECT booking_id FROM tickets WHERE code = ?)');
      params.push(code);
    }
    any.push("b.customer_name LIKE ? ESCAPE '\\'", "b.customer_email LIKE ? ESCAPE '\\'");
    params.push(likeSubstring(query), likeSubstring(query));
    const digits = query.replace(/\D/g, '');
    // Fewer than 3 digits would match nearly every phone number.
    if (digits.length >= 3 && /^[+0-9 ()-]+$/.test(query)) {
      any.push(`${PHONE_DIGITS} LIKE ?`);
      params.push(`%${digits}%`);
    }
    where.push(`(${any.join(' OR ')})`);
  }
  if (input.showId) {
    where.push('b.show_id = ?');
    params.push(input.showId);
  }
  if (input.date) {
    // "The date" of a booking is the local date of its show's start, in its theater's zone; each
    // theater may have its own zone, so the day's range is computed per theater.
    const theaters = stmt(ctx.db, 'SELECT id, timezone FROM theaters ORDER BY id').all() as { id: string; timezone: string }[];
    if (theaters.length === 0) return [];
    const ranges = theaters.map((t) => {
      const [from, to] = localDayRange(input.date!, t.timezone);
      params.push(t.id, from, to);
      return '(h.theater_id = ? AND s.starts_at >= ? AND s.starts_at < ?)';
    });
    where.push(`(${ranges.join(' OR ')})`);
  }
  params.push(input.limit ?? 50);
  const rows = stmt(ctx.db,
      `SELECT b.id FROM bookings b JOIN shows s ON s.id = b.show_id JOIN halls h ON h.id = s.hall_id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY b.created_at DESC, b.rowid DESC LIMIT ?`,
    )
    .all(...params) as { id: string }[];
  return loadBookings(ctx.db, rows.map((r) => r.id));
}
