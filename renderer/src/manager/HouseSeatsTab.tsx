// House seats (shows.blockSeats / unblockSeats): a manager keeps seats of one show out of sale
// (guests, press, a seat broken that day) with a reason, and gives them back. The seat map shows
// them blocked with that reason; best-available never offers them.
import { useEffect, useState } from 'react';
import type { SeatMap, ShowSummary } from '../../../shared/contract';
import { call } from '../api';
import { formatDateTime } from '../lib/format';
import { ErrorNote, Field, useTheaterInfo } from './common';

export function HouseSeatsTab() {
  const { timezone } = useTheaterInfo();
  const [shows, setShows] = useState<ShowSummary[]>([]);
  const [showId, setShowId] = useState('');
  const [map, setMap] = useState<SeatMap | null>(null);
  const [labels, setLabels] = useState('');
  const [reason, setReason] = useState('Guests');
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    call('shows.list', {})
      .then((list) => {
        const open = list.filter((s) => s.status === 'scheduled');
        setShows(open);
        setShowId((id) => id || open[0]?.id || '');
      })
      .catch(setError);
  }, []);

  const reload = async (id = showId) => {
    if (id) setMap(await call('seats.map', { showId: id }));
  };
  useEffect(() => {
    setMap(null);
    reload().catch(setError);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [showId]);

  const idsOf = (text: string): string[] => {
    const wanted = text.toUpperCase().split(/[\s,]+/).filter(Boolean);
    const unknown = wanted.filter((l) => !map?.seats.some((s) => s.label === l));
    if (unknown.length) throw new Error(`No seat ${unknown.join(', ')} in this hall`);
    return wanted.map((l) => map!.seats.find((s) => s.label === l)!.id);
  };

  const block = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    setNote(null);
    try {
      const r = await call('shows.blockSeats', { showId, seatIds: idsOf(labels), reason: reason.trim() });
      setNote(`${r.seatIds.length} house seat(s) blocked.`);
      setLabels('');
      await reload();
    } catch (err) {
      setError(err);
    }
  };

  const release = async (seatIds: string[]) => {
    setError(null);
    try {
      const r = await call('shows.unblockSeats', { showId, seatIds });
      setNote(`${r.seatIds.length} seat(s) on sale again.`);
      await reload();
    } catch (err) {
      setError(err);
    }
  };

  const house = map?.seats.filter((s) => s.blockReason) ?? [];
  return (
    <section className="panel" aria-label="House seats">
      <h2>House seats</h2>
      <p className="small muted">Seats kept out of sale for one show only. They show as blocked on the seat map, with the reason.</p>
      <form onSubmit={block} className="mgr-row">
        <Field label="Show">
          <select value={showId} onChange={(e) => setShowId(e.target.value)}>
            {shows.map((s) => (
              <option key={s.id} value={s.id}>
                {formatDateTime(s.startsAt, timezone)} · {s.movieTitle} · {s.hallName}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Seats" hint="e.g. C5 C6">
          <input value={labels} onChange={(e) => setLabels(e.target.value)} required />
        </Field>
        <Field label="Reason">
          <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} required />
        </Field>
        <button type="submit" className="primary" disabled={!map}>
          Block seats
        </button>
      </form>
      <ErrorNote error={error} />
      {note && (
        <p className="success" role="status">
          {note}
        </p>
      )}
      {house.length > 0 && (
        <table className="mgr-table">
          <thead>
            <tr>
              <th scope="col">Seat</th>
              <th scope="col">Reason</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {house.map((s) => (
              <tr key={s.id}>
                <td>{s.label}</td>
                <td>{s.blockReason}</td>
                <td>
                  <button type="button" onClick={() => void release([s.id])} aria-label={`Release ${s.label}`}>
                    Release
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
