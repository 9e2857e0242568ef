// The pure ticket price calculator: pricing rules + one seat of one show -> an amount and the
// breakdown of why. No database, no clock: everything it needs is passed in, so it is tested
// exhaustively on its own and the quote and the sale share exactly the same arithmetic.
//
// Exactness: every multiplier has at most 4 decimal places (the contract validates that), so it is
// held as an integer number of 1/10000ths. The exact price is then the fraction
//   base x m1 x m2 x ... / 10000^k
// kept as two BigInts; it is compared with the cap exactly and rounded half-up ONCE, at the end.
// No float ever touches an amount.
import { BoxOfficeError, type BreakdownStep, type PricingRules, type SeatType } from '../../../shared/contract';

const SCALE = 10_000n;

/** A multiplier such as 1.3 as 13000 ten-thousandths (exact: it has at most 4 decimals). */
export function multiplierUnits(x: number): bigint {
  return BigInt(Math.round(x * 10_000));
}

export interface PriceInput {
  /** The show's base price in minor units. */
  basePrice: number;
  seatType: SeatType;
  ticketType: string;
  /** The show's local start date (YYYY-MM-DD) in the theater's zone: holidays. */
  date: string;
  /** The show's local weekday, 0 = Sunday: weekends and flat-price days. */
  weekday: number;
  /** The show's local start time in minutes since local midnight: peak hours. */
  minutes: number;
}

export interface PriceResult {
  amount: number;
  breakdown: BreakdownStep[];
}

const SEAT_LABELS: Record<SeatType, string> = {
  regular: 'Regular seat',
  premium: 'Premium seat',
  vip: 'VIP seat',
  recliner: 'Recliner seat',
  wheelchair: 'Wheelchair space',
  companion: 'Companion seat',
};

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/**
 * Whether a local time falls in the peak window [from, to). A window whose end is before its
 * start runs over midnight (22:00 to 02:00); from === to is an empty window.
 */
export function inPeakWindow(minutes: number, from: string, to: string): boolean {
  const f = minutesOf(from);
  const t = minutesOf(to);
  if (f === t) return false;
  return f < t ? minutes >= f && minutes < t : minutes >= f || minutes < t;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Round half-up of a non-negative fraction num/den to an integer. */
function roundHalfUp(num: bigint, den: bigint): bigint {
  return (2n * num + den) / (2n * den);
}

/**
 * Prices one ticket. Order (contract.md): base, seat type, day rule (a holiday beats a weekend,
 * they never stack), peak, ticket type; a flat-price day replaces all of that; then the cap, then
 * the one rounding. Throws VALIDATION for a ticket type the rules do not know.
 */
export function priceTicket(rules: PricingRules, input: PriceInput): PriceResult {
  // Own properties only: a name such as "constructor" must not reach Object.prototype.
  const ticketMultiplier = Object.hasOwn(rules.ticketTypes, input.ticketType) ? rules.ticketTypes[input.ticketType] : undefined;
  if (ticketMultiplier === undefined) {
    throw new BoxOfficeError('VALIDATION', `Unknown ticket type "${input.ticketType}"`, {
      ticketType: input.ticketType,
      known: Object.keys(rules.ticketTypes),
    });
  }
  const base = BigInt(input.basePrice);
  const breakdown: BreakdownStep[] = [{ label: 'Base price', kind: 'base', value: input.basePrice }];

  // A flat-price day is the whole price: no multiplier, no cap (the manager chose that number).
  const flat = rules.flatPriceDays.find((d) => d.weekday === input.weekday);
  if (flat) {
    breakdown.push({ label: `Flat price on ${WEEKDAYS[input.weekday]}`, kind: 'flatPrice', value: flat.price });
    return { amount: flat.price, breakdown };
  }

  let num = base;
  let den = 1n;
  const apply = (factor: number, label: string, kind: BreakdownStep['kind']): void => {
    num *= multiplierUnits(factor);
    den *= SCALE;
    breakdown.push({ label: `${label} x${factor}`, kind, value: factor });
  };

  const seatMultiplier = rules.seatTypes[input.seatType];
  apply(seatMultiplier, SEAT_LABELS[input.seatType], 'seatType');

  if (rules.holidays.dates.includes(input.date)) apply(rules.holidays.multiplier, 'Holiday', 'dayRule');
  else if (rules.weekend.days.includes(input.weekday)) apply(rules.weekend.multiplier, 'Weekend', 'dayRule');

  if (rules.peak.enabled && inPeakWindow(input.minutes, rules.peak.from, rules.peak.to)) {
    apply(rules.peak.multiplier, `Peak hours ${rules.peak.from}-${rules.peak.to}`, 'peak');
  }

  apply(ticketMultiplier, `${capitalise(input.ticketType)} ticket`, 'ticketType');

  // The cap, compared exactly: num/den > base x cap / 10000  <=>  num x 10000 > base x cap x den.
  const capUnits = multiplierUnits(rules.capMultiplier);
  if (num * SCALE > base * capUnits * den) {
    num = base * capUnits;
    den = SCALE;
    breakdown.push({ label: `Capped at ${rules.capMultiplier} x base price`, kind: 'cap', value: Number(num) / Number(den) });
  }

  const amount = roundHalfUp(num, den);
  if (num % den !== 0n) breakdown.push({ label: 'Rounded half-up', kind: 'rounding', value: Number(amount) });
  return { amount: Number(amount), breakdown };
}
