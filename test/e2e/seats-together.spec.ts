// Seats that belong together, end to end in Chromium against a demo host: Hall 2's recliners drawn
// 2 wide, "wheelchair + companion" picked by keyboard (and "seats apart" said plainly when no
// wheelchair place has its companion free), and a seat made 2 wide in the layout editor.
import type { Page } from '@playwright/test';
import { test, expect, signIn, openShow, seat, api, shot } from './fixtures';

const pressed = (page: Page) => page.locator('[role="grid"] button[aria-pressed="true"]');
async function pressedLabels(page: Page): Promise<string[]> {
  return (await pressed(page).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')!.split(',')[0]!))).sort();
}

test('wheelchair + companion at the counter, apart only when no pair is free; recliners drawn 2 wide', async ({ page, host }) => {
  await signIn(page);
  // The show the seat map shows: the last one it asked its seats for.
  const asked: string[] = [];
  page.on('request', (r) => {
    if (/\/api\/seats\.(map|claims)$/.test(r.url())) asked.push((JSON.parse(r.postData()!) as { showId: string }).showId);
  });
  await openShow(page, /Hall 2/);
  const showId = asked.at(-1)!;

  // A recliner spans two grid columns: about twice a regular seat's width, on the same row height.
  const k1 = (await seat(page, 'K1').boundingBox())!;
  const j1 = (await seat(page, 'J1').boundingBox())!;
  expect(k1.width).toBeGreaterThan(j1.width * 1.8);
  expect(k1.width).toBeLessThan(j1.width * 2.5);

  // W: a wheelchair place with the companion seat beside it, together, without a warning.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('w');
  await expect(pressed(page)).toHaveCount(2);
  expect([['A2', 'A3'], ['A18', 'A19']]).toContainEqual(await pressedLabels(page));
  await expect(pressed(page).and(page.locator('.seat--wheelchair'))).toHaveCount(1);
  await expect(pressed(page).and(page.locator('.seat--companion'))).toHaveCount(1);
  await expect(page.getByText(/Seats apart/)).toHaveCount(0);

  // Another counter takes the wheelchair place beside each companion seat.
  const { token } = await api<{ token: string }>(host.url, 'auth.login', { name: 'Manager', pin: '1234' });
  const map = await api<{ seats: { id: string; label: string }[] }>(host.url, 'seats.map', { showId }, token);
  const idOf = (l: string) => map.seats.find((s) => s.label === l)!.id;
  await page.keyboard.press('Escape');
  await expect(pressed(page)).toHaveCount(0);
  await api(host.url, 'seats.hold', { showId, seatIds: [idOf('A2'), idOf('A19')] }, token);
  await expect(seat(page, 'A2')).toBeDisabled();
  await expect(seat(page, 'A19')).toBeDisabled();

  // The same pick, by the button this time: the closest pair, and the cashier is told it is apart.
  await page.getByRole('button', { name: /Wheelchair \+ companion/ }).click();
  await expect(pressed(page)).toHaveCount(2);
  expect([['A1', 'A3'], ['A18', 'A20']]).toContainEqual(await pressedLabels(page));
  await expect(page.getByRole('alert').filter({ hasText: 'Seats apart' })).toContainText('no row has a wheelchair place with its companion seat side by side');
  await shot(page, 'seats-apart');
});

test('the layout editor makes a seat 2 wide, the preview draws it wide and the width is saved', async ({ page }) => {
  await signIn(page, 'Manager', '1234');
  await page.getByRole('button', { name: /^Manager/ }).click();
  await page.getByRole('tab', { name: 'Halls' }).click();
  // The demo's Hall 2: its recliners are one cell spanning two columns each.
  await page.getByRole('button', { name: 'Edit layout of Hall 2' }).click();
  const k1 = page.getByRole('button', { name: 'K1, recliner, 2 wide', exact: true });
  await expect(k1).toBeVisible();
  expect(await k1.evaluate((b) => (b.closest('td') as HTMLTableCellElement).colSpan)).toBe(2);
  await shot(page, 'layout-hall2');
  await page.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'New hall' }).click();
  await page.getByLabel('Hall name').fill('Lounge');
  await page.getByLabel('Rows', { exact: true }).fill('2');
  await page.getByLabel('Seats per row').fill('6');
  await page.getByRole('button', { name: 'Generate' }).click();
  // Make room next to A1, then widen it: a recliner two columns wide.
  await page.getByRole('radio', { name: 'remove seat' }).click();
  await page.getByRole('button', { name: 'A2, regular', exact: true }).click();
  await page.getByRole('radio', { name: '2 wide' }).click();
  await page.getByRole('button', { name: 'A1, regular', exact: true }).click();
  await page.getByRole('radio', { name: 'recliner' }).click();
  await page.getByRole('button', { name: 'A1, regular, 2 wide', exact: true }).click();
  await expect(page.getByRole('button', { name: 'A1, recliner, 2 wide', exact: true })).toBeVisible();
  // Widening into a seat does nothing: A3 stays 1 wide because A4 is next to it.
  await page.getByRole('radio', { name: '2 wide' }).click();
  await page.getByRole('button', { name: 'A3, regular', exact: true }).click();
  await expect(page.getByRole('button', { name: 'A3, regular', exact: true })).toBeVisible();

  const preview = page.getByRole('grid', { name: /Lounge preview/ });
  const a1 = (await preview.getByRole('button', { name: /^A1,/ }).boundingBox())!;
  const a3 = (await preview.getByRole('button', { name: /^A3,/ }).boundingBox())!;
  expect(a1.width).toBeGreaterThan(a3.width * 1.8);
  expect(a3.x).toBeGreaterThan(a1.x + a1.width); // A3 starts after the wide A1, no overlap

  await page.getByRole('button', { name: 'Save layout' }).click();
  await expect(page.getByText('Saved "Lounge": 11 seats on sale.')).toBeVisible();
  // Reopened from the database: still 2 wide.
  await page.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Edit layout of Lounge' }).click();
  await expect(page.getByRole('button', { name: 'A1, recliner, 2 wide', exact: true })).toBeVisible();
});
