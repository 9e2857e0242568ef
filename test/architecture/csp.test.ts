import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CSP } from '../../shared/csp';
import { SECURITY_HEADERS } from '../../electron/host/headers';

describe('one Content-Security-Policy', () => {
  it('is what the host sends, and what the page carries (frame-ancestors aside, which a meta tag cannot set)', () => {
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CSP);
    const html = readFileSync('renderer/index.html', 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    const withoutFrames = CSP.split('; ').filter((d) => !d.startsWith('frame-ancestors')).join('; ');
    expect(meta).toBe(withoutFrames);
  });

  it('keeps scripts to the app itself', () => {
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).not.toMatch(/script-src[^;]*unsafe/);
    expect(CSP).toContain("object-src 'none'");
  });
});
