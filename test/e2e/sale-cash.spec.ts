import { test, expect, signIn, openShow, seat, holdSeats, shot, openShiftWhenAsked } from './fixtures';

test('a full cash sale with change, a receipt with the booking code and a QR image', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.getByRole('form', { name: 'Sign in' })).toBeVisible();
  await shot(page, 'signin');
  await signIn(page);
  await openShow(page);
  await shot(page, 'shows');

  // The customer display mirrors the sale from a second window.
  const customer = await context.newPage();
  await customer.goto('/#/customer');
  await expect(customer.getByText('Welcome')).toBeVisible();

  await holdSeats(page, ['C5', 'C6']);
  await expect(seat(page, 'C5')).toHaveAccessibleName(/^C5, premium, held by you/);
  await expect(page.getByTestId('hold-countdown')).toHaveText(/^\d+:\d\d$/);
  const adultTotal = (await page.getByTestId('sale-total').textContent())!;
  await page.getByRole('combobox', { name: 'Ticket type for C6' }).selectOption('child');
  await expect(page.getByTestId('sale-total')).not.toHaveText(adultTotal);
  const total = (await page.getByTestId('sale-total').textContent())!;
  await shot(page, 'seatmap');
  await expect(customer.getByTestId('customer-total')).toHaveText(total);

  await page.getByRole('button', { name: /^Pay/ }).click();
  await expect(page.getByTestId('pay-total')).toHaveText(total);
  const confirm = page.getByRole('button', { name: /^Confirm sale/ });
  await expect(confirm).toBeDisabled();
  await expect(page.getByText('Open your cash shift to take cash.')).toBeVisible();
  await shot(page, 'open-shift');
  await openShiftWhenAsked(page, '150');
  const cents = Math.round(Number(total.replace(/[^0-9.]/g, '')) * 100);
  const note = Math.ceil(cents / 5000) * 5000 + 5000; // a note with change due
  await page.getByLabel(/Cash tendered/).fill((note / 100).toFixed(2));
  const change = `$${((note - cents) / 100).toFixed(2)}`;
  await expect(page.getByTestId('change-due')).toHaveText(change);
  await expect(customer.getByTestId('customer-change')).toHaveText(change);
  await shot(page, 'payment');
  await confirm.click();

  const code = page.getByTestId('booking-code');
  await expect(code).toHaveText(/^[A-Z2-9]{6}$/);
  const qr = page.getByRole('img', { name: /QR code for booking/ });
  await expect(qr).toBeVisible();
  expect(await qr.getAttribute('src')).toMatch(/^data:image\//);
  await expect(page.getByTestId('receipt-change')).toHaveText(change);
  await expect(page.locator('.receipt')).toContainText('C5');
  await expect(page.locator('.receipt')).toContainText('Child');
  await shot(page, 'receipt');

  await page.getByRole('button', { name: /^New sale/ }).click();
  await expect(seat(page, 'C5')).toHaveAccessibleName(/^C5, premium, sold/);
  await expect(seat(page, 'C5')).toBeDisabled();
});
