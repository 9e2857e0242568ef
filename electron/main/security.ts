// What the desktop app trusts: only its own page (the bundled file:// index.html or app://),
// and the Content-Security-Policy every response carries.
import { pathToFileURL } from 'node:url';

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** Builds the check for "this URL is our app's page": the exact index.html we load, or app://. */
export function appOriginCheck(indexHtml: string): (url: string) => boolean {
  const ours = pathToFileURL(indexHtml);
  return (raw: string) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return false;
    }
    if (url.protocol === 'app:') return true;
    return url.protocol === 'file:' && url.host === ours.host && decodeURIComponent(url.pathname) === decodeURIComponent(ours.pathname);
  };
}
