import { test, expect, signIn, openShow, seat, holdSeats, payExactCash, shot } from './fixtures';

test('a booking is found by its code and cancelled with the refund of the current tier', async ({ page }) => {
  await signIn(page);
  await openShow(page);
  await holdSeats(page, ['B2']);
  const total = (await page.getByTestId('sale-total').textContent())!;
  const code = await payExactCash(page);
  await page.getByRole('button', { name: /^New sale/ }).click();
  await expect(seat(page, 'B2')).toHaveAccessibleName(/sold/);

  await page.keyboard.press('F3');
  await page.getByLabel('Booking code, customer name or phone').fill(code);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('detail-code')).toHaveText(code);
  const quote = page.getByTestId('refund-quote');
  await expect(quote).toContainText(/Refund now: \$[\d.]+ \(\d+% of/);
  await expect(quote).toContainText(total);
  await shot(page, 'cancel');
  await page.getByRole('button', { name: /^Cancel and refund/ }).click();
  await expect(page.getByTestId('refund-done')).toContainText(/Cancelled\. Refund \$[\d.]+ \(\d+%\)/);
  await expect(page.locator('.booking-detail .badge--cancelled')).toBeVisible();

  await page.keyboard.press('F2');
  await expect(seat(page, 'B2')).toHaveAccessibleName(/available/);
});

test('a cashier cancels with a manager override approved by name and PIN', async ({ page }) => {
  await signIn(page);
  await openShow(page);
  await holdSeats(page, ['F1']);
  const code = await payExactCash(page);
  await page.getByRole('button', { name: /^New sale/ }).click();
  await page.keyboard.press('F3');
  await page.getByLabel('Booking code, customer name or phone').fill(code);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('refund-quote')).toBeVisible();
  await page.getByLabel(/Manager override/).check();
  await page.getByLabel('Manager name').fill('Manager');
  await page.getByLabel('Manager PIN').fill('9999');
  await page.getByRole('button', { name: 'Cancel with full refund' }).click();
  await expect(page.locator('.cancel-form [role="alert"]')).toBeVisible();
  await page.getByLabel('Manager PIN').fill('1234');
  await page.getByRole('button', { name: 'Cancel with full refund' }).click();
  await expect(page.getByTestId('refund-done')).toContainText('(100%)');
});
