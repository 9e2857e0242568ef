// Formatting for the counter: money in the theater's currency, times in the theater's zone.
import { decimalText, formatMoney, parseMoney, minorDigits } from '../../../shared/money';
import { addDays, localParts } from '../../../shared/localTime';

export { decimalText, formatMoney, parseMoney, minorDigits, addDays };

export const DEFAULT_TZ = 'America/New_York';

const timeFmt = new Map<string, Intl.DateTimeFormat>();
export function formatTime(instant: string, tz = DEFAULT_TZ): string {
  let f = timeFmt.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hour: 'numeric', minute: '2-digit' });
    timeFmt.set(tz, f);
  }
  return f.format(new Date(instant));
}

const dateTimeFmt = new Map<string, Intl.DateTimeFormat>();
export function formatDateTime(instant: string, tz = DEFAULT_TZ): string {
  let f = dateTimeFmt.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
    dateTimeFmt.set(tz, f);
  }
  return f.format(new Date(instant));
}

/** "Mon, Nov 23" for a local YYYY-MM-DD date. */
export function formatLocalDate(date: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'long', month: 'short', day: 'numeric', year: 'numeric' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

export function todayIn(tz = DEFAULT_TZ, now = Date.now()): string {
  return localParts(now, tz).date;
}

/** The theater's local date of an instant, as formatLocalDate writes it (an expiry, say). */
export function formatInstantDate(instant: string, tz = DEFAULT_TZ): string {
  return formatLocalDate(todayIn(tz, Date.parse(instant)));
}

export function formatCountdown(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Major-unit multiple of `step` at or above `amount` (minor units). */
export function roundUpTo(amount: number, stepMajor: number, currency = 'USD'): number {
  const unit = stepMajor * 10 ** minorDigits(currency);
  return Math.ceil(amount / unit) * unit;
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
