// DNS-SD over multicast DNS: the LAN server answers queries for `_boxoffice._tcp.local` so a
// counter's "Join a box office on this network" finds it. Uses `multicast-dns` (see README: the
// small, long-lived responder under bonjour-service, which lets us pick the interface of each
// socket). It advertises only on the interfaces the server listens on: nothing when it listens on
// loopback (tests), one interface for one address, every non-loopback IPv4 interface for 0.0.0.0.
// The transport is injectable so tests check the records without sending any multicast.
import { hostname as osHostname, networkInterfaces } from 'node:os';
import makeMdns from 'multicast-dns';
import { CONTRACT_VERSION } from '../../../shared/contract';
import { SERVICE_TYPE, txtEntries } from '../../../shared/discovery';

export { SERVICE_TYPE };

interface Question { name: string; type: string }
interface Record_ { name: string; type: string; ttl?: number; data: unknown }

/** What the responder needs of a multicast-DNS socket bound to one interface. */
export interface MdnsTransport {
  on(event: 'query', cb: (query: { questions: Question[] }) => void): unknown;
  respond(packet: { answers: Record_[]; additionals?: Record_[] }): void;
  destroy(): void;
}
export type TransportFactory = (interfaceAddress: string) => MdnsTransport;

export interface AdvertiseOptions {
  /** The address the server listens on. */
  host: string;
  port: number;
  fingerprint: string;
  /** This machine's interfaces (tests pass their own). */
  interfaces?: ReturnType<typeof networkInterfaces>;
  hostname?: string;
  transport?: TransportFactory;
}

export interface Advertiser {
  /** The interface addresses it answers on (empty on loopback). */
  addresses: string[];
  stop(): void;
}

const realTransport: TransportFactory = (address) =>
  makeMdns({ interface: address, bind: '0.0.0.0', reuseAddr: true, loopback: false }) as unknown as MdnsTransport;

/** The IPv4 addresses to advertise on for a listening address. */
export function advertisedAddresses(listenHost: string, interfaces: ReturnType<typeof networkInterfaces>): string[] {
  const external = Object.values(interfaces)
    .flatMap((l) => l ?? [])
    .filter((a) => a.family === 'IPv4' && !a.internal)
    .map((a) => a.address);
  if (listenHost === '0.0.0.0' || listenHost === '::' || listenHost === '') return external;
  return external.includes(listenHost) ? [listenHost] : [];
}

export function advertise(opts: AdvertiseOptions): Advertiser {
  const addresses = advertisedAddresses(opts.host, opts.interfaces ?? networkInterfaces());
  const host = (opts.hostname ?? osHostname()).replace(/\.local$/i, '').replace(/[^A-Za-z0-9-]/g, '-').slice(0, 63) || 'boxoffice';
  const instance = `Box Office on ${host}.${SERVICE_TYPE}`;
  const target = `${host}.local`;
  const make = opts.transport ?? realTransport;
  const sockets = addresses.map((address) => {
    const t = make(address);
    const records = (): { answers: Record_[]; additionals: Record_[] } => ({
      answers: [{ name: SERVICE_TYPE, type: 'PTR', ttl: 120, data: instance }],
      additionals: [
        { name: instance, type: 'SRV', ttl: 120, data: { port: opts.port, target, priority: 0, weight: 0 } },
        // The fingerprint lets a counter show what it will pin before pairing; it proves nothing
        // by itself (anyone can answer mDNS): the person compares it with the server's screen.
        { name: instance, type: 'TXT', ttl: 120, data: txtEntries(opts.fingerprint, CONTRACT_VERSION, opts.port) },
        { name: target, type: 'A', ttl: 120, data: address },
      ],
    });
    t.on('query', (q) => {
      const asked = q.questions.some((x) => (x.name === SERVICE_TYPE && (x.type === 'PTR' || x.type === 'ANY')) || x.name === instance);
      if (asked) t.respond(records());
    });
    t.respond(records()); // announce once at start
    return t;
  });
  return {
    addresses,
    stop() {
      for (const t of sockets) t.destroy();
    },
  };
}
