// Staff (staff.list/save: add, role, PIN reset, deactivate) and the audit log (audit.list) with
// date range and staff filters.
import { useState } from 'react';
import type { Role, Staff } from '../../../shared/contract';
import { addDays, localToInstant } from '../../../shared/localTime';
import { call } from '../api';
import { formatDateTime, todayIn } from '../lib/format';
import { Empty, ErrorNote, Field, Loading, useLoad, useTheaterInfo } from './common';
import { AuditDetails } from './AuditDetails';

function StaffRow({ s, onSaved }: { s: Staff; onSaved(): void }) {
  const [pin, setPin] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const save = async (patch: Partial<{ role: Role; active: boolean; pin: string }>, what: string) => {
    setError(null); setNote(null);
    try {
      await call('staff.save', { id: s.id, name: s.name, role: patch.role ?? s.role, active: patch.active ?? s.active, ...(patch.pin ? { pin: patch.pin } : {}) });
      setNote(what);
      setPin('');
      onSaved();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <tr>
      <td>{s.name}</td>
      <td>
        <select aria-label={`Role of ${s.name}`} value={s.role} onChange={(e) => void save({ role: e.target.value as Role }, 'Role changed.')}>
          <option value="cashier">cashier</option>
          <option value="manager">manager</option>
        </select>
      </td>
      <td>{s.active ? 'active' : <span className="badge">inactive</span>}</td>
      <td>
        <form className="mgr-row" onSubmit={(e) => { e.preventDefault(); void save({ pin }, 'PIN reset.'); }}>
          <input aria-label={`New PIN for ${s.name}`} type="password" inputMode="numeric" autoComplete="new-password" pattern="\d{4,8}" size={8} value={pin} onChange={(e) => setPin(e.target.value)} />
          <button type="submit" disabled={!/^\d{4,8}$/.test(pin)}>Reset PIN</button>
        </form>
      </td>
      <td>
        <button type="button" onClick={() => void save({ active: !s.active }, s.active ? 'Deactivated.' : 'Reactivated.')}>{s.active ? 'Deactivate' : 'Reactivate'}</button>
        {note && <span className="mgr-ok" role="status"> {note}</span>}
        <ErrorNote error={error} />
      </td>
    </tr>
  );
}

function AuditLog({ staff }: { staff: Staff[] }) {
  const { timezone: tz } = useTheaterInfo();
  const [from, setFrom] = useState(() => addDays(todayIn(tz), -7));
  const [to, setTo] = useState(() => todayIn(tz));
  const [staffId, setStaffId] = useState('');
  const log = useLoad(
    () => call('audit.list', {
      ...(from ? { from: new Date(localToInstant(from, '00:00', tz)).toISOString() } : {}),
      ...(to ? { to: new Date(localToInstant(addDays(to, 1), '00:00', tz)).toISOString() } : {}),
      ...(staffId ? { staffId } : {}),
      limit: 500,
    }),
    [from, to, staffId, tz],
  );
  return (
    <section className="panel" aria-label="Audit log">
      <h2>Audit log</h2>
      <div className="mgr-row">
        <Field label="From"><input type="date" value={from} onChange={(e) => setFrom(e.target.value)} /></Field>
        <Field label="To"><input type="date" value={to} onChange={(e) => setTo(e.target.value)} /></Field>
        <Field label="Staff">
          <select value={staffId} onChange={(e) => setStaffId(e.target.value)}>
            <option value="">everyone</option>
            {staff.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </Field>
      </div>
      {log.error ? <ErrorNote error={log.error} /> : log.loading && !log.data ? <Loading what="Loading the audit log" /> : (log.data ?? []).length === 0 ? <Empty>Nothing recorded in this range.</Empty> : (
        <table className="mgr-table">
          <thead><tr><th>When</th><th>Who</th><th>What</th><th>Entity</th><th>Details</th></tr></thead>
          <tbody>
            {log.data!.map((a) => (
              <tr key={a.id}>
                <td>{formatDateTime(a.at, tz)}</td>
                <td>{a.staffName ?? 'system'}</td>
                <td>{a.action}</td>
                <td className="small">{a.entityId ?? ''}</td>
                <td className="small"><AuditDetails details={a.details} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function StaffTab() {
  const staff = useLoad(() => call('staff.list', {}), []);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('cashier');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const add = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null); setNote(null);
    try {
      const s = await call('staff.save', { name: name.trim(), role, pin, active: true });
      setNote(`${s.name} added as ${s.role}.`);
      setName(''); setPin('');
      staff.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div>
      <section className="panel">
        <h2>Staff</h2>
        {staff.error ? <ErrorNote error={staff.error} /> : staff.loading && !staff.data ? <Loading what="Loading staff" /> : (
          <table className="mgr-table">
            <thead><tr><th>Name</th><th>Role</th><th>Status</th><th>PIN</th><th /></tr></thead>
            <tbody>{staff.data!.map((s) => <StaffRow key={s.id} s={s} onSaved={staff.reload} />)}</tbody>
          </table>
        )}
        <form className="mgr-form" onSubmit={add} aria-label="Add staff">
          <Field label="Name"><input value={name} onChange={(e) => setName(e.target.value)} required /></Field>
          <Field label="Role"><select value={role} onChange={(e) => setRole(e.target.value as Role)}><option value="cashier">cashier</option><option value="manager">manager</option></select></Field>
          <Field label="PIN (4 to 8 digits)"><input type="password" inputMode="numeric" autoComplete="new-password" value={pin} onChange={(e) => setPin(e.target.value)} required /></Field>
          <button type="submit" className="primary" disabled={!name.trim() || !/^\d{4,8}$/.test(pin)}>Add staff</button>
        </form>
        {note && <p className="success" role="status">{note}</p>}
        <ErrorNote error={error} />
      </section>
      <AuditLog staff={staff.data ?? []} />
    </div>
  );
}
