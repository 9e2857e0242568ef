// Schema version 5: wrong PINs typed for names that are not staff, counted in the database like
// staff.failed_attempts, so a made-up name locks out exactly like a real one on every process
// sharing the file (a per-process count would tell the two apart). The name is kept only as a
// hash: a PIN typed into the name field by mistake must not be stored in clear.
export const sql = `
CREATE TABLE login_failures (
  name_hash    TEXT PRIMARY KEY,
  failed       INTEGER NOT NULL,
  locked_until INTEGER,
  updated_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX login_failures_updated ON login_failures(updated_at);
`;
