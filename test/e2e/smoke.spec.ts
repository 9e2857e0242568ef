import { test, expect, signIn, openShow, shot } from './fixtures';

test('smoke: sign in and see the shows and a seat map', async ({ page }) => {
  await page.goto('/');
  await shot(page, 'signin');
  await signIn(page);
  await openShow(page);
  await expect(page.getByRole('button', { name: /^A1,/ })).toBeVisible();
  await shot(page, 'shows');
});
