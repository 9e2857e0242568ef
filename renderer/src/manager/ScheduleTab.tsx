// The schedule: a day or week timeline per hall; create, move and cancel shows; overlaps found in
// the page while editing and SCHEDULE_CONFLICT from the engine explained; copy a day or a week.
import { useMemo, useState } from 'react';
import type { Booking, Movie, ShowSummary } from '../../../shared/contract';
import { addDays, localDayRange, localParts, localToInstant } from '../../../shared/localTime';
import { ApiError, call, messageOf } from '../api';
import { formatLocalDate, formatTime, todayIn } from '../lib/format';
import { ErrorNote, Field, Loading, money, moneyInput, parseMoney, useLoad, useTheaterInfo } from './common';
import { blockOf, blockOfShow, conflictsOf, type Block } from './schedule';
import { Timeline, type Lane, type TimelineItem } from './Timeline';

interface Draft { id?: string; movieId: string; hallId: string; date: string; time: string; price: string; format: string }

interface Placed { id: string; hallId: string; status: string; block: Block; show: ShowSummary }

function describe(s: ShowSummary, block: Block, tz: string): string {
  return `${s.movieTitle}, ${formatTime(s.startsAt, tz)}–${formatTime(new Date(block.movieEnd).toISOString(), tz)}, cleaning until ${formatTime(new Date(block.end).toISOString(), tz)}, ${s.hallName}`;
}

export function ScheduleTab() {
  const { id: sessionTheaterId, timezone: tz, currency } = useTheaterInfo();
  const [view, setView] = useState<'day' | 'week'>('day');
  const [date, setDate] = useState(() => todayIn(tz));
  const [draft, setDraft] = useState<Draft | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [serverConflicts, setServerConflicts] = useState<string[]>([]);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [cancelReason, setCancelReason] = useState('');
  const [refunds, setRefunds] = useState<Booking[] | null>(null);
  const [copyTo, setCopyTo] = useState('');
  const [copyReport, setCopyReport] = useState<{ placed: string[]; failed: string[] } | null>(null);

  const base = useLoad(async () => {
    const [theaters, settings, movies] = await Promise.all([call('theaters.list', {}), call('settings.get', {}), call('movies.search', {})]);
    const theater = theaters.find((t) => t.id === sessionTheaterId) ?? theaters[0] ?? null;
    return { theater, settings, movies, halls: theater?.halls ?? [] };
  }, [sessionTheaterId]);

  const to = view === 'day' ? date : addDays(date, 6);
  const theaterId = base.data?.theater?.id;
  const shows = useLoad(
    () => (theaterId ? call('shows.list', { from: date, to, theaterId, includeCancelled: true }) : Promise.resolve([] as ShowSummary[])),
    [date, to, theaterId],
  );
  // Shows around the draft's date, so overlaps are found even outside the visible range.
  const around = useLoad(
    () => (draft && draft.date && theaterId ? call('shows.list', { from: addDays(draft.date, -1), to: draft.date, theaterId, hallId: draft.hallId || undefined }) : Promise.resolve([] as ShowSummary[])),
    [draft?.date, draft?.hallId, theaterId],
  );

  const trailer = base.data?.settings.trailerMinutes ?? 15;
  const hallById = useMemo(() => new Map((base.data?.halls ?? []).map((h) => [h.id, h])), [base.data]);
  const movieById = useMemo(() => new Map((base.data?.movies ?? []).map((m) => [m.id, m])), [base.data]);

  const placed: Placed[] = useMemo(() => {
    const byId = new Map<string, ShowSummary>();
    for (const s of [...(shows.data ?? []), ...(around.data ?? [])]) byId.set(s.id, s);
    return [...byId.values()].map((s) => ({ id: s.id, hallId: s.hallId, status: s.status, show: s, block: blockOfShow(s, trailer, hallById.get(s.hallId)?.cleaningMinutes ?? 0) }));
  }, [shows.data, around.data, trailer, hallById]);

  const movie: Movie | undefined = draft ? movieById.get(draft.movieId) : undefined;
  const hall = draft ? hallById.get(draft.hallId) : undefined;
  const draftStart = draft && /^\d{4}-\d{2}-\d{2}$/.test(draft.date) && /^\d{2}:\d{2}$/.test(draft.time) ? localToInstant(draft.date, draft.time, tz) : null;
  const draftBlock = draftStart !== null && movie && hall ? blockOf(draftStart, trailer, movie.durationMinutes, hall.cleaningMinutes) : null;
  const clientConflicts = draft && draftBlock ? conflictsOf({ id: draft.id, hallId: draft.hallId, block: draftBlock }, placed) : [];
  const price = draft ? parseMoney(draft.price, currency) : null;

  if (base.loading && !base.data) return <Loading what="Loading the schedule" />;
  if (base.error) return <ErrorNote error={base.error} />;
  const { halls, movies } = base.data!;
  const activeMovies = movies.filter((m) => !m.archived);

  const days = view === 'day' ? [date] : Array.from({ length: 7 }, (_, i) => addDays(date, i));
  const lanes: Lane[] = [];
  for (const h of halls)
    for (const d of days) {
      const [from, toMs] = localDayRange(d, tz);
      lanes.push({ key: `${h.id}|${d}`, hallId: h.id, from, to: toMs, label: view === 'day' ? h.name : `${h.name} · ${formatLocalDate(d).split(',').slice(0, 2).join(',')}` });
    }
  const conflictIds = new Set([...clientConflicts.map((c) => c.id), ...serverConflicts]);
  const items: TimelineItem[] = placed
    .filter((p) => p.id !== draft?.id)
    .map((p) => ({
      id: p.id,
      hallId: p.hallId,
      title: p.show.movieTitle,
      label: `${describe(p.show, p.block, tz)}${p.status === 'cancelled' ? ' (cancelled)' : ''}`,
      block: p.block,
      cancelled: p.status === 'cancelled',
      conflict: conflictIds.has(p.id),
      selected: p.id === selected,
    }));
  if (draft && draftBlock && movie && hall)
    items.push({ id: draft.id ?? 'draft', hallId: draft.hallId, title: `${movie.title} (draft)`, label: `Draft: ${movie.title}, ${draft.time}, ${hall.name}`, block: draftBlock, draft: true, conflict: clientConflicts.length > 0 });

  const selectedShow = placed.find((p) => p.id === selected)?.show ?? null;

  const newDraft = () => {
    setError(null); setServerConflicts([]); setNote(null); setRefunds(null);
    setDraft({ movieId: activeMovies[0]?.id ?? '', hallId: halls[0]?.id ?? '', date, time: '10:00', price: moneyInput(1200, currency), format: '2D' });
  };
  const editShow = (s: ShowSummary) => {
    setError(null); setServerConflicts([]); setNote(null); setRefunds(null);
    const lp = localParts(Date.parse(s.startsAt), tz);
    setDraft({ id: s.id, movieId: s.movieId, hallId: s.hallId, date: lp.date, time: lp.time, price: moneyInput(s.basePrice, currency), format: s.format });
  };

  const save = async () => {
    if (!draft || draftStart === null || price === null) return;
    setBusy(true); setError(null); setServerConflicts([]); setNote(null);
    try {
      const saved = await call('shows.save', { ...(draft.id ? { id: draft.id } : {}), movieId: draft.movieId, hallId: draft.hallId, startsAt: new Date(draftStart).toISOString(), basePrice: price, format: draft.format.trim() || '2D' });
      setNote(`${draft.id ? 'Moved' : 'Scheduled'}: ${movie?.title ?? ''} at ${formatTime(saved.startsAt, tz)} on ${formatLocalDate(localParts(Date.parse(saved.startsAt), tz).date)} in ${hall?.name ?? ''}.`);
      setDraft(null);
      setSelected(saved.id);
      shows.reload();
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && e.code === 'SCHEDULE_CONFLICT') {
        setServerConflicts(((e.details as { conflicts?: string[] })?.conflicts ?? []).filter((x) => typeof x === 'string'));
        around.reload();
        shows.reload();
      }
    } finally {
      setBusy(false);
    }
  };

  const cancelShow = async () => {
    if (!selectedShow) return;
    setBusy(true); setError(null); setRefunds(null); setNote(null);
    try {
      const r = await call('shows.cancel', { id: selectedShow.id, reason: cancelReason.trim() });
      setRefunds(r.refunded);
      setNote(`Cancelled ${selectedShow.movieTitle} at ${formatTime(selectedShow.startsAt, tz)}: ${r.refunded.length} booking(s) refunded.`);
      setCancelReason('');
      shows.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(copyTo)) return;
    setBusy(true); setCopyReport(null); setError(null);
    const offset = Math.round((Date.parse(`${copyTo}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000);
    const source = (shows.data ?? []).filter((s) => s.status === 'scheduled').sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    const placedOk: string[] = [];
    const failed: string[] = [];
    const known = new Map(placed.map((p) => [p.id, p]));
    for (const s of source) {
      const lp = localParts(Date.parse(s.startsAt), tz);
      const d = addDays(lp.date, offset);
      const what = `${s.movieTitle} ${formatLocalDate(d)} ${lp.time}, ${s.hallName}`;
      try {
        const saved = await call('shows.save', { movieId: s.movieId, hallId: s.hallId, startsAt: new Date(localToInstant(d, lp.time, tz)).toISOString(), basePrice: s.basePrice, format: s.format });
        placedOk.push(what);
        known.set(saved.id, { id: saved.id, hallId: saved.hallId, status: 'scheduled', show: { ...s, id: saved.id, startsAt: saved.startsAt, endsAt: saved.endsAt }, block: blockOfShow(saved, trailer, hallById.get(saved.hallId)?.cleaningMinutes ?? 0) });
      } catch (e) {
        let why = messageOf(e);
        if (e instanceof ApiError && e.code === 'SCHEDULE_CONFLICT') {
          const ids = ((e.details as { conflicts?: string[] })?.conflicts ?? []);
          const names = ids.map((id) => { const p = known.get(id); return p ? `${p.show.movieTitle} ${formatTime(p.show.startsAt, tz)}` : 'another show'; });
          why = `overlaps ${names.join(', ') || 'another show'} in ${s.hallName}`;
        }
        failed.push(`${what}: ${why}`);
      }
    }
    setCopyReport({ placed: placedOk, failed });
    setBusy(false);
    shows.reload();
  };

  const explainServer = serverConflicts.map((id) => {
    const p = placed.find((x) => x.id === id);
    return p ? describe(p.show, p.block, tz) : `show ${id}`;
  });

  return (
    <div className="mgr-schedule">
      <div className="mgr-row">
        <div role="radiogroup" aria-label="View" className="mgr-tools">
          <button type="button" role="radio" aria-checked={view === 'day'} onClick={() => setView('day')}>Day</button>
          <button type="button" role="radio" aria-checked={view === 'week'} onClick={() => setView('week')}>Week</button>
        </div>
        <button type="button" aria-label="Previous" onClick={() => setDate(addDays(date, view === 'day' ? -1 : -7))}>◀</button>
        <Field label={view === 'day' ? 'Day' : 'Week from'}>
          <input type="date" value={date} onChange={(e) => e.target.value && setDate(e.target.value)} />
        </Field>
        <button type="button" aria-label="Next" onClick={() => setDate(addDays(date, view === 'day' ? 1 : 7))}>▶</button>
        <strong>{formatLocalDate(date)}{view === 'week' ? ` – ${formatLocalDate(to)}` : ''}</strong>
        <button type="button" className="primary" onClick={newDraft} disabled={activeMovies.length === 0 || halls.length === 0}>New show</button>
      </div>
      <div className="mgr-legend" aria-hidden="true">
        <span><i className="mgr-seg--trailers" />trailers ({trailer} min)</span>
        <span><i className="mgr-seg--movie" />movie</span>
        <span><i className="mgr-seg--cleaning" />cleaning</span>
      </div>
      {shows.error ? <ErrorNote error={shows.error} /> : shows.loading && !shows.data ? <Loading what="Loading shows" /> : (
        <>
          <Timeline lanes={lanes} items={items} onSelect={(id) => { setSelected(id); setRefunds(null); setNote(null); }} hourLabels={['0', '3', '6', '9', '12', '15', '18', '21']} />
          {(shows.data ?? []).length === 0 && <p className="state">No shows {view === 'day' ? 'on this day' : 'in this week'}.</p>}
        </>
      )}
      {note && <p className="success" role="status">{note}</p>}

      {draft && (
        <form className="panel mgr-form" aria-label={draft.id ? 'Move show' : 'New show'} onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <h3 style={{ width: '100%' }}>{draft.id ? 'Move show' : 'New show'}</h3>
          <Field label="Movie">
            <select value={draft.movieId} onChange={(e) => setDraft({ ...draft, movieId: e.target.value })}>
              {activeMovies.map((m) => <option key={m.id} value={m.id}>{m.title} ({m.durationMinutes} min)</option>)}
            </select>
          </Field>
          <Field label="Hall">
            <select value={draft.hallId} onChange={(e) => setDraft({ ...draft, hallId: e.target.value })}>
              {halls.map((h) => <option key={h.id} value={h.id}>{h.name} (cleaning {h.cleaningMinutes} min)</option>)}
            </select>
          </Field>
          <Field label="Date"><input type="date" value={draft.date} onChange={(e) => setDraft({ ...draft, date: e.target.value })} required /></Field>
          <Field label="Start time"><input type="time" value={draft.time} onChange={(e) => setDraft({ ...draft, time: e.target.value })} required /></Field>
          <Field label={`Base price (${currency})`}>
            <input inputMode="decimal" value={draft.price} aria-invalid={price === null} onChange={(e) => setDraft({ ...draft, price: e.target.value })} required />
          </Field>
          <Field label="Format"><input value={draft.format} maxLength={20} onChange={(e) => setDraft({ ...draft, format: e.target.value })} /></Field>
          {draftBlock && (
            <p className="small muted" style={{ width: '100%' }}>
              Block: trailers from {formatTime(new Date(draftBlock.start).toISOString(), tz)}, movie {formatTime(new Date(draftBlock.trailersEnd).toISOString(), tz)}–{formatTime(new Date(draftBlock.movieEnd).toISOString(), tz)}, cleaning until {formatTime(new Date(draftBlock.end).toISOString(), tz)}
              {price !== null && ` · base price ${money(price, currency)}`}
            </p>
          )}
          {clientConflicts.length > 0 && (
            <div className="notice notice--warning mgr-conflicts" role="alert" data-testid="client-conflicts" style={{ width: '100%' }}>
              <div>
                <p>This block overlaps {clientConflicts.length === 1 ? 'a show' : `${clientConflicts.length} shows`} in {hall?.name} (blocks may touch, not overlap):</p>
                <ul>{clientConflicts.map((c) => <li key={c.id}>{describe(c.show, c.block, tz)}</li>)}</ul>
              </div>
            </div>
          )}
          {serverConflicts.length > 0 && (
            <div className="mgr-conflicts" data-testid="server-conflicts" style={{ width: '100%' }}>
              The box office refused it: the hall is busy then. Overlapping: <ul>{explainServer.map((x) => <li key={x}>{x}</li>)}</ul>
            </div>
          )}
          <ErrorNote error={error} />
          <div className="actions" style={{ width: '100%' }}>
            <button type="button" onClick={() => { setDraft(null); setError(null); setServerConflicts([]); }}>Close</button>
            <button type="submit" className="primary" disabled={busy || !draftBlock || price === null || clientConflicts.length > 0}>
              {busy ? 'Saving…' : draft.id ? 'Move show' : 'Save show'}
            </button>
          </div>
        </form>
      )}
      {!draft && error ? <ErrorNote error={error} /> : null}

      {selectedShow && !draft && (
        <section className="panel" aria-label="Selected show">
          <h3>{selectedShow.movieTitle} · {formatLocalDate(localParts(Date.parse(selectedShow.startsAt), tz).date)} {formatTime(selectedShow.startsAt, tz)} · {selectedShow.hallName}</h3>
          <p className="small">{selectedShow.format} · base {money(selectedShow.basePrice, currency)} · {selectedShow.sold} sold, {selectedShow.held} held of {selectedShow.capacity} · {selectedShow.status}</p>
          {selectedShow.status === 'scheduled' && (
            <div className="mgr-row">
              <button type="button" onClick={() => editShow(selectedShow)}>Move / edit</button>
              <Field label="Cancellation reason"><input value={cancelReason} onChange={(e) => setCancelReason(e.target.value)} /></Field>
              <button type="button" className="danger" disabled={busy || !cancelReason.trim()} onClick={() => void cancelShow()}>Cancel show and refund</button>
            </div>
          )}
        </section>
      )}
      {refunds && (
        <section className="panel" aria-label="Refunds">
          <h3>Refunded bookings ({refunds.length})</h3>
          {refunds.some((b) => b.refund?.owedCash) && (
            <p className="muted">Card, UPI and wallet payments went back by themselves. Cash is paid out at a counter when the customer comes back with the booking code (Bookings, F3).</p>
          )}
          {refunds.length === 0 ? <p className="state">No bookings needed a refund.</p> : (
            <table className="mgr-table">
              <thead><tr><th>Code</th><th>Customer</th><th>Seats</th><th className="num">Refunded</th><th className="num">Cash to collect</th></tr></thead>
              <tbody>
                {refunds.map((b) => (
                  <tr key={b.id}>
                    <td>{b.code}</td><td>{b.customer?.name ?? b.customer?.phone ?? ''}</td><td>{b.tickets.map((t) => t.seatLabel).join(' ')}</td>
                    <td className="num">{money(b.refund?.amount ?? b.total, b.currency)}</td>
                    <td className="num">{b.refund?.owedCash ? money(b.refund.owedCash, b.currency) : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}

      <fieldset className="mgr-row">
        <legend>Copy this {view}</legend>
        <Field label={`Copy the ${view} shown onto (first day)`}><input type="date" value={copyTo} onChange={(e) => setCopyTo(e.target.value)} /></Field>
        <button type="button" disabled={busy || !copyTo || (shows.data ?? []).length === 0} onClick={() => void copy()}>Copy {view}</button>
      </fieldset>
      {copyReport && (
        <section className="panel" aria-label="Copy result" role="status">
          <p>{copyReport.placed.length} show(s) placed, {copyReport.failed.length} could not be placed.</p>
          {copyReport.failed.length > 0 && (
            <ul className="mgr-conflicts" data-testid="copy-failed">{copyReport.failed.map((f, i) => <li key={i}>{f}</li>)}</ul>
          )}
        </section>
      )}
    </div>
  );
}
