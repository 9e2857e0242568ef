// Schema version 6: cash refunds that are owed, not yet paid. A manager cancelling a whole show
// pays nobody at that moment; the customers come back to a counter later. Such a cash refund row
// is written with owed = 1 and no shift; the cashier who hands the cash over marks it paid, which
// puts it on that cashier's open shift, so the drawer's expected cash includes the payout.
// Rows written before this version are 0: they were paid when they were written.
export const sql = `
ALTER TABLE payments ADD COLUMN owed INTEGER NOT NULL DEFAULT 0 CHECK (owed IN (0, 1));
CREATE INDEX payments_owed ON payments(booking_id) WHERE owed = 1;
`;
