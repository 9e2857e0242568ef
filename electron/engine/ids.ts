// Opaque ids and the short human booking code.
import { randomBytes, randomUUID } from 'node:crypto';
import { BOOKING_CODE_ALPHABET, TICKET_CODE_LENGTH } from '../../shared/contract';

export function newId(prefix: string): string {
  return `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
}

let lastMs = 0;
let seq = 0;

/**
 * A time-ordered id (UUIDv7-like) for rows written by the thousand every day (bookings, tickets,
 * payments): 12 hex digits of milliseconds, 4 of a per-millisecond sequence, then 10 random hex
 * digits. New rows land at the right-hand end of their primary-key index instead of on a random
 * leaf, so a sale dirties a few pages rather than one per index per row. Ids sort by creation
 * within this process (the sequence keeps order inside one millisecond and across a clock step
 * backwards); across processes they are unique by their random part. Old random ids stay as they are.
 */
export function newTimeId(prefix: string, nowMs: number = Date.now()): string {
  if (nowMs > lastMs) {
    lastMs = nowMs;
    seq = 0;
  } else if (++seq > 0xffff) {
    lastMs++;
    seq = 0;
  }
  return `${prefix}_${lastMs.toString(16).padStart(12, '0')}${seq.toString(16).padStart(4, '0')}${randomBytes(5).toString('hex')}`;
}

/** 6 characters from a 32-letter alphabet (no 0/O/1/I): ~1e9 codes; uniqueness is the DB's job. */
export function newBookingCode(length = 6): string {
  const bytes = randomBytes(length);
  let code = '';
  for (const b of bytes) code += BOOKING_CODE_ALPHABET[b % BOOKING_CODE_ALPHABET.length];
  return code;
}

/**
 * A ticket's own code: 10 characters of the same alphabet (~1e15 codes, so a guessed code is
 * worthless at the door); the unique index on tickets.code is the last word on uniqueness.
 */
export function newTicketCode(): string {
  return newBookingCode(TICKET_CODE_LENGTH);
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}
