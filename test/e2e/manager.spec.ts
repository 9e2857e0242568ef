// The manager's screens end to end against a demo host: layouts, the schedule, prices, reports
// with a sale made by a cashier, a refused layout edit, backups.
import type { Page } from '@playwright/test';
import { readFileSync, mkdirSync } from 'node:fs';
import { test, expect, signIn, api } from './fixtures';

const TZ = 'America/New_York';
const todayNY = () => new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
function addDays(d: string, n: number): string {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCDate(x.getUTCDate() + n);
  return x.toISOString().slice(0, 10);
}

async function openManager(page: Page, tab: string): Promise<void> {
  await signIn(page, 'Manager', '1234');
  await page.getByRole('button', { name: /^Manager/ }).click();
  await page.getByRole('tab', { name: tab }).click();
  await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
}

async function shot(page: Page, name: string): Promise<void> {
  // Runs write to the ignored run/ folder; chosen shots are copied to docs/screenshots/ by hand.
  mkdirSync('docs/screenshots/run', { recursive: true });
  await page.screenshot({ path: `docs/screenshots/run/manager-${name}.png` });
}

test('a manager builds a new hall layout and saves it', async ({ page }) => {
  await openManager(page, 'Halls');
  await page.getByRole('button', { name: 'New hall' }).click();
  await page.getByLabel('Hall name').fill('Hall 3');
  await page.getByLabel('Rows', { exact: true }).fill('6');
  await page.getByLabel('Seats per row').fill('10');
  await page.getByRole('button', { name: 'Generate' }).click();
  await expect(page.getByTestId('capacity')).toHaveText('60');
  // Back row recliners, front-row wheelchair + companion places, a centre aisle, a blocked seat.
  await page.getByLabel('Row F type').selectOption('recliner');
  await page.getByRole('radio', { name: 'wheelchair' }).click();
  await page.getByRole('button', { name: 'A1, regular', exact: true }).click();
  await page.getByRole('radio', { name: 'companion' }).click();
  await page.getByRole('button', { name: 'A2, regular', exact: true }).click();
  // Drag-paint VIP across row C.
  await page.getByRole('radio', { name: 'vip' }).click();
  // The mouse only reaches seats inside the viewport: bring row C up first (the manager's tab
  // bar now takes two lines at this width, which pushed row C below the fold).
  await page.getByRole('button', { name: 'C4, regular', exact: true }).scrollIntoViewIfNeeded();
  const c1 = await page.getByRole('button', { name: 'C1, regular', exact: true }).boundingBox();
  const c4 = await page.getByRole('button', { name: 'C4, regular', exact: true }).boundingBox();
  await page.mouse.move(c1!.x + 5, c1!.y + 5);
  await page.mouse.down();
  await page.mouse.move(c4!.x + 5, c4!.y + 5, { steps: 8 });
  await page.mouse.up();
  await expect(page.getByRole('button', { name: 'C3, vip', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Insert aisle before column 6' }).click();
  await page.getByRole('radio', { name: 'block', exact: true }).click();
  await page.getByRole('button', { name: 'B10, regular', exact: true }).click();
  await expect(page.getByTestId('capacity')).toHaveText('59');
  const preview = page.getByRole('grid', { name: /Hall 3 preview/ });
  await expect(preview.getByRole('button', { name: 'A1, wheelchair, available' })).toBeVisible();
  await page.getByRole('radiogroup', { name: 'Paint tool' }).evaluate((e) => e.scrollIntoView({ block: 'start' }));
  await shot(page, 'layout');
  await page.getByRole('button', { name: 'Save layout' }).click();
  await expect(page.getByText('Saved "Hall 3": 59 seats on sale.')).toBeVisible();
  await expect(page.getByRole('row', { name: /Hall 3 59/ })).toBeVisible();
});

test('a manager schedules shows over a week; an overlap is refused and explained', async ({ page }) => {
  const day = addDays(todayNY(), 10);
  await openManager(page, 'Schedule');
  await page.getByLabel('Day', { exact: true }).fill(day);
  const newShow = async (movie: string, time: string) => {
    await page.getByRole('button', { name: 'New show' }).click();
    await page.getByLabel('Movie').selectOption({ label: movie });
    await page.getByRole('combobox', { name: /^Hall/ }).selectOption({ index: 0 });
    await page.getByLabel('Date', { exact: true }).fill(day);
    await page.getByLabel('Start time').fill(time);
  };
  await newShow('Inception (148 min)', '10:00');
  await page.getByRole('button', { name: 'Save show' }).click();
  await expect(page.getByText(/Scheduled: Inception at 10:00 AM/)).toBeVisible();

  // Overlap found while editing, before saving.
  await newShow('The Dark Knight (152 min)', '12:00');
  await expect(page.getByTestId('client-conflicts')).toContainText('Inception, 10:00 AM');
  await expect(page.getByRole('button', { name: 'Save show' })).toBeDisabled();
  await page.getByLabel('Start time').fill('14:00');
  await expect(page.getByTestId('client-conflicts')).toHaveCount(0);
  await page.getByRole('button', { name: 'Save show' }).click();
  await expect(page.getByText(/Scheduled: The Dark Knight at 2:00 PM/)).toBeVisible();

  // Copy the day onto the next days, then onto itself: the engine refuses each copy and says why.
  const copyTo = page.getByLabel('Copy the day shown onto (first day)');
  for (const d of [1, 2, 3]) {
    await copyTo.fill(addDays(day, d));
    await page.getByRole('button', { name: 'Copy day' }).click();
    await expect(page.getByRole('status', { name: 'Copy result' })).toContainText('2 show(s) placed, 0 could not be placed.');
  }
  await copyTo.fill(day);
  await page.getByRole('button', { name: 'Copy day' }).click();
  await expect(page.getByRole('status', { name: 'Copy result' })).toContainText('0 show(s) placed, 2 could not be placed.');
  await expect(page.getByTestId('copy-failed')).toContainText('overlaps Inception 10:00 AM in Hall 1');

  await page.getByRole('radio', { name: 'Week' }).click();
  await expect(page.locator('.mgr-block')).toHaveCount(8);
  const block = page.locator('.mgr-block').first();
  await expect(block.locator('[data-seg]')).toHaveCount(3);
  await shot(page, 'schedule');
});

test('a manager sets a holiday and sees the preview price change', async ({ page }) => {
  const day = addDays(todayNY(), 1);
  await openManager(page, 'Prices');
  await page.getByLabel('Show date').fill(day);
  const price = page.getByTestId('preview-price');
  await expect(price).toHaveText(/\$\d/);
  const before = await price.textContent();
  await page.getByLabel('Holiday date').fill(day);
  await page.getByRole('button', { name: 'Add holiday' }).click();
  await expect(page.getByRole('list', { name: 'Holiday calendar' })).toContainText(day);
  await page.getByRole('button', { name: 'Save pricing rules' }).click();
  await expect(page.getByText('Pricing rules saved.')).toBeVisible();
  await expect(price).not.toHaveText(before!);
  await expect(page.getByRole('table', { name: 'Price breakdown' })).toContainText(/holiday/i);
});

test('a cashier sale shows in the day report and its CSV; removing its seat from the layout is refused', async ({ page, host }) => {
  const { token } = await api<{ token: string }>(host.url, 'auth.login', { name: 'Cashier', pin: '0000' });
  const shows = await api<{ id: string; hallName: string; startsAt: string; status: string; movieTitle: string }[]>(host.url, 'shows.list', { date: addDays(todayNY(), 1) }, token);
  const show = shows.find((s) => s.hallName === 'Hall 1' && s.status === 'scheduled')!;
  const map = await api<{ seats: { id: string; label: string; type: string; status: string }[] }>(host.url, 'seats.map', { showId: show.id }, token);
  const seat = map.seats.find((s) => s.status === 'available' && s.label.startsWith('A'))!;
  const hold = await api<{ id: string }>(host.url, 'seats.hold', { showId: show.id, seatIds: [seat.id] }, token);
  const quote = await api<{ total: number }>(host.url, 'pricing.quote', { showId: show.id, tickets: [{ seatId: seat.id, ticketType: 'adult' }] }, token);
  await api(host.url, 'bookings.confirm', {
    holdId: hold.id, tickets: [{ seatId: seat.id, ticketType: 'adult' }], payments: [{ method: 'card', amount: quote.total }], idempotencyKey: 'e2e-manager-sale-1',
  }, token);
  const totalText = `$${(quote.total / 100).toFixed(2)}`;

  await openManager(page, 'Reports');
  await expect(page.getByTestId('tickets-sold')).toHaveText('1');
  await expect(page.getByTestId('gross')).toHaveText(totalText);
  await expect(page.getByRole('region', { name: 'Day report' })).toContainText(show.movieTitle);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export day report CSV' }).click()]);
  expect(download.suggestedFilename()).toBe(`day-report-${todayNY()}.csv`);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv).toContain(`total,all,Total,1,${(quote.total / 100).toFixed(2)}`);
  expect(csv).toContain(show.movieTitle);
  await shot(page, 'reports');

  await page.getByRole('tab', { name: 'Halls' }).click();
  await page.getByRole('button', { name: 'Edit layout of Hall 1' }).click();
  await page.getByRole('radio', { name: 'remove seat' }).click();
  await page.getByRole('button', { name: `${seat.label}, ${seat.type}`, exact: true }).click();
  await page.getByRole('button', { name: 'Save layout' }).click();
  await expect(page.getByRole('alert')).toContainText('held or sold for upcoming shows');
  await expect(page.getByTestId('in-use')).toContainText(`${seat.label} — show at`);
});

test('a backup is made and restored after a confirmation', async ({ page }) => {
  await openManager(page, 'Backups');
  await page.getByRole('button', { name: 'Make a backup now' }).click();
  await expect(page.getByText(/Backup made:/)).toBeVisible();
  const restore = page.getByRole('button', { name: /^Restore / }).first();
  await restore.click();
  const dialog = page.getByRole('alertdialog', { name: 'Restore this backup?' });
  await expect(dialog).toContainText('will replace all current data');
  await dialog.getByRole('button', { name: 'Keep current data' }).click();
  await expect(dialog).toHaveCount(0);
  await restore.click();
  await page.getByRole('button', { name: 'Replace everything with this backup' }).click();
  await expect(page.getByText(/Restored from/)).toBeVisible();
});

test('movies, staff, settings and notifications tabs load and save', async ({ page }) => {
  await openManager(page, 'Movies');
  await page.getByRole('button', { name: 'Add movie' }).click();
  await page.getByLabel('Title', { exact: true }).fill('Paddington 2');
  await page.getByLabel('Runtime (minutes)').fill('103');
  await page.getByLabel('Genres (comma separated)').fill('Family, Comedy');
  await page.getByRole('button', { name: 'Save movie' }).click();
  await expect(page.getByText('“Paddington 2” saved.')).toBeVisible();
  await page.getByLabel('Search titles').fill('padd');
  await expect(page.getByRole('row', { name: /Paddington 2 103 min Family, Comedy/ })).toBeVisible();

  await page.getByRole('tab', { name: 'Staff & audit' }).click();
  await expect(page.getByRole('row', { name: /^Cashier/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Audit log' })).toContainText('movies');

  await page.getByRole('tab', { name: 'Settings' }).click();
  // Longer trailers would push the demo's back-to-back shows into each other: refused, explained.
  await page.getByLabel('Trailer minutes').fill('20');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('alert')).toContainText(/upcoming shows would run into the next one in their hall \(first: /);
  // Shorter ones fit, and re-time every upcoming show.
  await page.getByLabel('Trailer minutes').fill('10');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();

  await page.getByRole('tab', { name: 'Notifications' }).click();
  await expect(page.getByRole('region', { name: 'Outbox' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});
