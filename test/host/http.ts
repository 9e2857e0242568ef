// A tiny HTTP client for the browser-host tests: raw control over headers and bodies (fetch may
// not set Host), and the answer even when the server cuts an oversized upload short.
import { request, type IncomingHttpHeaders } from 'node:http';

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: any;
  /** Set when sending the body failed after the answer came (the server cut the upload short). */
  uploadError?: string;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send the body in chunks without a Content-Length. */
  chunked?: boolean;
  /** The client's own address (any of 127.0.0.0/8: each is another client to the host). */
  localAddress?: string;
}

export function send(base: string, path: string, opts: RequestOptions = {}): Promise<Answer> {
  // The path is sent exactly as given (no URL normalisation), so traversal attempts reach the server.
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    let answered = false;
    let uploadError: string | undefined;
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.body !== undefined && !opts.chunked) headers['Content-Length'] = String(Buffer.byteLength(opts.body));
    const req = request({ hostname, port, path, method: opts.method ?? 'POST', headers, agent: false, ...(opts.localAddress ? { localAddress: opts.localAddress } : {}) }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      const finish = () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown = undefined;
        try {
          json = JSON.parse(text);
        } catch {
          /* not JSON */
        }
        // Give a reset of the upload a moment to surface before answering.
        setImmediate(() => resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json, ...(uploadError ? { uploadError } : {}) }));
      };
      res.on('end', finish);
      res.on('error', finish);
      res.on('aborted', finish);
    });
    req.on('error', (e) => {
      // Writing the rest of a refused upload may fail after the answer arrived; that is expected.
      if (!answered) reject(e);
      else uploadError = (e as NodeJS.ErrnoException).code ?? String(e);
    });
    if (opts.body !== undefined) {
      if (opts.chunked) {
        const buf = Buffer.isBuffer(opts.body) ? opts.body : Buffer.from(opts.body);
        const step = 64 * 1024;
        let i = 0;
        const pump = () => {
          while (i < buf.length) {
            const ok = req.write(buf.subarray(i, i + step));
            i += step;
            if (!ok) {
              req.once('drain', pump);
              return;
            }
          }
          req.end();
        };
        pump();
        return;
      }
      req.end(opts.body);
    } else req.end();
  });
}

export function api(
  base: string, channel: string, input: unknown, token?: string | null, headers: Record<string, string> = {}, localAddress?: string,
): Promise<Answer> {
  return send(base, `/api/${channel}`, {
    body: JSON.stringify(input),
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
    ...(localAddress ? { localAddress } : {}),
  });
}
