// Two browser counters of a LAN server over HTTPS (`serve --lan` on loopback, the test's
// certificate accepted by the browser context): the first pairs at /pair with the printed code,
// a manager makes the second's code in Manager > Counters, and each sees the other's holds live.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, openShow, seat, shot } from './fixtures';
import { spawnHost } from '../support/hostProcess';

async function pairAt(page: Page, code: string, name: string): Promise<void> {
  await page.goto('/pair');
  await expect(page.getByRole('heading', { name: 'Pair this browser as a counter' })).toBeVisible();
  await page.getByLabel('Pairing code').fill(code);
  await page.getByLabel('Name of this counter').fill(name);
  await page.getByRole('button', { name: 'Pair', exact: true }).click();
  await expect(page.getByRole('form', { name: 'Sign in' })).toBeVisible();
}

async function signInHere(page: Page, name: string, pin: string): Promise<void> {
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('PIN', { exact: true }).fill(pin);
  await page.getByRole('button', { name: /^Sign in/ }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

test('two paired browser counters over HTTPS see each other\'s holds live', async ({ browser }) => {
  const data = mkdtempSync(join(tmpdir(), 'bo-e2e-lan-'));
  const proc = spawnHost(['--lan', '--host', '127.0.0.1', '--port', '0', '--data', data, '--demo']);
  try {
    const url = await proc.ready(30_000);
    expect(url).toMatch(/^https:/);
    const code = /^Pairing code: (\d{4}-\d{4})$/m.exec(proc.out())![1]!;
    const ctxA = await browser.newContext({ baseURL: url, ignoreHTTPSErrors: true });
    const ctxB = await browser.newContext({ baseURL: url, ignoreHTTPSErrors: true });
    const a = await ctxA.newPage();
    const b = await ctxB.newPage();

    // An unpaired browser is sent to pairing, whatever page it opens.
    await b.goto('/');
    await expect(b.getByRole('heading', { name: 'Pair this browser as a counter' })).toBeVisible();
    await b.getByLabel('Pairing code').fill('0000-0000');
    await b.getByLabel('Name of this counter').fill('Door');
    await b.getByRole('button', { name: 'Pair', exact: true }).click();
    await expect(b.getByRole('alert')).toContainText(/pairing code is wrong, already used or expired/);
    await shot(b, 'counters-pair-browser');

    await pairAt(a, code, 'Till 1');
    await signInHere(a, 'Manager', '1234');
    await a.getByRole('button', { name: /^Manager/ }).click();
    await a.getByRole('tab', { name: 'Counters' }).click();
    await expect(a.getByRole('cell', { name: 'Till 1', exact: true })).toBeVisible();
    await a.getByRole('button', { name: 'New pairing code' }).click();
    const second = (await a.locator('.pairing-code').textContent())!.trim();
    expect(second).toMatch(/^\d{4}-\d{4}$/);
    await pairAt(b, second, 'Till 2');
    await expect(a.getByRole('cell', { name: 'Till 2', exact: true })).toBeVisible(); // live: devices.changed
    await shot(a, 'counters-tab');

    await signInHere(b, 'Cashier', '0000');
    await a.getByRole('button', { name: /^Sell/ }).click();
    await openShow(a);
    await openShow(b);
    await seat(a, 'C3').click();
    await expect(seat(a, 'C3')).toHaveAttribute('aria-pressed', 'true');
    await expect(seat(b, 'C3')).toHaveAccessibleName(/held by another counter/);
    await seat(b, 'C7').click();
    await expect(seat(b, 'C7')).toHaveAttribute('aria-pressed', 'true');
    await expect(seat(a, 'C7')).toHaveAccessibleName(/held by another counter/);
    await ctxA.close();
    await ctxB.close();
  } finally {
    proc.child.kill('SIGKILL');
    await proc.exited;
    rmSync(data, { recursive: true, force: true });
  }
});
