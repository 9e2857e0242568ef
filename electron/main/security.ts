// What the desktop app trusts: only its own page (the bundled file:// index.html or app://),
// and the Content-Security-Policy every response carries.
import { pathToFileURL } from 'node:url';
import { CSP } from '../../shared/csp';

export { CSP };

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
