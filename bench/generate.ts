// Builds the benchmark database once and caches it under .cache/bench/: 100 theaters x 10 halls
// of 200 seats, 30 days x 5 shows per hall (150,000 shows), one 3,000-seat hall, 500 movies, and a
// year of history in the first theater at 10,000 bookings a day (3.65M bookings, ~7.3M tickets,
// ~3.8M payments). Rows are made by SQLite itself (recursive CTEs, INSERT ... SELECT) in big
// transactions with journaling and fsync off; the app's pragmas come back when it is done.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../electron/engine/db/open';
import { tokenHash } from '../electron/engine/staff/sessions';
import { addDays, localToInstant } from '../shared/localTime';
import { BOOKING_CODE_ALPHABET } from '../shared/contract';

/** Bump when the generated data changes shape: a cached file with another marker is rebuilt. */
export const HISTORY_DAYS = Number(process.env.BENCH_HISTORY_DAYS ?? 365); // smaller only for a smoke run
export const MARKER = `bench-v2:100x10x200:30d5s:${HISTORY_DAYS}dx10000`;
export const TZ = 'America/New_York';
/** The first day of the 30-day schedule; the year of history is the 365 days before it. */
export const FIRST_DAY = '2026-11-22';
export const THEATERS = 100;
export const HALLS_PER_THEATER = 10;
export const DAYS = 30;
export const SLOTS = ['11:00', '14:00', '17:00', '20:00', '23:00'];
export const BOOKINGS_PER_DAY = 10_000;
export const MOVIES = 500;
export const TOKENS = { manager: 'bench-manager', cashier: 'bench-cashier' };

export const theaterId = (t: number) => `th_${String(t).padStart(3, '0')}`;
export const hallId = (t: number, h: number) => `h_${String(t).padStart(3, '0')}_${String(h).padStart(2, '0')}`;
export const compactDate = (date: string) => date.replaceAll('-', '');
export const showId = (hall: string, date: string, slot: number) => `sh_${hall}_${compactDate(date)}_${slot}`;
export const BIG_HALL = 'h_big';
const ROWS_200 = 'ABCDEFGHIJ'; // 10 rows x 20 seats

function log(msg: string): void {
  process.stdout.write(`[generate] ${msg}\n`);
}

/** Returns the path of a ready benchmark database, generating it if needed. */
export function ensureBenchDatabase(file: string): string {
  if (existsSync(file)) {
    const db = new Database(file, { readonly: true });
    let marker: string | undefined;
    try {
      marker = (db.prepare("SELECT value FROM kv WHERE key = 'bench.marker'").get() as { value: string } | undefined)?.value;
    } catch {
      marker = undefined;
    } finally {
      db.close();
    }
    if (marker === JSON.stringify(MARKER)) {
      log(`reusing ${file}`);
      return file;
    }
    log('cached file is incomplete or from another version: rebuilding');
  }
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  mkdirSync(dirname(file), { recursive: true });
  const started = Date.now();
  openDatabase(file).close(); // the real schema, through the real migrations
  const db = new Database(file);
  db.pragma('journal_mode = DELETE');
  // Generation only: no rollback journal and no fsync. A crash here just means a rebuild.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1000000');
  db.pragma('foreign_keys = OFF');
  try {
    catalog(db);
    schedule(db);
    history(db);
    db.prepare("INSERT INTO kv (key, value) VALUES ('bench.marker', ?)").run(JSON.stringify(MARKER));
  } finally {
    db.pragma('journal_mode = WAL');
    db.close();
  }
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return file;
}

function catalog(db: Database.Database): void {
  db.transaction(() => {
    const th = db.prepare("INSERT INTO theaters (id, name, city, timezone, currency, created_at) VALUES (?, ?, 'New York', ?, 'USD', ?)");
    const hall = db.prepare('INSERT INTO halls (id, theater_id, name, cleaning_minutes, created_at) VALUES (?, ?, ?, 15, 0)');
    const seat = db.prepare("INSERT INTO seats (id, hall_id, row_label, row_index, number, col, type) VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (let t = 1; t <= THEATERS; t++) {
      th.run(theaterId(t), `Cinema ${t}`, TZ, t);
      for (let h = 1; h <= HALLS_PER_THEATER; h++) {
        const hid = hallId(t, h);
        hall.run(hid, theaterId(t), `Hall ${h}`);
        for (let r = 0; r < ROWS_200.length; r++) {
          const row = ROWS_200[r]!;
          for (let n = 1; n <= 20; n++) seat.run(`s_${hid}_${row}${n}`, hid, row, r, n, n + (n > 10 ? 1 : 0), r < 2 ? 'vip' : r < 5 ? 'premium' : 'regular');
        }
      }
    }
    // One 3,000-seat auditorium (50 rows x 60 seats, two aisles) in a theater of its own.
    th.run('th_big', 'Big Screen', TZ, THEATERS + 1);
    hall.run(BIG_HALL, 'th_big', 'Grand');
    for (let r = 0; r < 50; r++) {
      const row = r < 26 ? String.fromCharCode(65 + r) : `A${String.fromCharCode(65 + r - 26)}`;
      for (let n = 1; n <= 60; n++) seat.run(`s_${BIG_HALL}_${row}${n}`, BIG_HALL, row, r, n, n + (n > 20 ? 1 : 0) + (n > 40 ? 1 : 0), r < 10 ? 'premium' : 'regular');
    }
    const movie = db.prepare("INSERT INTO movies (id, title, duration_minutes, genres, language, rating, archived, created_at) VALUES (?, ?, ?, '[\"Drama\"]', 'English', 'PG-13', ?, 0)");
    const words = ['The', 'Dark', 'Knight', 'Star', 'Night', 'River', 'Last', 'City', 'Ocean', 'Storm', 'Silent', 'Golden', 'Road', 'Fire', 'Winter'];
    for (let i = 0; i < MOVIES; i++) {
      const title = i === 0 ? 'Inception' : `${words[i % 15]} ${words[(i * 7) % 15]} ${words[(i * 11) % 15]} ${i}`;
      movie.run(`mv_${String(i).padStart(3, '0')}`, title, 90 + (i % 61), i % 50 === 49 ? 1 : 0);
    }
    const staff = db.prepare("INSERT INTO staff (id, name, role, pin_hash, created_at) VALUES (?, ?, ?, 'bench-no-login', 0)");
    staff.run('st_mgr', 'Bench Manager', 'manager');
    for (let c = 0; c < 20; c++) staff.run(`st_c${String(c).padStart(2, '0')}`, `Cashier ${c}`, 'cashier');
    const sess = db.prepare('INSERT INTO sessions (token_hash, staff_id, created_at, last_seen) VALUES (?, ?, 0, 0)');
    sess.run(tokenHash(TOKENS.manager), 'st_mgr');
    sess.run(tokenHash(TOKENS.cashier), 'st_c00');
    // The raw-limit probe's one row (bench only; the app never reads it).
    db.exec('CREATE TABLE bench_counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL) STRICT; INSERT INTO bench_counter VALUES (1, 0);');
  })();
  log(`catalog: ${THEATERS} theaters x ${HALLS_PER_THEATER} halls x 200 seats, a 3,000-seat hall, ${MOVIES} movies`);
}

/** Slot list for a range of days: [{d: YYYYMMDD, s: slot, k: day index * 5 + slot, t: start instant}]. */
function slots(fromDay: number, days: number): string {
  const out: { d: string; s: number; k: number; t: number }[] = [];
  for (let i = fromDay; i < fromDay + days; i++) {
    const date = addDays(FIRST_DAY, i);
    SLOTS.forEach((time, s) => out.push({ d: compactDate(date), s, k: (i + 400) * 5 + s, t: localToInstant(date, time, TZ) }));
  }
  return JSON.stringify(out);
}

const SHOWS_SQL = `
  INSERT INTO shows (id, movie_id, hall_id, starts_at, ends_at, block_end, base_price, format, created_at)
  SELECT printf('sh_%s_%s_%d', h.id, sl.value ->> '$.d', sl.value ->> '$.s'), m.id, h.id,
         sl.value ->> '$.t',
         (sl.value ->> '$.t') + (15 + m.duration_minutes) * 60000,
         (sl.value ->> '$.t') + (30 + m.duration_minutes) * 60000,
         1200, '2D', 0
  FROM halls h JOIN json_each(@slots) sl
  JOIN movies m ON m.id = printf('mv_%03d', (h.rowid * 7 + (sl.value ->> '$.k')) % ${MOVIES})
  WHERE h.theater_id LIKE @theaters`;

function schedule(db: Database.Database): void {
  const ins = db.prepare(SHOWS_SQL);
  db.transaction(() => {
    ins.run({ slots: slots(0, DAYS), theaters: 'th_%' });
    ins.run({ slots: slots(-HISTORY_DAYS, HISTORY_DAYS), theaters: theaterId(1) });
  })();
  const n = (db.prepare('SELECT COUNT(*) AS n FROM shows').get() as { n: number }).n;
  log(`schedule: ${n.toLocaleString('en-US')} shows (${THEATERS * HALLS_PER_THEATER * DAYS * SLOTS.length} in the 30 days, the rest are the first theater's year)`);
  // Half of the big hall sold for the first show, a sixth of a 200-seat show: realistic seat maps.
  const big = showId(BIG_HALL, FIRST_DAY, 0);
  const small = showId(hallId(1, 1), FIRST_DAY, 3);
  db.transaction(() => {
    const bk = db.prepare(
      "INSERT INTO bookings (id, code, show_id, status, total, currency, cashier_id, idempotency_key, created_at) VALUES (?, ?, ?, 'confirmed', 0, 'USD', 'st_c01', ?, 0)",
    );
    bk.run('bk_map_big', 'MAPBIG', big, 'map-big');
    bk.run('bk_map_small', 'MAPSML', small, 'map-small');
    db.prepare("INSERT INTO seat_claims (show_id, seat_id, booking_id) SELECT ?, id, 'bk_map_big' FROM seats WHERE hall_id = ? AND (row_index + number) % 2 = 0").run(big, BIG_HALL);
    db.prepare("INSERT INTO seat_claims (show_id, seat_id, booking_id) SELECT ?, id, 'bk_map_small' FROM seats WHERE hall_id = ? AND number % 6 = 0").run(small, hallId(1, 1));
  })();
}

const CODE_SQL = [25, 20, 15, 10, 5, 0].map((shift) => `substr(@alpha, (((@base + i) >> ${shift}) & 31) + 1, 1)`).join(' || ');
const SHOW_OF = `printf('sh_h_001_%02d_%s_%d', i % 10 + 1, @date, (i / 10) % 5)`;
const SERIES = 'WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < @count - 1)';

const BOOKINGS_SQL = `${SERIES}
  INSERT INTO bookings (id, code, show_id, status, total, currency, cashier_id, idempotency_key, created_at,
                        cancelled_at, cancel_reason, refund_amount, refund_percent)
  SELECT printf('bk_%08d', @base + i), ${CODE_SQL}, ${SHOW_OF},
         CASE WHEN (@base + i) % 20 = 0 THEN 'cancelled' ELSE 'confirmed' END,
         (1 + (@base + i) % 3) * 1200, 'USD', printf('st_c%02d', i % 20), printf('k%08d', @base + i),
         @start + i * 8640,
         CASE WHEN (@base + i) % 20 = 0 THEN @start + i * 8640 + 3600000 END,
         CASE WHEN (@base + i) % 20 = 0 THEN 'changed plans' END,
         CASE WHEN (@base + i) % 20 = 0 THEN (1 + (@base + i) % 3) * 1200 END,
         CASE WHEN (@base + i) % 20 = 0 THEN 100 END
  FROM n`;

const TICKETS_SQL = `${SERIES}, t(j) AS (VALUES (0), (1), (2))
  INSERT INTO tickets (id, booking_id, show_id, seat_id, seat_label, ticket_type, amount, breakdown)
  SELECT printf('tk_%08d_%d', @base + i, j), printf('bk_%08d', @base + i), ${SHOW_OF},
         printf('s_h_001_%02d_%s%d', i % 10 + 1, char(65 + ((i * 3 + j) / 20) % 10), (i * 3 + j) % 20 + 1),
         printf('%s%d', char(65 + ((i * 3 + j) / 20) % 10), (i * 3 + j) % 20 + 1),
         'adult', 1200, '[]'
  FROM n JOIN t ON t.j < 1 + (@base + i) % 3`;

const METHOD = `CASE (@base + i) % 4 WHEN 0 THEN 'cash' WHEN 1 THEN 'card' WHEN 2 THEN 'upi' ELSE 'wallet' END`;
const PAYMENTS_SQL = `${SERIES}
  INSERT INTO payments (id, booking_id, kind, method, amount, tendered, change, staff_id, created_at)
  SELECT printf('py_%08d', @base + i), printf('bk_%08d', @base + i), 'charge', ${METHOD},
         (1 + (@base + i) % 3) * 1200,
         CASE WHEN (@base + i) % 4 = 0 THEN 5000 END, CASE WHEN (@base + i) % 4 = 0 THEN 5000 - (1 + (@base + i) % 3) * 1200 END,
         printf('st_c%02d', i % 20), @start + i * 8640
  FROM n
  UNION ALL
  SELECT printf('pr_%08d', @base + i), printf('bk_%08d', @base + i), 'refund', ${METHOD},
         (1 + (@base + i) % 3) * 1200, NULL, NULL, 'st_mgr', @start + i * 8640 + 3600000
  FROM n WHERE (@base + i) % 20 = 0`;

function history(db: Database.Database): void {
  const bookings = db.prepare(BOOKINGS_SQL);
  const tickets = db.prepare(TICKETS_SQL);
  const payments = db.prepare(PAYMENTS_SQL);
  const started = Date.now();
  const CHUNK = 15; // days per transaction
  for (let d0 = 0; d0 < HISTORY_DAYS; d0 += CHUNK) {
    db.transaction(() => {
      for (let d = d0; d < Math.min(HISTORY_DAYS, d0 + CHUNK); d++) {
        const date = addDays(FIRST_DAY, d - HISTORY_DAYS);
        // Sales spread evenly over the local day (one every 8.64 s).
        const base = d * BOOKINGS_PER_DAY;
        const start = localToInstant(date, '00:00', TZ);
        bookings.run({ base, count: BOOKINGS_PER_DAY, date: compactDate(date), start, alpha: BOOKING_CODE_ALPHABET });
        tickets.run({ base, count: BOOKINGS_PER_DAY, date: compactDate(date) });
        payments.run({ base, count: BOOKINGS_PER_DAY, start });
      }
    })();
    const done = Math.min(HISTORY_DAYS, d0 + CHUNK);
    const secs = (Date.now() - started) / 1000;
    log(`history: ${done}/${HISTORY_DAYS} days (${(done * BOOKINGS_PER_DAY).toLocaleString('en-US')} bookings), ${secs.toFixed(0)} s, ~${((secs / done) * (HISTORY_DAYS - done)).toFixed(0)} s left`);
  }
}
