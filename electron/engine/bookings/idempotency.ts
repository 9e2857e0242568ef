// Idempotency keys name ONE request: the first use of a key keeps a fingerprint of the request
// with it (request_fingerprints, schema v9), written in the same transaction as the sale. The
// identical request again gets the earlier result; the same key with anything different (another
// hold, other tickets or payments, another customer, another staff member) is a client bug and
// answers IDEMPOTENCY_KEY_REUSED without changing anything, as a payment API would.
import { createHash } from 'node:crypto';
import { BoxOfficeError } from '../../../shared/contract';
import type { Actor } from '../context';
import type { Db } from '../db/open';
import { stmt } from '../db/stmts';

/** JSON with object keys sorted at every level, so the same request always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The fingerprint of a request: every field of the validated input except the key itself, and
 * who sent it. Fields added to a channel later are covered without changing this code.
 */
export function requestFingerprint(input: { idempotencyKey: string }, actor: Pick<Actor, 'staffId'>): string {
  const { idempotencyKey: _key, ...rest } = input;
  return createHash('sha256').update(canonical({ staffId: actor.staffId, request: rest })).digest('base64url');
}

/** Keeps the fingerprint of the key's first request (inside the transaction that uses the key). */
export function rememberRequest(db: Db, scope: string, key: string, fingerprint: string, now: number): void {
  stmt(db, 'INSERT INTO request_fingerprints (scope, key, fingerprint, created_at) VALUES (?, ?, ?, ?)').run(scope, key, fingerprint, now);
}

/**
 * Throws IDEMPOTENCY_KEY_REUSED when the key was first used with another request. Returns false
 * when nothing is on file (a sale made before v2): the caller falls back to its older check.
 */
export function requireSameRequest(db: Db, scope: string, key: string, fingerprint: string): boolean {
  const row = stmt(db, 'SELECT fingerprint FROM request_fingerprints WHERE scope = ? AND key = ?').get(scope, key) as { fingerprint: string } | undefined;
  if (!row) return false;
  if (row.fingerprint !== fingerprint) {
    throw new BoxOfficeError(
      'IDEMPOTENCY_KEY_REUSED',
      'This idempotency key was already used for a different request; nothing was changed. Start a new attempt with a new key',
      { idempotencyKey: key },
    );
  }
  return true;
}
