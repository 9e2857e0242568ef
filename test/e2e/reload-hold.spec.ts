import { test, expect, signIn, openShow, seat, holdSeats } from './fixtures';

test('a counter that reloads its page takes its own hold back', async ({ page }) => {
  await signIn(page);
  await openShow(page);
  await holdSeats(page, ['D4', 'D5']);
  await expect(seat(page, 'D4')).toHaveAccessibleName(/^D4, premium, held by you/);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await openShow(page);
  await expect(seat(page, 'D4')).toHaveAccessibleName(/^D4, premium, held by you/);
  await expect(seat(page, 'D5')).toHaveAccessibleName(/^D5, premium, held by you/);
  await expect(page.getByTestId('hold-countdown')).toHaveText(/^\d+:\d\d$/);
  await expect(page.getByRole('button', { name: /^Pay/ })).toBeEnabled();
});
