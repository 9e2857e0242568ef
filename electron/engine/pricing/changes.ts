// The audit's account of a pricing.save: the rules that changed as readable before/after values
// ("Weekend multiplier: x1.5 -> x1.6", "Surcharge for Inception: none -> $2.00"), never the raw
// document with internal ids, so a manager reading the log sees what happened to prices.
import type { PricingRules } from '../../../shared/contract';
import { formatMoney } from '../../../shared/money';

export interface RuleChange { what: string; before: string; after: string }

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const NONE = 'none';

/** Every difference between two rule sets; movie ids are named by `title`, money in `currency`. */
export function pricingChanges(before: PricingRules, after: PricingRules, currency: string, title: (movieId: string) => string): RuleChange[] {
  const out: RuleChange[] = [];
  const x = (m: number | undefined) => (m === undefined ? NONE : `x${m}`);
  const money = (a: number | undefined) => (a === undefined ? NONE : formatMoney(a, currency));
  const add = (what: string, b: string, a: string) => {
    if (b !== a) out.push({ what, before: b, after: a });
  };
  const records = <T,>(label: (k: string) => string, b: Record<string, T>, a: Record<string, T>, show: (v: T | undefined) => string) => {
    for (const k of [...new Set([...Object.keys(b), ...Object.keys(a)])].sort()) {
      add(label(k), show(Object.hasOwn(b, k) ? b[k] : undefined), show(Object.hasOwn(a, k) ? a[k] : undefined));
    }
  };
  records((k) => `Seat type ${k}`, before.seatTypes, after.seatTypes, x);
  records((k) => `Ticket type ${k}`, before.ticketTypes, after.ticketTypes, x);
  const days = (d: number[]) => [...d].sort((a, b) => a - b).map((n) => DAYS[n]).join(', ') || NONE;
  add('Weekend days', days(before.weekend.days), days(after.weekend.days));
  add('Weekend multiplier', x(before.weekend.multiplier), x(after.weekend.multiplier));
  const added = after.holidays.dates.filter((d) => !before.holidays.dates.includes(d));
  const removed = before.holidays.dates.filter((d) => !after.holidays.dates.includes(d));
  if (added.length) out.push({ what: 'Holidays added', before: '', after: added.join(', ') });
  if (removed.length) out.push({ what: 'Holidays removed', before: removed.join(', '), after: '' });
  add('Holiday multiplier', x(before.holidays.multiplier), x(after.holidays.multiplier));
  const peak = (p: PricingRules['peak']) => (p.enabled ? `${p.from}-${p.to} x${p.multiplier}` : 'off');
  add('Peak hours', peak(before.peak), peak(after.peak));
  const flats = (r: PricingRules) => Object.fromEntries(r.flatPriceDays.map((f) => [DAYS[f.weekday]!, f.price]));
  records((k) => `Flat price on ${k}`, flats(before), flats(after), money);
  add('Cap', `${before.capMultiplier} x base`, `${after.capMultiplier} x base`);
  const sb = before.surcharges ?? { formats: {}, movies: {} };
  const sa = after.surcharges ?? { formats: {}, movies: {} };
  records((k) => `Surcharge for ${k} shows`, sb.formats, sa.formats, money);
  records((k) => `Surcharge for ${title(k)}`, sb.movies, sa.movies, money);
  return out;
}
