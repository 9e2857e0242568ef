// "Join a box office on this network": asks the LAN once by DNS-SD for `_boxoffice._tcp.local`
// and lists the servers that answer within a moment (name, address, port, the fingerprint and
// contract version from their TXT record). What mDNS says proves nothing: the fingerprint is only
// shown for the person to compare, and pairing pins the certificate the server really presents.
// The transport is injectable so tests send no multicast.
import makeMdns from 'multicast-dns';
import { parseTxt, SERVICE_TYPE } from '../../../shared/discovery';

interface MdnsRecord { name: string; type: string; data: unknown }

export interface BrowseTransport {
  on(event: 'response', cb: (packet: { answers?: MdnsRecord[]; additionals?: MdnsRecord[] }) => void): unknown;
  query(q: { questions: { name: string; type: string }[] }): void;
  destroy(): void;
}

export interface FoundServer {
  name: string;
  url: string;
  fingerprint: string | null;
  contractVersion: string | null;
}

const realTransport = (): BrowseTransport => makeMdns({ loopback: false }) as unknown as BrowseTransport;

/** Collects the answers to one query for `timeoutMs`; servers in the order they answered. */
export function discoverServers(opts: { timeoutMs?: number; transport?: () => BrowseTransport } = {}): Promise<FoundServer[]> {
  const t = (opts.transport ?? realTransport)();
  const records: MdnsRecord[] = [];
  t.on('response', (p) => records.push(...(p.answers ?? []), ...(p.additionals ?? [])));
  t.query({ questions: [{ name: SERVICE_TYPE, type: 'PTR' }] });
  return new Promise((resolve) => {
    setTimeout(() => {
      t.destroy();
      const found = new Map<string, FoundServer>();
      for (const ptr of records.filter((r) => r.type === 'PTR' && r.name === SERVICE_TYPE)) {
        const instance = String(ptr.data);
        const srv = records.find((r) => r.type === 'SRV' && r.name === instance)?.data as { port: number; target: string } | undefined;
        if (!srv) continue;
        const a = records.find((r) => r.type === 'A' && r.name === srv.target)?.data;
        const txt = parseTxt((records.find((r) => r.type === 'TXT' && r.name === instance)?.data as (string | Uint8Array)[] | undefined) ?? []);
        const host = typeof a === 'string' ? a : srv.target;
        const url = `https://${host}:${srv.port}`;
        found.set(url, {
          name: instance.replace(`.${SERVICE_TYPE}`, ''),
          url,
          fingerprint: txt.fp ?? null,
          contractVersion: txt.cv ?? null,
        });
      }
      resolve([...found.values()]);
    }, opts.timeoutMs ?? 1500).unref?.();
  });
}
