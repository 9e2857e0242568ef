import { beforeEach, describe, expect, it } from 'vitest';
import { useSeededHarness } from '../support/seeded';
import type { Harness } from '../support/engineHarness';
import { seatId, T, TOKENS } from '../support/fixtures';
import { count } from './claimsSql';

const h = useSeededHarness();

const M = TOKENS.manager;
const C = TOKENS.cashier;

const DARK_KNIGHT = { title: 'The Dark Knight', durationMinutes: 152, genres: ['Action', 'Crime'], language: 'English', rating: 'PG-13' };
const AMELIE = { title: 'Amélie', durationMinutes: 122, genres: ['Comedy', 'Romance'], language: 'French', rating: 'R', releaseDate: '2001-04-25', synopsis: 'Montmartre.' };

describe('movies.save and movies.archive', () => {
  it('creates and edits a movie, audited', async () => {
    const m = await h.ok('movies.save', AMELIE, M);
    expect(m).toEqual({ id: m.id, ...AMELIE, archived: false });
    const edited = await h.ok('movies.save', { ...DARK_KNIGHT, id: m.id, genres: ['Action', 'action', ' Crime '] }, M);
    expect(edited).toEqual({ id: m.id, ...DARK_KNIGHT, archived: false }); // no release date / synopsis any more, genres de-duplicated
    const actions = (h.engine.ctx.db.prepare('SELECT action FROM audit WHERE entity_id = ? ORDER BY id').all(m.id) as { action: string }[]).map((r) => r.action);
    expect(actions).toEqual(['movies.create', 'movies.update']);
  });

  it('rejects bad input with VALIDATION and saves nothing', async () => {
    const before = count(h.engine.ctx.db, 'SELECT count(*) AS n FROM movies');
    expect((await h.err('movies.save', { ...DARK_KNIGHT, durationMinutes: 0 }, M)).code).toBe('VALIDATION');
    expect((await h.err('movies.save', { ...DARK_KNIGHT, releaseDate: '2008-13-40' }, M)).code).toBe('VALIDATION');
    expect((await h.err('movies.save', { ...DARK_KNIGHT, director: 'Nolan' }, M)).code).toBe('VALIDATION');
    expect(count(h.engine.ctx.db, 'SELECT count(*) AS n FROM movies')).toBe(before);
  });

  it('answers NOT_FOUND for an unknown id', async () => {
    expect((await h.err('movies.save', { ...DARK_KNIGHT, id: 'mv_nope' }, M)).code).toBe('NOT_FOUND');
    expect((await h.err('movies.archive', { id: 'mv_nope' }, M)).code).toBe('NOT_FOUND');
  });

  it('archives a movie: hidden from search unless asked for', async () => {
    const m = await h.ok('movies.archive', { id: T.movie }, M);
    expect(m.archived).toBe(true);
    expect(await h.ok('movies.search', {}, C)).toEqual([]);
    expect((await h.ok('movies.search', { includeArchived: true }, C)).map((x) => x.id)).toEqual([T.movie]);
  });

  it('is for managers only', async () => {
    expect((await h.err('movies.save', DARK_KNIGHT, C)).code).toBe('FORBIDDEN');
    expect((await h.err('movies.save', DARK_KNIGHT)).code).toBe('UNAUTHENTICATED');
    expect((await h.err('movies.archive', { id: T.movie }, C)).code).toBe('FORBIDDEN');
    expect((await h.err('movies.archive', { id: T.movie })).code).toBe('UNAUTHENTICATED');
    expect(count(h.engine.ctx.db, 'SELECT count(*) AS n FROM movies WHERE archived = 1')).toBe(0);
  });
});

describe('movies.search', () => {
  beforeEach(async () => {
    await h.ok('movies.save', DARK_KNIGHT, M);
    await h.ok('movies.save', AMELIE, M);
    await h.ok('movies.save', { title: '100% Wolf', durationMinutes: 96, genres: ['Animation'], language: 'English', rating: 'PG' }, M);
  });
  const titles = async (input: object) => (await h.ok('movies.search', input, C)).map((m) => m.title);

  it('lists by title for a cashier', async () => {
    expect(await titles({})).toEqual(['100% Wolf', 'Amélie', 'Inception', 'The Dark Knight']);
  });

  it('matches a case-insensitive substring of the title, literally', async () => {
    expect(await titles({ query: 'DARK' })).toEqual(['The Dark Knight']);
    expect(await titles({ query: 'ion' })).toEqual(['Inception']);
    expect(await titles({ query: '%' })).toEqual(['100% Wolf']);
    expect(await titles({ query: '_' })).toEqual([]);
    expect(await titles({ query: '  ' })).toHaveLength(4);
  });

  it('filters by genre (exact, any case) and language', async () => {
    expect(await titles({ genre: 'thriller' })).toEqual(['Inception']);
    expect(await titles({ genre: 'Thrill' })).toEqual([]);
    expect(await titles({ language: 'french' })).toEqual(['Amélie']);
    expect(await titles({ language: 'English', genre: 'crime' })).toEqual(['The Dark Knight']);
  });

  it('needs a session and valid input', async () => {
    expect((await h.err('movies.search', {})).code).toBe('UNAUTHENTICATED');
    expect((await h.err('movies.search', { query: 5 }, C)).code).toBe('VALIDATION');
  });
});

describe('theaters', () => {
  it('lists theaters with their halls and sellable capacity', async () => {
    const db = h.engine.ctx.db;
    expect(await h.ok('theaters.list', {}, C)).toEqual([
      { id: T.theater, name: 'PVR Cinemas', city: 'New York', timezone: 'America/New_York', currency: 'USD', halls: [{ id: T.hall, name: 'Hall 1', capacity: 60, cleaningMinutes: 15 }] },
    ]);
    // Capacity counts sellable seats only: a blocked or removed seat is not one.
    db.prepare('UPDATE seats SET blocked = 1 WHERE id = ?').run(seatId('A', 1));
    db.prepare('UPDATE seats SET removed = 1 WHERE id = ?').run(seatId('A', 2));
    expect((await h.ok('theaters.list', {}, C))[0]!.halls[0]!.capacity).toBe(58);
  });

  it('creates and edits a theater, audited', async () => {
    h.clock.advanceSeconds(1); // the list is in creation order
    const t = await h.ok('theaters.save', { name: 'PVR Juhu', city: 'Mumbai', timezone: 'Asia/Kolkata', currency: 'INR' }, M);
    expect(t).toMatchObject({ name: 'PVR Juhu', city: 'Mumbai', timezone: 'Asia/Kolkata', currency: 'INR', halls: [] });
    const e = await h.ok('theaters.save', { id: T.theater, name: 'PVR Times Square', city: 'New York', timezone: 'America/New_York', currency: 'USD' }, M);
    expect(e).toMatchObject({ id: T.theater, name: 'PVR Times Square', halls: [{ id: T.hall, name: 'Hall 1', capacity: 60 }] });
    expect((await h.ok('theaters.list', {}, C)).map((x) => x.name)).toEqual(['PVR Times Square', 'PVR Juhu']);
    expect(count(h.engine.ctx.db, "SELECT count(*) AS n FROM audit WHERE action IN ('theaters.create', 'theaters.update')")).toBe(2);
  });

  it('rejects a bad zone or currency with VALIDATION and saves nothing', async () => {
    expect((await h.err('theaters.save', { name: 'X', city: 'Y', timezone: 'Nowhere/Land', currency: 'USD' }, M)).code).toBe('VALIDATION');
    expect((await h.err('theaters.save', { name: 'X', city: 'Y', timezone: 'UTC', currency: 'usd' }, M)).code).toBe('VALIDATION');
    expect(count(h.engine.ctx.db, 'SELECT count(*) AS n FROM theaters')).toBe(1);
  });

  it('answers NOT_FOUND for an unknown id', async () => {
    expect((await h.err('theaters.save', { id: 'th_nope', name: 'X', city: 'Y', timezone: 'UTC', currency: 'USD' }, M)).code).toBe('NOT_FOUND');
  });

  it('checks roles and sessions', async () => {
    const input = { name: 'X', city: 'Y', timezone: 'UTC', currency: 'USD' };
    expect((await h.err('theaters.save', input, C)).code).toBe('FORBIDDEN');
    expect((await h.err('theaters.save', input)).code).toBe('UNAUTHENTICATED');
    expect((await h.err('theaters.list', {})).code).toBe('UNAUTHENTICATED');
    expect((await h.err('theaters.list', { all: true }, C)).code).toBe('VALIDATION');
  });
});
