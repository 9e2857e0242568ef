// The caller's open cash shift, if any: every payment row (charge or refund) is attributed to it
// so the end-of-shift cash count adds up rows instead of re-deriving history.
import type { Db } from '../db/open';

export function openShiftId(db: Db, staffId: string): string | null {
  const row = db.prepare('SELECT id FROM shifts WHERE staff_id = ? AND closed_at IS NULL').get(staffId) as { id: string } | undefined;
  return row?.id ?? null;
}
