// A Server-Sent Events client for the browser-host tests: the parsed events, the raw text, and a
// wait for a matching event.
import { get, type IncomingMessage } from 'node:http';

export interface SseClient {
  status: number;
  events: { event: string; data: any }[];
  raw: () => string;
  close(): void;
  waitFor(pred: (e: { event: string; data: any }) => boolean, ms?: number): Promise<{ event: string; data: any }>;
}

export function openSse(url: string, headers: Record<string, string>, path = '/api/events'): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const req = get(`${url}${path}`, { headers, agent: false }, (res: IncomingMessage) => {
      let buf = '';
      let all = '';
      const events: { event: string; data: any }[] = [];
      const waiters: (() => void)[] = [];
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        all += chunk;
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const ev = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (ev && data) events.push({ event: ev, data: JSON.parse(data) });
        }
        for (const w of waiters.splice(0)) w();
      });
      resolve({
        status: res.statusCode ?? 0,
        events,
        raw: () => all,
        close: () => req.destroy(),
        waitFor(pred, ms = 5000) {
          return new Promise((ok, fail) => {
            const timer = setTimeout(() => fail(new Error(`no matching event; got ${JSON.stringify(events)}`)), ms);
            const check = () => {
              const hit = events.find(pred);
              if (hit) {
                clearTimeout(timer);
                ok(hit);
              } else waiters.push(check);
            };
            check();
          });
        },
      });
    });
    req.on('error', reject);
  });
}
