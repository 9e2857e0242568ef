// Every channel of the contract: its input schema (strict), output schema and least role.
// This map is the single source: the router, the preload, the browser host, the renderer's
// api client and the tests all derive from it.
import { z } from 'zod';
import { isValidTimeZone } from '../localTime';
import {
  Id, Instant, LocalDate, Money, Name, Pin, Role, SeatType, SeatWidth, SEAT_TYPES, PaymentMethod, TicketType,
  BookingCode, Empty, PromoCode, ScanCode, VoucherCode,
} from './primitives';
import {
  Staff, Theater, Movie, Hall, Show, ShowSummary, SeatMap, SeatClaims, Hold, Quote, PricingRules,
  Booking, Customer, Receipt, DailyReport, OccupancyRow, Shift, Settings, BackupInfo,
  AuditEntry, TheaterInfo, Admission, AdmissionTicket, FilmReportRow, Promo, Voucher,
} from './entities';
import { NotifyConfig, NotifyConfigInput, OutboxItem, OutboxStatus } from './notifications';
import { TerminalOpItem } from './payments';
import { Device, DeviceName, InstallStatus, Mode, PairingCode } from './devices';

const Timezone = z.string().min(1).max(64).refine(isValidTimeZone, 'an IANA time zone such as America/New_York');
const Currency = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code such as USD');

const TheaterInput = z.strictObject({ name: Name, city: Name, timezone: Timezone, currency: Currency });

/** A sign-in answer: who, the session token, and the theater the page shows (its zone and currency). */
const Session = z.object({ staff: Staff, token: z.string(), theater: TheaterInfo.nullable() });

/** A hold, with its quote when seats.hold was asked for one (absent if it could not be priced). */
const HoldWithQuote = Hold.extend({ quote: Quote.optional() });
const PaymentLines = z.array(
  z.strictObject({
    method: PaymentMethod,
    amount: Money,
    tendered: Money.optional(),
    reference: z.string().trim().min(1).max(64).optional(),
  }),
);
const PaymentsInput = PaymentLines.min(1).max(10);

const Tickets = z.array(z.strictObject({ seatId: Id, ticketType: TicketType })).min(1).max(100);

const HallRowInput = z.strictObject({
  label: z.string().trim().min(1).max(4).regex(/^[A-Za-z0-9]+$/, 'a row label is letters or digits'),
  seats: z
    .array(
      z.strictObject({
        id: Id.optional(),
        number: z.int().min(1).max(999),
        column: z.int().min(0).max(999),
        width: SeatWidth.default(1),
        type: SeatType,
        blocked: z.boolean().default(false),
      }),
    )
    .max(500),
});

/** The most seats one best-available request may ask for (a party, or a mix's total). */
export const MAX_BEST_SEATS = 20;

/**
 * seats.bestAvailable asks either for `count` seats (of `types`, by default every type but
 * wheelchair and companion) or for a `mix` of exactly so many seats of each type, side by side
 * (one wheelchair place and its companion seat). Exactly one of `count` and `mix`.
 */
const BestAvailableInput = z
  .strictObject({
    showId: Id,
    count: z.int().min(1).max(MAX_BEST_SEATS).optional(),
    types: z.array(SeatType).min(1).optional(),
    mix: z
      .array(z.strictObject({ type: SeatType, count: z.int().min(1).max(MAX_BEST_SEATS) }))
      .min(1)
      .max(SEAT_TYPES.length)
      .optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.count === undefined) === (v.mix === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['count'], message: 'give either count (with optional types) or mix, not both and not neither' });
    }
    if (v.mix && v.types) ctx.addIssue({ code: 'custom', path: ['types'], message: 'types goes with count; a mix names its types itself' });
    if (v.mix) {
      const seen = new Set<string>();
      v.mix.forEach((m, i) => {
        if (seen.has(m.type)) ctx.addIssue({ code: 'custom', path: ['mix', i, 'type'], message: `${m.type} appears twice in the mix` });
        seen.add(m.type);
      });
      const total = v.mix.reduce((n, m) => n + m.count, 0);
      if (total > MAX_BEST_SEATS) ctx.addIssue({ code: 'custom', path: ['mix'], message: `a mix asks for at most ${MAX_BEST_SEATS} seats in all` });
    }
  });

export type Least = 'none' | Role;

export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  role: Least;
}

function ch<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, role: Least): ChannelDef<I, O> {
  return { input, output, role };
}

export const channels = {
  // Auth and staff
  'auth.status': ch(
    Empty,
    z.object({
      setupRequired: z.boolean(),
      staff: Staff.nullable(),
      theater: TheaterInfo.nullable(),
      mode: Mode,
      contractVersion: z.string(),
      appVersion: z.string(),
      serverTime: Instant,
      /** On a LAN server: the paired device this call came from (null when it carried none). */
      device: z.object({ id: Id, name: z.string() }).nullable().optional(),
      /** On a LAN server: its certificate fingerprint, for managers to compare at pairing. */
      fingerprint: z.string().optional(),
    }),
    'none',
  ),
  'auth.setup': ch(z.strictObject({ theater: TheaterInput, manager: z.strictObject({ name: Name, pin: Pin }) }), Session, 'none'),
  'auth.login': ch(z.strictObject({ name: Name, pin: Pin }), Session, 'none'),
  'auth.logout': ch(Empty, Empty, 'cashier'),
  'staff.list': ch(Empty, z.array(Staff), 'manager'),
  'staff.save': ch(z.strictObject({ id: Id.optional(), name: Name, role: Role, pin: Pin.optional(), active: z.boolean() }), Staff, 'manager'),

  // Paired counters (LAN server). devices.pair is public on a LAN server only; elsewhere NOT_SUPPORTED.
  'devices.pair': ch(z.strictObject({ code: PairingCode, name: DeviceName }), z.object({ device: Device, secret: z.string() }), 'none'),
  'devices.pairingCode': ch(Empty, z.object({ code: z.string(), expiresAt: Instant }), 'manager'),
  'devices.list': ch(Empty, z.array(Device), 'manager'),
  'devices.revoke': ch(z.strictObject({ id: Id }), Device, 'manager'),

  // This install's mode (desktop app only: its main process answers; the engine answers NOT_SUPPORTED).
  'install.status': ch(Empty, InstallStatus, 'none'),
  // The first-start choice (anyone), or a manager switching a box office between standalone and server.
  'install.choose': ch(z.strictObject({ mode: z.enum(['standalone', 'server']) }), InstallStatus, 'none'),
  'install.probe': ch(
    z.strictObject({ address: z.string().trim().min(1).max(200) }),
    z.object({ url: z.string(), fingerprint: z.string(), contractVersion: z.string(), theater: z.string().nullable() }),
    'none',
  ),
  'install.discover': ch(
    Empty,
    z.object({ servers: z.array(z.object({ name: z.string(), url: z.string(), fingerprint: z.string().nullable(), contractVersion: z.string().nullable() })) }),
    'none',
  ),
  'install.join': ch(z.strictObject({ url: z.string().min(1).max(300), fingerprint: z.string().min(1).max(200), code: PairingCode, name: DeviceName }), InstallStatus, 'none'),

  // Catalog
  'movies.search': ch(
    z.strictObject({ query: z.string().max(100).optional(), genre: z.string().max(50).optional(), language: z.string().max(50).optional(), includeArchived: z.boolean().optional() }),
    z.array(Movie),
    'cashier',
  ),
  'movies.save': ch(
    z.strictObject({
      id: Id.optional(),
      title: Name,
      durationMinutes: z.int().min(1).max(600),
      genres: z.array(z.string().trim().min(1).max(40)).max(10),
      language: z.string().trim().min(1).max(40),
      rating: z.string().trim().min(1).max(10),
      releaseDate: LocalDate.optional(),
      synopsis: z.string().max(2000).optional(),
      distributor: z.string().trim().min(1).max(100).optional(),
      rentalPercent: z.number().min(0).max(100).refine((x) => Math.abs(x * 100 - Math.round(x * 100)) < 1e-7, 'at most 2 decimal places').optional(),
    }),
    Movie,
    'manager',
  ),
  'movies.archive': ch(z.strictObject({ id: Id }), Movie, 'manager'),
  'theaters.list': ch(Empty, z.array(Theater), 'cashier'),
  'theaters.save': ch(TheaterInput.extend({ id: Id.optional() }), Theater, 'manager'),
  'halls.get': ch(z.strictObject({ id: Id }), Hall, 'cashier'),
  'halls.save': ch(
    z.strictObject({
      id: Id.optional(),
      theaterId: Id,
      name: Name,
      cleaningMinutes: z.int().min(0).max(240),
      rows: z.array(HallRowInput).min(1).max(200),
    }),
    Hall,
    'manager',
  ),

  // Schedule
  'shows.list': ch(
    z.strictObject({
      date: LocalDate.optional(),
      from: LocalDate.optional(),
      to: LocalDate.optional(),
      theaterId: Id.optional(),
      movieId: Id.optional(),
      hallId: Id.optional(),
      includeCancelled: z.boolean().optional(),
    }),
    z.array(ShowSummary),
    'cashier',
  ),
  'shows.save': ch(
    z.strictObject({ id: Id.optional(), movieId: Id, hallId: Id, startsAt: Instant, basePrice: Money, format: z.string().trim().min(1).max(20).optional() }),
    Show,
    'manager',
  ),
  'shows.cancel': ch(
    z.strictObject({ id: Id, reason: z.string().trim().min(1).max(500) }),
    z.object({
      show: Show,
      refunded: z.array(Booking),
      /** Terminal refunds that did not go through, per booking: settle these by hand. */
      refundFailed: z.array(z.object({ bookingId: Id, method: PaymentMethod, amount: Money })).optional(),
    }),
    'manager',
  ),

  // Seats
  'seats.map': ch(z.strictObject({ showId: Id }), SeatMap, 'cashier'),
  // The seat map split for speed: the layout only when the caller's cached one (hall + version) is stale.
  'seats.claims': ch(
    z.strictObject({ showId: Id, layout: z.strictObject({ hallId: Id, version: z.int() }).optional() }),
    SeatClaims,
    'cashier',
  ),
  // With `ticketTypes` (a type per seat; seats not named are adult) the answer also carries the
  // quote for the whole hold, so the counter needs no second round trip to show the price.
  'seats.hold': ch(
    z.strictObject({
      showId: Id,
      seatIds: z.array(Id).min(1).max(100),
      holdId: Id.optional(),
      ticketTypes: z.record(Id, TicketType).refine((r) => Object.keys(r).length <= 100, 'at most 100 seats').optional(),
    }),
    HoldWithQuote,
    'cashier',
  ),
  'seats.release': ch(z.strictObject({ holdId: Id, seatIds: z.array(Id).min(1).max(100).optional() }), Hold.nullable(), 'cashier'),
  'seats.bestAvailable': ch(
    BestAvailableInput,
    // split: true only when no row can seat the party side by side (the seats are apart).
    z.object({ seatIds: z.array(Id), split: z.boolean().optional() }),
    'cashier',
  ),

  // Pricing
  'pricing.quote': ch(z.strictObject({ showId: Id, tickets: Tickets, promoCode: PromoCode.optional() }), Quote, 'cashier'),
  // v2: a what-if: the tickets priced with rules that are being edited and not saved.
  'pricing.preview': ch(z.strictObject({ showId: Id, tickets: Tickets, rules: PricingRules, promoCode: PromoCode.optional() }), Quote, 'manager'),
  'pricing.get': ch(Empty, PricingRules, 'cashier'),
  'pricing.save': ch(PricingRules, PricingRules, 'manager'),

  // Bookings and payments
  'bookings.confirm': ch(
    z.strictObject({
      holdId: Id,
      tickets: Tickets,
      // Empty only for a sale whose total is 0 (a 100 % promo): the payments must add up to it.
      payments: PaymentLines.max(10),
      customer: Customer.optional(),
      idempotencyKey: z.string().min(8).max(100),
      promoCode: PromoCode.optional(),
    }),
    Booking,
    'cashier',
  ),
  'bookings.get': ch(z.union([z.strictObject({ id: Id }), z.strictObject({ code: BookingCode })]), Booking, 'cashier'),
  'bookings.search': ch(
    z.strictObject({ query: z.string().trim().max(100).optional(), showId: Id.optional(), date: LocalDate.optional(), limit: z.int().min(1).max(500).optional() }),
    z.array(Booking),
    'cashier',
  ),
  'bookings.cancel': ch(
    z.strictObject({
      id: Id,
      reason: z.string().trim().min(1).max(500),
      override: z.boolean().optional(),
      /** A manager's name and PIN typed at a cashier's counter to approve an override. */
      approval: z.strictObject({ name: Name, pin: Pin }).optional(),
      /** v2 partial cancellation: only these tickets (the tier applies to their amounts). */
      ticketIds: z.array(Id).min(1).max(100).optional(),
    }),
    z.object({
      booking: Booking,
      refund: z.object({
        amount: Money,
        percent: z.int(),
        /** Terminal refunds that did not go through: the customer is still owed these; settle by hand. */
        failed: z.array(z.object({ method: PaymentMethod, amount: Money })).optional(),
      }),
    }),
    'cashier',
  ),
  'bookings.refundQuote': ch(
    z.strictObject({ id: Id, ticketIds: z.array(Id).min(1).max(100).optional() }),
    z.object({ amount: Money, percent: z.int(), showStarted: z.boolean() }),
    'cashier',
  ),

  // Receipts, reports, shifts, settings, backups, audit
  'receipts.get': ch(z.strictObject({ bookingId: Id }), Receipt, 'cashier'),
  'receipts.print': ch(z.strictObject({ bookingId: Id, pdf: z.boolean().optional(), steps: z.boolean().optional() }), z.object({ printed: z.boolean(), pdfFile: z.string().optional() }), 'cashier'),
  'reports.daily': ch(z.strictObject({ date: LocalDate, theaterId: Id.optional() }), DailyReport, 'manager'),
  'reports.film': ch(z.strictObject({ from: LocalDate, to: LocalDate, theaterId: Id.optional() }), z.object({ currency: z.string(), rows: z.array(FilmReportRow) }), 'manager'),
  'reports.occupancy': ch(z.strictObject({ from: LocalDate, to: LocalDate, theaterId: Id.optional() }), z.array(OccupancyRow), 'manager'),
  'shifts.current': ch(Empty, Shift.nullable(), 'cashier'),
  'shifts.open': ch(z.strictObject({ float: Money }), Shift, 'cashier'),
  'shifts.close': ch(
    z.strictObject({ countedCash: Money }),
    z.object({ shift: Shift, expectedCash: z.int(), countedCash: Money, difference: z.int() }),
    'cashier',
  ),
  'shifts.list': ch(z.strictObject({ date: LocalDate }), z.array(Shift), 'manager'),
  'settings.get': ch(Empty, Settings, 'cashier'),
  'settings.save': ch(Settings, Settings, 'manager'),
  'backup.create': ch(Empty, BackupInfo, 'manager'),
  'backup.list': ch(Empty, z.array(BackupInfo), 'manager'),
  'backup.restore': ch(z.strictObject({ file: z.string().min(1).max(200) }), z.object({ restored: z.string() }), 'manager'),
  'audit.list': ch(
    z.strictObject({ from: Instant.optional(), to: Instant.optional(), staffId: Id.optional(), limit: z.int().min(1).max(5000).optional() }),
    z.array(AuditEntry),
    'manager',
  ),

  // Card/UPI/wallet operations a person must check (a charge with an unknown outcome, a refund
  // the terminal kept refusing), and a manager's note that settles one.
  'payments.review': ch(z.strictObject({ includeResolved: z.boolean().optional() }), z.array(TerminalOpItem), 'manager'),
  'payments.resolve': ch(z.strictObject({ id: Id, note: z.string().trim().min(3).max(500) }), TerminalOpItem, 'manager'),

  // Notifications (email receipts and SMS through the outbox)
  'notifications.getConfig': ch(Empty, NotifyConfig, 'manager'),
  'notifications.saveConfig': ch(NotifyConfigInput, NotifyConfig, 'manager'),
  'notifications.test': ch(z.strictObject({ to: z.email().max(200) }), z.object({ sent: z.boolean() }), 'manager'),
  'notifications.list': ch(
    z.strictObject({ status: OutboxStatus.optional(), bookingId: Id.optional(), limit: z.int().min(1).max(1000).optional() }),
    z.array(OutboxItem),
    'manager',
  ),
  'notifications.retry': ch(z.strictObject({ id: Id.optional() }), z.object({ scheduled: z.int() }), 'manager'),
  // Pays out, from the caller's drawer, the cash a show cancellation left owed on a booking.
  'bookings.payOutRefund': ch(z.strictObject({ id: Id }), Booking, 'cashier'),
  'bookings.resendReceipt': ch(
    z.strictObject({ bookingId: Id, email: z.email().max(200).optional() }),
    z.object({ queued: z.int() }),
    'cashier',
  ),

  // v2 admissions and after-sale (contract.md "Admissions and after-sale")
  'admissions.scan': ch(z.strictObject({ code: ScanCode, showId: Id, door: z.string().trim().min(1).max(40).optional() }), Admission, 'cashier'),
  'admissions.undo': ch(z.strictObject({ ticketId: Id }), AdmissionTicket, 'manager'),
  'admissions.summary': ch(z.strictObject({ showId: Id }), z.object({ sold: z.int(), admitted: z.int() }), 'cashier'),
  'bookings.exchange': ch(
    z.strictObject({
      bookingId: Id,
      holdId: Id,
      tickets: Tickets,
      payments: PaymentsInput.optional(),
      idempotencyKey: z.string().min(8).max(100),
    }),
    z.object({ booking: Booking, previous: Booking, difference: z.int(), refund: z.object({ failed: z.array(z.object({ method: PaymentMethod, amount: Money })) }).optional() }),
    'cashier',
  ),
  'shows.blockSeats': ch(
    z.strictObject({ showId: Id, seatIds: z.array(Id).min(1).max(500), reason: z.string().trim().min(1).max(200) }),
    z.object({ showId: Id, seatIds: z.array(Id) }),
    'manager',
  ),
  'shows.unblockSeats': ch(z.strictObject({ showId: Id, seatIds: z.array(Id).min(1).max(500) }), z.object({ showId: Id, seatIds: z.array(Id) }), 'manager'),

  // v2: promo codes and gift vouchers.
  'promos.save': ch(
    z.strictObject({
      id: Id.optional(),
      code: PromoCode,
      kind: z.enum(['percent', 'amount']),
      value: z.int().min(1).max(1_000_000_000),
      validFrom: LocalDate.optional(),
      validTo: LocalDate.optional(),
      maxUses: z.int().min(1).max(1_000_000).optional(),
      movieIds: z.array(Id).max(200).optional(),
      active: z.boolean(),
    }),
    Promo,
    'manager',
  ),
  'promos.list': ch(z.strictObject({ includeInactive: z.boolean().optional() }), z.array(Promo), 'manager'),
  'vouchers.sell': ch(
    z.strictObject({
      amount: Money.min(1),
      payments: z
        .array(z.strictObject({ method: z.enum(['cash', 'card']), amount: Money, tendered: Money.optional(), reference: z.string().trim().min(1).max(64).optional() }))
        .min(1)
        .max(4),
      idempotencyKey: z.string().min(8).max(100),
    }),
    z.object({ voucher: Voucher, payments: z.array(z.object({ method: PaymentMethod, amount: Money, tendered: Money.optional(), change: Money.optional() })) }),
    'cashier',
  ),
  'vouchers.get': ch(z.strictObject({ code: VoucherCode }), Voucher, 'cashier'),
} as const;

export type Channels = typeof channels;
export type Channel = keyof Channels;
export type ChannelInput<C extends Channel> = z.input<Channels[C]['input']>;
/** The input after parsing (defaults applied); what the engine receives. */
export type ParsedInput<C extends Channel> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends Channel> = z.infer<Channels[C]['output']>;

export const CHANNEL_NAMES = Object.keys(channels) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}

export function roleAllows(have: Role, least: Least): boolean {
  if (least === 'none') return true;
  if (least === 'cashier') return have === 'cashier' || have === 'manager';
  return have === 'manager';
}
