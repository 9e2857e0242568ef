// A tiny key -> JSON document store for settings-like documents (settings, pricing rules).
// Documents are read on every hold and quote, so a parsed document is cached per connection and
// key, keyed on the stored text itself: a save (from this process or another one on the same
// file) changes the text and so the cache misses, with no invalidation to forget.
import { stmt } from './stmts';
import type { Db } from './open';

const parsedCache = new WeakMap<Db, Map<string, { raw: string | undefined; value: unknown }>>();

function readRaw(db: Db, key: string): string | undefined {
  const row = stmt(db, 'SELECT value FROM kv WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function readKv<T>(db: Db, key: string): T | undefined {
  const raw = readRaw(db, key);
  return raw === undefined ? undefined : (JSON.parse(raw) as T);
}

/**
 * The document under `key` turned into a value by `parse` (validation, defaults), parsed once per
 * distinct stored text. The value is shared between callers: treat it as read-only.
 */
export function readKvParsed<T>(db: Db, key: string, parse: (stored: unknown) => T): T {
  const raw = readRaw(db, key);
  let perDb = parsedCache.get(db);
  if (!perDb) parsedCache.set(db, (perDb = new Map()));
  const hit = perDb.get(key);
  if (hit && hit.raw === raw) return hit.value as T;
  const value = parse(raw === undefined ? undefined : JSON.parse(raw));
  perDb.set(key, { raw, value });
  return value;
}

export function writeKv(db: Db, key: string, value: unknown): void {
  stmt(db, 'INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
}
