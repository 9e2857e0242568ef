// The demo's money: distributors and rental shares on the films the film report lists, and the
// WELCOME10 promo code a demo cashier can use.
import { afterEach, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../support/engineHarness';
import { seedDemo } from '../../electron/engine/demo/seed';

let h: Harness;
afterEach(() => h?.close());

it('gives the demo films distributors and a 10 % promo code', async () => {
  h = makeHarness();
  expect(seedDemo(h.engine.ctx)).toBe(true);
  const manager = (await h.ok('auth.login', { name: 'Manager', pin: '1234' })).token;
  const inception = (await h.ok('movies.search', { query: 'Inception' }, manager))[0]!;
  expect(inception).toMatchObject({ distributor: 'Warner Bros.', rentalPercent: 55 });
  expect(await h.ok('promos.list', {}, manager)).toMatchObject([{ code: 'WELCOME10', kind: 'percent', value: 10, active: true, uses: 0 }]);
  const film = await h.ok('reports.film', { from: '2026-11-23', to: '2026-11-29' }, manager);
  expect(film.rows.find((r) => r.title === 'Inception')).toMatchObject({ distributor: 'Warner Bros.', rentalPercent: 55, rental: 0 });
});
