// Backups: make one now, list them, restore one after a confirmation that says what is replaced.
import { useState } from 'react';
import type { BackupInfo } from '../../../shared/contract';
import { call } from '../api';
import { formatDateTime } from '../lib/format';
import { Empty, ErrorNote, Loading, useLoad, useTheaterInfo } from './common';

function size(bytes: number): string {
  return bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function BackupsTab() {
  const { timezone: tz } = useTheaterInfo();
  const list = useLoad(() => call('backup.list', {}), []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<BackupInfo | null>(null);

  const create = async () => {
    setBusy(true); setError(null); setNote(null);
    try {
      const b = await call('backup.create', {});
      setNote(`Backup made: ${b.file} (${size(b.bytes)}).`);
      list.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const restore = async (b: BackupInfo) => {
    setBusy(true); setError(null); setNote(null);
    try {
      const r = await call('backup.restore', { file: b.file });
      setNote(`Restored from ${r.restored}. Every screen now shows the data of ${formatDateTime(b.createdAt, tz)}.`);
      setConfirm(null);
      list.reload();
    } catch (e) {
      setError(e);
      setConfirm(null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel" aria-label="Backups">
      <h2>Backups</h2>
      <div className="actions"><button type="button" className="primary" disabled={busy} onClick={() => void create()}>{busy ? 'Working…' : 'Make a backup now'}</button></div>
      {note && <p className="success" role="status">{note}</p>}
      <ErrorNote error={error} />
      {list.error ? <ErrorNote error={list.error} /> : list.loading && !list.data ? <Loading what="Loading backups" /> : (list.data ?? []).length === 0 ? <Empty>No backups yet.</Empty> : (
        <table className="mgr-table">
          <thead><tr><th>Made</th><th>File</th><th className="num">Size</th><th /></tr></thead>
          <tbody>
            {list.data!.map((b) => (
              <tr key={b.file}>
                <td>{formatDateTime(b.createdAt, tz)}</td><td>{b.file}</td><td className="num">{size(b.bytes)}</td>
                <td><button type="button" onClick={() => setConfirm(b)} aria-label={`Restore ${b.file}`}>Restore…</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {confirm && (
        <div className="mgr-dialog-backdrop">
          <div className="mgr-dialog" role="alertdialog" aria-modal="true" aria-labelledby="restore-title" aria-describedby="restore-desc">
            <h2 id="restore-title">Restore this backup?</h2>
            <div id="restore-desc">
              <p>The backup of <strong>{formatDateTime(confirm.createdAt, tz)}</strong> ({confirm.file}) will replace <strong>all current data</strong>: movies, halls and seat layouts, the schedule, every booking and payment, shifts, staff and PINs, pricing rules and settings.</p>
              <p>Anything recorded after that moment — sales, refunds, schedule changes — will be lost. Make a backup now first if you may need it.</p>
            </div>
            <div className="actions">
              <button type="button" autoFocus onClick={() => setConfirm(null)}>Keep current data</button>
              <button type="button" className="danger" disabled={busy} onClick={() => void restore(confirm)}>Replace everything with this backup</button>
            </div>
          </div>
        </div>
      )}
    </section>
  );
}
