// Quick picks above the seat map: "best N" seats side by side and "wheelchair + companion" (a
// wheelchair place with the companion seat beside it). Keyboard: digits 1-9 and W on the sell
// screen do the same; these buttons are in the tab order for anyone who prefers them.
import { useState } from 'react';
import { WHEELCHAIR_WITH_COMPANION, useSale } from '../../stores/sale';

const MAX_PARTY = 20;

export function BestPicks() {
  const best = useSale((s) => s.best);
  const busy = useSale((s) => s.busy);
  const [count, setCount] = useState('2');
  const n = Math.min(MAX_PARTY, Math.max(1, Math.floor(Number(count)) || 1));

  return (
    <div className="best-picks" role="group" aria-label="Best seats">
      <label className="best-picks-count">
        Party of
        <input type="number" min={1} max={MAX_PARTY} value={count} onChange={(e) => setCount(e.target.value)} aria-label="Party size" />
      </label>
      <button type="button" onClick={() => void best(n)} disabled={!!busy}>
        Best {n} <kbd>1</kbd>–<kbd>9</kbd>
      </button>
      <button type="button" onClick={() => void best(WHEELCHAIR_WITH_COMPANION)} disabled={!!busy}>
        ♿ Wheelchair + companion <kbd>W</kbd>
      </button>
    </div>
  );
}
