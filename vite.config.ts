// Builds the cashier's screen (renderer/) into dist/renderer, served by the browser host and
// loaded by Electron's window. Relative base so file:// loading works too.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
// With its extension: Vite's native config loader (its future default) resolves no bare paths.
import { PAGE_CSP } from './shared/csp.ts';

const CSP_PLACEHOLDER = '<!-- Content-Security-Policy -->';

/** The page's CSP meta tag, written from shared/csp.ts into the built page and the dev server's. */
export function cspMetaTag(): Plugin {
  return {
    name: 'box-office-csp-meta',
    transformIndexHtml(html) {
      // A page without the placeholder would ship with no policy of its own: refuse to build it.
      if (!html.includes(CSP_PLACEHOLDER)) throw new Error(`renderer/index.html lacks the ${CSP_PLACEHOLDER} placeholder`);
      return html.replace(CSP_PLACEHOLDER, `<meta http-equiv="Content-Security-Policy" content="${PAGE_CSP}" />`);
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [cspMetaTag(), react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1000,
  },
});
