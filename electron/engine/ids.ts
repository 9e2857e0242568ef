// Opaque ids and the short human booking code.
import { randomBytes, randomUUID } from 'node:crypto';
import { BOOKING_CODE_ALPHABET } from '../../shared/contract';

export function newId(prefix: string): string {
  return `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
}

/** 6 characters from a 32-letter alphabet (no 0/O/1/I): ~1e9 codes; uniqueness is the DB's job. */
export function newBookingCode(): string {
  const bytes = randomBytes(6);
  let code = '';
  for (const b of bytes) code += BOOKING_CODE_ALPHABET[b % BOOKING_CODE_ALPHABET.length];
  return code;
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}
