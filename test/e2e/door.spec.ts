// The Door screen with a barcode scanner acting as a keyboard: the scanner types the QR's text
// and Enter. A ticket is admitted once (green), the second scan is refused (red) with when and
// by whom, a booking code admits the rest, an unknown code is refused; the count follows.
import { DEFAULT_SETTINGS } from '../../shared/contract';
import { api, expect, holdSeats, openShow, payExactCash, shot, signIn, test } from './fixtures';

test('a door admits scanned tickets once, with the answer and the count', async ({ page, host }) => {
  await signIn(page);
  await openShow(page);
  await holdSeats(page, ['C3', 'C4']);
  const code = await payExactCash(page);
  // One QR per ticket on the receipt, plus the booking's.
  await expect(page.getByTestId('ticket-qr')).toHaveCount(2);
  const ticketCodes = await page.getByTestId('ticket-qr').locator('.mono').allTextContents();
  expect(ticketCodes.every((c) => /^[A-Z2-9]{10}$/.test(c))).toBe(true);

  // The doors open a day ahead here, so the test does not depend on the time of day.
  const { token: manager } = await api<{ token: string }>(host.url, 'auth.login', { name: 'Manager', pin: '1234' });
  await api(host.url, 'settings.save', { ...DEFAULT_SETTINGS, doorsOpenMinutes: 1440 }, manager);
  const { token: cashier } = await api<{ token: string }>(host.url, 'auth.login', { name: 'Cashier', pin: '0000' });
  const booking = await api<{ showId: string }>(host.url, 'bookings.get', { code }, cashier);

  await page.keyboard.press('F7');
  await page.getByLabel('Show at this door').selectOption(booking.showId);
  const scanField = page.getByLabel('Ticket or booking code');
  await expect(scanField).toBeFocused();
  await expect(page.getByTestId('door-count')).toContainText('0 admitted / 2 sold');

  // A scanner types the whole QR text and Enter.
  await page.keyboard.type(`BOXOFFICE:${ticketCodes[0]}:C3`);
  await page.keyboard.press('Enter');
  const answer = page.getByTestId('door-answer');
  await expect(answer).toHaveAttribute('data-result', 'admitted');
  await expect(answer).toContainText('ADMIT');
  await expect(answer).toContainText('C3');
  await expect(page.getByTestId('door-count')).toContainText('1 admitted / 2 sold');
  await expect(scanField).toBeFocused();
  await expect(scanField).toHaveValue('');

  await page.keyboard.type(ticketCodes[0]!);
  await page.keyboard.press('Enter');
  await expect(answer).toHaveAttribute('data-result', 'already_admitted');
  await expect(answer).toContainText(/STOP.*Already admitted at .* by Cashier \(Door 1\)/);
  await page.waitForTimeout(700); // the answer's flash, for the screenshot only
  await shot(page, 'door');

  await page.keyboard.type(code.toLowerCase());
  await page.keyboard.press('Enter');
  await expect(answer).toHaveAttribute('data-result', 'admitted');
  await expect(answer).toContainText('C4');
  await expect(page.getByTestId('door-count')).toContainText('2 admitted / 2 sold');

  await page.keyboard.type('ZZZZZZZZZZ');
  await page.keyboard.press('Enter');
  await expect(answer).toHaveAttribute('data-result', 'unknown');
  await expect(answer).toContainText('Unknown code');
});
