import { test, expect, signIn, shot } from './fixtures';

test('a cash shift opened with a float and closed with the counted cash shows the difference', async ({ page }) => {
  await signIn(page);
  await page.keyboard.press('F4');
  await expect(page.getByText('No shift is open')).toBeVisible();
  await page.getByLabel('Opening float').fill('100');
  await page.getByRole('button', { name: 'Open shift' }).click();
  await expect(page.getByText(/Open since .* with a float of \$100\.00/)).toBeVisible();
  await page.getByLabel('Counted cash in the drawer').fill('98.50');
  await page.getByRole('button', { name: 'Close shift' }).click();
  await expect(page.getByTestId('shift-difference')).toHaveText('difference −$1.50');
  await shot(page, 'shift');
});
