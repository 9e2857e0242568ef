// A cinema's money in the browser (issue 13): a promo code created on the Manager screen and used
// at the payment panel (discount per ticket, the receipt's price steps, the uses counted), a gift
// voucher sold at the counter and spent on tickets, and the film report's CSV for a distributor.
import { readFileSync } from 'node:fs';
import { test, expect, signIn, openShow, holdSeats, api, shot } from './fixtures';

const cents = (text: string | null) => Math.round(Number((text ?? '').replace(/[^0-9.]/g, '')) * 100);
const dollars = (c: number) => `$${(c / 100).toFixed(2)}`;

test('a promo code made on the Manager screen takes 10 % off each ticket and counts one use', async ({ page }) => {
  await signIn(page, 'Manager', '1234');
  await page.keyboard.press('F6');
  await page.getByRole('tab', { name: 'Promo codes' }).click();
  const form = page.getByRole('form', { name: 'New promo code' });
  await form.getByLabel('Code', { exact: true }).fill('SAVE10');
  await form.getByLabel('Percent').fill('10');
  await page.getByRole('button', { name: 'Create promo code' }).click();
  await expect(page.getByRole('status')).toHaveText('Promo SAVE10 created.');
  await expect(page.getByTestId('promo-uses-SAVE10')).toHaveText('0');

  await page.getByRole('button', { name: /^Sell/ }).click();
  await openShow(page);
  await holdSeats(page, ['C5', 'E5']);
  // Pay waits for the quote of both seats (it is disabled while the price is updating).
  await page.getByRole('button', { name: /^Pay/ }).click();
  const before = cents(await page.getByTestId('pay-total').textContent());
  await page.getByLabel('Promo code').fill('save10');
  await page.getByRole('button', { name: 'Apply promo' }).click();
  await expect(page.getByTestId('promo-applied')).toHaveText('SAVE10');
  const perTicket = page.getByRole('list', { name: 'Discount per ticket' });
  await expect(perTicket).toContainText('C5');
  await expect(perTicket).toContainText('E5');
  const after = cents(await page.getByTestId('pay-total').textContent());
  expect(after).toBeLessThan(before);
  expect(Math.abs(after - Math.round(before * 0.9))).toBeLessThanOrEqual(1); // each ticket rounded once
  await shot(page, 'promo');
  await page.getByRole('radio', { name: /^Card/ }).click();
  await page.getByRole('button', { name: /^Confirm sale/ }).click();
  await expect(page.getByTestId('booking-code')).toHaveText(/^[A-Z2-9]{6}$/);
  await page.getByRole('checkbox', { name: 'Print price steps' }).check();
  await expect(page.getByTestId('receipt-steps').first()).toContainText('Promo SAVE10 -10 %');
  await expect(page.getByTestId('receipt-steps').first()).toContainText('Base price');
  await shot(page, 'receipt-steps');

  await page.keyboard.press('F6');
  await page.getByRole('tab', { name: 'Promo codes' }).click();
  await expect(page.getByTestId('promo-uses-SAVE10')).toHaveText('1');
});

test('a gift voucher sold for cash pays for tickets, and its balance goes down', async ({ page, host }) => {
  const cashier = (await api<{ token: string }>(host.url, 'auth.login', { name: 'Cashier', pin: '0000' })).token;
  await api(host.url, 'shifts.open', { float: 10_000 }, cashier);
  await signIn(page);
  await page.keyboard.press('F8');
  await page.getByLabel(/Voucher value/).fill('50.00');
  await page.getByRole('button', { name: 'Sell voucher $50.00' }).click();
  const code = ((await page.getByTestId('voucher-code').textContent()) ?? '').replace(/-/g, '');
  expect(code).toMatch(/^[A-Z2-9]{12}$/);
  await expect(page.getByRole('img', { name: /QR code for gift voucher/ })).toBeVisible();
  await shot(page, 'voucher');

  await page.keyboard.press('F2');
  await openShow(page);
  await holdSeats(page, ['E5']);
  await page.getByRole('button', { name: /^Pay/ }).click();
  const total = cents(await page.getByTestId('pay-total').textContent());
  await page.getByRole('radio', { name: /^Gift voucher/ }).click();
  await page.getByLabel('Gift voucher code').fill(code);
  await page.getByRole('button', { name: 'Check balance' }).click();
  await expect(page.getByTestId('voucher-balance')).toContainText('$50.00');
  await page.getByRole('button', { name: /^Confirm sale/ }).click();
  await expect(page.getByTestId('booking-code')).toHaveText(/^[A-Z2-9]{6}$/);
  await expect(page.locator('.receipt')).toContainText(`VOUCHER ${dollars(total)}`);

  await page.keyboard.press('F8');
  await page.getByLabel('Voucher code').fill(code.toLowerCase());
  await page.getByRole('button', { name: 'Look up' }).click();
  await expect(page.getByTestId('voucher-card-balance')).toHaveText(dollars(5000 - total));
});

test('the film report exports a distributor CSV with admissions, net and the rental', async ({ page, host }) => {
  const cashier = (await api<{ token: string }>(host.url, 'auth.login', { name: 'Cashier', pin: '0000' })).token;
  const manager = (await api<{ token: string }>(host.url, 'auth.login', { name: 'Manager', pin: '1234' })).token;
  type MovieRow = { id: string; title: string; durationMinutes: number; genres: string[]; language: string; rating: string };
  const movie = (await api<MovieRow[]>(host.url, 'movies.search', { query: 'Inception' }, manager))[0]!;
  await api(host.url, 'movies.save', {
    id: movie.id, title: movie.title, durationMinutes: movie.durationMinutes, genres: movie.genres, language: movie.language, rating: movie.rating,
    distributor: 'Warner Bros.', rentalPercent: 50,
  }, manager);
  await api(host.url, 'shifts.open', { float: 10_000 }, cashier);
  const shows = await api<{ id: string; movieId: string; status: string; startsAt: string }[]>(host.url, 'shows.list', { movieId: movie.id }, cashier);
  const show = shows.find((s) => s.status === 'scheduled' && Date.parse(s.startsAt) > Date.now() + 3_600_000)!;
  const map = await api<{ seats: { id: string; status: string }[] }>(host.url, 'seats.map', { showId: show.id }, cashier);
  const seatIds = map.seats.filter((s) => s.status === 'available').slice(0, 2).map((s) => s.id);
  const hold = await api<{ id: string }>(host.url, 'seats.hold', { showId: show.id, seatIds }, cashier);
  const tickets = seatIds.map((seatId) => ({ seatId, ticketType: 'adult' }));
  const { total } = await api<{ total: number }>(host.url, 'pricing.quote', { showId: show.id, tickets }, cashier);
  await api(host.url, 'bookings.confirm', { holdId: hold.id, tickets, payments: [{ method: 'cash', amount: total }], idempotencyKey: 'e2e-film-report-1' }, cashier);
  const showDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date(show.startsAt));

  await signIn(page, 'Manager', '1234');
  await page.keyboard.press('F6');
  await page.getByRole('tab', { name: 'Reports' }).click();
  await page.getByLabel('Films from').fill(showDate);
  await page.getByLabel('Films to').fill(showDate);
  const films = page.getByRole('table', { name: 'Films' });
  await expect(films).toContainText('Inception');
  await expect(films).toContainText('Warner Bros.');
  await expect(page.getByRole('img', { name: 'Net box office by film' })).toBeVisible();
  await shot(page, 'film-report');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export film report CSV' }).click()]);
  expect(download.suggestedFilename()).toBe(`film-report-${showDate}-to-${showDate}.csv`);
  // The file opens with a byte-order mark so spreadsheets read it as UTF-8.
  const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').split('\r\n');
  expect(csv[0]).toBe('from,to,movie id,title,distributor,shows,admissions,gross (USD),tax (USD),net (USD),rental %,rental (USD)');
  const row = csv.find((l) => l.includes(',Inception,'))!;
  const m = (c: number) => (c / 100).toFixed(2);
  expect(row).toMatch(new RegExp(`^${showDate},${showDate},${movie.id},Inception,Warner Bros\\.,\\d+,2,${m(total)},0\\.00,${m(total)},50,${m(Math.round(total / 2))}$`));
});
