// The booking and ticket state machine (docs/states.md). Every change of a booking's or a
// ticket's status goes through requireBookingMove / requireTicketMove first, so an illegal
// transition is refused with ILLEGAL_TRANSITION before anything is written; the conditional
// UPDATEs that follow (WHERE status = <from>) make the same rule hold under concurrent callers.
import { BoxOfficeError, type BookingStatus, type TicketStatus } from '../../../shared/contract';

/** Booking: confirmed -> cancelled (every ticket cancelled) | exchanged (moved to a new booking). */
export const BOOKING_MOVES: Record<BookingStatus, readonly BookingStatus[]> = {
  confirmed: ['cancelled', 'exchanged'],
  cancelled: [],
  exchanged: [],
};

/** Ticket: sold -> admitted (door) | cancelled (refund, exchange); admitted -> sold (manager's undo). */
export const TICKET_MOVES: Record<TicketStatus, readonly TicketStatus[]> = {
  sold: ['admitted', 'cancelled'],
  admitted: ['sold'],
  cancelled: [],
};

const WORD: Record<BookingStatus | TicketStatus, string> = {
  confirmed: 'confirmed', cancelled: 'cancelled', exchanged: 'exchanged', sold: 'sold', admitted: 'admitted',
};

/**
 * Refuses a booking move the machine does not allow. Cancelling a cancelled booking stays the v1
 * CONFLICT ("already cancelled": a retried or concurrent cancellation); anything else is
 * ILLEGAL_TRANSITION with { entity, id, from, to }.
 */
export function requireBookingMove(id: string, from: BookingStatus, to: BookingStatus): void {
  if (BOOKING_MOVES[from].includes(to)) return;
  if (from === 'cancelled' && to === 'cancelled') throw new BoxOfficeError('CONFLICT', 'This booking is already cancelled', { id });
  throw new BoxOfficeError('ILLEGAL_TRANSITION', `A booking that is ${WORD[from]} cannot become ${WORD[to]}`, { entity: 'booking', id, from, to });
}

export function requireTicketMove(id: string, from: TicketStatus, to: TicketStatus): void {
  if (TICKET_MOVES[from].includes(to)) return;
  const why = from === 'admitted' && to === 'cancelled' ? ' (it was already used at the door; a manager can undo the admission first)' : '';
  throw new BoxOfficeError('ILLEGAL_TRANSITION', `A ticket that is ${WORD[from]} cannot become ${WORD[to]}${why}`, { entity: 'ticket', id, from, to });
}
