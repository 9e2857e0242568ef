// Schema version 12: a cinema's money (issue 13).
// - promos: promo codes; `uses` counts the sales that used one and the CHECK makes "never more
//   than max_uses" a property of the database, whatever process commits a sale.
// - vouchers: gift vouchers; `balance >= 0` is a CHECK, so a balance can never be spent twice.
// - payments is rebuilt (SQLite cannot change a CHECK in place): method 'voucher' is allowed,
//   booking_id may be NULL for the payment of a voucher sale (voucher_id then says which voucher).
// - bookings.promo_id and the tax terms of the sale (tax_mode, tax_rate), tickets.net/tax (NULL before v12: net = amount, tax 0), movies.distributor
//   and rental_percent.
export const sql = `
CREATE TABLE promos (
  id          TEXT PRIMARY KEY,
  code        TEXT NOT NULL COLLATE NOCASE UNIQUE,
  kind        TEXT NOT NULL CHECK (kind IN ('percent','amount')),
  value       INTEGER NOT NULL CHECK (value > 0),
  valid_from  TEXT,
  valid_to    TEXT,
  max_uses    INTEGER CHECK (max_uses IS NULL OR max_uses > 0),
  movie_ids   TEXT,
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  uses        INTEGER NOT NULL DEFAULT 0 CHECK (uses >= 0 AND (max_uses IS NULL OR uses <= max_uses)),
  created_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE vouchers (
  id              TEXT PRIMARY KEY,
  code            TEXT NOT NULL UNIQUE,
  amount          INTEGER NOT NULL CHECK (amount > 0),
  balance         INTEGER NOT NULL CHECK (balance >= 0),
  currency        TEXT NOT NULL,
  expires_at      INTEGER NOT NULL,
  staff_id        TEXT NOT NULL REFERENCES staff(id),
  shift_id        TEXT REFERENCES shifts(id),
  idempotency_key TEXT NOT NULL UNIQUE,
  created_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX vouchers_created ON vouchers(created_at);

ALTER TABLE bookings ADD COLUMN promo_id TEXT REFERENCES promos(id);
ALTER TABLE bookings ADD COLUMN tax_mode TEXT CHECK (tax_mode IN ('inclusive','exclusive'));
ALTER TABLE bookings ADD COLUMN tax_rate REAL;
ALTER TABLE tickets ADD COLUMN net INTEGER;
ALTER TABLE tickets ADD COLUMN tax INTEGER;
ALTER TABLE movies ADD COLUMN distributor TEXT;
ALTER TABLE movies ADD COLUMN rental_percent REAL;

CREATE TABLE payments_v7 (
  id           TEXT PRIMARY KEY,
  booking_id   TEXT REFERENCES bookings(id),
  voucher_id   TEXT REFERENCES vouchers(id),
  kind         TEXT NOT NULL CHECK (kind IN ('charge','refund')),
  method       TEXT NOT NULL CHECK (method IN ('cash','card','upi','wallet','voucher')),
  amount       INTEGER NOT NULL CHECK (amount >= 0),
  tendered     INTEGER,
  change       INTEGER,
  reference    TEXT,
  terminal_txn TEXT,
  staff_id     TEXT NOT NULL REFERENCES staff(id),
  shift_id     TEXT REFERENCES shifts(id),
  created_at   INTEGER NOT NULL,
  owed         INTEGER NOT NULL DEFAULT 0 CHECK (owed IN (0, 1)),
  CHECK ((booking_id IS NULL) <> (voucher_id IS NULL))
) STRICT;
INSERT INTO payments_v7 (id, booking_id, kind, method, amount, tendered, change, reference, terminal_txn, staff_id, shift_id, created_at, owed)
  SELECT id, booking_id, kind, method, amount, tendered, change, reference, terminal_txn, staff_id, shift_id, created_at, owed FROM payments;
DROP TABLE payments;
ALTER TABLE payments_v7 RENAME TO payments;
CREATE INDEX payments_booking ON payments(booking_id);
CREATE INDEX payments_created ON payments(created_at);
CREATE INDEX payments_shift ON payments(shift_id);
CREATE INDEX payments_owed ON payments(booking_id) WHERE owed = 1;
CREATE INDEX payments_voucher ON payments(reference) WHERE method = 'voucher';
`;
