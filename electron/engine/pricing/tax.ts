// Ticket tax, exact: a rate with up to 3 decimals is held as thousandths of a percent, every
// amount is an integer, and the tax of a line is rounded half-up once (contract.md, v2 precisions):
//   inclusive: tax = round_half_up(gross x rate / (100 + rate)), net = gross - tax
//   exclusive: tax = round_half_up(net x rate / 100),            gross = net + tax
import type { Settings } from '../../../shared/contract';

export type TaxTerms = Settings['tax'];

/** Round half-up of a non-negative fraction num/den to an integer. */
export function roundHalfUp(num: bigint, den: bigint): bigint {
  return (2n * num + den) / (2n * den);
}

/** A percent such as 7.125 as 7125 thousandths (exact: it has at most 3 decimals). */
export function rateUnits(percent: number): bigint {
  return BigInt(Math.round(percent * 1000));
}

/** The net, tax and gross of one ticket line whose price (before tax is added, in exclusive mode) is `amount`. */
export function splitTax(amount: number, terms: TaxTerms): { net: number; tax: number; gross: number } {
  const r = rateUnits(terms.ticketRatePercent);
  const a = BigInt(amount);
  if (terms.mode === 'inclusive') {
    const tax = Number(roundHalfUp(a * r, 100_000n + r));
    return { net: amount - tax, tax, gross: amount };
  }
  const tax = Number(roundHalfUp(a * r, 100_000n));
  return { net: amount, tax, gross: amount + tax };
}

/**
 * The tax inside `part` of an amount `gross` that contains `tax` (a refund of part of a booking,
 * the money kept after a tiered refund): proportional, rounded half-up, never more than `tax`.
 */
export function taxShare(part: number, tax: number, gross: number): number {
  if (gross <= 0 || part <= 0 || tax <= 0) return 0;
  if (part >= gross) return tax;
  return Number(roundHalfUp(BigInt(part) * BigInt(tax), BigInt(gross)));
}

/** "20 %" or "7.125 %" for labels. */
export function percentLabel(percent: number): string {
  return `${Number(percent.toFixed(3))} %`;
}
