// The desktop app's first start, in Chromium with a stand-in window.boxOffice (what the preload
// exposes): the chooser, then joining a server by address with its fingerprint shown to compare,
// then the pairing code. The stand-in answers install.* as the counter's main process would.
import { test, expect, shot } from './fixtures';

test('first start: choose to join, see the server fingerprint, pair with the code', async ({ page }) => {
  await page.addInitScript(() => {
    const calls: [string, unknown][] = [];
    let joined = false;
    const fp = 'SHA256 3F:A1:09:7C:5B:E2:44:D8:91:0C:6A:7E:23:B5:CC:18:F0:4D:92:1A:6B:38:E7:55:0D:C2:9F:61:84:AE:37:B9';
    (window as unknown as { __calls: typeof calls }).__calls = calls;
    (window as unknown as { boxOffice: unknown }).boxOffice = {
      channels: [],
      events: [],
      on: () => () => {},
      async call(channel: string, input: unknown) {
        calls.push([channel, input]);
        if (channel === 'install.status') return { ok: true, data: joined ? { mode: 'counter', server: { url: 'https://192.168.1.20:4174', fingerprint: fp, deviceName: 'Till 2' } } : { mode: null, server: null } };
        if (channel === 'install.discover') return { ok: true, data: { servers: [{ name: 'Box Office on backoffice', url: 'https://192.168.1.20:4174', fingerprint: fp, contractVersion: '2' }] } };
        if (channel === 'install.probe') return { ok: true, data: { url: 'https://192.168.1.20:4174', fingerprint: fp, contractVersion: '2', theater: 'PVR Cinemas' } };
        if (channel === 'install.join') {
          if ((input as { code: string }).code !== '4821-0736') return { ok: false, error: { code: 'PAIRING_REFUSED', message: 'That pairing code is wrong, already used or expired; ask the manager for a new one' } };
          joined = true;
          return { ok: true, data: { mode: 'counter', server: null } };
        }
        if (channel === 'auth.status') return { ok: true, data: { setupRequired: false, staff: null, theater: { id: 'th', name: 'PVR Cinemas', city: 'New York', timezone: 'America/New_York', currency: 'USD' }, mode: 'server', contractVersion: '2', appVersion: '0.1.0', serverTime: new Date().toISOString() } };
        return { ok: false, error: { code: 'NOT_SUPPORTED', message: 'not in this stand-in' } };
      },
    };
  });
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Start a new box office on this computer' })).toBeVisible();
  await shot(page, 'counters-chooser');
  await page.getByRole('button', { name: 'Join a box office on this network' }).click();
  // The server found on the network is offered; typing the address works too.
  await expect(page.getByRole('button', { name: /Box Office on backoffice/ })).toBeVisible();
  await shot(page, 'counters-find');
  await page.getByLabel('Server address').fill('192.168.1.20');
  await page.getByRole('button', { name: 'Find the server' }).click();
  await expect(page.getByLabel('Server certificate fingerprint')).toContainText('SHA256 3F:A1:09');
  await page.getByLabel('Pairing code (from the manager)').fill('4821-0736');
  await page.getByLabel('Name of this counter').fill('Till 2');
  await shot(page, 'counters-join');
  await page.getByLabel('Pairing code (from the manager)').fill('1111-2222');
  await page.getByRole('button', { name: 'The fingerprints match: pair' }).click();
  await expect(page.getByRole('alert')).toContainText('pairing code is wrong');
  await page.getByLabel('Pairing code (from the manager)').fill('4821-0736');
  await page.getByRole('button', { name: 'The fingerprints match: pair' }).click();
  await expect(page.getByRole('form', { name: 'Sign in' })).toBeVisible();
  const calls = await page.evaluate(() => (window as unknown as { __calls: [string, unknown][] }).__calls);
  expect(calls).toContainEqual(['install.join', { url: 'https://192.168.1.20:4174', fingerprint: expect.stringContaining('SHA256 3F:A1'), code: '4821-0736', name: 'Till 2' }]);
});
