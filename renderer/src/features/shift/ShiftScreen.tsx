// The cash shift: open it with a float, close it with the counted cash and see the difference.
import { useEffect, useState } from 'react';
import { DEFAULT_TZ, formatDateTime, formatMoney, parseMoney } from '../../lib/format';
import { ErrorNote, Loading } from '../../lib/states';
import { currencyOf, useSession } from '../../stores/session';
import { useShift } from '../../stores/shift';

export function ShiftScreen() {
  const currency = useSession(currencyOf);
  const tz = useSession((s) => s.theater?.timezone) ?? DEFAULT_TZ;
  const { shift, loaded, loading, busy, error, closed } = useShift();
  const load = useShift((s) => s.load);
  const open = useShift((s) => s.open);
  const close = useShift((s) => s.close);
  const [text, setText] = useState('');
  const money = (n: number) => formatMoney(n, currency);
  const amount = parseMoney(text || '0', currency);

  useEffect(() => {
    void load();
  }, [load]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (amount === null) return;
    const ok = shift ? await close(amount) : await open(amount);
    if (ok) setText('');
  };

  return (
    <div className="shift">
      <section className="panel" aria-label="Cash shift">
        <h2>Cash shift</h2>
        {loading && !loaded && <Loading />}
        <ErrorNote error={error}>
          {!loaded && (
            <button type="button" onClick={() => void load()}>
              Retry
            </button>
          )}
        </ErrorNote>
        {closed && (
          <div className="success" role="status">
            <p>Shift closed.</p>
            <p>
              Expected cash {money(closed.expectedCash)} · counted {money(closed.countedCash)} ·{' '}
              <strong data-testid="shift-difference">
                difference {closed.difference >= 0 ? '+' : '−'}
                {money(Math.abs(closed.difference))}
              </strong>{' '}
              {closed.difference === 0 ? '(balanced)' : closed.difference > 0 ? '(over)' : '(short)'}
            </p>
          </div>
        )}
        {loaded && (
          <form onSubmit={submit} className="shift-form">
            {shift ? (
              <p>
                Open since {formatDateTime(shift.openedAt, tz)} with a float of {money(shift.float)}.
              </p>
            ) : (
              <p>No shift is open. Count the float in the drawer to open one.</p>
            )}
            <label className="field">
              <span>{shift ? 'Counted cash in the drawer' : 'Opening float'}</span>
              <input inputMode="decimal" value={text} onChange={(e) => setText(e.target.value)} placeholder="0.00" autoFocus aria-invalid={amount === null} />
            </label>
            {amount === null && <p className="field-error">Type an amount such as 100 or 100.50.</p>}
            <button type="submit" className="primary" disabled={busy || amount === null}>
              {shift ? 'Close shift' : 'Open shift'}
            </button>
          </form>
        )}
      </section>
    </div>
  );
}
