import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, createServer } from 'vite';
import { describe, expect, it } from 'vitest';
import { CSP, PAGE_CSP } from '../../shared/csp';
import { SECURITY_HEADERS } from '../../electron/host/headers';

const configFile = fileURLToPath(new URL('../../vite.config.ts', import.meta.url));
const metaOf = (html: string) => /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];

describe('one Content-Security-Policy', () => {
  it('is what the host sends, and what the built page carries (frame-ancestors aside, which a meta tag cannot set)', async () => {
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CSP);
    const withoutFrames = CSP.split('; ').filter((d) => !d.startsWith('frame-ancestors')).join('; ');
    expect(PAGE_CSP).toBe(withoutFrames);
    // The source page holds no copy of the policy; the build writes it in.
    expect(metaOf(readFileSync('renderer/index.html', 'utf8'))).toBeUndefined();
    const out = (await build({ configFile, logLevel: 'silent', build: { write: false } })) as { output: { fileName: string; type: string; source?: string | Uint8Array }[] };
    const page = out.output.find((o) => o.fileName === 'index.html');
    expect(metaOf(String(page?.source))).toBe(withoutFrames);
  }, 60_000);

  it('is on the page the dev server serves too', async () => {
    const server = await createServer({ configFile, logLevel: 'silent', server: { middlewareMode: true, hmr: false, ws: false } });
    try {
      const html = await server.transformIndexHtml('/index.html', readFileSync('renderer/index.html', 'utf8'));
      expect(metaOf(html)).toBe(PAGE_CSP);
    } finally {
      await server.close();
    }
  });

  it('keeps scripts to the app itself', () => {
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).not.toMatch(/script-src[^;]*unsafe/);
    expect(CSP).toContain("object-src 'none'");
  });
});
