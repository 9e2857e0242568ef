import { test, expect, signIn, openShow, seat, holdSeats, shot, openShiftWhenAsked } from './fixtures';

test('a declined card keeps the seats; the sale is then paid in cash', async ({ page }) => {
  await signIn(page);
  await openShow(page);
  await holdSeats(page, ['E3']);
  await page.getByRole('button', { name: /^Pay/ }).click();
  await page.getByRole('radio', { name: /Card/ }).click();
  await page.getByLabel(/Reference/).fill('DECLINE');
  await page.getByRole('button', { name: /^Confirm sale/ }).click();
  await expect(page.getByRole('alert').filter({ hasText: /declined/i })).toBeVisible();
  await expect(seat(page, 'E3')).toHaveAttribute('aria-pressed', 'true');
  await shot(page, 'card-declined');

  await page.getByRole('radio', { name: /Cash/ }).click();
  await openShiftWhenAsked(page);
  await page.getByRole('button', { name: /^Exact / }).click();
  await page.getByRole('button', { name: /^Confirm sale/ }).click();
  await expect(page.getByTestId('booking-code')).toHaveText(/^[A-Z2-9]{6}$/);
  await expect(page.locator('.receipt-payments')).toContainText('CASH');
  await expect(page.locator('.receipt-payments')).not.toContainText('CARD');
});
