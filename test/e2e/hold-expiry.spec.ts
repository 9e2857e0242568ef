import { test, expect, signIn, openShow, seat, shot } from './fixtures';

test.use({ hostArgs: ['--hold-seconds', '3'] });

test('an expired hold frees the seats on both screens', async ({ page, browser, host }) => {
  const ctxB = await browser.newContext({ baseURL: host.url });
  const pageB = await ctxB.newPage();
  try {
    await signIn(page);
    await signIn(pageB, 'Manager', '1234');
    await openShow(page);
    await openShow(pageB);
    await seat(page, 'F7').click();
    await expect(seat(page, 'F7')).toHaveAttribute('aria-pressed', 'true');
    await expect(seat(pageB, 'F7')).toHaveAccessibleName(/held by another counter/);

    await expect(page.getByRole('alert').filter({ hasText: /hold expired/i })).toBeVisible({ timeout: 15_000 });
    await expect(seat(page, 'F7')).toHaveAccessibleName(/^F7, regular, available/);
    await expect(seat(page, 'F7')).toHaveAttribute('aria-pressed', 'false');
    await expect(seat(pageB, 'F7')).toHaveAccessibleName(/^F7, regular, available/, { timeout: 15_000 });
    await expect(seat(pageB, 'F7')).toBeEnabled();
    await shot(page, 'hold-expired');
  } finally {
    await ctxB.close();
  }
});
