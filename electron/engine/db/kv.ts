// A tiny key -> JSON document store for settings-like documents (settings, pricing rules).
import { stmt } from './stmts';
import type { Db } from './open';

export function readKv<T>(db: Db, key: string): T | undefined {
  const row = stmt(db, 'SELECT value FROM kv WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as T) : undefined;
}

export function writeKv(db: Db, key: string, value: unknown): void {
  stmt(db, 'INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
}
