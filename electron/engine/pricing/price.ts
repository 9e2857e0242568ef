// The pure ticket price calculator: pricing rules + one seat of one show -> an amount and the
// breakdown of why. No database, no clock: everything it needs is passed in, so it is tested
// exhaustively on its own and the quote and the sale share exactly the same arithmetic.
//
// Exactness: every multiplier has at most 4 decimal places (the contract validates that), so it is
// held as an integer number of 1/10000ths. The exact price is then the fraction
//   base x m1 x m2 x ... / 10000^k
// kept as two BigInts; it is compared with the cap exactly and rounded half-up ONCE, at the end.
// No float ever touches an amount.
//
// v2 (issue 13): surcharges (per format, per movie) after the multipliers and before the cap; a
// promo discount after the cap; the one rounding; then tax on the rounded line. Every step carries
// amountAfter, the running amount (an exact fraction shown rounded half-up), for the receipt.
import { BoxOfficeError, type BreakdownStep, type PricingRules, type SeatType } from '../../../shared/contract';
import { percentLabel, roundHalfUp, splitTax, type TaxTerms } from './tax';

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
  /** The show's format (2D, 3D, IMAX): format surcharges. */
  format?: string;
  /** The show's movie: movie surcharges. */
  movieId?: string;
}

/** A promo code's terms as they apply to one ticket (the code was found usable for this sale). */
export interface PromoTerms {
  code: string;
  kind: 'percent' | 'amount';
  /** A percent (10 = 10 %) or an amount in minor units off each ticket. */
  value: number;
}

export interface PriceOptions {
  promo?: PromoTerms | null;
  /** Without tax terms the line has no tax (net = gross = amount). */
  tax?: TaxTerms;
}

export interface PriceResult {
  /** What the customer pays for the ticket: the gross. */
  amount: number;
  net: number;
  tax: number;
  gross: number;
  /** The promo's discount on this ticket, when a promo applied. */
  discount?: number;
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

/** The surcharge for a format: the exact key, else the same name ignoring case and spaces. */
export function formatSurcharge(formats: Record<string, number>, format: string | undefined): [string, number] | null {
  if (!format) return null;
  if (Object.hasOwn(formats, format)) return [format, formats[format]!];
  const want = format.trim().toLowerCase();
  const hit = Object.entries(formats).find(([k]) => k.trim().toLowerCase() === want);
  return hit ?? null;
}

/** The exact running amount num/den, kept as two BigInts, and the steps that made it. */
class Running {
  num: bigint;
  den = 1n;
  readonly steps: BreakdownStep[] = [];
  constructor(start: number) {
    this.num = BigInt(start);
  }
  shown(): number {
    return Number(roundHalfUp(this.num, this.den));
  }
  push(label: string, kind: BreakdownStep['kind'], value: number): void {
    this.steps.push({ label, kind, value, amountAfter: this.shown() });
  }
  multiply(factor: number, label: string, kind: BreakdownStep['kind']): void {
    this.num *= multiplierUnits(factor);
    this.den *= SCALE;
    this.push(`${label} x${factor}`, kind, factor);
  }
  add(amount: number, label: string): void {
    this.num += BigInt(amount) * this.den;
    this.push(label, 'surcharge', amount);
  }
  set(amount: bigint, den: bigint): void {
    this.num = amount;
    this.den = den;
  }
}

/**
 * Prices one ticket. Order (contract.md): base, seat type, day rule (a holiday beats a weekend,
 * they never stack), peak, ticket type, surcharges (format, movie); a flat-price day replaces all
 * of that; then the cap, the promo discount (never below 0), the one rounding, and the tax.
 * Throws VALIDATION for a ticket type the rules do not know.
 */
export function priceTicket(rules: PricingRules, input: PriceInput, opts: PriceOptions = {}): PriceResult {
  // Own properties only: a name such as "constructor" must not reach Object.prototype.
  const ticketMultiplier = Object.hasOwn(rules.ticketTypes, input.ticketType) ? rules.ticketTypes[input.ticketType] : undefined;
  if (ticketMultiplier === undefined) {
    throw new BoxOfficeError('VALIDATION', `Unknown ticket type "${input.ticketType}"`, {
      ticketType: input.ticketType,
      known: Object.keys(rules.ticketTypes),
    });
  }
  const base = BigInt(input.basePrice);
  const run = new Running(input.basePrice);
  run.push('Base price', 'base', input.basePrice);

  // A flat-price day is the whole price: no multiplier, no surcharge, no cap (the manager chose
  // that number). A promo and the tax still apply: they are not pricing rules of the day.
  const flat = rules.flatPriceDays.find((d) => d.weekday === input.weekday);
  if (flat) {
    run.set(BigInt(flat.price), 1n);
    run.push(`Flat price on ${WEEKDAYS[input.weekday]}`, 'flatPrice', flat.price);
  } else {
    run.multiply(rules.seatTypes[input.seatType], SEAT_LABELS[input.seatType], 'seatType');
    if (rules.holidays.dates.includes(input.date)) run.multiply(rules.holidays.multiplier, 'Holiday', 'dayRule');
    else if (rules.weekend.days.includes(input.weekday)) run.multiply(rules.weekend.multiplier, 'Weekend', 'dayRule');
    if (rules.peak.enabled && inPeakWindow(input.minutes, rules.peak.from, rules.peak.to)) {
      run.multiply(rules.peak.multiplier, `Peak hours ${rules.peak.from}-${rules.peak.to}`, 'peak');
    }
    run.multiply(ticketMultiplier, `${capitalise(input.ticketType)} ticket`, 'ticketType');

    const surcharges = rules.surcharges ?? { formats: {}, movies: {} };
    const fmt = formatSurcharge(surcharges.formats, input.format);
    if (fmt && fmt[1] > 0) run.add(fmt[1], `${fmt[0]} surcharge`);
    const movie = input.movieId && Object.hasOwn(surcharges.movies, input.movieId) ? surcharges.movies[input.movieId]! : 0;
    if (movie > 0) run.add(movie, 'Film surcharge');

    // The cap, compared exactly: num/den > base x cap / 10000  <=>  num x 10000 > base x cap x den.
    const capUnits = multiplierUnits(rules.capMultiplier);
    if (run.num * SCALE > base * capUnits * run.den) {
      run.set(base * capUnits, SCALE);
      run.push(`Capped at ${rules.capMultiplier} x base price`, 'cap', Number(run.num) / Number(run.den));
    }
  }

  let beforePromo: bigint | null = null;
  const promo = opts.promo;
  if (promo) {
    beforePromo = roundHalfUp(run.num, run.den);
    if (promo.kind === 'percent') {
      const pct = BigInt(Math.min(100, promo.value));
      run.set(run.num * (100n - pct), run.den * 100n);
      run.push(`Promo ${promo.code} -${promo.value} %`, 'promo', promo.value);
    } else {
      const off = BigInt(promo.value) * run.den;
      run.set(run.num > off ? run.num - off : 0n, run.den);
      run.push(`Promo ${promo.code}`, 'promo', promo.value);
    }
  }

  const amount = roundHalfUp(run.num, run.den);
  if (run.num % run.den !== 0n) run.push('Rounded half-up', 'rounding', Number(amount));
  const rounded = Number(amount);

  const split = opts.tax ? splitTax(rounded, opts.tax) : { net: rounded, tax: 0, gross: rounded };
  if (opts.tax && opts.tax.ticketRatePercent > 0) {
    const label = opts.tax.mode === 'inclusive'
      ? `Includes tax ${percentLabel(opts.tax.ticketRatePercent)}`
      : `Tax ${percentLabel(opts.tax.ticketRatePercent)}`;
    run.steps.push({ label, kind: 'tax', value: split.tax, amountAfter: split.gross });
  }
  return {
    amount: split.gross,
    net: split.net,
    tax: split.tax,
    gross: split.gross,
    ...(beforePromo !== null ? { discount: Number(beforePromo) - rounded } : {}),
    breakdown: run.steps,
  };
}

/**
 * A stored line's promo discount, read back from its breakdown: the amount before the promo step
 * less the rounded amount before tax (the same number priceTicket reported at the sale).
 */
export function discountOf(breakdown: readonly { kind: string; amountAfter?: number | undefined }[]): number | undefined {
  const i = breakdown.findIndex((s) => s.kind === 'promo');
  if (i <= 0) return undefined;
  const before = breakdown[i - 1]!.amountAfter;
  const beforeTax = [...breakdown].reverse().find((s) => s.kind !== 'tax')?.amountAfter;
  return before === undefined || beforeTax === undefined ? undefined : before - beforeTax;
}
