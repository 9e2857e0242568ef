// One JSON request over the pinned HTTPS agent, with a deadline: the counter's transport to the
// server (and the tests' and bench's LAN client). Never throws an HTTP status: the caller gets it.
import { request } from 'node:https';
import type { Agent } from 'node:https';

export interface JsonAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

export function postJson(
  baseUrl: string,
  path: string,
  body: unknown,
  opts: { agent: Agent; headers?: Record<string, string>; timeoutMs?: number },
): Promise<JsonAnswer> {
  const text = JSON.stringify(body ?? {});
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent: opts.agent,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...opts.headers },
        timeout: opts.timeoutMs ?? 15_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = raw;
          try {
            parsed = raw ? JSON.parse(raw) : null;
          } catch {
            /* not JSON: the caller sees the text */
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, headers: res.headers });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from the box office server within ${opts.timeoutMs ?? 15_000} ms`)));
    req.on('error', reject);
    req.end(text);
  });
}
