// The one Content-Security-Policy of the app: sent by the browser host on every response and by
// Electron's main on web responses. The page carries it as a meta tag too, which is what governs
// the Electron window's file:// page (header events may not fire for file:): vite.config.ts
// injects PAGE_CSP into index.html at build (and in the dev server), so there is no copy to drift.
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // React's style attributes; scripts stay strict.
  "style-src 'self' 'unsafe-inline'",
  // QR codes are data: images.
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** The policy as a meta tag can carry it: frame-ancestors is ignored (and warned about) in a meta tag. */
export const PAGE_CSP = CSP.split('; ')
  .filter((d) => !d.startsWith('frame-ancestors'))
  .join('; ');
