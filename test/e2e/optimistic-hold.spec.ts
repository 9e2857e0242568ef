// A seat held from the keyboard (issue 12 item 9, issue 14): the engine pushes the seat change to
// every counter before this counter's hold call has its answer, and that event must never turn
// the cashier's own seat into "held by another counter" (which also disabled it and dropped the
// focus to the page, where the next arrow key changed the day). Watched for the whole hold with a
// MutationObserver in the page, so even a one-frame flash fails the test.
import { test, expect, signIn, openShow, seat } from './fixtures';

test('a seat held with Enter or Space stays "held by you" and keeps the focus', async ({ page }) => {
  await signIn(page);
  await openShow(page);
  const day = (await page.locator('.date-label strong').first().textContent())!;
  const title = (await page.locator('.seats-head h2').first().textContent())!;

  // Record every label and disabled state any seat takes from now on.
  await page.evaluate(() => {
    const w = window as unknown as { __seen: string[] };
    w.__seen = [];
    new MutationObserver((list) => {
      for (const m of list) {
        const el = m.target as HTMLElement;
        if (!el.dataset?.seatId) continue;
        w.__seen.push(`${el.getAttribute('aria-label')}|${(el as HTMLButtonElement).disabled ? 'disabled' : ''}|${el.dataset.seatId}`);
      }
    }).observe(document.querySelector('[role="grid"]')!, { attributes: true, subtree: true, attributeFilter: ['aria-label', 'disabled'] });
  });

  await page.keyboard.press('g');
  const first = page.locator('[role="grid"] button:focus');
  await expect(first).toHaveCount(1);
  const firstId = (await first.getAttribute('data-seat-id'))!;
  await page.keyboard.press('Enter');
  await expect(page.locator(`[data-seat-id="${firstId}"]`)).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator(`[data-seat-id="${firstId}"]`)).toBeFocused();

  // Space on the next seat adds it to the hold, the focus still on the seat.
  await page.keyboard.press('ArrowRight');
  const second = page.locator('[role="grid"] button:focus');
  const secondId = (await second.getAttribute('data-seat-id'))!;
  expect(secondId).not.toBe(firstId);
  await page.keyboard.press('Space');
  await expect(page.locator(`[data-seat-id="${secondId}"]`)).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator(`[data-seat-id="${secondId}"]`)).toBeFocused();
  await expect(page.getByTestId('sale-total')).not.toHaveText('$0.00');

  // The arrow keys still move between seats: the day and the show did not change.
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator(`[data-seat-id="${firstId}"]`)).toBeFocused();
  await expect(page.locator('.seats-head h2').first()).toHaveText(title);
  await expect(page.locator('.date-label strong').first()).toHaveText(day);

  const seen = await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);
  const mineSeen = seen.filter((s) => s.endsWith(`|${firstId}`) || s.endsWith(`|${secondId}`));
  expect(mineSeen.length).toBeGreaterThan(0);
  expect(mineSeen.filter((s) => s.includes('held by another counter') || s.includes('|disabled|'))).toEqual([]);
  // Both seats are mine on the map, as the engine sees them.
  for (const id of [firstId, secondId]) await expect(page.locator(`[data-seat-id="${id}"]`)).toHaveAttribute('aria-label', /held by you$/);
  await expect(seat(page, (await page.locator(`[data-seat-id="${firstId}"]`).getAttribute('aria-label'))!.split(',')[0]!)).toBeEnabled();
});
