// Schema version 9: the v2 hardening.
// - Sessions keep only a SHA-256 hash of their token, so a backup carries no live token. The
//   plain tokens of v6 cannot be hashed in SQL, so every session ends: staff sign in again once
//   after the upgrade. Holds of those sessions can no longer be confirmed by anyone; their owner
//   key is blanked (it was a token) and they expire as usual.
// - auth_epoch counts every change that can end a session (a session deleted or re-dated; a staff
//   member's name, role or active flag changed; the settings changed; not the last_seen touch). Triggers bump it, whatever code or
//   process makes the change, so the in-memory session caches of every process sharing the file
//   see it at once (staff/sessions.ts).
// - expired_holds: tombstones of holds that ended by expiry, so confirming, extending or releasing
//   one answers HOLD_EXPIRED (not NOT_FOUND) for at least a day after the sweep removed it.
// - request_fingerprints: the request an idempotency key was first used with, so the same key
//   with another request answers IDEMPOTENCY_KEY_REUSED (bookings/idempotency.ts).
export const sql = `
DELETE FROM sessions;
ALTER TABLE sessions RENAME COLUMN token TO token_hash;
UPDATE holds SET session = 'ended-at-upgrade:' || id;
CREATE INDEX holds_session ON holds(session);

CREATE TABLE auth_epoch (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  epoch INTEGER NOT NULL
) STRICT;
INSERT INTO auth_epoch (id, epoch) VALUES (1, 0);
CREATE TRIGGER auth_epoch_session_end AFTER DELETE ON sessions
BEGIN UPDATE auth_epoch SET epoch = epoch + 1 WHERE id = 1; END;
CREATE TRIGGER auth_epoch_session_change AFTER UPDATE OF token_hash, staff_id, created_at ON sessions
BEGIN UPDATE auth_epoch SET epoch = epoch + 1 WHERE id = 1; END;
CREATE TRIGGER auth_epoch_staff_change AFTER UPDATE OF name, role, active ON staff
BEGIN UPDATE auth_epoch SET epoch = epoch + 1 WHERE id = 1; END;
CREATE TRIGGER auth_epoch_settings_insert AFTER INSERT ON kv WHEN new.key = 'settings'
BEGIN UPDATE auth_epoch SET epoch = epoch + 1 WHERE id = 1; END;
CREATE TRIGGER auth_epoch_settings_update AFTER UPDATE ON kv WHEN new.key = 'settings'
BEGIN UPDATE auth_epoch SET epoch = epoch + 1 WHERE id = 1; END;

CREATE TABLE expired_holds (
  id         TEXT PRIMARY KEY,
  session    TEXT NOT NULL,
  show_id    TEXT NOT NULL,
  expired_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX expired_holds_at ON expired_holds(expired_at);

CREATE TABLE request_fingerprints (
  scope       TEXT NOT NULL,
  key         TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
) STRICT, WITHOUT ROWID;
`;
