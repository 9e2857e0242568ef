import { test, expect, signIn, openShow, seat, shot } from './fixtures';

test('a lost connection is shown and recovers', async ({ page }) => {
  await signIn(page);
  await openShow(page);
  await page.route('**/api/**', (route) => route.abort('connectionrefused'));
  await seat(page, 'E5').click();
  await expect(page.getByRole('alert').filter({ hasText: /Lost connection/ })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: /cannot be reached/ })).toBeVisible();
  await expect(seat(page, 'E5')).toHaveAttribute('aria-pressed', 'false');
  await shot(page, 'connection-lost');
  await page.unroute('**/api/**');
  await expect(page.getByRole('status').filter({ hasText: /Reconnected/ })).toBeVisible({ timeout: 15_000 });
  await seat(page, 'E5').click();
  await expect(seat(page, 'E5')).toHaveAttribute('aria-pressed', 'true');
});
