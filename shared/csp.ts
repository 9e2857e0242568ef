// The one Content-Security-Policy of the app: sent by the browser host on every response and by
// Electron's main on web responses. renderer/index.html repeats it as a meta tag, which is what
// governs the Electron window's file:// page (header events may not fire for file:);
// test/architecture/csp.test.ts keeps the two equal.
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
