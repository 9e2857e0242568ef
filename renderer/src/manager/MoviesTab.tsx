// Movies: search (title, genre, language, archived), add, edit and archive (movies.search/save/archive).
import { useState } from 'react';
import type { Movie } from '../../../shared/contract';
import { call } from '../api';
import { Empty, ErrorNote, Field, Loading, useLoad } from './common';

// distributor and rentalPercent (issue 13): for the film report's rental owed to the distributor.
interface Draft { id?: string; title: string; durationMinutes: string; genres: string; language: string; rating: string; releaseDate: string; synopsis: string; distributor: string; rentalPercent: string }

const blank: Draft = { title: '', durationMinutes: '120', genres: '', language: 'English', rating: 'PG-13', releaseDate: '', synopsis: '', distributor: '', rentalPercent: '' };

function draftOf(m: Movie): Draft {
  return {
    id: m.id, title: m.title, durationMinutes: String(m.durationMinutes), genres: m.genres.join(', '), language: m.language, rating: m.rating, releaseDate: m.releaseDate ?? '', synopsis: m.synopsis ?? '',
    distributor: m.distributor ?? '', rentalPercent: m.rentalPercent !== undefined ? String(m.rentalPercent) : '',
  };
}

function MovieForm({ initial, onDone, onCancel }: { initial: Draft; onDone(m: Movie): void; onCancel(): void }) {
  const [d, setD] = useState(initial);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof Draft) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setD({ ...d, [k]: e.target.value });
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    const minutes = Number(d.durationMinutes);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 600) {
      setError(new Error('Runtime must be a whole number of minutes from 1 to 600.'));
      return;
    }
    const rental = d.rentalPercent.trim();
    if (rental && !/^\d{1,3}(\.\d{1,2})?$/.test(rental)) {
      setError(new Error('The film rental is a percent such as 55 or 47.5.'));
      return;
    }
    setBusy(true);
    try {
      const m = await call('movies.save', {
        ...(d.id ? { id: d.id } : {}),
        title: d.title.trim(),
        durationMinutes: minutes,
        genres: d.genres.split(',').map((g) => g.trim()).filter(Boolean),
        language: d.language.trim(),
        rating: d.rating.trim(),
        ...(d.releaseDate ? { releaseDate: d.releaseDate } : {}),
        ...(d.synopsis.trim() ? { synopsis: d.synopsis.trim() } : {}),
        ...(d.distributor.trim() ? { distributor: d.distributor.trim() } : {}),
        ...(rental ? { rentalPercent: Number(rental) } : {}),
      });
      onDone(m);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="panel mgr-form" onSubmit={submit} aria-label={d.id ? 'Edit movie' : 'New movie'}>
      <h3 style={{ width: '100%' }}>{d.id ? `Edit “${initial.title}”` : 'New movie'}</h3>
      <Field label="Title"><input value={d.title} onChange={set('title')} required /></Field>
      <Field label="Runtime (minutes)"><input type="number" min={1} max={600} value={d.durationMinutes} onChange={set('durationMinutes')} required /></Field>
      <Field label="Genres (comma separated)"><input value={d.genres} onChange={set('genres')} /></Field>
      <Field label="Language"><input value={d.language} onChange={set('language')} required /></Field>
      <Field label="Rating"><input value={d.rating} onChange={set('rating')} required maxLength={10} /></Field>
      <Field label="Release date"><input type="date" value={d.releaseDate} onChange={set('releaseDate')} /></Field>
      <Field label="Synopsis"><textarea rows={3} value={d.synopsis} onChange={set('synopsis')} maxLength={2000} /></Field>
      <Field label="Distributor"><input value={d.distributor} onChange={set('distributor')} maxLength={100} /></Field>
      <Field label="Film rental %" hint="share of the net box office"><input inputMode="decimal" value={d.rentalPercent} onChange={set('rentalPercent')} size={6} /></Field>
      <div className="actions" style={{ width: '100%' }}>
        <button type="button" onClick={onCancel}>Cancel</button>
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Saving…' : 'Save movie'}</button>
      </div>
      <ErrorNote error={error} />
    </form>
  );
}

export function MoviesTab() {
  const [query, setQuery] = useState('');
  const [genre, setGenre] = useState('');
  const [language, setLanguage] = useState('');
  const [archived, setArchived] = useState(false);
  const [editing, setEditing] = useState<Draft | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const movies = useLoad(
    () => call('movies.search', { ...(query.trim() ? { query: query.trim() } : {}), ...(genre.trim() ? { genre: genre.trim() } : {}), ...(language.trim() ? { language: language.trim() } : {}), includeArchived: archived }),
    [query, genre, language, archived],
  );
  const archive = async (m: Movie) => {
    if (!window.confirm(`Archive “${m.title}”? It will no longer be offered for new shows.`)) return;
    setError(null);
    try {
      await call('movies.archive', { id: m.id });
      setNote(`“${m.title}” archived.`);
      movies.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div>
      <div className="mgr-row" role="search">
        <Field label="Search titles"><input type="search" value={query} onChange={(e) => setQuery(e.target.value)} /></Field>
        <Field label="Genre"><input value={genre} onChange={(e) => setGenre(e.target.value)} /></Field>
        <Field label="Language"><input value={language} onChange={(e) => setLanguage(e.target.value)} /></Field>
        <label className="check"><input type="checkbox" checked={archived} onChange={(e) => setArchived(e.target.checked)} /> Show archived</label>
        <button type="button" className="primary" onClick={() => setEditing({ ...blank })}>Add movie</button>
      </div>
      {editing && (
        <MovieForm
          key={editing.id ?? 'new'}
          initial={editing}
          onCancel={() => setEditing(null)}
          onDone={(m) => { setEditing(null); setNote(`“${m.title}” saved.`); movies.reload(); }}
        />
      )}
      {note && <p className="success" role="status">{note}</p>}
      <ErrorNote error={error} />
      {movies.error ? <ErrorNote error={movies.error} /> : movies.loading && !movies.data ? <Loading what="Loading movies" /> : (movies.data ?? []).length === 0 ? (
        <Empty>No movies match.</Empty>
      ) : (
        <table className="mgr-table">
          <thead><tr><th>Title</th><th className="num">Runtime</th><th>Genres</th><th>Language</th><th>Rating</th><th>Release</th><th>Distributor</th><th /></tr></thead>
          <tbody>
            {movies.data!.map((m) => (
              <tr key={m.id} className={m.archived ? 'is-archived' : ''}>
                <td>{m.title}{m.archived && <span className="badge">archived</span>}{m.synopsis && <div className="small muted">{m.synopsis.slice(0, 120)}</div>}</td>
                <td className="num">{m.durationMinutes} min</td>
                <td>{m.genres.join(', ')}</td>
                <td>{m.language}</td>
                <td>{m.rating}</td>
                <td>{m.releaseDate ?? ''}</td>
                <td>{m.distributor ?? ''}{m.rentalPercent !== undefined ? ` (${m.rentalPercent} %)` : ''}</td>
                <td>
                  <button type="button" onClick={() => setEditing(draftOf(m))} aria-label={`Edit ${m.title}`}>Edit</button>{' '}
                  {!m.archived && <button type="button" onClick={() => void archive(m)} aria-label={`Archive ${m.title}`}>Archive</button>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
