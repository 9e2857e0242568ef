// Small shared pieces of the manager screens: the theater's zone and currency, a loader hook, and
// (from lib/states, shared with the cashier screens) the loading, error and empty states.
import { cloneElement, isValidElement, useCallback, useEffect, useId, useRef, useState, type ReactElement } from 'react';
import { useSession } from '../stores/session';
import { decimalText, formatMoney, parseMoney } from '../../../shared/money';

export const FALLBACK_TZ = 'America/New_York';

export function useTheaterInfo(): { id: string | null; timezone: string; currency: string; name: string } {
  const t = useSession((s) => s.theater);
  return { id: t?.id ?? null, timezone: t?.timezone ?? FALLBACK_TZ, currency: t?.currency ?? 'USD', name: t?.name ?? '' };
}

export { Empty, ErrorNote, issuesOf, Loading } from '../lib/states';

export interface Load<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload(): void;
  setData(d: T): void;
}

/** Runs `fn` now and whenever `deps` change; the newest answer wins. */
export function useLoad<T>(fn: () => Promise<T>, deps: unknown[]): Load<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  useEffect(() => {
    const my = ++seq.current;
    setLoading(true);
    setError(null);
    fn().then(
      (d) => {
        if (my !== seq.current) return;
        setData(d);
        setLoading(false);
      },
      (e) => {
        if (my !== seq.current) return;
        setError(e);
        setLoading(false);
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload, setData };
}

/**
 * A form's editable copy of what `load` brought: the loaded data until the manager edits it, so
 * nothing copies loaded data into local state by an effect. `edit(null)` drops the edits;
 * `saved(x)` makes the saved answer the loaded data and drops the edits.
 */
export function useDraft<T>(load: Load<T>): { value: T | null; edit(next: T | null): void; saved(next: T): void } {
  const [draft, setDraft] = useState<T | null>(null);
  const { setData } = load;
  const saved = useCallback((next: T) => { setData(next); setDraft(null); }, [setData]);
  return { value: draft ?? load.data, edit: setDraft, saved };
}

export function money(amount: number, currency: string): string {
  return formatMoney(amount, currency);
}

/** Minor units shown in an input as a plain decimal ("12.50"). */
export function moneyInput(amount: number, currency: string): string {
  return decimalText(amount, currency);
}

export { parseMoney, formatMoney };

/** A labelled control; the label points at the control by id, so a select's name is not its value. */
export function Field({ label, children, hint }: { label: string; children: ReactElement<{ id?: string; 'aria-describedby'?: string }>; hint?: string }) {
  const id = useId();
  const control = isValidElement(children) ? cloneElement(children, { id: children.props.id ?? id, ...(hint ? { 'aria-describedby': `${id}-hint` } : {}) }) : children;
  return (
    <div className="field mgr-field">
      <label htmlFor={isValidElement(children) ? (children.props.id ?? id) : undefined}>{label}</label>
      {control}
      {hint && <small className="muted" id={`${id}-hint`}>{hint}</small>}
    </div>
  );
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export { WEEKDAYS };
