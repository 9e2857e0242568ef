// Which theater a report speaks for, and so which time zone draws its "business day" and which
// currency its totals are in. Shifts and reports share it so a day means the same thing in both.
import { BoxOfficeError } from '../../../shared/contract';
import { localDayRange } from '../../../shared/localTime';
import type { Db } from '../db/open';
import { firstTheaterRow, getTheaterRow } from '../catalog/theaters';

export interface ReportTheater {
  id: string;
  timezone: string;
  currency: string;
}

/**
 * The given theater, or the first one set up when none is given (a single-site install has one).
 * A missing theater is NOT_FOUND rather than an empty report, so a typo is not read as "no sales".
 */
export function reportTheater(db: Db, theaterId?: string | null): ReportTheater {
  const row = theaterId ? getTheaterRow(db, theaterId) : firstTheaterRow(db);
  if (!row) {
    throw theaterId
      ? new BoxOfficeError('NOT_FOUND', 'No such theater', { theaterId })
      : new BoxOfficeError('NOT_FOUND', 'No theater has been set up yet');
  }
  return { id: row.id, timezone: row.timezone, currency: row.currency };
}

/** The zone of the first theater, or UTC before any theater exists (shifts work without one). */
export function firstTheaterZone(db: Db): string {
  return firstTheaterRow(db)?.timezone ?? 'UTC';
}

/** [start of `from`, end of `to`) for a range of local dates; VALIDATION when it ends before it starts. */
export function dateRange(fromDate: string, toDate: string, timezone: string): [number, number] {
  if (fromDate > toDate) {
    throw new BoxOfficeError('VALIDATION', 'The range ends before it starts', [{ path: 'to', message: 'must not be before from', code: 'custom' }]);
  }
  return [localDayRange(fromDate, timezone)[0], localDayRange(toDate, timezone)[1]];
}

/** [start, end) instants of a local business day. */
export function dayRange(date: string, timezone: string): [number, number] {
  return localDayRange(date, timezone);
}
