// Payments to check: card/UPI/wallet operations the engine could not finish on its own (a charge
// whose outcome is unknown after a crash, a refund the terminal kept refusing). The manager
// checks the terminal's own records, settles the money by hand, and notes what was done.
import { useState } from 'react';
import type { TerminalOpItem } from '../../../shared/contract';
import { call } from '../api';
import { formatDateTime, formatMoney } from '../lib/format';
import { Empty, ErrorNote, Loading, useLoad, useTheaterInfo } from './common';

const WHAT: Record<string, string> = {
  'charge:unknown': 'Charge with unknown outcome: check the terminal. If it was charged, refund it there.',
  'refund:failed': 'Refund the terminal kept refusing: refund it on the terminal or pay it back in cash.',
};

function Row({ op, tz, onSettled }: { op: TerminalOpItem; tz: string; onSettled(): void }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const settle = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await call('payments.resolve', { id: op.id, note: note.trim() });
      onSettled();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="mgr-card" aria-label={`${op.kind} of ${formatMoney(op.amount, op.currency ?? 'USD')}`}>
      <p>
        <strong>{formatMoney(op.amount, op.currency ?? 'USD')}</strong> {op.method} {op.kind} · {formatDateTime(op.createdAt, tz)}
        {op.bookingCode ? ` · booking ${op.bookingCode}` : ''}
        {op.terminalTxn ? ` · terminal ${op.terminalTxn}` : ''}
      </p>
      <p className="muted">{WHAT[`${op.kind}:${op.status}`] ?? op.status}{op.lastError ? ` Last error: ${op.lastError}` : ''}</p>
      {op.resolved ? (
        <p className="success">Settled by {op.resolved.by} on {formatDateTime(op.resolved.at, tz)}: {op.resolved.note}</p>
      ) : (
        <form className="search-row" onSubmit={settle}>
          <label className="field">
            <span>What was done</span>
            <input value={note} onChange={(e) => setNote(e.target.value)} required minLength={3} maxLength={500} placeholder="e.g. refunded on the terminal, slip 4411" />
          </label>
          <button type="submit" disabled={busy || note.trim().length < 3}>
            {busy ? 'Saving…' : 'Mark as settled'}
          </button>
        </form>
      )}
      {error ? <ErrorNote error={error} /> : null}
    </li>
  );
}

export function PaymentsTab() {
  const { timezone: tz } = useTheaterInfo();
  const [all, setAll] = useState(false);
  const list = useLoad(() => call('payments.review', { includeResolved: all }), [all]);
  return (
    <section className="panel" aria-label="Payments to check">
      <h2>Payments to check</h2>
      <p className="muted">
        Card, UPI and wallet operations the box office could not finish by itself. Everything else is settled automatically.
      </p>
      <label className="check">
        <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} /> Show settled ones too
      </label>
      {list.loading && !list.data ? <Loading /> : null}
      {list.error ? <ErrorNote error={list.error} /> : null}
      {list.data && list.data.length === 0 ? <Empty>Nothing to check.</Empty> : null}
      {list.data && list.data.length > 0 ? (
        <ul className="mgr-list">
          {list.data.map((op) => (
            <Row key={op.id} op={op} tz={tz} onSettled={list.reload} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
