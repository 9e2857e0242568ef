// Rows a sale writes, shared by bookings.confirm and bookings.exchange: a fresh booking code, the
// tickets (one per sold seat, each with its own code, what its QR carries at the door), and the
// hold's claims turned into the booking's.
import { stmt } from '../db/stmts';
import type { Db } from '../db/open';
import { newBookingCode, newId, newTicketCode } from '../ids';

interface PricedLine { seatId: string; seatLabel: string; ticketType: string; amount: number; breakdown: unknown }

/** Inserts the tickets of a booking (inside the sale's transaction); the codes are fresh. */
export function insertTickets(db: Db, bookingId: string, showId: string, lines: readonly PricedLine[]): void {
  const ticket = stmt(db,
    `INSERT INTO tickets (id, booking_id, show_id, seat_id, seat_label, ticket_type, amount, breakdown, code, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'sold')`,
  );
  const taken = stmt(db, 'SELECT 1 FROM tickets WHERE code = ?');
  for (const l of lines) {
    // 32^10 codes: a collision is all but impossible, and we hold the write lock, so checking is enough.
    let code = newTicketCode();
    for (let i = 0; taken.get(code) && i < 20; i++) code = newTicketCode();
    ticket.run(newId('tk'), bookingId, showId, l.seatId, l.seatLabel, l.ticketType, l.amount, JSON.stringify(l.breakdown), code);
  }
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
