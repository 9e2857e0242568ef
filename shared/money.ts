// Money is integer minor units everywhere; these are the only helpers that turn it into text.
const cache = new Map<string, Intl.NumberFormat>();

export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

export function formatMoney(amount: number, currency = 'USD', locale = 'en-US'): string {
  const key = `${locale}|${currency}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency });
    cache.set(key, f);
  }
  return f.format(amount / 10 ** minorDigits(currency));
}

/**
 * Minor units as plain decimal text ("12.50", "-10.05", "1234" for yen): what an input field is
 * pre-filled with and what a spreadsheet reads as a number. Exact: integer arithmetic only.
 */
export function decimalText(minor: number, currency = 'USD'): string {
  const digits = minorDigits(currency);
  const a = Math.abs(minor);
  const s = digits === 0 ? String(a) : `${Math.floor(a / 10 ** digits)}.${String(a % 10 ** digits).padStart(digits, '0')}`;
  return minor < 0 ? `-${s}` : s;
}

/** Parses "12.50" or "12" typed by a person into minor units; null when it is not an amount. */
export function parseMoney(text: string, currency = 'USD'): number | null {
  const digits = minorDigits(currency);
  const m = /^\s*(\d{1,9})(?:[.,](\d*))?\s*$/.exec(text);
  if (!m) return null;
  const frac = (m[2] ?? '').slice(0, digits).padEnd(digits, '0');
  if ((m[2] ?? '').length > digits) return null;
  return Number(m[1]) * 10 ** digits + (digits ? Number(frac || '0') : 0);
}
