// The caller's open cash shift, if any: every payment row (charge or refund) is attributed to it
// so the end-of-shift cash count adds up rows instead of re-deriving history.
import { stmt } from '../db/stmts';
import { BoxOfficeError } from '../../../shared/contract';
import type { Db } from '../db/open';

export function openShiftId(db: Db, staffId: string): string | null {
  const row = stmt(db, 'SELECT id FROM shifts WHERE staff_id = ? AND closed_at IS NULL').get(staffId) as { id: string } | undefined;
  return row?.id ?? null;
}

/**
 * The caller's open shift, required whenever cash crosses the counter: cash taken or paid back
 * outside a shift would be in no drawer's expected cash, so the count at closing could never
 * find it. Card, UPI and wallet leave the drawer alone and need no shift.
 */
export function requireShiftForCash(db: Db, staffId: string, direction: 'take' | 'pay back'): string {
  const id = openShiftId(db, staffId);
  if (id === null) {
    throw new BoxOfficeError(
      'SHIFT_REQUIRED',
      direction === 'take'
        ? 'Open your cash shift (count the float) before taking cash'
        : 'Open your cash shift (count the float) before paying cash back',
    );
  }
  return id;
}
