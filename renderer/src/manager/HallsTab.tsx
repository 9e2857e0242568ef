// Theaters (theaters.save) and their halls: pick a hall to edit its layout, or start a new one.
import { useState } from 'react';
import type { Hall, Theater } from '../../../shared/contract';
import { call } from '../api';
import { Empty, ErrorNote, Field, Loading, useLoad } from './common';
import { LayoutEditor } from './LayoutEditor';

function TheaterForm({ theater, onSaved }: { theater: Theater | null; onSaved(t: Theater): void }) {
  const [name, setName] = useState(theater?.name ?? '');
  const [city, setCity] = useState(theater?.city ?? '');
  const [timezone, setTimezone] = useState(theater?.timezone ?? 'America/New_York');
  const [currency, setCurrency] = useState(theater?.currency ?? 'USD');
  const [error, setError] = useState<unknown>(null);
  const [ok, setOk] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    setOk(false);
    try {
      const t = await call('theaters.save', { ...(theater ? { id: theater.id } : {}), name, city, timezone, currency: currency.toUpperCase() });
      setOk(true);
      onSaved(t);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form className="mgr-form mgr-row" onSubmit={submit} aria-label={theater ? 'Edit theater' : 'New theater'}>
      <Field label="Theater name"><input value={name} onChange={(e) => setName(e.target.value)} required /></Field>
      <Field label="City"><input value={city} onChange={(e) => setCity(e.target.value)} required /></Field>
      <Field label="Time zone"><input value={timezone} onChange={(e) => setTimezone(e.target.value)} required /></Field>
      <Field label="Currency"><input value={currency} maxLength={3} onChange={(e) => setCurrency(e.target.value)} required /></Field>
      <button type="submit" className="primary">{theater ? 'Save theater' : 'Add theater'}</button>
      {ok && <span className="mgr-ok" role="status">Saved.</span>}
      <ErrorNote error={error} />
    </form>
  );
}

export function HallsTab() {
  const theaters = useLoad(() => call('theaters.list', {}), []);
  const settings = useLoad(() => call('settings.get', {}), []);
  const [theaterId, setTheaterId] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ hall: Hall | null; key: number } | null>(null);
  const [hallError, setHallError] = useState<unknown>(null);
  const [newTheater, setNewTheater] = useState(false);

  if (theaters.loading && !theaters.data) return <Loading what="Loading theaters" />;
  if (theaters.error) return <ErrorNote error={theaters.error} />;
  const list = theaters.data ?? [];
  const theater = list.find((t) => t.id === theaterId) ?? list[0] ?? null;

  const openHall = async (id: string) => {
    setHallError(null);
    try {
      const h = await call('halls.get', { id });
      setEditing({ hall: h, key: Date.now() });
    } catch (e) {
      setHallError(e);
    }
  };

  return (
    <div className="mgr-halls">
      <section className="panel">
        <h2>Theater</h2>
        {list.length > 1 && (
          <Field label="Theater">
            <select value={theater?.id ?? ''} onChange={(e) => setTheaterId(e.target.value)}>
              {list.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
            </select>
          </Field>
        )}
        {theater && <TheaterForm key={theater.id} theater={theater} onSaved={() => theaters.reload()} />}
        {newTheater ? (
          <>
            <h3>New theater</h3>
            <TheaterForm theater={null} onSaved={(t) => { setNewTheater(false); setTheaterId(t.id); theaters.reload(); }} />
          </>
        ) : (
          <button type="button" onClick={() => setNewTheater(true)}>Add a theater</button>
        )}
      </section>
      {theater && (
        <section className="panel">
          <h2>Halls of {theater.name}</h2>
          {theater.halls.length === 0 ? <Empty>No halls yet.</Empty> : (
            <table className="mgr-table">
              <thead><tr><th>Hall</th><th className="num">Capacity</th><th /></tr></thead>
              <tbody>
                {theater.halls.map((h) => (
                  <tr key={h.id}>
                    <td>{h.name}</td>
                    <td className="num">{h.capacity}</td>
                    <td><button type="button" onClick={() => void openHall(h.id)} aria-label={`Edit layout of ${h.name}`}>Edit layout</button></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="actions">
            <button type="button" onClick={() => setEditing({ hall: null, key: Date.now() })}>New hall</button>
          </div>
          <ErrorNote error={hallError} />
        </section>
      )}
      {theater && editing && (
        <section className="panel">
          <h2>{editing.hall ? `Layout of ${editing.hall.name}` : 'New hall'}</h2>
          <LayoutEditor
            key={editing.key}
            theaterId={theater.id}
            hall={editing.hall}
            defaultCleaningMinutes={settings.data?.defaultCleaningMinutes ?? 15}
            onSaved={(h) => { theaters.reload(); setEditing((e) => (e && !e.hall ? { hall: h, key: e.key } : e)); }}
            onCancel={() => setEditing(null)}
          />
        </section>
      )}
    </div>
  );
}
