// Reports: the day report (reports.daily), the film report for distributors (reports.film) and
// occupancy over a range (reports.occupancy) as tables and inline SVG charts, each exportable to
// CSV; the day's shifts with their cash differences.
import { useState } from 'react';
import type { ChannelOutput, DailyReport, OccupancyRow, Shift } from '../../../shared/contract';
import { addDays, localParts } from '../../../shared/localTime';
import { decimalText } from '../../../shared/money';
import { call } from '../api';
import { formatDateTime, formatTime, todayIn } from '../lib/format';
import { BarChart, HeatMap } from './Charts';
import { Empty, ErrorNote, Field, Loading, money, useLoad, useTheaterInfo } from './common';
import { downloadCsv, toCsv } from './csv';

export function dailyCsv(r: DailyReport): string {
  const m = (v: number) => decimalText(v, r.currency);
  const rows: (string | number)[][] = [
    ['total', 'all', 'Total', r.ticketsSold, m(r.gross), m(r.refunds), m(r.net)],
    ...r.byPaymentMethod.map((p) => ['payment method', p.method, p.method, '', m(p.collected), m(p.refunded), m(p.net)]),
    ...r.byMovie.map((x) => ['movie', x.key, x.label, x.tickets, m(x.gross), m(x.refunds), m(x.net)]),
    ...r.byShow.map((x) => ['show', x.key, x.label, x.tickets, m(x.gross), m(x.refunds), m(x.net)]),
    ...r.byCashier.map((x) => ['cashier', x.key, x.label, x.tickets, m(x.gross), m(x.refunds), m(x.net)]),
    ...r.byTicketType.map((x) => ['ticket type', x.ticketType, x.ticketType, x.tickets, m(x.gross), '', '']),
    ['tax', 'all', 'Tax in net', '', '', '', m(r.tax)],
    ['owed cash', 'all', 'Cash owed after a show cancellation (not yet paid out)', '', '', m(r.owedCash), ''],
    ['gift vouchers', 'all', 'Gift vouchers sold (not box office until spent)', r.vouchersSold.count, m(r.vouchersSold.amount), '', ''],
  ];
  return toCsv(['section', 'key', 'label', 'tickets', `gross (${r.currency})`, `refunds (${r.currency})`, `net (${r.currency})`], rows);
}

export function filmCsv(r: ChannelOutput<'reports.film'>, from: string, to: string): string {
  const m = (v: number) => decimalText(v, r.currency);
  return toCsv(
    ['from', 'to', 'movie id', 'title', 'distributor', 'shows', 'admissions', `gross (${r.currency})`, `tax (${r.currency})`, `net (${r.currency})`, 'rental %', `rental (${r.currency})`],
    r.rows.map((x) => [from, to, x.movieId, x.title, x.distributor ?? '', x.shows, x.admissions, m(x.gross), m(x.tax), m(x.net), x.rentalPercent ?? '', x.rental !== undefined ? m(x.rental) : '']),
  );
}

export function occupancyCsv(rows: OccupancyRow[], tz: string): string {
  return toCsv(
    ['show id', 'date', 'time', 'movie', 'hall', 'capacity', 'sold', 'occupancy %'],
    rows.map((r) => {
      const lp = localParts(Date.parse(r.startsAt), tz);
      return [r.showId, lp.date, lp.time, r.movieTitle, r.hallName, r.capacity, r.sold, (Math.round(r.occupancy * 1000) / 10).toFixed(1)];
    }),
  );
}

function Breakdown({ title, rows, currency }: { title: string; rows: DailyReport['byMovie']; currency: string }) {
  if (rows.length === 0) return null;
  return (
    <div>
      <h3>{title}</h3>
      <table className="mgr-table">
        <thead><tr><th>{title.charAt(3).toUpperCase() + title.slice(4)}</th><th className="num">Tickets</th><th className="num">Gross</th><th className="num">Refunds</th><th className="num">Net</th></tr></thead>
        <tbody>
          {rows.map((x) => (
            <tr key={x.key}><td>{x.label}</td><td className="num">{x.tickets}</td><td className="num">{money(x.gross, currency)}</td><td className="num">{money(x.refunds, currency)}</td><td className="num">{money(x.net, currency)}</td></tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DailySection() {
  const { timezone: tz } = useTheaterInfo();
  const [date, setDate] = useState(() => todayIn(tz));
  const report = useLoad(() => call('reports.daily', { date }), [date]);
  const shifts = useLoad(() => call('shifts.list', { date }), [date]);
  const r = report.data;
  return (
    <section className="panel" aria-label="Day report">
      <h2>Day report</h2>
      <div className="mgr-row">
        <Field label="Report date"><input type="date" value={date} onChange={(e) => e.target.value && setDate(e.target.value)} /></Field>
        <button type="button" disabled={!r} onClick={() => r && downloadCsv(`day-report-${r.date}.csv`, dailyCsv(r))}>Export day report CSV</button>
        <button type="button" onClick={() => { report.reload(); shifts.reload(); }}>Refresh</button>
      </div>
      {report.error ? <ErrorNote error={report.error} /> : report.loading && !r ? <Loading what="Loading the day report" /> : r && (
        <>
          <div className="mgr-kpis" data-testid="kpis">
            <div>Tickets sold<strong data-testid="tickets-sold">{r.ticketsSold}</strong></div>
            <div>Bookings<strong>{r.bookings}</strong></div>
            <div>Gross<strong data-testid="gross">{money(r.gross, r.currency)}</strong></div>
            <div>Refunds<strong>{money(r.refunds, r.currency)}</strong></div>
            <div>Net<strong>{money(r.net, r.currency)}</strong></div>
            <div>Tax in net<strong data-testid="day-tax">{money(r.tax, r.currency)}</strong></div>
            {r.owedCash > 0 && <div>Cash owed (not paid out)<strong data-testid="owed-cash">{money(r.owedCash, r.currency)}</strong></div>}
            {r.vouchersSold.count > 0 && <div>Gift vouchers sold ({r.vouchersSold.count})<strong>{money(r.vouchersSold.amount, r.currency)}</strong></div>}
          </div>
          {r.ticketsSold === 0 && r.refunds === 0 ? <Empty>No sales on this day.</Empty> : (
            <>
              <h3>By payment method</h3>
              <table className="mgr-table">
                <thead><tr><th>Method</th><th className="num">Collected</th><th className="num">Refunded</th><th className="num">Net</th></tr></thead>
                <tbody>{r.byPaymentMethod.map((p) => <tr key={p.method}><td>{p.method}</td><td className="num">{money(p.collected, r.currency)}</td><td className="num">{money(p.refunded, r.currency)}</td><td className="num">{money(p.net, r.currency)}</td></tr>)}</tbody>
              </table>
              <BarChart label="Net by movie" data={r.byMovie.map((x) => ({ label: x.label, value: x.net }))} format={(v) => money(v, r.currency)} />
              <Breakdown title="By movie" rows={r.byMovie} currency={r.currency} />
              <Breakdown title="By show" rows={r.byShow} currency={r.currency} />
              <Breakdown title="By cashier" rows={r.byCashier} currency={r.currency} />
              {r.byTicketType.length > 0 && (
                <>
                  <h3>By ticket type</h3>
                  <table className="mgr-table" aria-label="By ticket type">
                    <thead><tr><th>Ticket type</th><th className="num">Tickets</th><th className="num">Gross</th></tr></thead>
                    <tbody>{r.byTicketType.map((t) => <tr key={t.ticketType}><td>{t.ticketType}</td><td className="num">{t.tickets}</td><td className="num">{money(t.gross, r.currency)}</td></tr>)}</tbody>
                  </table>
                </>
              )}
            </>
          )}
        </>
      )}
      <h3>Shifts of the day</h3>
      {shifts.error ? <ErrorNote error={shifts.error} /> : shifts.loading && !shifts.data ? <Loading what="Loading shifts" /> : (shifts.data ?? []).length === 0 ? <Empty>No shifts on this day.</Empty> : (
        <ShiftTable shifts={shifts.data!} tz={tz} currency={r?.currency ?? 'USD'} />
      )}
    </section>
  );
}

function ShiftTable({ shifts, tz, currency }: { shifts: Shift[]; tz: string; currency: string }) {
  return (
    <table className="mgr-table" aria-label="Shifts">
      <thead><tr><th>Cashier</th><th>Opened</th><th>Closed</th><th className="num">Float</th><th className="num">Expected cash</th><th className="num">Counted</th><th className="num">Difference</th></tr></thead>
      <tbody>
        {shifts.map((s) => (
          <tr key={s.id}>
            <td>{s.staffName}</td>
            <td>{formatDateTime(s.openedAt, tz)}</td>
            <td>{s.closedAt ? formatDateTime(s.closedAt, tz) : <span className="badge">open</span>}</td>
            <td className="num">{money(s.float, currency)}</td>
            <td className="num">{s.expectedCash !== undefined ? money(s.expectedCash, currency) : ''}</td>
            <td className="num">{s.countedCash !== undefined ? money(s.countedCash, currency) : ''}</td>
            <td className={`num ${s.difference ? (s.difference < 0 ? 'mgr-neg' : 'mgr-pos') : ''}`}>
              {s.difference !== undefined ? `${s.difference < 0 ? '−' : s.difference > 0 ? '+' : ''}${money(Math.abs(s.difference), currency)}` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FilmSection() {
  const { timezone: tz } = useTheaterInfo();
  const [from, setFrom] = useState(() => addDays(todayIn(tz), -6));
  const [to, setTo] = useState(() => todayIn(tz));
  const film = useLoad(() => call('reports.film', { from, to }), [from, to]);
  const r = film.data;
  return (
    <section className="panel" aria-label="Film report">
      <h2>Film report (distributors)</h2>
      <div className="mgr-row">
        <Field label="Films from"><input type="date" value={from} onChange={(e) => e.target.value && setFrom(e.target.value)} /></Field>
        <Field label="Films to"><input type="date" value={to} onChange={(e) => e.target.value && setTo(e.target.value)} /></Field>
        <button type="button" disabled={!r || r.rows.length === 0} onClick={() => r && downloadCsv(`film-report-${from}-to-${to}.csv`, filmCsv(r, from, to))}>Export film report CSV</button>
      </div>
      {film.error ? <ErrorNote error={film.error} /> : film.loading && !r ? <Loading what="Loading the film report" /> : !r || r.rows.length === 0 ? <Empty>No shows in this range.</Empty> : (
        <>
          <BarChart label="Net box office by film" data={r.rows.map((x) => ({ label: x.title, value: x.net }))} format={(v) => money(v, r.currency)} />
          <table className="mgr-table" aria-label="Films">
            <thead><tr><th>Film</th><th>Distributor</th><th className="num">Shows</th><th className="num">Admissions</th><th className="num">Gross</th><th className="num">Tax</th><th className="num">Net</th><th className="num">Rental %</th><th className="num">Rental</th></tr></thead>
            <tbody>
              {r.rows.map((x) => (
                <tr key={x.movieId}>
                  <td>{x.title}</td><td>{x.distributor ?? ''}</td><td className="num">{x.shows}</td><td className="num">{x.admissions}</td>
                  <td className="num">{money(x.gross, r.currency)}</td><td className="num">{money(x.tax, r.currency)}</td><td className="num">{money(x.net, r.currency)}</td>
                  <td className="num">{x.rentalPercent !== undefined ? `${x.rentalPercent} %` : ''}</td><td className="num">{x.rental !== undefined ? money(x.rental, r.currency) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="small muted">Shows that start between the two local dates; admissions are the tickets still valid; net is gross less tax; rental is net × the film's rental percent.</p>
        </>
      )}
    </section>
  );
}

function OccupancySection() {
  const { timezone: tz } = useTheaterInfo();
  const [from, setFrom] = useState(() => addDays(todayIn(tz), -6));
  const [to, setTo] = useState(() => todayIn(tz));
  const occ = useLoad(() => call('reports.occupancy', { from, to }), [from, to]);
  const rows = occ.data ?? [];
  const days: string[] = [];
  if (from <= to) for (let d = from; d <= to && days.length < 62; d = addDays(d, 1)) days.push(d);
  const hours = Array.from({ length: 24 }, (_, h) => h).filter((h) => rows.some((r) => Math.floor(localParts(Date.parse(r.startsAt), tz).minutes / 60) === h));
  const cell = new Map<string, { cap: number; sold: number }>();
  for (const r of rows) {
    const lp = localParts(Date.parse(r.startsAt), tz);
    const k = `${lp.date}|${Math.floor(lp.minutes / 60)}`;
    const c = cell.get(k) ?? { cap: 0, sold: 0 };
    c.cap += r.capacity; c.sold += r.sold;
    cell.set(k, c);
  }
  return (
    <section className="panel" aria-label="Occupancy">
      <h2>Occupancy</h2>
      <div className="mgr-row">
        <Field label="From"><input type="date" value={from} onChange={(e) => e.target.value && setFrom(e.target.value)} /></Field>
        <Field label="To"><input type="date" value={to} onChange={(e) => e.target.value && setTo(e.target.value)} /></Field>
        <button type="button" disabled={rows.length === 0} onClick={() => downloadCsv(`occupancy-${from}-to-${to}.csv`, occupancyCsv(rows, tz))}>Export occupancy CSV</button>
      </div>
      {occ.error ? <ErrorNote error={occ.error} /> : occ.loading && !occ.data ? <Loading what="Loading occupancy" /> : rows.length === 0 ? <Empty>No shows in this range.</Empty> : (
        <>
          <HeatMap label="Occupancy by day and hour" rows={days} cols={hours.map((h) => `${h}h`)} value={(i, j) => { const c = cell.get(`${days[i]}|${hours[j]}`); return c && c.cap > 0 ? c.sold / c.cap : null; }} />
          <table className="mgr-table">
            <thead><tr><th>Show</th><th>Movie</th><th>Hall</th><th className="num">Sold</th><th className="num">Capacity</th><th className="num">Occupancy</th></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.showId}><td>{formatDateTime(r.startsAt, tz)}</td><td>{r.movieTitle}</td><td>{r.hallName}</td><td className="num">{r.sold}</td><td className="num">{r.capacity}</td><td className="num">{(r.occupancy * 100).toFixed(1)} %</td></tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <p className="small muted">Times are local ({tz}); e.g. a show at {rows[0] ? formatTime(rows[0].startsAt, tz) : '7:00 PM'} counts in that hour's cell.</p>
    </section>
  );
}

export function ReportsTab() {
  return (
    <div>
      <DailySection />
      <FilmSection />
      <OccupancySection />
    </div>
  );
}
