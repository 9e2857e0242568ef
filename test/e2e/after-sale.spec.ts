// After the sale, in the Bookings screen: a partial refund (one ticket of two) and an exchange to
// dearer seats done with the keyboard; and a manager's house seats, blocked with a reason that the
// seat map shows and best-available avoids.
import { expect, holdSeats, openShow, payExactCash, seat, shot, signIn, test } from './fixtures';

async function findBooking(page: import('@playwright/test').Page, code: string) {
  await page.keyboard.press('F3');
  await page.getByLabel('Booking code, customer name or phone').fill(code);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('detail-code')).toHaveText(code);
}

test('a partial refund cancels one ticket of two and puts its seat on sale again', async ({ page }) => {
  await signIn(page);
  await openShow(page);
  await holdSeats(page, ['D1', 'D2']);
  const code = await payExactCash(page);
  await page.getByRole('button', { name: /^New sale/ }).click();
  await findBooking(page, code);
  const pick = page.getByRole('group', { name: 'Tickets to cancel' });
  await pick.getByRole('checkbox', { name: /^D1/ }).uncheck();
  await expect(page.getByTestId('refund-quote')).toContainText(/Refund now: \$[\d.]+ \(\d+% of \$[\d.]+\)/);
  await page.getByRole('button', { name: /^Cancel 1 of 2 tickets and refund/ }).click();
  await expect(page.getByTestId('refund-done')).toContainText(/Refund \$[\d.]+/);
  // The booking stays confirmed with D2 cancelled.
  await expect(page.locator('.booking-detail h2 .badge--confirmed')).toBeVisible();
  await expect(page.locator('.booking-detail tr', { hasText: 'D2' })).toContainText('cancelled');
  await page.keyboard.press('F2');
  await expect(seat(page, 'D2')).toHaveAccessibleName(/available/);
  await expect(seat(page, 'D1')).toHaveAccessibleName(/sold/);
});

test('an exchange to dearer seats, done with the keyboard, charges only the difference', async ({ page }) => {
  await signIn(page);
  await openShow(page);
  await holdSeats(page, ['F7', 'F8']);
  const code = await payExactCash(page);
  await page.getByRole('button', { name: /^New sale/ }).click();
  await findBooking(page, code);
  await page.getByRole('button', { name: 'Exchange…' }).click();
  const seats = page.getByLabel('New seats');
  await expect(seats).toBeFocused();
  await page.keyboard.type('A7 A8');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('exchange-difference')).toContainText(/customer pays \$[\d.]+/);
  await shot(page, 'exchange');
  await seats.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('exchange-done')).toContainText(new RegExp(`Exchanged: booking ${code} is now [A-Z2-9]{6}\\. Paid \\$`));
  await expect(page.locator('.booking-detail h2 .badge--confirmed')).toBeVisible();
  await expect(page.getByTestId('detail-code')).not.toHaveText(code);
  // Again, keeping A8: only A9 is held, A7 goes back on sale, nothing to pay.
  const second = (await page.getByTestId('detail-code').textContent())!;
  await page.getByRole('button', { name: 'Exchange…' }).click();
  await expect(page.getByLabel('New seats')).toBeFocused();
  await page.keyboard.type('A8 A9');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('exchange-difference')).toContainText('nothing to pay');
  await page.getByLabel('New seats').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('exchange-done')).toContainText(`Exchanged: booking ${second} is now`);
  await page.keyboard.press('F2');
  await expect(seat(page, 'F7')).toHaveAccessibleName(/available/);
  await expect(seat(page, 'A7')).toHaveAccessibleName(/available/);
  await expect(seat(page, 'A8')).toHaveAccessibleName(/sold/);
  await expect(seat(page, 'A9')).toHaveAccessibleName(/sold/);
});

test('a manager blocks house seats with a reason; the seat map shows it and best-available avoids them', async ({ page }) => {
  await signIn(page, 'Manager', '1234');
  await openShow(page);
  const title = (await page.locator('.seats-head h2').first().textContent())!;
  await page.keyboard.press('F6');
  await page.getByRole('tab', { name: 'House seats' }).click();
  const form = page.getByRole('region', { name: 'House seats' });
  await expect(form.getByLabel('Show')).not.toHaveValue('');
  // The first show on the list is the one open on the Sell screen only by chance; pick it by its title.
  const option = form.getByLabel('Show').locator('option', { hasText: title.split(' · ')[0]! }).first();
  await form.getByLabel('Show').selectOption((await option.getAttribute('value'))!);
  await form.getByLabel('Seats').fill('C5 C6');
  await form.getByLabel('Reason').fill('Press');
  await form.getByRole('button', { name: 'Block seats' }).click();
  await expect(form.getByRole('status')).toContainText('2 house seat(s) blocked');
  await expect(form.getByRole('row', { name: /C5 Press/ })).toBeVisible();
  const showId = await form.getByLabel('Show').inputValue();

  await page.keyboard.press('F2');
  await page.locator(`[data-show-id="${showId}"]`).click();
  await expect(seat(page, 'C5')).toHaveAccessibleName('C5, premium, blocked: Press');
  await expect(seat(page, 'C5')).toBeDisabled();
  await expect(page.locator('.seat-cell', { has: seat(page, 'C5') })).toHaveAttribute('title', 'C5: Press');
  // Best two premium-or-better seats: never the house seats.
  await page.keyboard.press('2');
  await expect(page.locator('[role="grid"] button[aria-pressed="true"]')).toHaveCount(2);
  await expect(seat(page, 'C5')).not.toHaveAttribute('aria-pressed', 'true');
  await expect(seat(page, 'C6')).not.toHaveAttribute('aria-pressed', 'true');
});
