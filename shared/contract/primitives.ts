// Building blocks every schema shares: ids, instants, local dates, money, multipliers.
import { z } from 'zod';
import { MAX_SEAT_WIDTH, MIN_SEAT_WIDTH } from '../sideBySide';

export const Id = z.string().min(1).max(64);
/** ISO-8601 UTC instant, e.g. 2026-11-23T19:00:00.000Z */
export const Instant = z.iso.datetime({ offset: false });
/** A local calendar date in the theater's zone, YYYY-MM-DD */
export const LocalDate = z.iso.date();
/** HH:MM, 24 h, local time */
export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');
/** Integer minor units (cents). */
export const Money = z.int().min(0).max(1_000_000_000);

/** A decimal multiplier with at most 4 places, kept exact by the pricing code as basis points x100. */
export const Multiplier = z
  .number()
  .min(0)
  .max(100)
  .refine((x) => Math.abs(x * 10_000 - Math.round(x * 10_000)) < 1e-7, 'at most 4 decimal places');

export const Role = z.enum(['cashier', 'manager']);
export type Role = z.infer<typeof Role>;

export const Pin = z.string().regex(/^\d{4,8}$/, 'a PIN is 4 to 8 digits');
export const Name = z.string().trim().min(1).max(100);

export const SEAT_TYPES = ['regular', 'premium', 'vip', 'recliner', 'wheelchair', 'companion'] as const;
export const SeatType = z.enum(SEAT_TYPES);
export type SeatType = z.infer<typeof SeatType>;

/** The grid columns a seat spans (a recliner is often 2 wide); see shared/sideBySide.ts. */
export const SeatWidth = z.int().min(MIN_SEAT_WIDTH).max(MAX_SEAT_WIDTH);

export const SeatStatus = z.enum(['available', 'held', 'sold', 'blocked']);
export type SeatStatus = z.infer<typeof SeatStatus>;

export const PAYMENT_METHODS = ['cash', 'card', 'upi', 'wallet'] as const;
export const PaymentMethod = z.enum(PAYMENT_METHODS);
export type PaymentMethod = z.infer<typeof PaymentMethod>;

/** Ticket types are managed in the pricing rules; a name is a short lowercase word. */
export const TicketType = z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'a lowercase ticket type name');

/** Booking codes: 6 characters from an alphabet without 0/O/1/I. */
export const BOOKING_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const BookingCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[ABCDEFGHJKLMNPQRSTUVWXYZ2-9]{6}$/, 'a booking code is 6 letters or digits');

/** Ticket codes (v2): 10 characters from the booking-code alphabet, unique across the database. */
export const TICKET_CODE_LENGTH = 10;
/** What a door scans: a ticket code or a booking code, as typed or read by a scanner. */
export const ScanCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[ABCDEFGHJKLMNPQRSTUVWXYZ2-9]{6,16}$/, 'a ticket or booking code is 6 to 16 letters or digits');

export const Empty = z.strictObject({});
