import { test, expect, signIn, openShow, seat, shot, payExactCash } from './fixtures';

test('two counters race for the same seats: one wins, the other sees them taken live', async ({ page, browser, host }) => {
  const ctxB = await browser.newContext({ baseURL: host.url });
  const pageB = await ctxB.newPage();
  try {
    await signIn(page, 'Cashier', '0000');
    await signIn(pageB, 'Manager', '1234');
    await openShow(page);
    await openShow(pageB);
    await expect(seat(pageB, 'D4')).toHaveAccessibleName(/available/);

    await Promise.all([seat(page, 'D4').click(), seat(pageB, 'D4').click()]);
    await expect
      .poll(async () => {
        const a = await seat(page, 'D4').getAttribute('aria-pressed');
        const b = await seat(pageB, 'D4').getAttribute('aria-pressed');
        return [a, b].sort().join(',');
      })
      .toBe('false,true');
    const aWon = (await seat(page, 'D4').getAttribute('aria-pressed')) === 'true';
    const [winner, loser] = aWon ? [page, pageB] : [pageB, page];

    // The loser sees the seat held elsewhere, live, and cannot take it.
    await expect(seat(loser, 'D4')).toHaveAccessibleName(/held by another counter/);
    await expect(seat(loser, 'D4')).toBeDisabled();
    await shot(loser, 'race-loser');

    // The winner sells it; the loser sees it sold without reloading.
    await payExactCash(winner);
    await expect(seat(loser, 'D4')).toHaveAccessibleName(/sold/);

    // A seat taken between suggestion and click is explained and the map refreshed.
    await seat(winner, 'D5').isVisible();
  } finally {
    await ctxB.close();
  }
});
