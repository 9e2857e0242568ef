// Manager > Counters: a pairing code for a new counter, the paired counters (last seen, address,
// version) and revoking one. Live: pairing and revoking anywhere reload the list.
import { useEffect, useState } from 'react';
import type { ChannelOutput, Device } from '../../../shared/contract';
import { call, isDesktop, subscribe } from '../api';
import { formatDateTime } from '../lib/format';
import { Empty, ErrorNote, Loading, useLoad, useTheaterInfo } from './common';

export function CountersTab() {
  const { timezone: tz } = useTheaterInfo();
  const list = useLoad(() => call('devices.list', {}), []);
  const status = useLoad(() => call('auth.status', {}), []);
  const [code, setCode] = useState<ChannelOutput<'devices.pairingCode'> | null>(null);
  const [confirm, setConfirm] = useState<Device | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { reload } = list;

  useEffect(() => subscribe('devices.changed', () => reload()), [reload]);

  const newCode = async () => {
    setBusy(true); setError(null);
    try {
      setCode(await call('devices.pairingCode', {}));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const revoke = async (d: Device) => {
    setBusy(true); setError(null);
    try {
      await call('devices.revoke', { id: d.id });
      setConfirm(null);
      reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const server = status.data;
  // A desktop standalone box office can start serving counters (the server runs beside the window).
  const becomeServer = async () => {
    setBusy(true); setError(null);
    try {
      await call('install.choose', { mode: 'server' });
      // The server needs a moment to start and print its fingerprint.
      setTimeout(() => status.reload(), 1500);
      status.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel" aria-label="Counters">
      <h2>Counters</h2>
      {server && server.mode !== 'server' ? (
        <>
          <p className="muted">This box office is not serving counters on the network yet.</p>
          {isDesktop() ? (
            <div className="actions">
              <button type="button" className="primary" disabled={busy} onClick={() => void becomeServer()}>Serve counters on the network from this computer</button>
            </div>
          ) : (
            <p className="muted">Start it as a server (<code>npm run serve -- --lan</code> or the box-office-server service) to pair counters.</p>
          )}
        </>
      ) : (
        <>
          {server?.fingerprint && (
            <p className="fingerprint" aria-label="This server's certificate fingerprint">
              <span className="muted small">Certificate fingerprint (a new counter shows the same when pairing):</span>
              <br />
              <code>{server.fingerprint}</code>
            </p>
          )}
          <div className="actions">
            <button type="button" className="primary" disabled={busy} onClick={() => void newCode()}>New pairing code</button>
          </div>
          {code && (
            <p className="success" role="status">
              Pairing code <strong className="pairing-code">{code.code}</strong>: type it on the new counter before {formatDateTime(code.expiresAt, tz)}. It works once.
            </p>
          )}
        </>
      )}
      <ErrorNote error={error} />
      {list.error ? <ErrorNote error={list.error} /> : list.loading && !list.data ? <Loading what="Loading counters" /> : (list.data ?? []).length === 0 ? <Empty>No counter is paired yet.</Empty> : (
        <table className="mgr-table">
          <thead><tr><th>Counter</th><th>Paired</th><th>Last seen</th><th>Address</th><th>Version</th><th>Status</th><th /></tr></thead>
          <tbody>
            {list.data!.map((d) => (
              <tr key={d.id}>
                <td>{d.name}</td>
                <td>{formatDateTime(d.pairedAt, tz)}</td>
                <td>{d.lastSeenAt ? formatDateTime(d.lastSeenAt, tz) : '—'}</td>
                <td>{d.lastAddress ?? '—'}</td>
                <td>{d.appVersion ?? '—'}</td>
                <td>{d.revoked ? 'Revoked' : 'Paired'}</td>
                <td>{!d.revoked && <button type="button" onClick={() => setConfirm(d)} aria-label={`Revoke ${d.name}`}>Revoke…</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {confirm && (
        <div className="confirm" role="alertdialog" aria-label="Revoke this counter?">
          <p>Revoke <strong>{confirm.name}</strong>? Whoever is signed in there is signed out at once and it can sell nothing more until it is paired again with a new code.</p>
          <div className="actions">
            <button type="button" className="danger" disabled={busy} onClick={() => void revoke(confirm)}>Revoke {confirm.name}</button>
            <button type="button" onClick={() => setConfirm(null)}>Keep it</button>
          </div>
        </div>
      )}
    </section>
  );
}
