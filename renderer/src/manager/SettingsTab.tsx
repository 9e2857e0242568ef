// Settings (settings.get/save): hold time, trailers, default cleaning, cancellation tiers, receipt
// header and footer, backup retention, sales closing after the start and doors opening before it.
import { useState } from 'react';
import type { Settings } from '../../../shared/contract';
import { call } from '../api';
import { ErrorNote, Field, Loading, useDraft, useLoad } from './common';

export function SettingsTab() {
  const loaded = useLoad(() => call('settings.get', {}), []);
  const draft = useDraft(loaded);
  const s = draft.value;
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  if (loaded.error) return <ErrorNote error={loaded.error} />;
  if (!s) return <Loading what="Loading settings" />;
  const upd = (p: Partial<Settings>) => { setSaved(false); draft.edit({ ...s, ...p }); };
  const int = (v: string) => (v === '' ? NaN : Number(v));
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null); setSaved(false);
    try {
      draft.saved(await call('settings.save', s));
      setSaved(true);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form className="panel" onSubmit={save} aria-label="Settings">
      <h2>Settings</h2>
      <div className="mgr-row">
        <Field label="Hold time (seconds)" hint="30 to 3600"><input type="number" min={30} max={3600} value={Number.isNaN(s.holdSeconds) ? '' : s.holdSeconds} onChange={(e) => upd({ holdSeconds: int(e.target.value) })} /></Field>
        <Field label="Trailer minutes"><input type="number" min={0} max={120} value={Number.isNaN(s.trailerMinutes) ? '' : s.trailerMinutes} onChange={(e) => upd({ trailerMinutes: int(e.target.value) })} /></Field>
        <Field label="Default cleaning minutes"><input type="number" min={0} max={240} value={Number.isNaN(s.defaultCleaningMinutes) ? '' : s.defaultCleaningMinutes} onChange={(e) => upd({ defaultCleaningMinutes: int(e.target.value) })} /></Field>
        <Field label="Sales close after the start (minutes)" hint="0 to 60: holds and sales stay open while the trailers run"><input type="number" min={0} max={60} value={Number.isNaN(s.salesCloseMinutesAfterStart) ? '' : s.salesCloseMinutesAfterStart} onChange={(e) => upd({ salesCloseMinutesAfterStart: int(e.target.value) })} /></Field>
        <Field label="Doors open before the start (minutes)"><input type="number" min={0} max={1440} value={Number.isNaN(s.doorsOpenMinutes) ? '' : s.doorsOpenMinutes} onChange={(e) => upd({ doorsOpenMinutes: int(e.target.value) })} /></Field>
        <Field label="Keep backups (days)"><input type="number" min={1} max={3650} value={Number.isNaN(s.backupRetentionDays) ? '' : s.backupRetentionDays} onChange={(e) => upd({ backupRetentionDays: int(e.target.value) })} /></Field>
        <Field label="Sign out after idle (hours)" hint="1 to 72"><input type="number" min={1} max={72} value={Number.isNaN(s.sessionIdleHours) ? '' : s.sessionIdleHours} onChange={(e) => upd({ sessionIdleHours: int(e.target.value) })} /></Field>
        <Field label="Sign out after (hours)" hint="1 to 168, however busy"><input type="number" min={1} max={168} value={Number.isNaN(s.sessionMaxHours) ? '' : s.sessionMaxHours} onChange={(e) => upd({ sessionMaxHours: int(e.target.value) })} /></Field>
      </div>
      <fieldset>
        <legend>Cancellation refunds</legend>
        <p className="small muted">A tier applies when the show starts at least that many minutes later; later than the last tier refunds 0 %.</p>
        {s.cancellationTiers.map((t, i) => (
          <div className="mgr-row" key={i}>
            <Field label={`Tier ${i + 1}: minutes before`}><input type="number" min={0} value={Number.isNaN(t.minutesBefore) ? '' : t.minutesBefore} onChange={(e) => upd({ cancellationTiers: s.cancellationTiers.map((x, j) => (j === i ? { ...x, minutesBefore: int(e.target.value) } : x)) })} /></Field>
            <Field label={`Tier ${i + 1}: refund %`}><input type="number" min={0} max={100} value={Number.isNaN(t.percent) ? '' : t.percent} onChange={(e) => upd({ cancellationTiers: s.cancellationTiers.map((x, j) => (j === i ? { ...x, percent: int(e.target.value) } : x)) })} /></Field>
            <button type="button" aria-label={`Remove tier ${i + 1}`} onClick={() => upd({ cancellationTiers: s.cancellationTiers.filter((_, j) => j !== i) })}>✕</button>
          </div>
        ))}
        <button type="button" disabled={s.cancellationTiers.length >= 10} onClick={() => upd({ cancellationTiers: [...s.cancellationTiers, { minutesBefore: 0, percent: 0 }] })}>Add tier</button>
      </fieldset>
      <div className="mgr-row">
        <Field label="Receipt header"><textarea rows={3} maxLength={500} value={s.receipt.header} onChange={(e) => upd({ receipt: { ...s.receipt, header: e.target.value } })} /></Field>
        <Field label="Receipt footer"><textarea rows={3} maxLength={500} value={s.receipt.footer} onChange={(e) => upd({ receipt: { ...s.receipt, footer: e.target.value } })} /></Field>
      </div>
      <ErrorNote error={error} />
      {saved && <p className="success" role="status">Settings saved.</p>}
      <div className="actions"><button type="submit" className="primary">Save settings</button></div>
    </form>
  );
}
