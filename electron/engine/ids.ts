// Opaque ids and the short human booking code.
import { randomBytes, randomUUID } from 'node:crypto';
import { BOOKING_CODE_ALPHABET } from '../../shared/contract';

export function newId(prefix: string): string {
  return `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
}

/** 6 characters from a 32-letter alphabet (no 0/O/1/I): ~1e9 codes; uniqueness is the DB's job. */
export function newBookingCode(): string {
  return newCode(6);
}

/** `length` characters from the booking-code alphabet (gift vouchers use 12: ~1e18 codes). */
export function newCode(length: number): string {
  const bytes = randomBytes(length);
  let code = '';
  for (const b of bytes) code += BOOKING_CODE_ALPHABET[b % BOOKING_CODE_ALPHABET.length];
  return code;
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}
