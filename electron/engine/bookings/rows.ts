// Rows a sale writes, shared by bookings.confirm and bookings.exchange: a fresh booking code, the
// tickets (one per sold seat, each with its own code, what its QR carries at the door), and the
// hold's claims turned into the booking's.
import { stmt } from '../db/stmts';
import type { Db } from '../db/open';
import { newBookingCode, newTicketCode, newTimeId } from '../ids';
import type { TicketRow } from './query';

interface PricedLine { seatId: string; seatLabel: string; ticketType: string; amount: number; breakdown: unknown }

/**
 * Inserts the tickets of a booking (inside the sale's transaction); the codes are fresh. Answers
 * the rows as written, in seat-map order (row, then number), as loadBooking reads them back.
 */
export function insertTickets(db: Db, bookingId: string, showId: string, lines: readonly PricedLine[]): TicketRow[] {
  const ticket = stmt(db,
    `INSERT INTO tickets (id, booking_id, show_id, seat_id, seat_label, ticket_type, amount, breakdown, code, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'sold')`,
  );
  const taken = stmt(db, 'SELECT 1 FROM tickets WHERE code = ?');
  const rows: TicketRow[] = [];
  for (const l of lines) {
    // 32^10 codes: a collision is all but impossible, and we hold the write lock, so checking is enough.
    let code = newTicketCode();
    for (let i = 0; taken.get(code) && i < 20; i++) code = newTicketCode();
    const id = newTimeId('tk');
    ticket.run(id, bookingId, showId, l.seatId, l.seatLabel, l.ticketType, l.amount, JSON.stringify(l.breakdown), code);
    rows.push({ id, code, seat_id: l.seatId, seat_label: l.seatLabel, ticket_type: l.ticketType, amount: l.amount, status: 'sold', admitted_at: null, cancelled_at: null });
  }
  const place = new Map(
    (stmt(db, 'SELECT id, row_index, number FROM seats WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(rows.map((r) => r.seat_id))) as {
      id: string; row_index: number; number: number;
    }[]).map((p) => [p.id, p]),
  );
  return rows.sort((a, b) => {
    const pa = place.get(a.seat_id)!;
    const pb = place.get(b.seat_id)!;
    return pa.row_index - pb.row_index || pa.number - pb.number || (a.seat_label < b.seat_label ? -1 : a.seat_label > b.seat_label ? 1 : 0);
  });
}

/** A booking code no booking has yet (call inside the sale's transaction). */
export function freshBookingCode(db: Db): string {
  let code = newBookingCode();
  const codeTaken = stmt(db, 'SELECT 1 FROM bookings WHERE code = ?');
  // ~1e9 codes: a collision is rare, and we hold the write lock, so checking is enough.
  for (let i = 0; codeTaken.get(code) && i < 20; i++) code = newBookingCode();
  return code;
}

/** The hold's claims become the booking's sold claims and the hold ends (inside the sale's transaction). */
export function sellHold(db: Db, holdId: string, bookingId: string, seats: number): void {
  const sold = stmt(db, 'UPDATE seat_claims SET booking_id = ?, hold_id = NULL, expires_at = NULL WHERE hold_id = ?').run(bookingId, holdId);
  if (sold.changes !== seats) throw new Error(`claim conversion mismatch: ${sold.changes} of ${seats}`);
  stmt(db, 'DELETE FROM holds WHERE id = ?').run(holdId);
}
