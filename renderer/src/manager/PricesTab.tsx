// Pricing rules (pricing.get/save): seat and ticket type multipliers, weekend, holiday calendar,
// peak hours, flat-price days, cap; and a preview that quotes one seat of one show (pricing.quote).
import { useEffect, useState } from 'react';
import { SEAT_TYPES, type PricingRules } from '../../../shared/contract';
import { call } from '../api';
import { formatTime, todayIn } from '../lib/format';
import { ErrorNote, Field, Loading, WEEKDAYS, money, parseMoney, useDraft, useLoad, useTheaterInfo } from './common';

function num(s: string): number | null {
  if (!/^\s*\d+(\.\d{1,4})?\s*$/.test(s)) return null;
  return Number(s);
}

function MultInput({ label, value, onChange }: { label: string; value: number; onChange(n: number): void }) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const bad = num(text) === null;
  return (
    <Field label={label}>
      <input inputMode="decimal" size={6} value={text} aria-invalid={bad} onChange={(e) => { setText(e.target.value); const n = num(e.target.value); if (n !== null) onChange(n); }} />
    </Field>
  );
}

export function PricePreview({ rulesVersion = 0 }: { rulesVersion?: number }) {
  const { timezone: tz, currency } = useTheaterInfo();
  const [date, setDate] = useState(() => todayIn(tz));
  const [showId, setShowId] = useState('');
  const [seatId, setSeatId] = useState('');
  const [ticketType, setTicketType] = useState('adult');
  const shows = useLoad(() => call('shows.list', { date }), [date]);
  const map = useLoad(() => (showId ? call('seats.map', { showId }) : Promise.resolve(null)), [showId]);
  const rules = useLoad(() => call('pricing.get', {}), [rulesVersion]);
  const quote = useLoad(
    () => (showId && seatId && map.data?.show.id === showId ? call('pricing.quote', { showId, tickets: [{ seatId, ticketType }] }) : Promise.resolve(null)),
    [showId, seatId, ticketType, rulesVersion, map.data?.show.id],
  );
  useEffect(() => {
    const first = shows.data?.find((s) => s.status === 'scheduled');
    if (shows.data && !shows.data.some((s) => s.id === showId)) setShowId(first?.id ?? '');
  }, [shows.data, showId]);
  useEffect(() => {
    if (map.data && !map.data.seats.some((s) => s.id === seatId)) setSeatId(map.data.seats[0]?.id ?? '');
  }, [map.data, seatId]);
  const line = quote.data?.lines[0];
  return (
    <section className="panel" aria-label="Price preview">
      <h2>Price preview</h2>
      <div className="mgr-row">
        <Field label="Show date"><input type="date" value={date} onChange={(e) => e.target.value && setDate(e.target.value)} /></Field>
        <Field label="Show">
          <select value={showId} onChange={(e) => setShowId(e.target.value)}>
            {(shows.data ?? []).length === 0 && <option value="">no shows that day</option>}
            {(shows.data ?? []).map((s) => <option key={s.id} value={s.id}>{formatTime(s.startsAt, tz)} {s.movieTitle} · {s.hallName} · base {money(s.basePrice, currency)}</option>)}
          </select>
        </Field>
        <Field label="Seat">
          <select value={seatId} onChange={(e) => setSeatId(e.target.value)}>
            {(map.data?.seats ?? []).map((s) => <option key={s.id} value={s.id}>{s.label} ({s.type})</option>)}
          </select>
        </Field>
        <Field label="Ticket type">
          <select value={ticketType} onChange={(e) => setTicketType(e.target.value)}>
            {Object.keys(rules.data?.ticketTypes ?? { adult: 1 }).map((t) => <option key={t} value={t}>{t}</option>)}
          </select>
        </Field>
      </div>
      <ErrorNote error={shows.error || map.error || quote.error} />
      {quote.loading && showId && seatId && <p className="state" role="status">Quoting…</p>}
      {line && (
        <div>
          <p>
            {line.seatLabel}, {line.ticketType}: <span className="mgr-quote" data-testid="preview-price">{money(line.amount, quote.data!.currency || currency)}</span>
          </p>
          <table className="mgr-table" aria-label="Price breakdown">
            <thead><tr><th>Step</th><th>Kind</th><th className="num">Value</th></tr></thead>
            <tbody>
              {line.breakdown.map((b, i) => (
                <tr key={i}>
                  <td>{b.label}</td>
                  <td>{b.kind}</td>
                  <td className="num">{b.kind === 'base' || b.kind === 'flatPrice' || b.kind === 'cap' || b.kind === 'rounding' ? money(b.value, currency) : `×${b.value}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!showId && !shows.loading && <p className="state">Pick a day with shows to preview a price.</p>}
    </section>
  );
}

export function PricesTab() {
  const { currency } = useTheaterInfo();
  const loaded = useLoad(() => call('pricing.get', {}), []);
  const draft = useDraft(loaded);
  const rules = draft.value;
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [newType, setNewType] = useState('');
  const [newTypeMult, setNewTypeMult] = useState('1');
  const [holiday, setHoliday] = useState('');
  const [flatDay, setFlatDay] = useState('2');
  const [flatPrice, setFlatPrice] = useState('5.00');

  if (loaded.error) return <ErrorNote error={loaded.error} />;
  if (!rules) return <Loading what="Loading pricing rules" />;
  const upd = (r: Partial<PricingRules>) => { setSaved(false); draft.edit({ ...rules, ...r }); };

  const save = async () => {
    setError(null); setSaved(false);
    try {
      const out = await call('pricing.save', rules);
      draft.saved(out);
      setSaved(true);
      setVersion((v) => v + 1);
    } catch (e) {
      setError(e);
    }
  };
  const addType = () => {
    const name = newType.trim().toLowerCase();
    const m = num(newTypeMult);
    if (!/^[a-z][a-z0-9_-]{0,31}$/.test(name) || m === null) { setError(new Error('A ticket type is a lowercase word (letters, digits, - or _) with a multiplier such as 0.9.')); return; }
    upd({ ticketTypes: { ...rules.ticketTypes, [name]: m } });
    setNewType('');
  };
  const flatPriceMinor = parseMoney(flatPrice, currency);

  return (
    <div className="mgr-prices">
      <section className="panel">
        <h2>Pricing rules</h2>
        <fieldset className="mgr-row"><legend>Seat types</legend>
          {SEAT_TYPES.map((t) => <MultInput key={t} label={t} value={rules.seatTypes[t]} onChange={(n) => upd({ seatTypes: { ...rules.seatTypes, [t]: n } })} />)}
        </fieldset>
        <fieldset className="mgr-row"><legend>Ticket types</legend>
          {Object.entries(rules.ticketTypes).map(([t, m]) => (
            <div key={t} className="mgr-row">
              <MultInput label={t} value={m} onChange={(n) => upd({ ticketTypes: { ...rules.ticketTypes, [t]: n } })} />
              <button type="button" aria-label={`Remove ticket type ${t}`} disabled={Object.keys(rules.ticketTypes).length <= 1} onClick={() => { const c = { ...rules.ticketTypes }; delete c[t]; upd({ ticketTypes: c }); }}>✕</button>
            </div>
          ))}
          <Field label="New ticket type"><input value={newType} onChange={(e) => setNewType(e.target.value)} size={10} /></Field>
          <Field label="Its multiplier"><input value={newTypeMult} onChange={(e) => setNewTypeMult(e.target.value)} size={6} /></Field>
          <button type="button" onClick={addType}>Add ticket type</button>
        </fieldset>
        <fieldset className="mgr-row"><legend>Weekend</legend>
          {WEEKDAYS.map((d, i) => (
            <label key={d} className="check"><input type="checkbox" checked={rules.weekend.days.includes(i)} onChange={(e) => upd({ weekend: { ...rules.weekend, days: e.target.checked ? [...rules.weekend.days, i].sort() : rules.weekend.days.filter((x) => x !== i) } })} />{d.slice(0, 3)}</label>
          ))}
          <MultInput label="Weekend multiplier" value={rules.weekend.multiplier} onChange={(n) => upd({ weekend: { ...rules.weekend, multiplier: n } })} />
        </fieldset>
        <fieldset><legend>Holidays</legend>
          <div className="mgr-row">
            <Field label="Holiday date"><input type="date" value={holiday} onChange={(e) => setHoliday(e.target.value)} /></Field>
            <button type="button" disabled={!holiday || rules.holidays.dates.includes(holiday)} onClick={() => { upd({ holidays: { ...rules.holidays, dates: [...rules.holidays.dates, holiday].sort() } }); setHoliday(''); }}>Add holiday</button>
            <MultInput label="Holiday multiplier" value={rules.holidays.multiplier} onChange={(n) => upd({ holidays: { ...rules.holidays, multiplier: n } })} />
          </div>
          {rules.holidays.dates.length === 0 ? <p className="state">No holidays in the calendar.</p> : (
            <ul className="mgr-chips" aria-label="Holiday calendar">
              {rules.holidays.dates.map((d) => <li key={d}>{d}<button type="button" aria-label={`Remove holiday ${d}`} onClick={() => upd({ holidays: { ...rules.holidays, dates: rules.holidays.dates.filter((x) => x !== d) } })}>✕</button></li>)}
            </ul>
          )}
        </fieldset>
        <fieldset className="mgr-row"><legend>Peak hours</legend>
          <label className="check"><input type="checkbox" checked={rules.peak.enabled} onChange={(e) => upd({ peak: { ...rules.peak, enabled: e.target.checked } })} />Peak pricing on</label>
          <Field label="Peak from"><input type="time" value={rules.peak.from} onChange={(e) => upd({ peak: { ...rules.peak, from: e.target.value } })} /></Field>
          <Field label="Peak to"><input type="time" value={rules.peak.to} onChange={(e) => upd({ peak: { ...rules.peak, to: e.target.value } })} /></Field>
          <MultInput label="Peak multiplier" value={rules.peak.multiplier} onChange={(n) => upd({ peak: { ...rules.peak, multiplier: n } })} />
        </fieldset>
        <fieldset><legend>Flat-price days</legend>
          <ul className="mgr-chips" aria-label="Flat-price days">
            {rules.flatPriceDays.map((f) => <li key={f.weekday}>{WEEKDAYS[f.weekday]} {money(f.price, currency)}<button type="button" aria-label={`Remove flat price on ${WEEKDAYS[f.weekday]}`} onClick={() => upd({ flatPriceDays: rules.flatPriceDays.filter((x) => x.weekday !== f.weekday) })}>✕</button></li>)}
          </ul>
          <div className="mgr-row">
            <Field label="Weekday"><select value={flatDay} onChange={(e) => setFlatDay(e.target.value)}>{WEEKDAYS.map((d, i) => <option key={d} value={i}>{d}</option>)}</select></Field>
            <Field label={`Flat price (${currency})`}><input value={flatPrice} aria-invalid={flatPriceMinor === null} onChange={(e) => setFlatPrice(e.target.value)} size={8} /></Field>
            <button type="button" disabled={flatPriceMinor === null} onClick={() => upd({ flatPriceDays: [...rules.flatPriceDays.filter((x) => x.weekday !== Number(flatDay)), { weekday: Number(flatDay), price: flatPriceMinor! }].sort((a, b) => a.weekday - b.weekday) })}>Set flat price</button>
          </div>
        </fieldset>
        <div className="mgr-row">
          <MultInput label="Cap (× base price)" value={rules.capMultiplier} onChange={(n) => upd({ capMultiplier: n })} />
        </div>
        <ErrorNote error={error} />
        {saved && <p className="success" role="status">Pricing rules saved.</p>}
        <div className="actions">
          <button type="button" onClick={() => { draft.edit(null); setSaved(false); }}>Discard changes</button>
          <button type="button" className="primary" onClick={() => void save()}>Save pricing rules</button>
        </div>
      </section>
      <PricePreview rulesVersion={version} />
    </div>
  );
}
