// Notifications: SMTP and SMS gateway configuration (secrets are write-only: the page only learns
// whether one is set), a test email, and the outbox with a status filter and "retry now".
import { useState } from 'react';
import type { NotifyConfig, OutboxStatus } from '../../../shared/contract';
import { call } from '../api';
import { formatDateTime } from '../lib/format';
import { Empty, ErrorNote, Field, Loading, useLoad, useTheaterInfo } from './common';

function ConfigForm({ config, onSaved }: { config: NotifyConfig; onSaved(c: NotifyConfig): void }) {
  const smtp = config.smtp;
  const [useSmtp, setUseSmtp] = useState(!!smtp);
  const [host, setHost] = useState(smtp?.host ?? '');
  const [port, setPort] = useState(String(smtp?.port ?? 587));
  const [secure, setSecure] = useState(smtp?.secure ?? false);
  const [user, setUser] = useState(smtp?.user ?? '');
  const [password, setPassword] = useState('');
  const [clearPassword, setClearPassword] = useState(false);
  const [from, setFrom] = useState(smtp?.from ?? '');
  const [useSms, setUseSms] = useState(!!config.sms);
  const [smsUrl, setSmsUrl] = useState(config.sms?.url ?? '');
  const [token, setToken] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null); setSaved(false);
    try {
      const out = await call('notifications.saveConfig', {
        smtp: useSmtp
          ? { host: host.trim(), port: Number(port), secure, ...(user.trim() ? { user: user.trim() } : {}), ...(clearPassword ? { password: '' } : password ? { password } : {}), from: from.trim() }
          : null,
        sms: useSms ? { url: smsUrl.trim(), ...(token ? { token } : {}) } : null,
      });
      setPassword(''); setToken(''); setClearPassword(false);
      setSaved(true);
      onSaved(out);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form className="panel" onSubmit={submit} aria-label="Notification settings">
      <h2>Email (SMTP)</h2>
      <label className="check"><input type="checkbox" checked={useSmtp} onChange={(e) => setUseSmtp(e.target.checked)} />Send email receipts</label>
      {useSmtp && (
        <div className="mgr-row">
          <Field label="SMTP host"><input value={host} onChange={(e) => setHost(e.target.value)} required /></Field>
          <Field label="Port"><input type="number" min={1} max={65535} value={port} onChange={(e) => setPort(e.target.value)} required /></Field>
          <label className="check"><input type="checkbox" checked={secure} onChange={(e) => setSecure(e.target.checked)} />Implicit TLS (port 465); off = STARTTLS when offered</label>
          <Field label="User"><input value={user} autoComplete="off" onChange={(e) => setUser(e.target.value)} /></Field>
          <Field label="Password" hint={smtp?.passwordSet ? 'password set — leave empty to keep it' : 'no password set'}>
            <input type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} placeholder={smtp?.passwordSet ? '•••••• (password set)' : ''} />
          </Field>
          {smtp?.passwordSet && <label className="check"><input type="checkbox" checked={clearPassword} onChange={(e) => setClearPassword(e.target.checked)} />Clear the stored password</label>}
          <Field label="Sender address"><input type="email" value={from} onChange={(e) => setFrom(e.target.value)} required /></Field>
        </div>
      )}
      <h2>SMS gateway</h2>
      <label className="check"><input type="checkbox" checked={useSms} onChange={(e) => setUseSms(e.target.checked)} />Send SMS</label>
      {useSms && (
        <div className="mgr-row">
          <Field label="Gateway URL"><input type="url" value={smsUrl} onChange={(e) => setSmsUrl(e.target.value)} required /></Field>
          <Field label="Token" hint={config.sms?.tokenSet ? 'token set — leave empty to keep it' : 'no token set'}>
            <input type="password" autoComplete="new-password" value={token} onChange={(e) => setToken(e.target.value)} />
          </Field>
        </div>
      )}
      <ErrorNote error={error} />
      {saved && <p className="success" role="status">Notification settings saved.</p>}
      <div className="actions"><button type="submit" className="primary">Save notification settings</button></div>
    </form>
  );
}

export function NotificationsTab() {
  const { timezone: tz } = useTheaterInfo();
  const config = useLoad(() => call('notifications.getConfig', {}), []);
  const [status, setStatus] = useState<OutboxStatus | ''>('');
  const outbox = useLoad(() => call('notifications.list', { ...(status ? { status } : {}), limit: 200 }), [status]);
  const [to, setTo] = useState('');
  const [testResult, setTestResult] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const test = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null); setTestResult(null);
    try {
      const r = await call('notifications.test', { to: to.trim() });
      setTestResult(r.sent ? `Test email sent to ${to.trim()}.` : 'The test email was not sent.');
    } catch (err) {
      setError(err);
    }
  };
  const retry = async (id?: string) => {
    setError(null);
    try {
      const r = await call('notifications.retry', id ? { id } : {});
      setTestResult(`${r.scheduled} message(s) scheduled to retry now.`);
      outbox.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div>
      {config.error ? <ErrorNote error={config.error} /> : !config.data ? <Loading what="Loading notification settings" /> : <ConfigForm config={config.data} onSaved={config.setData} />}
      <form className="panel mgr-row" onSubmit={test} aria-label="Send test email">
        <Field label="Send a test email to"><input type="email" value={to} onChange={(e) => setTo(e.target.value)} required /></Field>
        <button type="submit">Send test email</button>
      </form>
      {testResult && <p className="success" role="status">{testResult}</p>}
      <ErrorNote error={error} />
      <section className="panel" aria-label="Outbox">
        <h2>Outbox</h2>
        <div className="mgr-row">
          <Field label="Status">
            <select value={status} onChange={(e) => setStatus(e.target.value as OutboxStatus | '')}>
              <option value="">all</option><option value="pending">pending</option><option value="sending">sending</option><option value="sent">sent</option><option value="dead">dead</option>
            </select>
          </Field>
          <button type="button" onClick={() => void retry()}>Retry all now</button>
          <button type="button" onClick={() => outbox.reload()}>Refresh</button>
        </div>
        {outbox.error ? <ErrorNote error={outbox.error} /> : outbox.loading && !outbox.data ? <Loading what="Loading the outbox" /> : (outbox.data ?? []).length === 0 ? <Empty>The outbox is empty.</Empty> : (
          <table className="mgr-table">
            <thead><tr><th>Created</th><th>Channel</th><th>Topic</th><th>To</th><th>Status</th><th className="num">Attempts</th><th>Next attempt</th><th>Last error</th><th /></tr></thead>
            <tbody>
              {outbox.data!.map((m) => (
                <tr key={m.id}>
                  <td>{formatDateTime(m.createdAt, tz)}</td><td>{m.channel}</td><td>{m.topic}</td><td>{m.recipient}</td>
                  <td>{m.status}</td><td className="num">{m.attempts}</td>
                  <td>{m.status === 'sent' ? (m.sentAt ? `sent ${formatDateTime(m.sentAt, tz)}` : '') : formatDateTime(m.nextAttemptAt, tz)}</td>
                  <td className="small">{m.lastError ?? ''}</td>
                  <td>{m.status !== 'sent' && <button type="button" onClick={() => void retry(m.id)} aria-label={`Retry message to ${m.recipient} now`}>Retry now</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
