// The door: admissions.scan, admissions.undo and admissions.summary. A scan admits a ticket (its
// own code) or every not-yet-admitted ticket of a booking (the booking's code) to ONE show.
// "Each ticket admitted once" is the database's job, as seat claims are: the scan runs in one
// IMMEDIATE transaction (two doors, or two processes, serialise on the write lock) and admits
// with a conditional UPDATE ... WHERE status = 'sold', whose change count says who won.
import { BoxOfficeError, type Admission, type AdmissionTicket, type ChannelOutput, type ParsedInput, type TicketStatus } from '../../../shared/contract';
import { iso } from '../clock';
import type { Actor, EngineCtx } from '../context';
import type { Db } from '../db/open';
import { stmt } from '../db/stmts';
import { writeAudit } from '../audit/audit';
import { loadBooking, TICKET_COLUMNS, toTicket } from '../bookings/query';
import { requireTicketMove } from '../bookings/states';
import { getShowRow } from '../inventory/claims';
import { doorsOpenAt } from '../schedule/salesWindow';

interface Row {
  id: string; code: string; seat_id: string; seat_label: string; ticket_type: string; amount: number; status: TicketStatus;
  admitted_at: number | null; cancelled_at: number | null;
  booking_id: string; booking_code: string; booking_status: string; show_id: string;
  admitted_by: string | null; admitted_by_name: string | null; admitted_door: string | null;
}

const SELECT = `SELECT ${TICKET_COLUMNS}, t.booking_id, b.code AS booking_code, b.status AS booking_status, t.show_id,
       t.admitted_by, st.name AS admitted_by_name, t.admitted_door
  FROM tickets t JOIN bookings b ON b.id = t.booking_id LEFT JOIN staff st ON st.id = t.admitted_by`;

function toAdmissionTicket(r: Row): AdmissionTicket {
  return { ...toTicket(r), bookingId: r.booking_id, bookingCode: r.booking_code, showId: r.show_id };
}

/** The tickets a scanned code names: one ticket by its code, or a booking's tickets by the booking's code. */
function ticketsOf(db: Db, code: string): Row[] {
  const one = stmt(db, `${SELECT} WHERE t.code = ?`).all(code) as Row[];
  if (one.length) return one;
  return stmt(db, `${SELECT} WHERE b.code = ? ORDER BY t.rowid`).all(code) as Row[];
}

function showOf(db: Db, showId: string) {
  return stmt(db,
    `SELECT s.id, s.starts_at, h.name AS hall_name, m.title FROM shows s JOIN halls h ON h.id = s.hall_id JOIN movies m ON m.id = s.movie_id WHERE s.id = ?`,
  ).get(showId) as { id: string; starts_at: number; hall_name: string; title: string };
}

export function scanTicket(ctx: EngineCtx, input: ParsedInput<'admissions.scan'>, actor: Actor): ChannelOutput<'admissions.scan'> {
  const db = ctx.db;
  const show = getShowRow(db, input.showId);
  if (!show) throw new BoxOfficeError('NOT_FOUND', 'There is no such show', { showId: input.showId });
  const door = input.door ?? actor.name;

  const answer = db.transaction((): Admission => {
    const now = ctx.clock.now();
    const rows = ticketsOf(db, input.code);
    if (rows.length === 0) return { result: 'unknown', tickets: [] };
    const first = rows[0]!;
    const booking = loadBooking(db, first.booking_id) ?? undefined;
    const withBooking = <A extends Admission>(a: A): A => (booking ? { ...a, booking } : a);
    const live = rows.filter((r) => r.status !== 'cancelled');
    if (live.length === 0) return withBooking({ result: 'cancelled', tickets: rows.map(toAdmissionTicket) });
    if (first.show_id !== show.id) {
      const other = showOf(db, first.show_id);
      return withBooking({
        result: 'wrong_show',
        tickets: live.map(toAdmissionTicket),
        ticketShow: { id: other.id, startsAt: iso(other.starts_at), hallName: other.hall_name, movieTitle: other.title },
      });
    }
    const opens = doorsOpenAt(db, show.starts_at);
    if (now < opens) return withBooking({ result: 'too_early', tickets: live.map(toAdmissionTicket), doorsOpenAt: iso(opens) });

    const admit = stmt(db, "UPDATE tickets SET status = 'admitted', admitted_at = ?, admitted_by = ?, admitted_door = ? WHERE id = ? AND status = 'sold'");
    const admittedIds = live.filter((r) => r.status === 'sold' && admit.run(now, actor.staffId, door, r.id).changes === 1).map((r) => r.id);
    const after = rows.map((r) => stmt(db, `${SELECT} WHERE t.id = ?`).get(r.id) as Row);
    if (admittedIds.length > 0) {
      const fresh = loadBooking(db, first.booking_id);
      return {
        result: 'admitted',
        tickets: after.filter((r) => admittedIds.includes(r.id)).map(toAdmissionTicket),
        ...(fresh ? { booking: fresh } : {}),
        admittedAt: iso(now),
        admittedBy: { id: actor.staffId, name: actor.name },
        door,
      };
    }
    // Everything was in already: say when, and who let the first one in.
    const inAlready = after.filter((r) => r.status === 'admitted').sort((a, b) => a.admitted_at! - b.admitted_at!);
    const earliest = inAlready[0]!;
    return withBooking({
      result: 'already_admitted',
      tickets: inAlready.map(toAdmissionTicket),
      admittedAt: iso(earliest.admitted_at!),
      ...(earliest.admitted_by ? { admittedBy: { id: earliest.admitted_by, name: earliest.admitted_by_name ?? 'unknown' } } : {}),
      ...(earliest.admitted_door ? { door: earliest.admitted_door } : {}),
    });
  }).immediate();
  if (answer.result === 'admitted') ctx.log.info('admitted', { showId: show.id, tickets: answer.tickets.length, door });
  return answer;
}

export function undoAdmission(ctx: EngineCtx, input: ParsedInput<'admissions.undo'>, actor: Actor): ChannelOutput<'admissions.undo'> {
  const db = ctx.db;
  return db.transaction(() => {
    const row = stmt(db, `${SELECT} WHERE t.id = ?`).get(input.ticketId) as Row | undefined;
    if (!row) throw new BoxOfficeError('NOT_FOUND', 'There is no such ticket', { ticketId: input.ticketId });
    requireTicketMove(row.id, row.status, 'sold');
    stmt(db, "UPDATE tickets SET status = 'sold', admitted_at = NULL, admitted_by = NULL, admitted_door = NULL WHERE id = ? AND status = 'admitted'").run(row.id);
    writeAudit(ctx, actor, 'admission.undo', row.id, { bookingId: row.booking_id, admittedAt: row.admitted_at, admittedBy: row.admitted_by });
    return toAdmissionTicket(stmt(db, `${SELECT} WHERE t.id = ?`).get(row.id) as Row);
  }).immediate();
}

export function admissionSummary(ctx: EngineCtx, input: ParsedInput<'admissions.summary'>, _actor: Actor): ChannelOutput<'admissions.summary'> {
  if (!getShowRow(ctx.db, input.showId)) throw new BoxOfficeError('NOT_FOUND', 'There is no such show', { showId: input.showId });
  const r = stmt(ctx.db,
    "SELECT count(*) AS sold, coalesce(sum(status = 'admitted'), 0) AS admitted FROM tickets WHERE show_id = ? AND status IN ('sold', 'admitted')",
  ).get(input.showId) as { sold: number; admitted: number };
  return { sold: r.sold, admitted: r.admitted };
}
