// The stable error codes of the contract and the HTTP status each maps to in the browser host.
export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'PAYMENT_DECLINED',
  'PAYMENT_MISMATCH',
  'SEATS_UNAVAILABLE',
  'HOLD_EXPIRED',
  'SCHEDULE_CONFLICT',
  'LAYOUT_IN_USE',
  'SHOW_STARTED',
  'LOCKED_OUT',
  'SHIFT_REQUIRED',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'NOT_SUPPORTED',
  'DELIVERY_FAILED',
  // Contract v2
  'DEVICE_UNPAIRED',
  'PAIRING_REFUSED',
  'RATE_LIMITED',
  'IDEMPOTENCY_KEY_REUSED',
  'PROMO_INVALID',
  'VERSION_MISMATCH',
  'ILLEGAL_TRANSITION',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  PAYMENT_DECLINED: 402,
  PAYMENT_MISMATCH: 422,
  SEATS_UNAVAILABLE: 409,
  HOLD_EXPIRED: 409,
  SCHEDULE_CONFLICT: 409,
  LAYOUT_IN_USE: 409,
  SHOW_STARTED: 409,
  LOCKED_OUT: 409,
  SHIFT_REQUIRED: 409,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  NOT_SUPPORTED: 501,
  DELIVERY_FAILED: 502,
  DEVICE_UNPAIRED: 401,
  PAIRING_REFUSED: 401,
  RATE_LIMITED: 429,
  IDEMPOTENCY_KEY_REUSED: 409,
  PROMO_INVALID: 409,
  VERSION_MISMATCH: 409,
  // A booking or ticket asked to move to a state its state machine does not allow from where it is
  // (docs/states.md): cancelling an exchanged booking, admitting a cancelled ticket, ...
  ILLEGAL_TRANSITION: 409,
  INTERNAL: 500,
};

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

/** The one error type the engine throws on purpose; anything else becomes INTERNAL. */
export class BoxOfficeError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'BoxOfficeError';
  }
  toBody(): ErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}
