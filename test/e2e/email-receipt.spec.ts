// Issue 7 end to end: a cashier types the customer's email on the payment panel; the sale is
// confirmed at once and the receipt reaches a real SMTP server on loopback in the background;
// "send the receipt again" from the booking delivers a second copy.
import { startSmtp, type TestSmtp } from '../notify/smtpServer';
import { test, expect, signIn, openShow, holdSeats, openShiftWhenAsked } from './fixtures';

let smtp: TestSmtp;
test.beforeEach(async () => {
  smtp = await startSmtp();
});
test.afterEach(async () => {
  await smtp.close();
});

async function configureSmtp(baseURL: string, port: number): Promise<void> {
  const login = await fetch(`${baseURL}/api/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Manager', pin: '1234' }) });
  const { data } = (await login.json()) as { data: { token: string } };
  const res = await fetch(`${baseURL}/api/notifications.saveConfig`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${data.token}` },
    body: JSON.stringify({ smtp: { host: '127.0.0.1', port, secure: false, from: 'tickets@pvr.example' } }),
  });
  expect(res.status).toBe(200);
}

async function waitForMail(count: number): Promise<void> {
  await expect.poll(() => smtp.received.length, { timeout: 20_000, intervals: [250] }).toBe(count);
}

test('a receipt typed for email arrives after the sale, and can be sent again', async ({ page, host }) => {
  await configureSmtp(host.url, smtp.port);
  await signIn(page);
  await openShow(page);
  await holdSeats(page, ['E3']);
  await page.getByRole('button', { name: /^Pay/ }).click();
  await openShiftWhenAsked(page);
  await page.getByText('Receipt by email or SMS (optional)').click();
  await page.getByLabel('Email').fill('not-an-email');
  await expect(page.getByRole('button', { name: /^Confirm sale/ })).toBeDisabled();
  await page.getByLabel('Email').fill('ann@example.com');
  await page.getByLabel('Customer name').fill('Ann Lee');
  await page.getByRole('button', { name: /^Exact/ }).click();
  await page.getByRole('button', { name: /^Confirm sale/ }).click();
  const code = (await page.getByTestId('booking-code').textContent())!;
  expect(code).toMatch(/^[A-Z2-9]{6}$/);

  await waitForMail(1);
  expect(smtp.received[0]!.to).toEqual(['ann@example.com']);
  expect(smtp.received[0]!.raw).toContain(code);

  await page.getByRole('button', { name: /^Bookings/ }).click();
  await page.getByLabel('Booking code, customer name or phone').fill(code);
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: new RegExp(code) }).click();
  await expect(page.getByLabel('Email the receipt to')).toHaveValue('ann@example.com');
  await page.getByLabel('Email the receipt to').fill('ann.lee@example.com');
  await page.getByRole('button', { name: 'Send the receipt again' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Queued for ann.lee@example.com' })).toBeVisible();
  await waitForMail(2);
  expect(smtp.received[1]!.to).toEqual(['ann.lee@example.com']);
  expect(smtp.received[1]!.raw).toContain(code);
});
