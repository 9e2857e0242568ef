// Schema version 3: payment intents. Every card/UPI/wallet charge and every terminal refund is
// written here BEFORE the terminal is called, in its own committed transaction (charges) or in the
// cancellation's transaction (refunds). A crash between the terminal's answer and the sale's commit
// (or between a cancellation's commit and its terminal refund) leaves a 'pending' row, which
// payments/intents.ts recovers: it refunds an orphaned charge, retries a refund, or flags a charge
// whose outcome is unknown for a manager. See payments/intents.ts for the life of a row.
export const sql = `
CREATE TABLE terminal_ops (
  id              TEXT PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('charge','refund')),
  -- charges: the sale's idempotency key and the payment's index in it
  idempotency_key TEXT,
  payment_index   INTEGER,
  -- refunds: the cancelled booking; charges: the booking once the sale committed
  booking_id      TEXT REFERENCES bookings(id),
  method          TEXT NOT NULL CHECK (method IN ('card','upi','wallet')),
  amount          INTEGER NOT NULL CHECK (amount > 0),
  currency        TEXT,
  -- charges: the terminal's transaction once approved; refunds: the charge being refunded
  terminal_txn    TEXT,
  status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','done','compensated','failed','unknown')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT,
  -- who may act on a pending row, and until when; after lease_until recovery may claim it
  lease_owner     TEXT,
  lease_until     INTEGER NOT NULL,
  staff_id        TEXT,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX terminal_ops_status ON terminal_ops(status, lease_until);
CREATE INDEX terminal_ops_key ON terminal_ops(idempotency_key);
CREATE INDEX terminal_ops_booking ON terminal_ops(booking_id);
`;
