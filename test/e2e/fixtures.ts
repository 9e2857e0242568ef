// Per-test browser host: `electron/host/cli.ts --demo` on a fresh data folder and a free port,
// started with this Node (process.execPath) and killed after the test. Plus sign-in helpers.
import { test as base, expect, type Page } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { spawnHost } from '../support/hostProcess';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Host {
  url: string;
  dataDir: string;
  proc: ChildProcess;
}

export async function startHost(args: string[] = [], demo = true): Promise<Host> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bo-e2e-'));
  const p = spawnHost([...(demo ? ['--demo'] : []), '--data', dataDir, '--port', '0', ...args]);
  try {
    return { url: await p.ready(30_000), dataDir, proc: p.child };
  } catch (e) {
    p.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
}

export async function stopHost(h: Host): Promise<void> {
  if (h.proc.exitCode === null) {
    const done = new Promise((r) => h.proc.once('exit', r));
    h.proc.kill('SIGTERM');
    await Promise.race([done, new Promise((r) => setTimeout(r, 5000))]);
    if (h.proc.exitCode === null) h.proc.kill('SIGKILL');
  }
  rmSync(h.dataDir, { recursive: true, force: true });
}

type Fixtures = { hostArgs: string[]; demo: boolean; host: Host };

export const test = base.extend<Fixtures>({
  hostArgs: [[], { option: true }],
  demo: [true, { option: true }],
  host: async ({ hostArgs, demo }, use) => {
    const h = await startHost(hostArgs, demo);
    try {
      await use(h);
    } finally {
      await stopHost(h);
    }
  },
  baseURL: async ({ host }, use) => {
    await use(host.url);
  },
});

export { expect };

export async function signIn(page: Page, name = 'Cashier', pin = '0000'): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('PIN', { exact: true }).fill(pin);
  await page.getByRole('button', { name: /^Sign in/ }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

/** Moves forward day by day until the list has a show to sell in the hall (late at night today may be over). */
export async function openShow(page: Page, hall: RegExp | string = /Hall 1/): Promise<void> {
  for (let i = 0; i < 8; i++) {
    // Wait for the day's list itself, not its "Loading shows…" placeholder: deciding "no show
    // today" too early would move to the next day (and a held sale would be released).
    await expect(page.locator('.show-list .state:not(.state--loading), .show-item').first()).toBeVisible();
    await expect(page.locator('.show-list .state--loading')).toHaveCount(0);
    const item = page.locator('.show-item:not(.is-past):not([disabled])').filter({ hasText: hall }).first();
    if (await item.count()) {
      await item.click();
      await expect(page.getByRole('grid')).toBeVisible();
      await expect(page.getByRole('grid').getByRole('button').first()).toBeVisible();
      return;
    }
    await page.getByRole('button', { name: 'Next day', exact: true }).click();
    await page.waitForTimeout(300);
  }
  throw new Error('no show to sell in the next 8 days');
}

export function seat(page: Page, label: string) {
  return page.getByRole('button', { name: new RegExp(`^${label},`) });
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync('docs/screenshots/run', { recursive: true });
  await page.screenshot({ path: `docs/screenshots/run/${name}.png`, fullPage: false });
}

/** Holds the given seats by clicking them, waiting for each to be pressed. */
export async function holdSeats(page: Page, labels: string[]): Promise<void> {
  for (const l of labels) {
    await seat(page, l).click();
    await expect(seat(page, l)).toHaveAttribute('aria-pressed', 'true');
  }
  await expect(page.getByTestId('sale-total')).not.toHaveText('$0.00');
}

/**
 * Answers the payment panel's "No cash shift is open" with a float, by keyboard. Every test has
 * a fresh host, so a cashier's first cash payment in a test always asks for it.
 */
export async function openShiftWhenAsked(page: Page, float = '100'): Promise<void> {
  const form = page.getByRole('form', { name: 'Open a cash shift' });
  await expect(form).toBeVisible();
  await expect(page.getByLabel('Opening float')).toBeFocused();
  await page.keyboard.type(float);
  await page.keyboard.press('Enter');
  await expect(form).toHaveCount(0);
  await expect(page.getByLabel(/Cash tendered/)).toBeFocused();
}

/** Pays the current sale with exact cash (the test's first cash sale: opening the shift) and returns the booking code. */
export async function payExactCash(page: Page): Promise<string> {
  await page.getByRole('button', { name: /^Pay/ }).click();
  await openShiftWhenAsked(page);
  await page.getByRole('button', { name: /^Exact / }).click();
  await page.getByRole('button', { name: /^Confirm sale/ }).click();
  const code = page.getByTestId('booking-code');
  await expect(code).toHaveText(/^[A-Z2-9]{6}$/);
  return (await code.textContent())!;
}

/** One channel call over the host's HTTP API (set-up a test does not need to click through). */
export async function api<T>(url: string, channel: string, input: unknown, token?: string): Promise<T> {
  const res = await fetch(`${url}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input),
  });
  const env = (await res.json()) as { ok: boolean; data: T; error?: { message: string } };
  if (!env.ok) throw new Error(`${channel}: ${env.error?.message}`);
  return env.data;
}
