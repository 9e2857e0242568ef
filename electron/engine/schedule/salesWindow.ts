// When a show stops selling and when its doors open, from the settings: sales close
// salesCloseMinutesAfterStart after the start (the trailers run first), doors open
// doorsOpenMinutes before it.
import type { Db } from '../db/open';
import { getSettings } from '../settings/settings';

/** The instant (ms) from which holds and sales for a show starting at `startsAt` are refused. */
export function salesCloseAt(db: Db, startsAt: number): number {
  return startsAt + getSettings({ db }).salesCloseMinutesAfterStart * 60_000;
}

/** The instant (ms) from which the door admits to a show starting at `startsAt`. */
export function doorsOpenAt(db: Db, startsAt: number): number {
  return startsAt - getSettings({ db }).doorsOpenMinutes * 60_000;
}
