// Every change to a show's seats bumps its seat version, so clients can order seats.changed events
// and drop stale ones. Bump inside the change's transaction; publish after it commits.
import type { SeatStatus } from '../../../shared/contract';
import type { EngineCtx } from '../context';
import type { Db } from '../db/open';
import { stmt } from '../db/stmts';

export function bumpSeatVersion(db: Db, showId: string): number {
  const row = stmt(db, 'UPDATE shows SET seat_version = seat_version + 1 WHERE id = ? RETURNING seat_version').get(showId) as
    | { seat_version: number }
    | undefined;
  return row?.seat_version ?? 0;
}

export function publishSeatChanges(ctx: EngineCtx, showId: string, version: number, seats: { id: string; status: SeatStatus; blockReason?: string }[]): void {
  if (seats.length === 0) return;
  ctx.emit('seats.changed', { showId, version, seats });
}
