// The pure price calculator, against hand-computed amounts.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICING, type PricingRules } from '../../shared/contract';
import { inPeakWindow, priceTicket, type PriceInput } from '../../electron/engine/pricing/price';

const monday: Omit<PriceInput, 'seatType' | 'ticketType' | 'basePrice'> = { date: '2026-11-23', weekday: 1, minutes: 14 * 60 };
const saturday = { date: '2026-11-28', weekday: 6, minutes: 14 * 60 };

function rules(over: Partial<PricingRules> = {}): PricingRules {
  return { ...DEFAULT_PRICING, ...over };
}

describe('priceTicket', () => {
  it('prices a weekday regular adult at the base price', () => {
    const r = priceTicket(rules(), { ...monday, basePrice: 1234, seatType: 'regular', ticketType: 'adult' });
    expect(r.amount).toBe(1234);
    expect(r.breakdown.map((s) => s.kind)).toEqual(['base', 'seatType', 'ticketType']);
  });

  it('multiplies seat type, weekend and ticket type and rounds once: 1234 x 1.5 x 1.5 x 0.75 = 2082.375 -> 2082', () => {
    const r = priceTicket(rules(), { ...saturday, basePrice: 1234, seatType: 'vip', ticketType: 'child' });
    expect(r.amount).toBe(2082);
    expect(r.breakdown).toEqual([
      { label: 'Base price', kind: 'base', value: 1234, amountAfter: 1234 },
      { label: 'VIP seat x1.5', kind: 'seatType', value: 1.5, amountAfter: 1851 },
      // 2776.5 shown rounded half-up; the exact fraction goes on.
      { label: 'Weekend x1.5', kind: 'dayRule', value: 1.5, amountAfter: 2777 },
      { label: 'Child ticket x0.75', kind: 'ticketType', value: 0.75, amountAfter: 2082 },
      { label: 'Rounded half-up', kind: 'rounding', value: 2082, amountAfter: 2082 },
    ]);
  });

  it('lets a holiday beat a weekend without stacking: 1000 x 2.0 = 2000, not 3000', () => {
    const r = priceTicket(rules({ holidays: { dates: ['2026-11-28'], multiplier: 2 } }), {
      ...saturday, basePrice: 1000, seatType: 'regular', ticketType: 'adult',
    });
    expect(r.amount).toBe(2000);
    expect(r.breakdown.filter((s) => s.kind === 'dayRule')).toEqual([{ label: 'Holiday x2', kind: 'dayRule', value: 2, amountAfter: 2000 }]);
  });

  it('is exact where floats are not: 50 x 1.15 = 57.5 -> 58 (57.49999 in floating point)', () => {
    expect(50 * 1.15).toBeLessThan(57.5);
    const r = priceTicket(rules({ ticketTypes: { adult: 1, imax: 1.15 } }), { ...monday, basePrice: 50, seatType: 'regular', ticketType: 'imax' });
    expect(r.amount).toBe(58);
  });

  it('rounds exact halves up: 1002 x 0.75 = 751.5 -> 752', () => {
    expect(priceTicket(rules(), { ...monday, basePrice: 1002, seatType: 'regular', ticketType: 'child' }).amount).toBe(752);
  });

  it('applies peak hours in [from, to) on top of the day rule', () => {
    const r = rules({ peak: { enabled: true, from: '18:00', to: '22:00', multiplier: 1.2 } });
    const at = (minutes: number) => priceTicket(r, { ...saturday, minutes, basePrice: 1000, seatType: 'regular', ticketType: 'adult' }).amount;
    expect(at(18 * 60)).toBe(1800); // 1000 x 1.5 x 1.2
    expect(at(21 * 60 + 59)).toBe(1800);
    expect(at(22 * 60)).toBe(1500);
    expect(at(17 * 60 + 59)).toBe(1500);
  });

  it('handles a peak window over midnight and an empty one', () => {
    expect(inPeakWindow(23 * 60, '22:00', '02:00')).toBe(true);
    expect(inPeakWindow(60, '22:00', '02:00')).toBe(true);
    expect(inPeakWindow(2 * 60, '22:00', '02:00')).toBe(false);
    expect(inPeakWindow(12 * 60, '12:00', '12:00')).toBe(false);
  });

  it('replaces every rule with a flat price on its weekday', () => {
    const r = priceTicket(rules({ flatPriceDays: [{ weekday: 6, price: 500 }] }), {
      ...saturday, basePrice: 1234, seatType: 'recliner', ticketType: 'child',
    });
    expect(r).toEqual({
      amount: 500, net: 500, tax: 0, gross: 500,
      breakdown: [
        { label: 'Base price', kind: 'base', value: 1234, amountAfter: 1234 },
        { label: 'Flat price on Saturday', kind: 'flatPrice', value: 500, amountAfter: 500 },
      ],
    });
  });

  it('caps a ticket at capMultiplier x base: 1000 x 2.0 (recliner) x 1.5 (weekend) = 3000 -> cap 2.5 -> 2500', () => {
    const r = priceTicket(rules({ capMultiplier: 2.5 }), { ...saturday, basePrice: 1000, seatType: 'recliner', ticketType: 'adult' });
    expect(r.amount).toBe(2500);
    expect(r.breakdown.at(-1)).toEqual({ label: 'Capped at 2.5 x base price', kind: 'cap', value: 2500, amountAfter: 2500 });
  });

  it('does not cap a price exactly at the cap', () => {
    const r = priceTicket(rules({ capMultiplier: 3 }), { ...saturday, basePrice: 1000, seatType: 'recliner', ticketType: 'adult' });
    expect(r.amount).toBe(3000);
    expect(r.breakdown.some((s) => s.kind === 'cap')).toBe(false);
  });

  it('refuses an unknown ticket type with VALIDATION', () => {
    expect(() => priceTicket(rules(), { ...monday, basePrice: 1000, seatType: 'regular', ticketType: 'pensioner' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
  });
});
