// Schema version 11: paired counters (contract v2, LAN). A device's secret and a pairing code are
// kept only as SHA-256 hashes (both are long random values, so a fast hash is enough; a backup
// carries no usable credential). A session remembers the device it signed in from, so a token
// copied to another machine is refused and revoking a device ends its sessions.
export const sql = `
CREATE TABLE devices (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  secret_hash   TEXT NOT NULL,
  paired_at     INTEGER NOT NULL,
  last_seen_at  INTEGER,
  last_address  TEXT,
  app_version   TEXT,
  revoked_at    INTEGER
) STRICT;

CREATE TABLE pairing_codes (
  code_hash   TEXT PRIMARY KEY,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  used_at     INTEGER,
  device_id   TEXT REFERENCES devices(id)
) STRICT;

ALTER TABLE sessions ADD COLUMN device_id TEXT REFERENCES devices(id);
CREATE INDEX sessions_device ON sessions(device_id) WHERE device_id IS NOT NULL;
`;
