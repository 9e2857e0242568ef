// Sessions: who is calling, from a token. The database keeps only a SHA-256 hash of each token (a
// backup carries no live token); a session ends after an idle time and after an absolute lifetime
// (settings.sessionIdleHours / sessionMaxHours). Resolved sessions are cached in memory, so a
// request does not look its caller up in the database: a hit costs one read of auth_epoch, a
// one-row counter that triggers (schema v9) bump whenever a session is deleted, a staff member's
// name, role or active flag changes, or the settings change, in this process or any other on the
// same file. A changed epoch empties the cache, so logout, revocation and deactivation take
// effect on the very next request everywhere.
import { createHash } from 'node:crypto';
import type { Actor, EngineCtx } from '../context';
import type { Db } from '../db/open';
import { stmt } from '../db/stmts';
import { newToken } from '../ids';
import { getSettings } from '../settings/settings';

const HOUR_MS = 60 * 60_000;
/** last_seen is written at most this often, so reading a seat map does not mean a write. */
const TOUCH_INTERVAL_MS = 60_000;
/** A cache of more sessions than a box office has counters is a flood: start again. */
const MAX_CACHED = 10_000;

/** The key a session is stored (and its holds are owned) under: the token's SHA-256, base64url. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

interface Entry {
  actor: Actor;
  createdAt: number;
  lastSeen: number;
  /** When last_seen was last written to the database. */
  touchedAt: number;
}

interface Cache {
  epoch: number;
  idleMs: number;
  maxMs: number;
  entries: Map<string, Entry>;
}

// Keyed by the connection: backup.restore opens a new one, and with it comes an empty cache.
const caches = new WeakMap<Db, Cache>();

function readEpoch(db: Db): number {
  return (stmt(db, 'SELECT epoch FROM auth_epoch WHERE id = 1').get() as { epoch: number }).epoch;
}

/** The cache, emptied first when anything that can end a session changed since it was filled. */
function cacheFor(ctx: Pick<EngineCtx, 'db'>): Cache {
  const epoch = readEpoch(ctx.db);
  let c = caches.get(ctx.db);
  if (!c || c.epoch !== epoch) {
    const s = getSettings(ctx);
    c = { epoch, idleMs: s.sessionIdleHours * HOUR_MS, maxMs: s.sessionMaxHours * HOUR_MS, entries: new Map() };
    caches.set(ctx.db, c);
  }
  return c;
}

/** A new session; on a LAN server it is bound to the paired device it signed in from. */
export function createSession(ctx: Pick<EngineCtx, 'db' | 'clock'>, staffId: string, deviceId: string | null = null): string {
  const token = newToken();
  const now = ctx.clock.now();
  stmt(ctx.db, 'INSERT INTO sessions (token_hash, staff_id, created_at, last_seen, device_id) VALUES (?, ?, ?, ?, ?)').run(tokenHash(token), staffId, now, now, deviceId);
  return token;
}

/** Ends one session (the key is Actor.session); its cached entry goes with the epoch bump. */
export function endSession(ctx: Pick<EngineCtx, 'db'>, session: string): void {
  stmt(ctx.db, 'DELETE FROM sessions WHERE token_hash = ?').run(session);
}

/** The signed-in staff member behind a session token, or null (unknown, expired or deactivated). */
export function resolveSession(ctx: Pick<EngineCtx, 'db' | 'clock'>, token: string): Actor | null {
  const key = tokenHash(token);
  const cache = cacheFor(ctx);
  const now = ctx.clock.now();
  let entry = cache.entries.get(key);
  if (!entry) {
    const r = stmt(
      ctx.db,
      `SELECT s.created_at, s.last_seen, s.device_id, st.id AS staff_id, st.name, st.role, st.active
       FROM sessions s JOIN staff st ON st.id = s.staff_id WHERE s.token_hash = ?`,
    ).get(key) as { created_at: number; last_seen: number; device_id: string | null; staff_id: string; name: string; role: Actor['role']; active: number } | undefined;
    if (!r) return null;
    if (!r.active) {
      endSession(ctx, key);
      return null;
    }
    entry = {
      actor: { staffId: r.staff_id, name: r.name, role: r.role, session: key, deviceId: r.device_id },
      createdAt: r.created_at,
      lastSeen: r.last_seen,
      touchedAt: r.last_seen,
    };
    if (cache.entries.size >= MAX_CACHED) cache.entries.clear();
    cache.entries.set(key, entry);
  }
  if (now - entry.lastSeen > cache.idleMs || now - entry.createdAt > cache.maxMs) {
    cache.entries.delete(key);
    endSession(ctx, key);
    return null;
  }
  entry.lastSeen = now;
  if (now - entry.touchedAt >= TOUCH_INTERVAL_MS) {
    // Another process deciding idleness reads this; it is at most a minute behind.
    stmt(ctx.db, 'UPDATE sessions SET last_seen = ? WHERE token_hash = ?').run(now, key);
    entry.touchedAt = now;
  }
  return entry.actor;
}
