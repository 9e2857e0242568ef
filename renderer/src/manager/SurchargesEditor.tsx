// Surcharges in the pricing rules (issue 13): an amount added to every ticket of a show format
// (3D, IMAX) or of one film, after the multipliers and before the cap. Films are chosen by title;
// the rules keep their ids.
import { useState } from 'react';
import type { PricingRules } from '../../../shared/contract';
import { call } from '../api';
import { Field, money, parseMoney, useLoad } from './common';

type Surcharges = PricingRules['surcharges'];

export function SurchargesEditor({ value, currency, onChange }: { value: Surcharges; currency: string; onChange(v: Surcharges): void }) {
  const movies = useLoad(() => call('movies.search', {}), []);
  const [format, setFormat] = useState('IMAX');
  const [formatAmount, setFormatAmount] = useState('5.00');
  const [movieId, setMovieId] = useState('');
  const [movieAmount, setMovieAmount] = useState('2.00');
  const title = (id: string) => movies.data?.find((m) => m.id === id)?.title ?? id;
  const fAmount = parseMoney(formatAmount, currency);
  const mAmount = parseMoney(movieAmount, currency);
  const without = (r: Record<string, number>, k: string) => Object.fromEntries(Object.entries(r).filter(([key]) => key !== k));
  return (
    <fieldset aria-label="Surcharges"><legend>Surcharges (added per ticket, before the cap)</legend>
      <ul className="mgr-chips" aria-label="Surcharges in force">
        {Object.entries(value.formats).map(([f, a]) => (
          <li key={`f-${f}`}>{f} shows +{money(a, currency)}<button type="button" aria-label={`Remove surcharge for ${f}`} onClick={() => onChange({ ...value, formats: without(value.formats, f) })}>✕</button></li>
        ))}
        {Object.entries(value.movies).map(([id, a]) => (
          <li key={`m-${id}`}>{title(id)} +{money(a, currency)}<button type="button" aria-label={`Remove surcharge for ${title(id)}`} onClick={() => onChange({ ...value, movies: without(value.movies, id) })}>✕</button></li>
        ))}
      </ul>
      <div className="mgr-row">
        <Field label="Format"><input value={format} onChange={(e) => setFormat(e.target.value)} size={6} /></Field>
        <Field label={`Format surcharge (${currency})`}><input value={formatAmount} aria-invalid={fAmount === null} onChange={(e) => setFormatAmount(e.target.value)} size={7} /></Field>
        <button type="button" disabled={!format.trim() || fAmount === null} onClick={() => onChange({ ...value, formats: { ...value.formats, [format.trim()]: fAmount! } })}>Set format surcharge</button>
      </div>
      <div className="mgr-row">
        <Field label="Film">
          <select value={movieId} onChange={(e) => setMovieId(e.target.value)}>
            <option value="">choose a film</option>
            {(movies.data ?? []).map((m) => <option key={m.id} value={m.id}>{m.title}</option>)}
          </select>
        </Field>
        <Field label={`Film surcharge (${currency})`}><input value={movieAmount} aria-invalid={mAmount === null} onChange={(e) => setMovieAmount(e.target.value)} size={7} /></Field>
        <button type="button" disabled={!movieId || mAmount === null} onClick={() => onChange({ ...value, movies: { ...value.movies, [movieId]: mAmount! } })}>Set film surcharge</button>
      </div>
    </fieldset>
  );
}
