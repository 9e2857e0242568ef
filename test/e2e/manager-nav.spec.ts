import { test, expect, signIn } from './fixtures';

test('the Manager slot opens the manager screens for managers only', async ({ page, browser, host }) => {
  await signIn(page, 'Manager', '1234');
  await page.keyboard.press('F6');
  await expect(page.getByRole('tablist').first()).toBeVisible();

  const ctx = await browser.newContext({ baseURL: host.url });
  const cashier = await ctx.newPage();
  await signIn(cashier, 'Cashier', '0000');
  await expect(cashier.getByRole('button', { name: /^Manager/ })).toBeDisabled();
  await ctx.close();
});
