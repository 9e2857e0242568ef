import { test, expect, shot } from './fixtures';

test.use({ demo: false });

test('first run: the setup form creates the theater and the manager, then signs in; sign out and back in', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('form', { name: 'First-run setup' })).toBeVisible();
  await page.getByLabel('Theater name').fill('Rex Cinema');
  await page.getByLabel('City').fill('Mumbai');
  await page.getByLabel('Time zone (IANA)').fill('Asia/Kolkata');
  await page.getByLabel('Currency (ISO code)').fill('INR');
  await page.getByLabel('Manager name').fill('Asha');
  await page.getByLabel('Manager PIN (4–8 digits)').fill('4321');
  await page.getByLabel('PIN again').fill('4321');
  await shot(page, 'setup');
  await page.getByRole('button', { name: 'Create and sign in' }).click();
  await expect(page.getByText('Asha')).toBeVisible();
  await expect(page.getByText('Rex Cinema')).toBeVisible();
  await expect(page.getByText('No shows on this day.')).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('Name').fill('Asha');
  // the on-screen keypad types the PIN
  for (const d of '4321') await page.getByRole('button', { name: d, exact: true }).click();
  await page.getByRole('button', { name: /^Sign in/ }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
});

test('a wrong PIN five times locks the name out with the seconds to wait', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Create and sign in' }).waitFor();
  await page.getByLabel('Theater name').fill('Rex');
  await page.getByLabel('City').fill('Mumbai');
  await page.getByLabel('Time zone (IANA)').fill('Asia/Kolkata');
  await page.getByLabel('Currency (ISO code)').fill('INR');
  await page.getByLabel('Manager name').fill('Asha');
  await page.getByLabel('Manager PIN (4–8 digits)').fill('4321');
  await page.getByLabel('PIN again').fill('4321');
  await page.getByRole('button', { name: 'Create and sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  for (let i = 0; i < 6; i++) {
    await page.getByLabel('Name').fill('Asha');
    await page.getByLabel('PIN', { exact: true }).fill('9999');
    const btn = page.getByRole('button', { name: /^Sign in/ });
    if (await btn.isDisabled()) break;
    await btn.click();
    await expect(page.getByRole('alert')).toBeVisible();
  }
  await expect(page.getByRole('alert')).toContainText(/Too many wrong PINs.*Try again in \d+ seconds/);
  await shot(page, 'locked-out');
});
