import { test, expect, signIn } from './fixtures';

test('the Manager screens open for managers only; cashiers do not see them', async ({ page, browser, host }) => {
  await signIn(page, 'Manager', '1234');
  await page.keyboard.press('F6');
  await expect(page.getByRole('tablist').first()).toBeVisible();

  const ctx = await browser.newContext({ baseURL: host.url });
  const cashier = await ctx.newPage();
  await signIn(cashier, 'Cashier', '0000');
  await expect(cashier.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(cashier.getByRole('button', { name: /^Manager/ })).toHaveCount(0);
  await cashier.keyboard.press('F6');
  await expect(cashier.getByRole('tablist')).toHaveCount(0);
  await ctx.close();
});
