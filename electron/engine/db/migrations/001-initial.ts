// Schema version 1: the whole box office. Instants are INTEGER milliseconds since the epoch (UTC),
// money is INTEGER minor units, JSON columns hold small documents (genres, settings, details).
export const sql = `
CREATE TABLE kv (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE staff (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL COLLATE NOCASE UNIQUE,
  role            TEXT NOT NULL CHECK (role IN ('cashier','manager')),
  pin_hash        TEXT NOT NULL,
  active          INTEGER NOT NULL DEFAULT 1,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until    INTEGER,
  created_at      INTEGER NOT NULL
) STRICT;

CREATE TABLE sessions (
  token       TEXT PRIMARY KEY,
  staff_id    TEXT NOT NULL REFERENCES staff(id),
  created_at  INTEGER NOT NULL,
  last_seen   INTEGER NOT NULL
) STRICT;

CREATE TABLE theaters (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  city       TEXT NOT NULL,
  timezone   TEXT NOT NULL,
  currency   TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE halls (
  id               TEXT PRIMARY KEY,
  theater_id       TEXT NOT NULL REFERENCES theaters(id),
  name             TEXT NOT NULL,
  cleaning_minutes INTEGER NOT NULL,
  created_at       INTEGER NOT NULL,
  UNIQUE (theater_id, name)
) STRICT;

-- A seat removed from a layout keeps its row (tickets refer to it) with removed = 1.
CREATE TABLE seats (
  id         TEXT PRIMARY KEY,
  hall_id    TEXT NOT NULL REFERENCES halls(id),
  row_label  TEXT NOT NULL,
  row_index  INTEGER NOT NULL,
  number     INTEGER NOT NULL,
  col        INTEGER NOT NULL,
  type       TEXT NOT NULL CHECK (type IN ('regular','premium','vip','recliner','wheelchair','companion')),
  blocked    INTEGER NOT NULL DEFAULT 0,
  removed    INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE UNIQUE INDEX seats_live_label ON seats(hall_id, row_label, number) WHERE removed = 0;
CREATE INDEX seats_hall ON seats(hall_id, row_index, number);

CREATE TABLE movies (
  id               TEXT PRIMARY KEY,
  title            TEXT NOT NULL,
  duration_minutes INTEGER NOT NULL,
  genres           TEXT NOT NULL DEFAULT '[]',
  language         TEXT NOT NULL,
  rating           TEXT NOT NULL,
  release_date     TEXT,
  synopsis         TEXT,
  archived         INTEGER NOT NULL DEFAULT 0,
  created_at       INTEGER NOT NULL
) STRICT;
CREATE INDEX movies_title ON movies(title COLLATE NOCASE);

-- block_end = starts_at + trailers + runtime + cleaning, fixed when the show is saved.
CREATE TABLE shows (
  id            TEXT PRIMARY KEY,
  movie_id      TEXT NOT NULL REFERENCES movies(id),
  hall_id       TEXT NOT NULL REFERENCES halls(id),
  starts_at     INTEGER NOT NULL,
  ends_at       INTEGER NOT NULL,
  block_end     INTEGER NOT NULL,
  base_price    INTEGER NOT NULL CHECK (base_price >= 0),
  format        TEXT NOT NULL DEFAULT '2D',
  status        TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled','cancelled')),
  cancel_reason TEXT,
  seat_version  INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX shows_start ON shows(starts_at);
CREATE INDEX shows_hall_start ON shows(hall_id, starts_at);

CREATE TABLE holds (
  id          TEXT PRIMARY KEY,
  show_id     TEXT NOT NULL REFERENCES shows(id),
  staff_id    TEXT NOT NULL REFERENCES staff(id),
  session     TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX holds_expiry ON holds(expires_at);

-- The one-claim-per-seat rule: a seat of a show has at most one live claim, held or sold.
-- The primary key is what makes a double sale impossible, whatever code or process tries.
CREATE TABLE seat_claims (
  show_id     TEXT NOT NULL REFERENCES shows(id),
  seat_id     TEXT NOT NULL REFERENCES seats(id),
  hold_id     TEXT REFERENCES holds(id) ON DELETE CASCADE,
  booking_id  TEXT REFERENCES bookings(id),
  expires_at  INTEGER,
  PRIMARY KEY (show_id, seat_id),
  CHECK ((hold_id IS NULL) <> (booking_id IS NULL)),
  CHECK ((hold_id IS NULL) = (expires_at IS NULL))
) STRICT, WITHOUT ROWID;
CREATE INDEX seat_claims_hold ON seat_claims(hold_id) WHERE hold_id IS NOT NULL;
CREATE INDEX seat_claims_booking ON seat_claims(booking_id) WHERE booking_id IS NOT NULL;
CREATE INDEX seat_claims_expiry ON seat_claims(expires_at) WHERE expires_at IS NOT NULL;

CREATE TABLE shifts (
  id            TEXT PRIMARY KEY,
  staff_id      TEXT NOT NULL REFERENCES staff(id),
  opened_at     INTEGER NOT NULL,
  float         INTEGER NOT NULL,
  closed_at     INTEGER,
  counted_cash  INTEGER,
  expected_cash INTEGER
) STRICT;
CREATE UNIQUE INDEX shifts_one_open ON shifts(staff_id) WHERE closed_at IS NULL;

CREATE TABLE bookings (
  id               TEXT PRIMARY KEY,
  code             TEXT NOT NULL UNIQUE,
  show_id          TEXT NOT NULL REFERENCES shows(id),
  status           TEXT NOT NULL CHECK (status IN ('confirmed','cancelled')),
  total            INTEGER NOT NULL,
  currency         TEXT NOT NULL,
  customer_name    TEXT,
  customer_phone   TEXT,
  customer_email   TEXT,
  cashier_id       TEXT NOT NULL REFERENCES staff(id),
  shift_id         TEXT REFERENCES shifts(id),
  idempotency_key  TEXT NOT NULL UNIQUE,
  created_at       INTEGER NOT NULL,
  cancelled_at     INTEGER,
  cancel_reason    TEXT,
  refund_amount    INTEGER,
  refund_percent   INTEGER
) STRICT;
CREATE INDEX bookings_show ON bookings(show_id);
CREATE INDEX bookings_created ON bookings(created_at);
CREATE INDEX bookings_cancelled ON bookings(cancelled_at) WHERE cancelled_at IS NOT NULL;
CREATE INDEX bookings_customer ON bookings(customer_name COLLATE NOCASE);
CREATE INDEX bookings_phone ON bookings(customer_phone);

CREATE TABLE tickets (
  id          TEXT PRIMARY KEY,
  booking_id  TEXT NOT NULL REFERENCES bookings(id),
  show_id     TEXT NOT NULL REFERENCES shows(id),
  seat_id     TEXT NOT NULL REFERENCES seats(id),
  seat_label  TEXT NOT NULL,
  ticket_type TEXT NOT NULL,
  amount      INTEGER NOT NULL,
  breakdown   TEXT NOT NULL
) STRICT;
CREATE INDEX tickets_booking ON tickets(booking_id);

-- Money movements: charges (kind 'charge') and refunds (kind 'refund'), each its own row, so
-- reports and cash reconciliation add rows instead of re-deriving history.
CREATE TABLE payments (
  id          TEXT PRIMARY KEY,
  booking_id  TEXT NOT NULL REFERENCES bookings(id),
  kind        TEXT NOT NULL CHECK (kind IN ('charge','refund')),
  method      TEXT NOT NULL CHECK (method IN ('cash','card','upi','wallet')),
  amount      INTEGER NOT NULL CHECK (amount >= 0),
  tendered    INTEGER,
  change      INTEGER,
  reference   TEXT,
  -- the payment terminal's transaction id, needed to refund a card/UPI/wallet charge
  terminal_txn TEXT,
  staff_id    TEXT NOT NULL REFERENCES staff(id),
  shift_id    TEXT REFERENCES shifts(id),
  created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX payments_booking ON payments(booking_id);
CREATE INDEX payments_created ON payments(created_at);
CREATE INDEX payments_shift ON payments(shift_id);

CREATE TABLE audit (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  staff_id    TEXT,
  staff_name  TEXT,
  action      TEXT NOT NULL,
  entity_id   TEXT,
  details     TEXT
) STRICT;
CREATE INDEX audit_at ON audit(at);
`;
