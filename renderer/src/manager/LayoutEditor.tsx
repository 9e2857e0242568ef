// The hall layout editor: generate rows x seats, rename rows, paint seat types and widths (click
// or drag), block seats, remove seats or whole columns for aisles, with live capacity and a preview drawn by
// the cashier's own seat map. Saving goes through halls.save; LAYOUT_IN_USE lists the seats.
import { Fragment, useEffect, useMemo, useState } from 'react';
import { SEAT_TYPES, type Hall, type SeatType } from '../../../shared/contract';
import { ApiError, call } from '../api';
import { SeatMap } from '../features/seatmap/SeatMap';
import { ErrorNote, Field, useTheaterInfo } from './common';
import { formatDateTime } from '../lib/format';
import {
  capacity, columnRange, fromHall, generate, insertAisle, paint, problems, removeColumn, removeRow, renameRow,
  renumber, addRow, seatCount, setRowType, toMapSeats, toSaveRows, type EditRow, type EditSeat, type Tool,
} from './layout';
import { MAX_SEAT_WIDTH, MIN_SEAT_WIDTH, widthOf } from '../../../shared/sideBySide';
import './manager.css';

type WidthKey = `width${number}`;
type ToolKey = SeatType | 'block' | 'unblock' | 'remove' | 'add' | WidthKey;
const WIDTHS = Array.from({ length: MAX_SEAT_WIDTH - MIN_SEAT_WIDTH + 1 }, (_, i) => MIN_SEAT_WIDTH + i);
const TOOLS: { key: ToolKey; label: string; text?: string; title?: string }[] = [
  ...SEAT_TYPES.map((t) => ({ key: t as ToolKey, label: t })),
  { key: 'block', label: 'block' },
  { key: 'unblock', label: 'unblock' },
  { key: 'remove', label: 'remove seat' },
  { key: 'add', label: 'add seat' },
  // A seat's width in grid columns (a recliner is often 2 wide); it never grows over the next seat.
  ...WIDTHS.map((w) => ({ key: `width${w}` as WidthKey, label: `${w} wide`, text: String(w), title: `Make a seat ${w} column${w > 1 ? 's' : ''} wide (the columns to its right must be free)` })),
];

function toolOf(k: ToolKey): Tool {
  if (k === 'block' || k === 'unblock' || k === 'remove' || k === 'add') return { kind: k };
  if (k.startsWith('width')) return { kind: 'width', width: Number(k.slice('width'.length)) };
  return { kind: 'type', type: k as SeatType };
}

/** The table cells of one row: a wide seat is one cell spanning its columns; the columns it covers get none. */
function rowCells(seats: EditSeat[], cols: number[]): { col: number; seat?: EditSeat }[] {
  const byCol = new Map(seats.map((s) => [s.column, s]));
  const out: { col: number; seat?: EditSeat }[] = [];
  let coveredUntil = -Infinity;
  for (const c of cols) {
    if (c < coveredUntil) continue;
    const seat = byCol.get(c);
    if (seat) coveredUntil = c + widthOf(seat);
    out.push(seat ? { col: c, seat } : { col: c });
  }
  return out;
}

interface InUseSeat { seatId?: string; label?: string; showId?: string; startsAt?: string }

export interface LayoutEditorProps {
  theaterId: string;
  hall?: Hall | null;
  defaultCleaningMinutes?: number;
  onSaved?(hall: Hall): void;
  onCancel?(): void;
}

export function LayoutEditor({ theaterId, hall, defaultCleaningMinutes = 15, onSaved, onCancel }: LayoutEditorProps) {
  const { timezone } = useTheaterInfo();
  const [name, setName] = useState(hall?.name ?? '');
  const [cleaning, setCleaning] = useState(String(hall?.cleaningMinutes ?? defaultCleaningMinutes));
  const [rows, setRows] = useState<EditRow[]>(() => (hall ? fromHall(hall) : []));
  const [genRows, setGenRows] = useState('8');
  const [genSeats, setGenSeats] = useState('12');
  const [tool, setTool] = useState<ToolKey>('premium');
  const [dragging, setDragging] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    const up = () => setDragging(false);
    window.addEventListener('mouseup', up);
    return () => window.removeEventListener('mouseup', up);
  }, []);

  const [lo, hi] = columnRange(rows);
  const firstCol = Math.min(0, lo === Infinity ? 0 : lo);
  const lastCol = Math.max(hi + 1, firstCol);
  const cols: number[] = [];
  for (let c = firstCol; c <= lastCol; c++) cols.push(c);
  const cap = capacity(rows);
  const issues = problems(rows);
  const preview = useMemo(() => toMapSeats(rows), [rows]);
  const inUse: InUseSeat[] =
    error instanceof ApiError && error.code === 'LAYOUT_IN_USE' && Array.isArray((error.details as { seats?: unknown })?.seats)
      ? ((error.details as { seats: InUseSeat[] }).seats)
      : [];

  const apply = (ri: number, col: number) => {
    setSaved(null);
    setRows((r) => paint(r, ri, col, toolOf(tool)));
  };

  const doGenerate = () => {
    const r = Math.min(60, Math.max(1, Number(genRows) || 0));
    const s = Math.min(80, Math.max(1, Number(genSeats) || 0));
    if (rows.length > 0 && !window.confirm(`Replace the current layout with ${r} rows of ${s} seats?`)) return;
    setRows(generate(r, s));
  };

  const save = async () => {
    setError(null);
    setSaved(null);
    const cm = Number(cleaning);
    if (!Number.isInteger(cm) || cm < 0 || cm > 240) {
      setError(new Error('Cleaning minutes must be a whole number from 0 to 240.'));
      return;
    }
    setSaving(true);
    try {
      const out = await call('halls.save', {
        ...(hall?.id ? { id: hall.id } : {}),
        theaterId,
        name: name.trim(),
        cleaningMinutes: cm,
        rows: toSaveRows(rows),
      });
      setRows(fromHall(out));
      setSaved(`Saved "${out.name}": ${out.capacity} seats on sale.`);
      onSaved?.(out);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="mgr-layout" aria-label="Hall layout editor">
      <div className="mgr-row">
        <Field label="Hall name">
          <input value={name} onChange={(e) => setName(e.target.value)} required />
        </Field>
        <Field label="Cleaning minutes">
          <input type="number" min={0} max={240} value={cleaning} onChange={(e) => setCleaning(e.target.value)} />
        </Field>
        <p className="mgr-capacity" aria-live="polite">
          Capacity: <strong data-testid="capacity">{cap}</strong> <span className="muted">({seatCount(rows)} seats, {seatCount(rows) - cap} blocked)</span>
        </p>
      </div>
      <fieldset className="mgr-row mgr-generate">
        <legend>Generate a grid</legend>
        <Field label="Rows">
          <input type="number" min={1} max={60} value={genRows} onChange={(e) => setGenRows(e.target.value)} />
        </Field>
        <Field label="Seats per row">
          <input type="number" min={1} max={80} value={genSeats} onChange={(e) => setGenSeats(e.target.value)} />
        </Field>
        <button type="button" onClick={doGenerate}>Generate</button>
        <button type="button" onClick={() => setRows((r) => addRow(r, Number(genSeats) || 10))}>Add row</button>
        <button type="button" onClick={() => setRows((r) => renumber(r))} disabled={rows.length === 0}>Renumber seats</button>
      </fieldset>
      <div className="mgr-tools" role="radiogroup" aria-label="Paint tool">
        <span className="muted">Paint:</span>
        {TOOLS.map((t) => (
          <Fragment key={t.key}>
            {t.key === `width${MIN_SEAT_WIDTH}` && <span className="muted">Width:</span>}
            <button
              type="button"
              role="radio"
              aria-checked={tool === t.key}
              aria-label={t.text ? t.label : undefined}
              title={t.title}
              className={`mgr-tool mgr-tool--${t.key}`}
              onClick={() => setTool(t.key)}
            >
              {t.text ?? t.label}
            </button>
          </Fragment>
        ))}
        <span className="muted small">Click or drag over seats.</span>
      </div>
      {rows.length === 0 ? (
        <p className="state">No seats yet: generate a grid to start.</p>
      ) : (
        <div className="mgr-grid-scroll">
          <table className="mgr-grid" onMouseLeave={() => setDragging(false)}>
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Row type</th>
                {cols.map((c) => (
                  <th scope="col" key={c} className="mgr-colhead">
                    <button type="button" className="link small" title={`Remove every seat in column ${c + 1} (an aisle)`} aria-label={`Make column ${c + 1} an aisle`} onClick={() => setRows((r) => removeColumn(r, c))}>
                      ✕
                    </button>
                    <button type="button" className="link small" title={`Open an aisle before column ${c + 1}`} aria-label={`Insert aisle before column ${c + 1}`} onClick={() => setRows((r) => insertAisle(r, c))}>
                      ⇥
                    </button>
                  </th>
                ))}
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((r, ri) => {
                return (
                  <tr key={ri}>
                    <th scope="row">
                      <input className="mgr-rowlabel" aria-label={`Row ${ri + 1} label`} value={r.label} maxLength={4} onChange={(e) => setRows((x) => renameRow(x, ri, e.target.value))} />
                    </th>
                    <td>
                      <select aria-label={`Row ${r.label} type`} value="" onChange={(e) => e.target.value && setRows((x) => setRowType(x, ri, e.target.value as SeatType))}>
                        <option value="">set…</option>
                        {SEAT_TYPES.map((t) => (
                          <option key={t} value={t}>{t}</option>
                        ))}
                      </select>
                    </td>
                    {rowCells(r.seats, cols).map(({ col: c, seat: s }) => {
                      const w = s ? widthOf(s) : 1;
                      return (
                        <td key={c} className="mgr-cell" colSpan={w > 1 ? w : undefined}>
                          <button
                            type="button"
                            className={s ? `mgr-seat seat--${s.type}${s.blocked ? ' is-blocked' : ''}${w > 1 ? ' mgr-seat--wide' : ''}` : 'mgr-seat mgr-seat--empty'}
                            aria-label={s ? `${r.label}${s.number}, ${s.type}${w > 1 ? `, ${w} wide` : ''}${s.blocked ? ', blocked' : ''}` : `Empty, row ${r.label}, column ${c + 1}`}
                            onMouseDown={(e) => {
                              e.preventDefault();
                              setDragging(true);
                              apply(ri, c);
                            }}
                            onMouseEnter={() => dragging && apply(ri, c)}
                            onClick={(e) => {
                              // Mouse clicks were applied on mousedown; this is the keyboard's Enter/Space.
                              if (e.detail === 0) apply(ri, c);
                            }}
                          >
                            {s ? s.number : ''}
                          </button>
                        </td>
                      );
                    })}
                    <td>
                      <button type="button" className="link small" aria-label={`Remove row ${r.label}`} onClick={() => setRows((x) => removeRow(x, ri))}>
                        remove row
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {issues.length > 0 && rows.length > 0 && (
        <ul className="mgr-issues" aria-label="Layout problems">
          {issues.map((i) => (
            <li key={i}>{i}</li>
          ))}
        </ul>
      )}
      <ErrorNote error={error}>
        {inUse.length > 0 && (
          <>
            <p>These seats have tickets held or sold for shows that have not started:</p>
            <ul data-testid="in-use">
              {inUse.map((u, i) => (
                <li key={`${u.seatId}-${u.showId}-${i}`}>
                  {u.label ?? u.seatId} — show at {u.startsAt ? formatDateTime(u.startsAt, timezone) : u.showId}
                </li>
              ))}
            </ul>
            <p className="small">Keep these seats (their type and place) until those shows are over, or cancel the bookings first.</p>
          </>
        )}
      </ErrorNote>
      {saved && <p className="success" role="status">{saved}</p>}
      <div className="actions">
        {onCancel && <button type="button" onClick={onCancel}>Close</button>}
        <button type="button" className="primary" disabled={saving || issues.length > 0 || !name.trim()} onClick={() => void save()}>
          {saving ? 'Saving…' : 'Save layout'}
        </button>
      </div>
      {rows.length > 0 && (
        <section className="mgr-preview" aria-label="Preview as cashiers see it">
          <h3>Preview (as cashiers see it)</h3>
          <SeatMap seats={preview} mine={new Set()} onToggle={() => undefined} hallName={`${name || 'New hall'} preview`} />
        </section>
      )}
    </section>
  );
}
