// A per-connection cache of prepared statements. better-sqlite3's prepare() compiles the SQL each
// time; the hot paths (hold, map) run many times a second at a busy counter, so each statement is
// compiled once per open database. Keyed by the Db object because backup.restore reopens it.
import type { Statement } from 'better-sqlite3';
import type { Db } from './open';

const cache = new WeakMap<Db, Map<string, Statement>>();

export function stmt(db: Db, sql: string): Statement {
  let perDb = cache.get(db);
  if (!perDb) {
    perDb = new Map();
    cache.set(db, perDb);
  }
  let s = perDb.get(sql);
  if (!s) {
    s = db.prepare(sql);
    perDb.set(sql, s);
  }
  return s;
}
