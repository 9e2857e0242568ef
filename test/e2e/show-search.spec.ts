// A show found with the "/" search opens from the keyboard: ↓ or Tab reach the matches, Enter
// opens one, Esc leaves the box. Before the fix the list had no tab stop when the selected show
// was filtered out, and the box kept every key.
import { expect, signIn, test } from './fixtures';

test('"/" search: the matches are reached and opened with the keyboard, Esc leaves the box', async ({ page }) => {
  await signIn(page);
  await expect(page.locator('.show-item').first()).toBeVisible();
  // Find a film on the day's list other than the one opened by default.
  const openTitle = (await page.locator('.seats-head h2').first().textContent()) ?? '';
  const titles = await page.locator('.movie-title').evaluateAll((els) => els.map((e) => e.firstChild?.textContent?.trim() ?? ''));
  const other = titles.find((t) => t && !openTitle.includes(t)) ?? titles[0]!;

  await page.locator('body').press('/');
  const box = page.getByLabel('Search shows');
  await expect(box).toBeFocused();
  await page.keyboard.type(other);
  // Tab lands on the first match.
  await page.keyboard.press('Tab');
  const focused = page.locator('.show-item:focus');
  await expect(focused).toHaveCount(1);
  await expect(focused).toHaveAccessibleName(new RegExp(`^${other} at `));
  // Arrows move within the matches; Enter opens the focused one.
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('.show-item:focus')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.locator('.seats-head h2').first()).toContainText(other);

  // Back in the box: Enter opens the first match at once; Esc clears, then leaves the box.
  await page.locator('body').press('/');
  await expect(box).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(box).toHaveValue('');
  await page.keyboard.type(titles[0]!);
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('.show-item:focus')).toHaveAccessibleName(new RegExp(`^${titles[0]} at `));
  await box.focus();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(box).not.toBeFocused();
  await expect(page.locator('.show-item:focus')).toHaveCount(1);
});
