// Upcoming shows follow what their block is made of: a movie's running time, a hall's cleaning
// minutes, the trailer minutes. Start times never move; an overlap refuses the whole change.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type ChannelInput } from '../../shared/contract';
import { makeHarness, type Harness } from '../support/engineHarness';
import { seedBasics, seedShow, T, TOKENS } from '../support/fixtures';

let h: Harness;
const M = TOKENS.manager;
const MIN = 60_000;
// The harness clock: Monday 23 Nov 2026, 10:00 New York (15:00 UTC).
const RUNNING = '2026-11-23T14:00:00.000Z'; // started an hour ago
const EVENING = '2026-11-23T23:00:00.000Z'; // 18:00 local
const block = 15 + 148 + 15; // trailers + Inception + cleaning, in minutes
const after = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * MIN).toISOString();
const LATER = after(EVENING, block + 10); // 10 minutes of slack after the evening show

beforeEach(() => {
  h = makeHarness();
  const db = h.engine.ctx.db;
  seedBasics(db, { now: h.clock.now() });
  seedShow(db, { id: 'running', startsAt: RUNNING, now: h.clock.now() });
  seedShow(db, { id: 'evening', startsAt: EVENING, now: h.clock.now() });
  seedShow(db, { id: 'later', startsAt: LATER, now: h.clock.now() });
});
afterEach(() => h.close());

const row = (id: string) =>
  h.engine.ctx.db.prepare('SELECT starts_at, ends_at, block_end FROM shows WHERE id = ?').get(id) as { starts_at: number; ends_at: number; block_end: number };

async function movieInput(durationMinutes: number): Promise<ChannelInput<'movies.save'>> {
  const m = (await h.ok('movies.search', { query: 'Inception' }, M))[0]!;
  return { id: m.id, title: m.title, durationMinutes, genres: m.genres, language: m.language, rating: m.rating };
}

async function hallInput(cleaningMinutes: number): Promise<ChannelInput<'halls.save'>> {
  const hall = await h.ok('halls.get', { id: T.hall }, M);
  return {
    id: hall.id,
    theaterId: hall.theaterId,
    name: hall.name,
    cleaningMinutes,
    rows: hall.rows.map((r) => ({ label: r.label, seats: r.seats.map((s) => ({ id: s.id, number: s.number, column: s.column, type: s.type, blocked: s.blocked })) })),
  };
}

describe('re-timing upcoming shows', () => {
  it('moves the end of every upcoming show of a film whose running time changes, never its start', async () => {
    const running = row('running');
    h.events.length = 0;
    await h.ok('movies.save', await movieInput(153), M); // 5 minutes longer: fits the 10 minutes of slack
    for (const id of ['evening', 'later']) {
      const r = row(id);
      expect(r.ends_at - r.starts_at).toBe((15 + 153) * MIN);
      expect(r.block_end - r.ends_at).toBe(15 * MIN);
    }
    expect(row('evening').starts_at).toBe(Date.parse(EVENING));
    expect(row('running')).toEqual(running); // already on screen: its block stays
    expect(h.events.filter((e) => e.name === 'shows.changed').map((e) => e.payload)).toEqual([{ showId: 'evening' }, { showId: 'later' }]);
    const shows = await h.ok('shows.list', { date: '2026-11-23' }, M);
    expect(shows.find((s) => s.id === 'evening')!.endsAt).toBe(after(EVENING, 15 + 153));
    const audit = h.engine.ctx.db.prepare("SELECT details FROM audit WHERE action = 'movies.update'").get() as { details: string };
    expect(JSON.parse(audit.details)).toMatchObject({ durationMinutes: 153, retimedShows: 2 });
  });

  it('refuses a running time that would make shows overlap, naming them, and changes nothing', async () => {
    const before = [row('evening'), row('later')];
    h.events.length = 0;
    const e = await h.err('movies.save', await movieInput(148 + 11), M);
    expect(e.code).toBe('SCHEDULE_CONFLICT');
    expect(e.message).toMatch(/1 upcoming show would run into the next one in its hall \(first: Inception, Hall 1, 2026-11-23 18:00\)/);
    expect(e.details).toEqual({ conflicts: ['evening'], overlaps: [{ showId: 'evening', runsInto: ['later'] }] });
    expect([row('evening'), row('later')]).toEqual(before);
    expect((await h.ok('movies.search', { query: 'Inception' }, M))[0]!.durationMinutes).toBe(148);
    expect(h.events).toEqual([]);
  });

  it('follows a hall\'s new cleaning minutes, and refuses ones that overlap', async () => {
    await h.ok('halls.save', await hallInput(25), M);
    expect(row('evening').block_end - row('evening').ends_at).toBe(25 * MIN);
    expect(row('running').block_end - row('running').ends_at).toBe(15 * MIN);
    const e = await h.err('halls.save', { ...(await hallInput(26)), name: 'Renamed' }, M);
    expect(e.code).toBe('SCHEDULE_CONFLICT');
    expect((await h.ok('halls.get', { id: T.hall }, M)).name).toBe('Hall 1');
    expect(row('evening').block_end - row('evening').ends_at).toBe(25 * MIN);
  });

  it('follows new trailer minutes across every upcoming show, and refuses ones that overlap', async () => {
    await h.ok('settings.save', { ...DEFAULT_SETTINGS, trailerMinutes: 20 }, M);
    expect(row('later').ends_at - row('later').starts_at).toBe((20 + 148) * MIN);
    const e = await h.err('settings.save', { ...DEFAULT_SETTINGS, trailerMinutes: 26 }, M);
    expect(e.code).toBe('SCHEDULE_CONFLICT');
    expect((await h.ok('settings.get', {}, M)).trailerMinutes).toBe(20);
    // Other settings save without touching any show.
    h.events.length = 0;
    await h.ok('settings.save', { ...DEFAULT_SETTINGS, trailerMinutes: 20, holdSeconds: 300 }, M);
    expect(h.events).toEqual([]);
  });

  it('leaves the schedule alone when a save changes no time (a title, a hall name)', async () => {
    // Shows laid out under 20 trailer minutes, while the setting now says 15: an older schedule.
    h.engine.ctx.db.prepare("UPDATE shows SET ends_at = ends_at + 5 * 60000, block_end = block_end + 5 * 60000 WHERE id IN ('evening', 'later')").run();
    const before = [row('evening'), row('later')];
    await h.ok('movies.save', { ...(await movieInput(148)), title: 'Inception (restored)' }, M);
    await h.ok('halls.save', { ...(await hallInput(15)), name: 'Hall One' }, M);
    expect([row('evening'), row('later')]).toEqual(before);
  });

  it('ignores cancelled shows: they neither move nor block', async () => {
    h.engine.ctx.db.prepare("UPDATE shows SET status = 'cancelled' WHERE id = 'later'").run();
    const cancelled = row('later');
    await h.ok('movies.save', await movieInput(200), M);
    expect(row('later')).toEqual(cancelled);
    expect(row('evening').ends_at - row('evening').starts_at).toBe((15 + 200) * MIN);
  });
});
