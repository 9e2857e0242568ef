// Local dates and times in a theater's IANA zone, with Intl only (no Node or DOM imports).
// Weekends, holidays, peak hours and business days are judged in the theater's zone.

const fmtCache = new Map<string, Intl.DateTimeFormat>();
function fmt(tz: string): Intl.DateTimeFormat {
  let f = fmtCache.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    fmtCache.set(tz, f);
  }
  return f;
}

export interface LocalParts {
  date: string; // YYYY-MM-DD
  weekday: number; // 0 = Sunday .. 6 = Saturday
  minutes: number; // minutes since local midnight
  time: string; // HH:MM
}

export function localParts(epochMs: number, tz: string): LocalParts {
  const p: Record<string, string> = {};
  for (const part of fmt(tz).formatToParts(new Date(epochMs))) p[part.type] = part.value;
  const date = `${p.year}-${p.month}-${p.day}`;
  const hour = Number(p.hour) % 24;
  const minute = Number(p.minute);
  return {
    date,
    weekday: weekdayOf(date),
    minutes: hour * 60 + minute,
    time: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`,
  };
}

/** Weekday of a calendar date, 0 = Sunday. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Offset of the zone from UTC at an instant, in ms (local = utc + offset). */
function offsetAt(epochMs: number, tz: string): number {
  const p: Record<string, string> = {};
  for (const part of fmt(tz).formatToParts(new Date(epochMs))) p[part.type] = part.value;
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour) % 24, Number(p.minute), Number(p.second));
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/** The instant a local wall-clock time occurs (the earlier one in a DST overlap, shifted forward in a gap). */
export function localToInstant(date: string, time: string, tz: string): number {
  const [h, m] = time.split(':').map(Number);
  const wall = Date.parse(`${date}T00:00:00Z`) + ((h ?? 0) * 60 + (m ?? 0)) * 60_000;
  let guess = wall - offsetAt(wall, tz);
  guess = wall - offsetAt(guess, tz);
  return guess;
}

/** [start, end) of a local calendar day as instants. */
export function localDayRange(date: string, tz: string): [number, number] {
  return [localToInstant(date, '00:00', tz), localToInstant(addDays(date, 1), '00:00', tz)];
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
