// Promo codes at the counter: is a code usable for this show now (PROMO_INVALID with the reason
// if not), and the one use a sale takes. "Never more than maxUses" is kept by the database: the
// use is taken inside the sale's transaction by a conditional UPDATE (uses < max_uses), backed by
// the table's CHECK, so two counters committing at the same moment cannot both take the last use.
import { stmt } from '../db/stmts';
import { BoxOfficeError } from '../../../shared/contract';
import { localParts } from '../../../shared/localTime';
import type { Db } from '../db/open';
import type { PromoTerms } from '../pricing/price';
import { promoByCode, type PromoRow } from './promos';

export type PromoReason = 'unknown' | 'expired' | 'not_yet' | 'used_up' | 'not_for_show' | 'inactive';

export interface UsablePromo extends PromoTerms {
  id: string;
}

const MESSAGES: Record<PromoReason, string> = {
  unknown: 'There is no promo code',
  inactive: 'This promo code is switched off:',
  not_yet: 'This promo code is not valid yet:',
  expired: 'This promo code has expired:',
  not_for_show: 'This promo code does not apply to this film:',
  used_up: 'This promo code has been used as many times as allowed:',
};

export function promoInvalid(code: string, reason: PromoReason, extra: Record<string, unknown> = {}): BoxOfficeError {
  return new BoxOfficeError('PROMO_INVALID', `${MESSAGES[reason]} ${code}`, { reason, code, ...extra });
}

/**
 * The promo behind `code` if a sale of this show may use it at `now` (validity dates are local
 * dates of the theater, inclusive, judged at the moment of sale); PROMO_INVALID otherwise.
 */
export function resolvePromo(db: Db, code: string, show: { movieId: string; timezone: string }, now: number): UsablePromo {
  const p: PromoRow | undefined = promoByCode(db, code);
  if (!p) throw promoInvalid(code, 'unknown');
  if (p.active !== 1) throw promoInvalid(p.code, 'inactive');
  const today = localParts(now, show.timezone).date;
  if (p.valid_from && today < p.valid_from) throw promoInvalid(p.code, 'not_yet', { validFrom: p.valid_from });
  if (p.valid_to && today > p.valid_to) throw promoInvalid(p.code, 'expired', { validTo: p.valid_to });
  const movies = p.movie_ids ? (JSON.parse(p.movie_ids) as string[]) : [];
  if (movies.length && !movies.includes(show.movieId)) throw promoInvalid(p.code, 'not_for_show');
  if (p.max_uses !== null && p.uses >= p.max_uses) throw promoInvalid(p.code, 'used_up', { maxUses: p.max_uses });
  return { id: p.id, code: p.code, kind: p.kind, value: p.value };
}

/**
 * Inside the sale's transaction: takes one use of the promo, or throws PROMO_INVALID used_up (the
 * transaction then rolls back and the hold stays). The UPDATE's own condition decides, not an
 * earlier read, so it holds across processes.
 */
export function takePromoUse(db: Db, promo: UsablePromo): void {
  const r = stmt(db, 'UPDATE promos SET uses = uses + 1 WHERE id = ? AND active = 1 AND (max_uses IS NULL OR uses < max_uses)').run(promo.id);
  if (r.changes !== 1) {
    const row = stmt(db, 'SELECT active FROM promos WHERE id = ?').get(promo.id) as { active: number } | undefined;
    throw promoInvalid(promo.code, row && row.active === 1 ? 'used_up' : 'inactive');
  }
}

/**
 * Inside the sale's transaction, after the booking row: the promo's use (PROMO_INVALID if it is
 * gone) and, with the booking, the promo and the tax terms its lines were priced with, so its
 * receipt says what was in force at the sale whatever the settings say later.
 */
export function recordSaleMoney(
  db: Db, bookingId: string, promo: UsablePromo | null, quote: { taxMode?: string; taxRatePercent?: number },
  /** False for an exchange: the promo's use passes from the previous booking, none is taken. */
  takeUse = true,
): void {
  if (promo && takeUse) takePromoUse(db, promo);
  stmt(db, 'UPDATE bookings SET promo_id = ?, tax_mode = ?, tax_rate = ? WHERE id = ?')
    .run(promo?.id ?? null, quote.taxMode ?? null, quote.taxRatePercent ?? null, bookingId);
}

/**
 * The promo a booking was sold with, as terms to price its exchange: the customer keeps the
 * discount on the new seats, whatever the code's dates or limit say now (the use was taken).
 */
export function promoOfBooking(db: Db, bookingId: string): UsablePromo | null {
  const p = stmt(db, 'SELECT p.id, p.code, p.kind, p.value FROM promos p JOIN bookings b ON b.promo_id = p.id WHERE b.id = ?').get(bookingId) as
    | UsablePromo
    | undefined;
  return p ?? null;
}

/** Inside a cancellation's transaction: a cancelled sale gives its use back. */
export function givePromoUseBack(db: Db, bookingId: string): void {
  stmt(db, 'UPDATE promos SET uses = uses - 1 WHERE uses > 0 AND id = (SELECT promo_id FROM bookings WHERE id = ?)').run(bookingId);
}
