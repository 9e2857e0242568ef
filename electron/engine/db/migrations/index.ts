// The ordered list of schema migrations. Version N is the Nth entry; never edit a released one,
// append a new file instead. The database's version lives in PRAGMA user_version.
import { sql as v1 } from './001-initial';
import { sql as v2 } from './002-outbox';
import { sql as v3 } from './003-payment-intents';
import { sql as v4 } from './004-terminal-op-resolutions';
import { sql as v5 } from './005-login-failures';
import { sql as v6 } from './006-owed-cash';
import { sql as v7, run as v7run } from './007-after-sale';
import { sql as v8 } from './008-layout-version';
import { sql as v9 } from './009-hardening';
import { sql as v10 } from './010-seat-width';
import { sql as v11 } from './011-devices';
import { sql as v12 } from './012-money';
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** A step SQL alone cannot say, run after `sql` in the same transaction. */
  run?: (db: Database.Database) => void;
}

export const MIGRATIONS: Migration[] = [
  { version: 1, name: 'initial', sql: v1 },
  { version: 2, name: 'outbox', sql: v2 },
  { version: 3, name: 'payment-intents', sql: v3 },
  { version: 4, name: 'terminal-op-resolutions', sql: v4 },
  { version: 5, name: 'login-failures', sql: v5 },
  { version: 6, name: 'owed-cash', sql: v6 },
  { version: 7, name: 'after-sale', sql: v7, run: v7run },
  { version: 8, name: 'layout-version', sql: v8 },
  { version: 9, name: 'hardening', sql: v9 },
  { version: 10, name: 'seat-width', sql: v10 },
  { version: 11, name: 'devices', sql: v11 },
  { version: 12, name: 'money', sql: v12 },
];

export const LATEST_VERSION = MIGRATIONS.length;
