// The background sweep of expired holds. Expiry is already enforced lazily on every access (an
// expired claim counts as available everywhere); the sweep only makes freed seats show up promptly
// on every screen and keeps the tables small. Several processes may sweep the same file at once:
// the work happens inside BEGIN IMMEDIATE, so the second sweeper simply finds nothing left.
import type { EngineCtx } from '../context';
import { endHolds, rememberExpiredHolds } from './claims';
import { stmt } from '../db/stmts';
import { bumpSeatVersion, publishSeatChanges } from './versions';
import { withoutFsync } from '../db/open';

export function sweepExpiredHolds(ctx: EngineCtx): number {
  const db = ctx.db;
  // A cheap read first: most sweeps find nothing, and must not take the write lock every 2 s.
  if (!stmt(db, 'SELECT 1 FROM holds WHERE expires_at <= ? LIMIT 1').get(ctx.clock.now())) return 0;

  const run = db.transaction(() => {
    const now = ctx.clock.now();
    const ids = (stmt(db, 'SELECT id FROM holds WHERE expires_at <= ? ORDER BY id').all(now) as { id: string }[]).map((r) => r.id);
    rememberExpiredHolds(db, ids, now); // so confirm, extend and release still say HOLD_EXPIRED
    const freed = endHolds(db, ids);
    const changes = [...freed].map(([showId, seats]) => ({ showId, version: bumpSeatVersion(db, showId), seats }));
    return { ended: ids.length, changes };
  });

  const { ended, changes } = withoutFsync(ctx.db, () => run.immediate());
  for (const c of changes) publishSeatChanges(ctx, c.showId, c.version, c.seats.map((id) => ({ id, status: 'available' as const })));
  return ended;
}
