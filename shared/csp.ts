// The one Content-Security-Policy of the app: sent by the browser host on every response and by
// Electron's main on every response to the window. (renderer/index.html repeats it as a meta tag,
// checked against this by test/host and test/packaging.)
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
