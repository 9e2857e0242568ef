// Schema version 4: a manager's resolution of a terminal operation that needs a person (a charge
// whose outcome is unknown, a refund the terminal kept refusing). Kept beside terminal_ops rather
// than as a new status there, so recovery's own states stay as they are and the note survives.
export const sql = `
CREATE TABLE terminal_op_resolutions (
  op_id       TEXT PRIMARY KEY REFERENCES terminal_ops(id),
  staff_id    TEXT NOT NULL REFERENCES staff(id),
  staff_name  TEXT NOT NULL,
  note        TEXT NOT NULL,
  resolved_at INTEGER NOT NULL
) STRICT;
`;
