// Promo codes (promos.save / promos.list): create one (percent or amount off each ticket, dates,
// a usage limit, the films it applies to), see how many sales used each, switch one off or on.
import { useState } from 'react';
import type { Promo } from '../../../shared/contract';
import { call } from '../api';
import { Empty, ErrorNote, Field, Loading, money, parseMoney, useLoad, useTheaterInfo } from './common';

function PromoRow({ p, titles, onSaved }: { p: Promo; titles: Map<string, string>; onSaved(): void }) {
  const { currency } = useTheaterInfo();
  const [error, setError] = useState<unknown>(null);
  const toggle = async () => {
    setError(null);
    try {
      const { id, code, kind, value, validFrom, validTo, maxUses, movieIds } = p;
      await call('promos.save', { id, code, kind, value, active: !p.active, ...(validFrom ? { validFrom } : {}), ...(validTo ? { validTo } : {}), ...(maxUses ? { maxUses } : {}), ...(movieIds ? { movieIds } : {}) });
      onSaved();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <tr>
      <td><strong>{p.code}</strong></td>
      <td>{p.kind === 'percent' ? `${p.value} % off` : `${money(p.value, currency)} off`} each ticket</td>
      <td>{p.validFrom ?? '…'} to {p.validTo ?? '…'}</td>
      <td>{p.movieIds?.map((id) => titles.get(id) ?? id).join(', ') ?? 'all films'}</td>
      <td className="num" data-testid={`promo-uses-${p.code}`}>{p.uses}{p.maxUses ? ` / ${p.maxUses}` : ''}</td>
      <td>{p.active ? 'active' : 'off'}</td>
      <td>
        <button type="button" onClick={() => void toggle()}>{p.active ? 'Deactivate' : 'Reactivate'}</button>
        <ErrorNote error={error} />
      </td>
    </tr>
  );
}

export function PromosTab() {
  const { currency } = useTheaterInfo();
  const promos = useLoad(() => call('promos.list', {}), []);
  const movies = useLoad(() => call('movies.search', {}), []);
  const titles = new Map((movies.data ?? []).map((m) => [m.id, m.title]));
  const [code, setCode] = useState('');
  const [kind, setKind] = useState<'percent' | 'amount'>('percent');
  const [value, setValue] = useState('10');
  const [validFrom, setValidFrom] = useState('');
  const [validTo, setValidTo] = useState('');
  const [maxUses, setMaxUses] = useState('');
  const [movieIds, setMovieIds] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const amount = kind === 'percent' ? (/^\d{1,3}$/.test(value.trim()) ? Number(value) : null) : parseMoney(value, currency);
  const create = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null); setNote(null);
    try {
      const p = await call('promos.save', {
        code: code.trim(), kind, value: amount!, active: true,
        ...(validFrom ? { validFrom } : {}), ...(validTo ? { validTo } : {}),
        ...(maxUses.trim() ? { maxUses: Number(maxUses) } : {}), ...(movieIds.length ? { movieIds } : {}),
      });
      setNote(`Promo ${p.code} created.`);
      setCode(''); setMovieIds([]); setMaxUses('');
      promos.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div>
      <section className="panel" aria-label="Promo codes">
        <h2>Promo codes</h2>
        {promos.error ? <ErrorNote error={promos.error} /> : promos.loading && !promos.data ? <Loading what="Loading promo codes" /> : (promos.data ?? []).length === 0 ? <Empty>No promo codes yet.</Empty> : (
          <table className="mgr-table">
            <thead><tr><th>Code</th><th>Discount</th><th>Valid</th><th>Films</th><th className="num">Uses</th><th>Status</th><th /></tr></thead>
            <tbody>{promos.data!.map((p) => <PromoRow key={p.id} p={p} titles={titles} onSaved={promos.reload} />)}</tbody>
          </table>
        )}
      </section>
      <form className="panel mgr-form" onSubmit={create} aria-label="New promo code">
        <h3 style={{ width: '100%' }}>New promo code</h3>
        <Field label="Code"><input value={code} onChange={(e) => setCode(e.target.value.toUpperCase())} required maxLength={32} /></Field>
        <Field label="Kind">
          <select value={kind} onChange={(e) => setKind(e.target.value as 'percent' | 'amount')}>
            <option value="percent">percent off each ticket</option>
            <option value="amount">amount off each ticket</option>
          </select>
        </Field>
        <Field label={kind === 'percent' ? 'Percent' : `Amount (${currency})`}><input value={value} aria-invalid={amount === null} onChange={(e) => setValue(e.target.value)} size={8} /></Field>
        <Field label="Valid from"><input type="date" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} /></Field>
        <Field label="Valid to"><input type="date" value={validTo} onChange={(e) => setValidTo(e.target.value)} /></Field>
        <Field label="Usage limit (sales)" hint="empty = no limit"><input type="number" min={1} value={maxUses} onChange={(e) => setMaxUses(e.target.value)} /></Field>
        <Field label="Films" hint="none chosen = all films">
          <select multiple value={movieIds} onChange={(e) => setMovieIds([...e.target.selectedOptions].map((o) => o.value))}>
            {(movies.data ?? []).map((m) => <option key={m.id} value={m.id}>{m.title}</option>)}
          </select>
        </Field>
        <div className="actions" style={{ width: '100%' }}>
          <button type="submit" className="primary" disabled={!code.trim() || amount === null || amount <= 0}>Create promo code</button>
        </div>
        {note && <p className="success" role="status">{note}</p>}
        <ErrorNote error={error} />
      </form>
    </div>
  );
}
