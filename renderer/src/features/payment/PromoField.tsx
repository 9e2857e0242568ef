// The promo code at the payment panel (issue 13): typed, applied to the quote (the engine says
// whether it may be used now), and the discount shown per ticket. Removing it prices without it.
import { useState } from 'react';
import { formatMoney } from '../../lib/format';
import { useSale } from '../../stores/sale';
import { currencyOf, useSession } from '../../stores/session';

export function PromoField({ disabled }: { disabled: boolean }) {
  const promoCode = useSale((s) => s.promoCode);
  const quote = useSale((s) => s.quote);
  const currency = useSession(currencyOf);
  const applyPromo = useSale((s) => s.applyPromo);
  const clearPromo = useSale((s) => s.clearPromo);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const apply = async () => {
    setBusy(true);
    if (await applyPromo(text)) setText('');
    setBusy(false);
  };
  const discounted = quote?.lines.filter((l) => (l.discount ?? 0) > 0) ?? [];
  return (
    <div className="promo">
      {promoCode ? (
        <div className="promo-applied">
          <span>
            Promo <strong data-testid="promo-applied">{promoCode}</strong>: {formatMoney(quote?.promo?.discount ?? 0, currency)} off
          </span>
          <button type="button" className="link" onClick={clearPromo} disabled={disabled}>Remove promo</button>
          {discounted.length > 0 && (
            <ul className="promo-lines small" aria-label="Discount per ticket">
              {discounted.map((l) => (
                <li key={l.seatId}>
                  {l.seatLabel} {l.ticketType}: −{formatMoney(l.discount!, currency)} → {formatMoney(l.amount, currency)}
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : (
        <form
          className="promo-form"
          onSubmit={(e) => {
            e.preventDefault();
            void apply();
          }}
        >
          <label className="field">
            <span>Promo code</span>
            <input value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" disabled={disabled || busy} />
          </label>
          <button type="submit" disabled={disabled || busy || !text.trim()}>Apply promo</button>
        </form>
      )}
    </div>
  );
}
