import { test, expect, shot, signIn, openShow, holdSeats, seat, openShiftWhenAsked } from './fixtures';

test('a sale done with the keyboard only', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByLabel('Name')).toBeFocused();
  await page.keyboard.type('Cashier');
  await page.keyboard.press('Tab');
  await page.keyboard.type('0000');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  // Move forward by days until there is a show left to sell (late at night today may be over).
  for (let i = 0; i < 8; i++) {
    await expect(page.locator('.show-list .state, .show-item').first()).toBeVisible();
    if (await page.locator('.show-item:not(.is-past)').count()) break;
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(300);
  }
  await expect(page.getByRole('grid').getByRole('button').first()).toBeVisible();

  // G focuses the seat grid; arrows move; Enter holds; 2 = best two seats instead.
  await page.keyboard.press('g');
  const focused = page.locator('[role="grid"] button:focus');
  await expect(focused).toHaveCount(1);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(page.locator('[role="grid"] button[aria-pressed="true"]')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(page.locator('[role="grid"] button[aria-pressed="true"]')).toHaveCount(0);
  await page.keyboard.press('2');
  await expect(page.locator('[role="grid"] button[aria-pressed="true"]')).toHaveCount(2);
  await expect(page.getByTestId('sale-total')).not.toHaveText('$0.00');

  await page.keyboard.press('F9');
  // The first cash sale opens the drawer: the float field has the focus, Enter opens the shift.
  await openShiftWhenAsked(page);
  await page.keyboard.type('500');
  await expect(page.getByTestId('change-due')).not.toHaveText('$0.00');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('booking-code')).toHaveText(/^[A-Z2-9]{6}$/);
  await shot(page, 'keyboard-receipt');
  await page.keyboard.press('F2');
  await expect(page.getByText('Pick seats on the map')).toBeVisible();
});

test('browsing the show list with the arrow keys keeps the sale under way', async ({ page }) => {
  await signIn(page);
  await openShow(page);
  const title = (await page.locator('.seats-head h2').first().textContent())!;
  await holdSeats(page, ['E4']);
  await page.keyboard.press('s');
  await expect(page.locator('.show-item:focus')).toHaveCount(1);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('.show-item:focus')).toHaveCount(1);
  // Still the same show, and still my seat.
  await expect(page.locator('.seats-head h2').first()).toHaveText(title);
  await expect(seat(page, 'E4')).toHaveAttribute('aria-pressed', 'true');
  // Enter opens the focused show (a deliberate switch).
  await page.keyboard.press('Enter');
  await expect(page.locator('.seats-head h2').first()).not.toHaveText(title);
});
