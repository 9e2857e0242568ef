// Schema version 7: after the sale. Every ticket gets its own code (what its QR carries) and a
// state (sold, admitted, cancelled: docs/states.md); admissions are recorded on the ticket row
// itself, so "admitted once" is one conditional UPDATE; bookings may be exchanged; a manager
// may block seats of one show (house seats).
import type Database from 'better-sqlite3';
import { BOOKING_CODE_ALPHABET, TICKET_CODE_LENGTH } from '../../../../shared/contract';

/** One random character of the booking-code alphabet, in SQL (for tickets sold before v7). */
const CHAR = `substr('${BOOKING_CODE_ALPHABET}', (abs(random()) % ${BOOKING_CODE_ALPHABET.length}) + 1, 1)`;

export const sql = `
ALTER TABLE tickets ADD COLUMN code TEXT;
ALTER TABLE tickets ADD COLUMN status TEXT NOT NULL DEFAULT 'sold' CHECK (status IN ('sold','admitted','cancelled'));
ALTER TABLE tickets ADD COLUMN admitted_at INTEGER;
ALTER TABLE tickets ADD COLUMN admitted_by TEXT REFERENCES staff(id);
ALTER TABLE tickets ADD COLUMN admitted_door TEXT;
ALTER TABLE tickets ADD COLUMN cancelled_at INTEGER;
-- Tickets sold before this version: a fresh code each (32^${TICKET_CODE_LENGTH} codes; the unique
-- index below would refuse the migration, whole, on the astronomically rare collision).
UPDATE tickets SET code = ${Array.from({ length: TICKET_CODE_LENGTH }, () => CHAR).join(' || ')};
UPDATE tickets SET status = 'cancelled', cancelled_at = (SELECT b.cancelled_at FROM bookings b WHERE b.id = tickets.booking_id)
  WHERE booking_id IN (SELECT id FROM bookings WHERE status = 'cancelled');
CREATE UNIQUE INDEX tickets_code ON tickets(code);
CREATE INDEX tickets_show ON tickets(show_id, status);

ALTER TABLE bookings ADD COLUMN exchanged_to TEXT REFERENCES bookings(id);
ALTER TABLE bookings ADD COLUMN exchanged_from TEXT REFERENCES bookings(id);
-- On the booking an exchange made: its total minus the previous booking's live tickets.
ALTER TABLE bookings ADD COLUMN exchange_difference INTEGER;

-- House seats: blocked for one show only, with the reason shown on the seat map.
CREATE TABLE show_blocks (
  show_id    TEXT NOT NULL REFERENCES shows(id),
  seat_id    TEXT NOT NULL REFERENCES seats(id),
  reason     TEXT NOT NULL,
  blocked_by TEXT NOT NULL REFERENCES staff(id),
  blocked_at INTEGER NOT NULL,
  PRIMARY KEY (show_id, seat_id)
) STRICT, WITHOUT ROWID;
`;

/**
 * bookings.status gains 'exchanged'. SQLite cannot alter a CHECK constraint, and rebuilding the
 * table inside the migration's transaction would trip the foreign keys of tickets and payments
 * (PRAGMA foreign_keys cannot change inside a transaction). Loosening a CHECK by editing the
 * stored schema is the change SQLite documents as safe (every existing row still satisfies it);
 * the schema_version bump makes every other connection re-read the schema.
 */
export function run(db: Database.Database): void {
  const from = "CHECK (status IN ('confirmed','cancelled'))";
  const to = "CHECK (status IN ('confirmed','cancelled','exchanged'))";
  const table = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'bookings'").get() as { sql: string };
  if (!table.sql.includes(from)) throw new Error('bookings.status has an unexpected CHECK constraint; not migrating');
  const version = db.pragma('schema_version', { simple: true }) as number;
  db.unsafeMode(true);
  try {
    db.pragma('writable_schema = ON');
    db.prepare("UPDATE sqlite_master SET sql = replace(sql, ?, ?) WHERE type = 'table' AND name = 'bookings'").run(from, to);
    db.pragma(`schema_version = ${version + 1}`);
    db.pragma('writable_schema = OFF');
  } finally {
    db.unsafeMode(false);
  }
}
