// The Door: ticket checking for one show. A barcode scanner acting as a keyboard types the QR's
// text and Enter into the scan field (so can a person); optionally the camera reads QR codes.
// Each answer is shown big, green or red, with the reason, a sound and a flash, and the count of
// admitted / sold tickets. A manager can undo the last admission.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ChannelOutput, ShowSummary } from '../../../../shared/contract';
import { codeFromScan } from '../../../../shared/scan';
import { call, messageOf } from '../../api';
import { addDays, DEFAULT_TZ, formatDateTime, formatTime, todayIn } from '../../lib/format';
import { useSession } from '../../stores/session';
import { CameraScanner } from './CameraScanner';
import { beep } from './beep';

type Scan = ChannelOutput<'admissions.scan'>;

const DOOR_KEY = 'boxoffice.door';

/** The sentence the door says for an answer. */
export function scanMessage(s: Scan, tz: string): string {
  const seats = s.tickets.map((t) => t.seatLabel).join(', ');
  switch (s.result) {
    case 'admitted':
      return `Admitted: ${seats}`;
    case 'already_admitted':
      return `Already admitted${s.admittedAt ? ` at ${formatTime(s.admittedAt, tz)}` : ''}${s.admittedBy ? ` by ${s.admittedBy.name}` : ''}${s.door && s.door !== s.admittedBy?.name ? ` (${s.door})` : ''}: ${seats}`;
    case 'wrong_show':
      return s.ticketShow
        ? `Wrong show: this ticket is for ${s.ticketShow.movieTitle}, ${s.ticketShow.hallName} at ${formatTime(s.ticketShow.startsAt, tz)}`
        : 'Wrong show';
    case 'cancelled':
      return 'Cancelled: this ticket was refunded or exchanged';
    case 'too_early':
      return `Too early: doors open at ${s.doorsOpenAt ? formatTime(s.doorsOpenAt, tz) : 'later'}`;
    default:
      return 'Unknown code: not a ticket of this box office';
  }
}

export function DoorScreen() {
  const tz = useSession((s) => s.theater?.timezone) ?? DEFAULT_TZ;
  const isManager = useSession((s) => s.staff?.role === 'manager');
  const [shows, setShows] = useState<ShowSummary[]>([]);
  const [showId, setShowId] = useState<string>('');
  const [door, setDoor] = useState(() => localStorage.getItem(DOOR_KEY) ?? 'Door 1');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<Scan | null>(null);
  const [flash, setFlash] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [summary, setSummary] = useState<{ sold: number; admitted: number } | null>(null);
  const [camera, setCamera] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // Today's and tomorrow's shows (a late show's door may still be open after midnight).
    call('shows.list', { from: todayIn(tz), to: addDays(todayIn(tz), 1) })
      .then((list) => {
        const live = list.filter((s) => s.status !== 'cancelled');
        setShows(live);
        // The show whose doors are next: the first that has not ended.
        const now = Date.now();
        setShowId((id) => id || (live.find((s) => Date.parse(s.endsAt) > now) ?? live[0])?.id || '');
      })
      .catch((e) => setError(messageOf(e)));
  }, [tz]);

  const refresh = useCallback(async () => {
    if (!showId) return;
    try {
      setSummary(await call('admissions.summary', { showId }));
    } catch (e) {
      setError(messageOf(e));
    }
  }, [showId]);

  useEffect(() => {
    setLast(null);
    void refresh();
    const t = setInterval(() => void refresh(), 10_000);
    return () => clearInterval(t);
  }, [refresh]);

  useEffect(() => localStorage.setItem(DOOR_KEY, door), [door]);
  useEffect(() => input.current?.focus(), [showId]);

  const scan = async (raw: string) => {
    const code = codeFromScan(raw);
    setText('');
    if (!code || !showId || busy) return;
    setBusy(true);
    setError(null);
    try {
      const r = await call('admissions.scan', { code, showId, door: door.trim() || 'Door' });
      setLast(r);
      setFlash((n) => n + 1);
      beep(r.result === 'admitted');
      void refresh();
    } catch (e) {
      setLast(null);
      setError(messageOf(e));
      beep(false);
    } finally {
      setBusy(false);
      input.current?.focus();
    }
  };

  const undo = async () => {
    if (!last || last.result !== 'admitted') return;
    try {
      for (const t of last.tickets) await call('admissions.undo', { ticketId: t.id });
      setLast(null);
      void refresh();
    } catch (e) {
      setError(messageOf(e));
    }
    input.current?.focus();
  };

  const show = useMemo(() => shows.find((s) => s.id === showId), [shows, showId]);
  const ok = last?.result === 'admitted';

  return (
    <div className="door">
      <section className="panel door-setup" aria-label="Door">
        <label className="field">
          <span>Show</span>
          <select value={showId} onChange={(e) => setShowId(e.target.value)} aria-label="Show at this door">
            {shows.map((s) => (
              <option key={s.id} value={s.id}>
                {formatDateTime(s.startsAt, tz)} · {s.movieTitle} · {s.hallName}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>This door</span>
          <input value={door} onChange={(e) => setDoor(e.target.value.slice(0, 40))} aria-label="Door name" />
        </label>
        {summary && (
          <p className="door-count" data-testid="door-count" aria-live="polite">
            <strong>{summary.admitted}</strong> admitted / {summary.sold} sold
          </p>
        )}
      </section>
      <section className="panel door-scan" aria-label="Scan tickets">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void scan(text);
          }}
        >
          <label className="field">
            <span>Scan a ticket or type its code, then Enter</span>
            <input
              ref={input}
              className="door-input"
              value={text}
              onChange={(e) => setText(e.target.value)}
              aria-label="Ticket or booking code"
              autoComplete="off"
              spellCheck={false}
              disabled={!showId}
            />
          </label>
        </form>
        <div
          key={flash}
          className={`door-answer${last ? (ok ? ' door-answer--ok' : ' door-answer--no') : ''}${flash ? ' door-flash' : ''}`}
          role="status"
          aria-live="assertive"
          data-result={last?.result ?? ''}
          data-testid="door-answer"
        >
          {last ? (
            <>
              <span className="door-word">{ok ? 'ADMIT' : 'STOP'}</span>
              <span className="door-reason">{scanMessage(last, tz)}</span>
            </>
          ) : (
            <span className="door-reason muted">{show ? `Ready for ${show.movieTitle} at ${formatTime(show.startsAt, tz)}` : 'Choose a show'}</span>
          )}
        </div>
        {error && (
          <p className="state state--error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          {isManager && ok && (
            <button type="button" onClick={() => void undo()}>
              Undo this admission
            </button>
          )}
          <button type="button" onClick={() => setCamera((v) => !v)} aria-pressed={camera}>
            {camera ? 'Stop camera' : 'Use camera'}
          </button>
        </div>
        {camera && <CameraScanner onCode={(c) => void scan(c)} />}
      </section>
    </div>
  );
}
