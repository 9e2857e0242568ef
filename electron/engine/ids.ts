// Opaque ids and the short human booking code.
import { randomBytes, randomUUID } from 'node:crypto';
import { BOOKING_CODE_ALPHABET, TICKET_CODE_LENGTH } from '../../shared/contract';

export function newId(prefix: string): string {
  return `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
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
