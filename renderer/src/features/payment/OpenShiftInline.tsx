// Asked for in the payment panel when cash is chosen and the cashier has no open shift: count the
// float and open the drawer without leaving the sale (the hold keeps running meanwhile).
import { useState, type RefObject } from 'react';
import { parseMoney } from '../../lib/format';
import { useShift } from '../../stores/shift';

/** `inputRef` is the panel's focus target, so its shortcuts (typing digits, a method tab) land here. */
export function OpenShiftInline({ currency, inputRef }: { currency: string; inputRef: RefObject<HTMLInputElement | null> }) {
  const busy = useShift((s) => s.busy);
  const error = useShift((s) => s.error);
  const open = useShift((s) => s.open);
  const [text, setText] = useState('');
  const float = parseMoney(text || '0', currency);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (float !== null) void open(float);
  };

  return (
    <form className="shift-needed" aria-label="Open a cash shift" onSubmit={submit}>
      <p>
        <strong>No cash shift is open.</strong> Cash goes into a counted drawer: type the float in it to open your shift, then take
        the cash.
      </p>
      <label className="field">
        <span>Opening float</span>
        <input ref={inputRef} inputMode="decimal" autoComplete="off" value={text} placeholder="0.00" onChange={(e) => setText(e.target.value)} aria-invalid={float === null} disabled={busy} />
      </label>
      {float === null && <p className="field-error">Type an amount such as 100 or 100.50.</p>}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy || float === null}>
        {busy ? 'Opening…' : 'Open shift'} <kbd>Enter</kbd>
      </button>
    </form>
  );
}
