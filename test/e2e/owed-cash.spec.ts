// A show is cancelled by a manager after a cash sale; the customer comes back to a counter, where
// the cashier finds the booking and pays the owed cash out of the drawer, which then balances.
import { test, expect, signIn, api, shot } from './fixtures';

test('cash owed after a show cancellation is paid out at the counter and the drawer balances', async ({ page, host }) => {
  const cashier = (await api<{ token: string }>(host.url, 'auth.login', { name: 'Cashier', pin: '0000' })).token;
  const manager = (await api<{ token: string }>(host.url, 'auth.login', { name: 'Manager', pin: '1234' })).token;
  await api(host.url, 'shifts.open', { float: 10_000 }, cashier);
  const shows = await api<{ id: string; status: string; startsAt: string }[]>(host.url, 'shows.list', {}, cashier);
  const show = shows.find((s) => s.status === 'scheduled' && Date.parse(s.startsAt) > Date.now() + 3_600_000)!;
  const map = await api<{ seats: { id: string; status: string }[] }>(host.url, 'seats.map', { showId: show.id }, cashier);
  const seatId = map.seats.find((s) => s.status === 'available')!.id;
  const hold = await api<{ id: string }>(host.url, 'seats.hold', { showId: show.id, seatIds: [seatId] }, cashier);
  const tickets = [{ seatId, ticketType: 'adult' }];
  const { total } = await api<{ total: number }>(host.url, 'pricing.quote', { showId: show.id, tickets }, cashier);
  const booking = await api<{ code: string }>(host.url, 'bookings.confirm', {
    holdId: hold.id, tickets, payments: [{ method: 'cash', amount: total, tendered: total }], idempotencyKey: 'e2e-owed-cash-1',
  }, cashier);
  await api(host.url, 'shows.cancel', { id: show.id, reason: 'Projector failure' }, manager);

  await signIn(page);
  await page.keyboard.press('F3');
  await page.getByLabel('Booking code, customer name or phone').fill(booking.code);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('detail-code')).toHaveText(booking.code);
  const owed = `$${(total / 100).toFixed(2)}`;
  const region = page.getByRole('region', { name: 'Cash owed to the customer' });
  await expect(region).toContainText(`${owed} in cash is owed to the customer`);
  await shot(page, 'owed-cash');
  await page.getByRole('button', { name: `Pay out ${owed} from my drawer` }).click();
  await expect(region).toHaveCount(0);

  // Float 100.00 + the sale - the payout: the drawer holds the float again.
  await page.keyboard.press('F4');
  await page.getByLabel('Counted cash in the drawer').fill('100');
  await page.getByRole('button', { name: 'Close shift' }).click();
  await expect(page.getByTestId('shift-difference')).toHaveText('difference +$0.00');
});
