// Serves the built renderer (dist/renderer): correct content types, SPA fallback to index.html,
// and no way out of the folder (no directory traversal, no dot files).
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
};

export function contentType(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Box Office</title></head>
<body><h1>Box Office</h1><p>The box office page has not been built yet. Run <code>npx vite build</code>
(or <code>npm start</code>, which builds it), then reload this page. The API is running at <code>/api</code>.</p></body></html>
`;

/** Resolves a URL path to a file inside root, or null when it would leave root or is not a plain file. */
export function resolveStatic(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const rel = normalize(decoded).replace(/^([/\\])+/, '');
  if (rel.split(/[/\\]/).some((part) => part === '..' || (part.startsWith('.') && part.length > 1))) return null;
  const base = resolve(root);
  const file = resolve(base, rel);
  if (file !== base && !file.startsWith(base + sep)) return null;
  try {
    const st = statSync(file);
    if (st.isFile()) return file;
    if (st.isDirectory()) {
      const index = join(file, 'index.html');
      return existsSync(index) ? index : null;
    }
  } catch {
    /* not there */
  }
  return null;
}

function send(res: ServerResponse, status: number, type: string, body: string, head: boolean): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(head ? undefined : body);
}

function streamFile(res: ServerResponse, file: string, head: boolean): void {
  const size = statSync(file).size;
  const isHtml = file.endsWith('.html');
  res.writeHead(200, {
    'Content-Type': contentType(file),
    'Content-Length': size,
    // Hashed assets may be cached; the page itself is revalidated so a rebuild shows up.
    'Cache-Control': isHtml ? 'no-cache' : 'public, max-age=3600',
  });
  if (head) {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

export function serveStatic(root: string, req: IncomingMessage, res: ServerResponse, pathname: string): void {
  const head = req.method === 'HEAD';
  const index = join(root, 'index.html');
  const hasIndex = existsSync(index);
  if (!hasIndex && (pathname === '/' || pathname === '/index.html' || extname(pathname) === '')) {
    send(res, 200, 'text/html; charset=utf-8', NOT_BUILT, head);
    return;
  }
  const file = resolveStatic(root, pathname);
  if (file) {
    streamFile(res, file, head);
    return;
  }
  // Client-side routes (no extension) get the page; a missing asset is a plain 404.
  if (extname(pathname) === '' && hasIndex) {
    streamFile(res, index, head);
    return;
  }
  send(res, 404, 'text/plain; charset=utf-8', 'Not found\n', head);
}
