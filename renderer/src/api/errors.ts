// The renderer's error type: every failed call becomes an ApiError with the contract's code
// (or NETWORK, a local code for "the host could not be reached").
import type { ErrorCode } from '../../../shared/contract';

export type ClientErrorCode = ErrorCode | 'NETWORK';

export class ApiError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A message fit for the cashier, whatever was thrown. */
export function messageOf(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

/** Seat ids named by a SEATS_UNAVAILABLE error. */
export function seatIdsOf(e: unknown): string[] {
  if (!(e instanceof ApiError)) return [];
  const d = e.details as { seatIds?: unknown } | undefined;
  return Array.isArray(d?.seatIds) ? d.seatIds.filter((x): x is string => typeof x === 'string') : [];
}
