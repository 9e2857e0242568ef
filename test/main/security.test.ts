import { describe, expect, it } from 'vitest';
import { appOriginCheck } from '../../electron/main/security';

describe('appOriginCheck', () => {
  const check = appOriginCheck('/app/dist/renderer/index.html');
  it('trusts only our own page', () => {
    expect(check('file:///app/dist/renderer/index.html')).toBe(true);
    expect(check('file:///app/dist/renderer/index.html#/sell')).toBe(true);
    expect(check('app://boxoffice/index.html')).toBe(true);
    expect(check('file:///app/dist/renderer/other.html')).toBe(false);
    expect(check('file:///tmp/index.html')).toBe(false);
    expect(check('file://evil-host/app/dist/renderer/index.html')).toBe(false);
    expect(check('https://evil.example/app/dist/renderer/index.html')).toBe(false);
    expect(check('data:text/html,hi')).toBe(false);
    expect(check('not a url')).toBe(false);
    expect(check('')).toBe(false);
  });
});
