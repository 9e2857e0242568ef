// Schema version 2: the notification outbox. A notification row is written in the same
// transaction as the sale, cancellation or show cancellation it tells about, so nothing is lost
// and nothing is sent for a change that rolled back. A background sender delivers the rows.
export const sql = `
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  channel         TEXT NOT NULL CHECK (channel IN ('email','sms')),
  topic           TEXT NOT NULL,
  booking_id      TEXT REFERENCES bookings(id),
  recipient       TEXT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sending','sent','dead')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  lease_until     INTEGER,
  last_error      TEXT,
  created_at      INTEGER NOT NULL,
  sent_at         INTEGER
) STRICT;
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
CREATE INDEX outbox_booking ON outbox(booking_id);
`;
