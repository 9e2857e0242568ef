import { test, expect, signIn, openShow, shot } from './fixtures';

test.use({ hostArgs: ['--with-large-hall'] });

test('the 3,000-seat hall opens quickly and a seat can be held', async ({ page }) => {
  await signIn(page);
  const t0 = Date.now();
  await openShow(page, /Grand Hall/);
  const seats = page.locator('[role="grid"] button[data-seat-id]');
  await expect(seats).toHaveCount(3000);
  const opened = Date.now() - t0;
  console.log(`Grand Hall seat map shown in ${opened} ms`);

  const target = seats.nth(1530);
  const name = (await target.getAttribute('aria-label'))!;
  expect(name).toMatch(/^[A-Z]+\d+, \w+, available$/);
  const t1 = Date.now();
  await target.click();
  await expect(target).toHaveAttribute('aria-pressed', 'true');
  console.log(`seat ${name.split(',')[0]} held in ${Date.now() - t1} ms`);
  await expect(page.getByTestId('hold-countdown')).toBeVisible();
  await shot(page, 'large-hall');
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect(target).toHaveAttribute('aria-pressed', 'true');
});
