// Exact money arithmetic for every combination contract.md v2 lists (surcharges per format and
// per movie, the cap, percent and amount promos, flat-price days, inclusive and exclusive tax),
// against totals computed by hand, plus fast-check properties of one line.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICING, type PricingRules } from '../../shared/contract';
import { discountOf, priceTicket, type PriceInput, type PromoTerms } from '../../electron/engine/pricing/price';
import { splitTax, taxShare, type TaxTerms } from '../../electron/engine/pricing/tax';

const MONDAY = { date: '2026-11-23', weekday: 1, minutes: 14 * 60 };
const SATURDAY = { date: '2026-11-28', weekday: 6, minutes: 14 * 60 };
const NONE: TaxTerms = { mode: 'inclusive', ticketRatePercent: 0 };

function rules(over: Partial<PricingRules> = {}): PricingRules {
  return { ...DEFAULT_PRICING, ...over };
}

interface Case {
  name: string;
  rules?: Partial<PricingRules>;
  input: Partial<PriceInput>;
  promo?: PromoTerms;
  tax?: TaxTerms;
  net: number;
  tax$: number;
  gross: number;
  discount?: number;
  kinds?: string[];
}

const IMAX = { surcharges: { formats: { IMAX: 500 }, movies: {} } };
const IMAX_AND_FILM = { surcharges: { formats: { IMAX: 500 }, movies: { mv_1: 200 } } };
const P10: PromoTerms = { code: 'TEN', kind: 'percent', value: 10 };

const CASES: Case[] = [
  // The contract's example: 1500 x 1.5 + 500 = 2750.
  { name: 'IMAX surcharge after the multipliers', rules: IMAX, input: { basePrice: 1500, seatType: 'vip', format: 'IMAX' }, net: 2750, tax$: 0, gross: 2750,
    kinds: ['base', 'seatType', 'ticketType', 'surcharge'] },
  { name: 'format matched ignoring case', rules: IMAX, input: { basePrice: 1500, seatType: 'vip', format: 'imax' }, net: 2750, tax$: 0, gross: 2750 },
  { name: 'format and movie surcharges: 1500 x 1.5 + 500 + 200', rules: IMAX_AND_FILM, input: { basePrice: 1500, seatType: 'vip', format: 'IMAX', movieId: 'mv_1' },
    net: 2950, tax$: 0, gross: 2950, kinds: ['base', 'seatType', 'ticketType', 'surcharge', 'surcharge'] },
  { name: 'no surcharge for another format', rules: IMAX, input: { basePrice: 1500, seatType: 'vip', format: '2D' }, net: 2250, tax$: 0, gross: 2250 },
  // 1000 x 2.0 x 1.5 = 3000 + 500 = 3500 > 3.0 x 1000: the cap still protects.
  { name: 'cap after the surcharge', rules: IMAX, input: { ...SATURDAY, basePrice: 1000, seatType: 'recliner', format: 'IMAX' }, net: 3000, tax$: 0, gross: 3000,
    kinds: ['base', 'seatType', 'dayRule', 'ticketType', 'surcharge', 'cap'] },
  { name: 'percent promo after the cap: 3000 x 0.9', rules: IMAX, input: { ...SATURDAY, basePrice: 1000, seatType: 'recliner', format: 'IMAX' }, promo: P10,
    net: 2700, tax$: 0, gross: 2700, discount: 300, kinds: ['base', 'seatType', 'dayRule', 'ticketType', 'surcharge', 'cap', 'promo'] },
  // 1234 x 1.3 = 1604.2; x 0.85 = 1363.57 -> 1364; discount 1604 - 1364.
  { name: 'percent promo on an exact fraction, rounded once', input: { basePrice: 1234, seatType: 'premium' }, promo: { code: 'P15', kind: 'percent', value: 15 },
    net: 1364, tax$: 0, gross: 1364, discount: 240, kinds: ['base', 'seatType', 'ticketType', 'promo', 'rounding'] },
  { name: 'amount promo', input: { basePrice: 1000 }, promo: { code: 'OFF', kind: 'amount', value: 250 }, net: 750, tax$: 0, gross: 750, discount: 250 },
  { name: 'amount promo never below 0', input: { basePrice: 1000 }, promo: { code: 'OFF', kind: 'amount', value: 1500 }, net: 0, tax$: 0, gross: 0, discount: 1000 },
  { name: '100 % promo', input: { basePrice: 1000 }, promo: { code: 'FREE', kind: 'percent', value: 100 }, net: 0, tax$: 0, gross: 0, discount: 1000 },
  // Inclusive: tax = round(gross x r / (100 + r)).
  { name: 'inclusive 20 %: 1500 -> tax 250', input: { basePrice: 1500 }, tax: { mode: 'inclusive', ticketRatePercent: 20 }, net: 1250, tax$: 250, gross: 1500,
    kinds: ['base', 'seatType', 'ticketType', 'tax'] },
  { name: 'inclusive 20 %: 1503 -> 250.5 rounds half-up to 251', input: { basePrice: 1503 }, tax: { mode: 'inclusive', ticketRatePercent: 20 }, net: 1252, tax$: 251, gross: 1503 },
  { name: 'inclusive 7.125 %: 1000 -> 66.51 -> 67', input: { basePrice: 1000 }, tax: { mode: 'inclusive', ticketRatePercent: 7.125 }, net: 933, tax$: 67, gross: 1000 },
  { name: 'inclusive 5 %: 1050 -> exactly 50', input: { basePrice: 1050 }, tax: { mode: 'inclusive', ticketRatePercent: 5 }, net: 1000, tax$: 50, gross: 1050 },
  // Exclusive: tax = round(net x r / 100), gross = net + tax.
  { name: 'exclusive 8.875 %: 1500 -> 133.125 -> 133', input: { basePrice: 1500 }, tax: { mode: 'exclusive', ticketRatePercent: 8.875 }, net: 1500, tax$: 133, gross: 1633 },
  { name: 'exclusive 10 %: 1005 -> 100.5 -> 101', input: { basePrice: 1005 }, tax: { mode: 'exclusive', ticketRatePercent: 10 }, net: 1005, tax$: 101, gross: 1106 },
  { name: 'exclusive tax on an amount promo: (1000 - 250) x 8.875 % = 66.5625 -> 67', input: { basePrice: 1000 }, promo: { code: 'OFF', kind: 'amount', value: 250 },
    tax: { mode: 'exclusive', ticketRatePercent: 8.875 }, net: 750, tax$: 67, gross: 817, discount: 250 },
  // A flat price replaces multipliers and surcharges; the promo and tax still apply.
  { name: 'flat price day, promo and exclusive tax: 500 x 0.9 = 450 + 45', rules: { ...IMAX, flatPriceDays: [{ weekday: 1, price: 500 }] },
    input: { basePrice: 1500, seatType: 'vip', format: 'IMAX' }, promo: P10, tax: { mode: 'exclusive', ticketRatePercent: 10 }, net: 450, tax$: 45, gross: 495,
    discount: 50, kinds: ['base', 'flatPrice', 'promo', 'tax'] },
  // 1000 x 2.0 (holiday) x 1.2 (peak) x 0.75 (child) = 1800 + 300 (3D) = 2100.
  { name: 'holiday, peak, child and a 3D surcharge', rules: { holidays: { dates: ['2026-11-23'], multiplier: 2 }, peak: { enabled: true, from: '18:00', to: '22:00', multiplier: 1.2 },
    surcharges: { formats: { '3D': 300 }, movies: {} } }, input: { basePrice: 1000, ticketType: 'child', format: '3D', minutes: 19 * 60 }, net: 2100, tax$: 0, gross: 2100 },
  // 1234 x 1.5 x 1.5 x 0.85 = 2360.025 + 100 = 2460.025 -> 2460.
  { name: 'weekend vip student with a film surcharge, rounded once', rules: { surcharges: { formats: {}, movies: { mv_1: 100 } } },
    input: { ...SATURDAY, basePrice: 1234, seatType: 'vip', ticketType: 'student', movieId: 'mv_1' }, net: 2460, tax$: 0, gross: 2460 },
  // Everything at once: 1000 x 1.5 x 1.5 = 2250 + 500 + 200 = 2950 (< 3000), -10 % = 2655, inclusive 20 % -> 442.5 -> 443.
  { name: 'surcharges, promo and inclusive tax together', rules: IMAX_AND_FILM, input: { ...SATURDAY, basePrice: 1000, seatType: 'vip', format: 'IMAX', movieId: 'mv_1' },
    promo: P10, tax: { mode: 'inclusive', ticketRatePercent: 20 }, net: 2212, tax$: 443, gross: 2655, discount: 295 },
];

describe('exact money per line (hand-computed)', () => {
  it.each(CASES)('$name', (c) => {
    const r = priceTicket(rules(c.rules), { ...MONDAY, seatType: 'regular', ticketType: 'adult', basePrice: 1000, ...c.input } as PriceInput, {
      promo: c.promo ?? null, tax: c.tax ?? NONE,
    });
    expect({ net: r.net, tax: r.tax, gross: r.gross, amount: r.amount }).toEqual({ net: c.net, tax: c.tax$, gross: c.gross, amount: c.gross });
    expect(r.discount).toBe(c.discount);
    if (c.kinds) expect(r.breakdown.map((s) => s.kind)).toEqual(c.kinds);
    // The last step's running amount is what the customer pays; a stored line reads its discount back.
    expect(r.breakdown.at(-1)!.amountAfter).toBe(c.gross);
    expect(discountOf(r.breakdown)).toBe(c.discount);
  });

  it('a booking of several lines totals the sum of its lines: 2750 + 2250 + 1500 x 0.75 + 500', () => {
    const r = rules(IMAX);
    const line = (seatType: PriceInput['seatType'], ticketType: string) =>
      priceTicket(r, { ...MONDAY, basePrice: 1500, seatType, ticketType, format: 'IMAX' }, { tax: { mode: 'exclusive', ticketRatePercent: 10 } });
    const lines = [line('vip', 'adult'), line('regular', 'adult'), line('regular', 'child')];
    expect(lines.map((l) => [l.net, l.tax, l.gross])).toEqual([[2750, 275, 3025], [2000, 200, 2200], [1625, 163, 1788]]);
    expect(lines.reduce((s, l) => s + l.gross, 0)).toBe(7013);
  });

  it('shows the running amount after every step, exact fractions rounded for display', () => {
    const r = priceTicket(rules(IMAX), { ...SATURDAY, basePrice: 1234, seatType: 'vip', ticketType: 'child', format: 'IMAX' }, { promo: P10 });
    // 1234, 1851, 2776.5, 2082.375, +500 = 2582.375, x0.9 = 2324.1375 -> 2324.
    expect(r.breakdown.map((s) => [s.kind, s.amountAfter])).toEqual([
      ['base', 1234], ['seatType', 1851], ['dayRule', 2777], ['ticketType', 2082], ['surcharge', 2582], ['promo', 2324], ['rounding', 2324],
    ]);
  });
});

describe('tax helpers', () => {
  it('splits exactly and shares tax in proportion, half-up, never more than the tax', () => {
    expect(splitTax(1000, { mode: 'inclusive', ticketRatePercent: 0 })).toEqual({ net: 1000, tax: 0, gross: 1000 });
    expect(splitTax(0, { mode: 'exclusive', ticketRatePercent: 20 })).toEqual({ net: 0, tax: 0, gross: 0 });
    expect(taxShare(500, 250, 1500)).toBe(83); // 83.33
    expect(taxShare(750, 250, 1500)).toBe(125);
    expect(taxShare(1500, 250, 1500)).toBe(250);
    expect(taxShare(2000, 250, 1500)).toBe(250);
    expect(taxShare(0, 250, 1500)).toBe(0);
  });
});

// Random rules, shows and promos: the invariants of one line hold for all of them.
const multiplier = fc.integer({ min: 0, max: 40_000 }).map((u) => u / 10_000);
const arbRules: fc.Arbitrary<PricingRules> = fc.record({
  seatTypes: fc.record({ regular: multiplier, premium: multiplier, vip: multiplier, recliner: multiplier, wheelchair: multiplier, companion: multiplier }),
  ticketTypes: fc.record({ adult: multiplier, child: multiplier }),
  weekend: fc.record({ days: fc.constant<number[]>([6, 0]), multiplier }),
  holidays: fc.record({ dates: fc.constant<string[]>(['2026-11-23']), multiplier }),
  peak: fc.record({ enabled: fc.boolean(), from: fc.constant('18:00'), to: fc.constant('22:00'), multiplier }),
  flatPriceDays: fc.oneof(fc.constant<{ weekday: number; price: number }[]>([]), fc.integer({ min: 0, max: 50_000 }).map((price) => [{ weekday: 1, price }])),
  capMultiplier: fc.integer({ min: 1, max: 100_000 }).map((u) => u / 10_000),
  surcharges: fc.record({
    formats: fc.oneof(fc.constant<Record<string, number>>({}), fc.integer({ min: 0, max: 5000 }).map((a) => ({ IMAX: a }))),
    movies: fc.oneof(fc.constant<Record<string, number>>({}), fc.integer({ min: 0, max: 5000 }).map((a) => ({ mv_1: a }))),
  }),
});
const arbPromo: fc.Arbitrary<PromoTerms | null> = fc.oneof(
  fc.constant(null),
  fc.integer({ min: 1, max: 100 }).map((value) => ({ code: 'P', kind: 'percent' as const, value })),
  fc.integer({ min: 1, max: 100_000 }).map((value) => ({ code: 'A', kind: 'amount' as const, value })),
);
const arbTax: fc.Arbitrary<TaxTerms> = fc.record({
  mode: fc.constantFrom('inclusive' as const, 'exclusive' as const),
  ticketRatePercent: fc.integer({ min: 0, max: 100_000 }).map((u) => u / 1000),
});

describe('properties of one line', () => {
  it('gross = net + tax, amount = gross = the last running amount, nothing negative, the cap respected before the promo', () => {
    fc.assert(
      fc.property(
        arbRules, arbPromo, arbTax, fc.integer({ min: 0, max: 1_000_000 }),
        fc.constantFrom('regular', 'premium', 'vip', 'recliner', 'wheelchair', 'companion'), fc.constantFrom('adult', 'child'),
        fc.constantFrom(MONDAY, SATURDAY), fc.constantFrom('IMAX', '2D'),
        (r, promo, tax, basePrice, seatType, ticketType, day, format) => {
          const p = priceTicket(r, { ...day, basePrice, seatType, ticketType, format, movieId: 'mv_1' }, { promo, tax });
          expect(p.gross).toBe(p.net + p.tax);
          expect(p.amount).toBe(p.gross);
          expect(Math.min(p.net, p.tax, p.gross)).toBeGreaterThanOrEqual(0);
          expect(p.breakdown.at(-1)!.amountAfter).toBe(p.gross);
          const flat = r.flatPriceDays.some((f) => f.weekday === day.weekday);
          const beforeTax = tax.mode === 'inclusive' ? p.gross : p.net;
          // Without a flat price, the price before tax is never above cap x base (rounded).
          if (!flat) expect(beforeTax).toBeLessThanOrEqual(Math.round(basePrice * r.capMultiplier) + 1);
          if (promo) expect(p.discount).toBeGreaterThanOrEqual(0);
          else expect(p.discount).toBeUndefined();
        },
      ),
      { numRuns: 500 },
    );
  });
});
