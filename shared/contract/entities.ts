// Output shapes of the contract: what the engine answers. Inputs live in channels.ts.
import { z } from 'zod';
import {
  Id, Instant, LocalDate, LocalTime, Money, Multiplier, Role, SeatType, SeatStatus, SeatWidth,
  PaymentMethod, TicketType, Name,
} from './primitives';

export const Staff = z.object({ id: Id, name: z.string(), role: Role, active: z.boolean() });
export type Staff = z.infer<typeof Staff>;

export const Theater = z.object({
  id: Id,
  name: z.string(),
  city: z.string(),
  timezone: z.string(),
  currency: z.string(),
  // cleaningMinutes: an addition to contract.md, so the schedule can draw blocks without loading every layout.
  halls: z.array(z.object({ id: Id, name: z.string(), capacity: z.int(), cleaningMinutes: z.int() })),
});
export type Theater = z.infer<typeof Theater>;

export const Movie = z.object({
  id: Id,
  title: z.string(),
  durationMinutes: z.int(),
  genres: z.array(z.string()),
  language: z.string(),
  rating: z.string(),
  releaseDate: LocalDate.optional(),
  synopsis: z.string().optional(),
  archived: z.boolean(),
});
export type Movie = z.infer<typeof Movie>;

export const Seat = z.object({
  id: Id,
  label: z.string(),
  number: z.int(),
  column: z.int(),
  width: SeatWidth,
  type: SeatType,
  blocked: z.boolean(),
});
export type Seat = z.infer<typeof Seat>;

export const Hall = z.object({
  id: Id,
  theaterId: Id,
  name: z.string(),
  cleaningMinutes: z.int(),
  capacity: z.int(),
  rows: z.array(z.object({ label: z.string(), seats: z.array(Seat) })),
  /** Bumped by every layout edit: a cached layout with this version is current (always set by the engine). */
  layoutVersion: z.int().optional(),
});
export type Hall = z.infer<typeof Hall>;

export const ShowStatus = z.enum(['scheduled', 'cancelled']);
export const Show = z.object({
  id: Id,
  movieId: Id,
  hallId: Id,
  startsAt: Instant,
  endsAt: Instant,
  basePrice: Money,
  format: z.string(),
  status: ShowStatus,
});
export type Show = z.infer<typeof Show>;

export const ShowSummary = z.object({
  id: Id,
  movieId: Id,
  movieTitle: z.string(),
  hallId: Id,
  hallName: z.string(),
  theaterId: Id,
  startsAt: Instant,
  endsAt: Instant,
  format: z.string(),
  basePrice: Money,
  status: ShowStatus,
  capacity: z.int(),
  available: z.int(),
  held: z.int(),
  sold: z.int(),
  /** v2: holds and sales are refused from this instant (startsAt + settings.salesCloseMinutesAfterStart). */
  salesCloseAt: Instant.optional(),
});
export type ShowSummary = z.infer<typeof ShowSummary>;

/** Where a seat is and what it is: shared by the seat map's seats and the cached layout's. */
const PlacedSeat = z.object({
  id: Id,
  label: z.string(),
  row: z.string(),
  number: z.int(),
  column: z.int(),
  width: SeatWidth,
  type: SeatType,
});

export const MapSeat = PlacedSeat.extend({
  status: SeatStatus,
  holdId: Id.optional(),
  /** House seats (v2): why a manager blocked this seat for this show. */
  blockReason: z.string().optional(),
});
export type MapSeat = z.infer<typeof MapSeat>;

export const Hold = z.object({ id: Id, showId: Id, seatIds: z.array(Id), expiresAt: Instant });
export type Hold = z.infer<typeof Hold>;

export const SeatMap = z.object({
  show: Show,
  hall: z.object({ id: Id, name: z.string(), theaterId: Id, capacity: z.int(), rows: z.array(z.string()) }),
  version: z.int(),
  seats: z.array(MapSeat),
  /** The caller's own live hold on this show, if any (a reloaded counter takes it back). */
  myHold: Hold.nullable(),
});
export type SeatMap = z.infer<typeof SeatMap>;

/** A seat of a hall's layout as the seat map draws it: what does not change from show to show. */
export const LayoutSeat = PlacedSeat.extend({
  /** Out of sale in the layout itself (a broken seat): shown blocked at every show. */
  blocked: z.boolean(),
});
export type LayoutSeat = z.infer<typeof LayoutSeat>;

/**
 * seats.claims: a show's live state without its static layout. `layout` (every live seat, in row
 * then number order) is present only when the caller did not name the hall's current layout
 * version. `sold` and `held` list the seats with a live claim (as bare ids: a 3,000-seat show
 * may have thousands), `blocked` the show's house seats with their reason; any other seat is
 * available, or blocked when its layout says so. The caller's own hold is `myHold`.
 */
export const SeatClaims = z.object({
  show: Show,
  hall: z.object({ id: Id, name: z.string(), theaterId: Id, capacity: z.int(), rows: z.array(z.string()), layoutVersion: z.int() }),
  version: z.int(),
  layout: z.array(LayoutSeat).optional(),
  sold: z.array(Id),
  held: z.array(Id),
  /** House seats of this show (shows.blockSeats), with the manager's reason. */
  blocked: z.array(z.object({ id: Id, reason: z.string() })),
  myHold: Hold.nullable(),
});
export type SeatClaims = z.infer<typeof SeatClaims>;


export const BreakdownStep = z.object({
  label: z.string(),
  kind: z.enum(['base', 'seatType', 'dayRule', 'peak', 'ticketType', 'flatPrice', 'cap', 'rounding']),
  /** For multipliers the decimal factor; for base, flat price, cap and rounding an amount in minor units. */
  value: z.number(),
});
export type BreakdownStep = z.infer<typeof BreakdownStep>;

export const QuoteLine = z.object({
  seatId: Id,
  seatLabel: z.string(),
  ticketType: TicketType,
  amount: Money,
  breakdown: z.array(BreakdownStep),
});
export const Quote = z.object({ lines: z.array(QuoteLine), total: Money, currency: z.string() });
export type Quote = z.infer<typeof Quote>;

export const PricingRules = z.strictObject({
  seatTypes: z.strictObject({
    regular: Multiplier, premium: Multiplier, vip: Multiplier,
    recliner: Multiplier, wheelchair: Multiplier, companion: Multiplier,
  }),
  ticketTypes: z.record(TicketType, Multiplier).refine((r) => Object.keys(r).length > 0, 'at least one ticket type'),
  weekend: z.strictObject({ days: z.array(z.int().min(0).max(6)).max(7), multiplier: Multiplier }),
  holidays: z.strictObject({ dates: z.array(LocalDate).max(1000), multiplier: Multiplier }),
  peak: z.strictObject({ enabled: z.boolean(), from: LocalTime, to: LocalTime, multiplier: Multiplier }),
  flatPriceDays: z.array(z.strictObject({ weekday: z.int().min(0).max(6), price: Money })).max(7),
  capMultiplier: Multiplier,
});
export type PricingRules = z.infer<typeof PricingRules>;

export const DEFAULT_PRICING: PricingRules = {
  seatTypes: { regular: 1.0, premium: 1.3, vip: 1.5, recliner: 2.0, wheelchair: 1.0, companion: 1.0 },
  ticketTypes: { adult: 1.0, child: 0.75, senior: 0.8, student: 0.85 },
  weekend: { days: [6, 0], multiplier: 1.5 },
  holidays: { dates: [], multiplier: 2.0 },
  peak: { enabled: false, from: '18:00', to: '22:00', multiplier: 1.2 },
  flatPriceDays: [],
  capMultiplier: 3.0,
};

export const Customer = z.strictObject({
  name: z.string().trim().max(100).optional(),
  phone: z.string().trim().max(32).regex(/^[+0-9 ()-]*$/, 'digits, spaces, + ( ) -').optional(),
  email: z.email().max(200).optional(),
});
export type Customer = z.infer<typeof Customer>;

export const BookingPayment = z.object({
  method: PaymentMethod,
  amount: Money,
  tendered: Money.optional(),
  change: Money.optional(),
  reference: z.string().optional(),
});

/** v2 states (docs/states.md): a booking is confirmed, cancelled or exchanged; a ticket sold, admitted or cancelled. */
export const BookingStatus = z.enum(['confirmed', 'cancelled', 'exchanged']);
export type BookingStatus = z.infer<typeof BookingStatus>;
export const TicketStatus = z.enum(['sold', 'admitted', 'cancelled']);
export type TicketStatus = z.infer<typeof TicketStatus>;

export const BookingTicket = z.object({
  id: Id,
  /** The ticket's own code (what its QR carries), unique across the database. */
  code: z.string(),
  seatId: Id,
  seatLabel: z.string(),
  ticketType: TicketType,
  amount: Money,
  status: TicketStatus,
  admittedAt: Instant.optional(),
  cancelledAt: Instant.optional(),
});
export type BookingTicket = z.infer<typeof BookingTicket>;

export const Booking = z.object({
  id: Id,
  code: z.string(),
  status: BookingStatus,
  showId: Id,
  movieTitle: z.string(),
  hallName: z.string(),
  startsAt: Instant,
  tickets: z.array(BookingTicket),
  total: Money,
  currency: z.string(),
  payments: z.array(BookingPayment),
  customer: Customer.optional(),
  cashier: z.object({ id: Id, name: z.string() }),
  createdAt: Instant,
  cancelledAt: Instant.optional(),
  // owedCash: the part still to hand over in cash (a show cancellation), until a counter pays it out.
  refund: z.object({ amount: Money, percent: z.int(), reason: z.string().optional(), owedCash: Money.optional() }).optional(),
  /** v2 exchanges: the booking this one was exchanged into, or came from. */
  exchangedTo: Id.optional(),
  exchangedFrom: Id.optional(),
});
export type Booking = z.infer<typeof Booking>;

export const Receipt = z.object({
  booking: Booking,
  theater: z.object({ id: Id, name: z.string(), city: z.string(), timezone: z.string(), currency: z.string() }),
  lines: z.array(z.object({ seatLabel: z.string(), ticketType: TicketType, amount: Money })),
  qr: z.string(),
  /** v2: one QR payload per live ticket, holding that ticket's code and no other's. */
  tickets: z.array(z.object({ ticketId: Id, code: z.string(), seatLabel: z.string(), qr: z.string() })),
  header: z.string(),
  footer: z.string(),
});
export type Receipt = z.infer<typeof Receipt>;

const Breakdown = z.array(z.object({ key: z.string(), label: z.string(), tickets: z.int(), gross: z.int(), refunds: z.int(), net: z.int() }));
export const DailyReport = z.object({
  date: LocalDate,
  currency: z.string(),
  ticketsSold: z.int(),
  bookings: z.int(),
  gross: z.int(),
  refunds: z.int(),
  net: z.int(),
  byPaymentMethod: z.array(z.object({ method: PaymentMethod, collected: z.int(), refunded: z.int(), net: z.int() })),
  byMovie: Breakdown,
  byShow: Breakdown,
  byCashier: Breakdown,
});
export type DailyReport = z.infer<typeof DailyReport>;

export const OccupancyRow = z.object({
  showId: Id, startsAt: Instant, movieTitle: z.string(), hallName: z.string(),
  capacity: z.int(), sold: z.int(), occupancy: z.number(),
});
export type OccupancyRow = z.infer<typeof OccupancyRow>;

export const Shift = z.object({
  id: Id,
  staffId: Id,
  staffName: z.string(),
  openedAt: Instant,
  float: Money,
  closedAt: Instant.optional(),
  countedCash: Money.optional(),
  expectedCash: z.int().optional(),
  difference: z.int().optional(),
});
export type Shift = z.infer<typeof Shift>;

export const CancellationTier = z.strictObject({ minutesBefore: z.int().min(0).max(60 * 24 * 365), percent: z.int().min(0).max(100) });

export const Settings = z.strictObject({
  holdSeconds: z.int().min(30).max(3600),
  trailerMinutes: z.int().min(0).max(120),
  defaultCleaningMinutes: z.int().min(0).max(240),
  cancellationTiers: z.array(CancellationTier).max(10),
  receipt: z.strictObject({ header: z.string().max(500), footer: z.string().max(500) }),
  backupRetentionDays: z.int().min(1).max(3650),
  /** v2: holds and sales stay open this many minutes after the start (trailers run first). */
  salesCloseMinutesAfterStart: z.int().min(0).max(60).default(0),
  /** v2: the door admits from this many minutes before the start. */
  doorsOpenMinutes: z.int().min(0).max(1440).default(60),
  /** v2: a session unused this long ends (the cashier signs in again). */
  sessionIdleHours: z.int().min(1).max(72).default(12),
  /** v2: a session ends this long after sign-in, however busy. */
  sessionMaxHours: z.int().min(1).max(168).default(16),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  holdSeconds: 600,
  trailerMinutes: 15,
  defaultCleaningMinutes: 15,
  cancellationTiers: [
    { minutesBefore: 360, percent: 100 },
    { minutesBefore: 120, percent: 50 },
    { minutesBefore: 30, percent: 25 },
  ],
  receipt: { header: '', footer: '' },
  backupRetentionDays: 14,
  salesCloseMinutesAfterStart: 0,
  doorsOpenMinutes: 60,
  sessionIdleHours: 12,
  sessionMaxHours: 16,
};

export const BackupInfo = z.object({ file: z.string(), bytes: z.int(), createdAt: Instant });
export type BackupInfo = z.infer<typeof BackupInfo>;

export const AuditEntry = z.object({
  id: Id,
  at: Instant,
  staffId: Id.nullable(),
  staffName: z.string().nullable(),
  action: z.string(),
  entityId: z.string().nullable(),
  details: z.unknown(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const TheaterInfo = z.object({ id: Id, name: z.string(), city: z.string(), timezone: z.string(), currency: z.string() });

// Re-exported so callers can build names with the same rules.
export { Name };

/** v2: the answer of a door scan (contract v2 precisions). */
export const ScanResult = z.enum(['admitted', 'already_admitted', 'wrong_show', 'cancelled', 'unknown', 'too_early']);
export type ScanResult = z.infer<typeof ScanResult>;
export const AdmissionTicket = BookingTicket.extend({ bookingId: Id, bookingCode: z.string(), showId: Id });
export type AdmissionTicket = z.infer<typeof AdmissionTicket>;
export const Admission = z.object({
  result: ScanResult,
  tickets: z.array(AdmissionTicket),
  booking: Booking.optional(),
  admittedAt: Instant.optional(),
  admittedBy: z.object({ id: Id, name: z.string() }).optional(),
  /** The door (as the scanning counter named itself; default the staff member's name) of that admission. */
  door: z.string().optional(),
  ticketShow: z.object({ id: Id, startsAt: Instant, hallName: z.string(), movieTitle: z.string() }).optional(),
  /** For too_early: when the doors open for this show. */
  doorsOpenAt: Instant.optional(),
});
export type Admission = z.infer<typeof Admission>;
