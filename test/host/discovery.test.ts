// DNS-SD advertising through an injected transport (no multicast leaves the machine): nothing on
// loopback, one interface for one address, every external IPv4 interface for 0.0.0.0, and the
// records a counter needs (port, fingerprint, contract version).
import { describe, expect, it } from 'vitest';
import type { networkInterfaces } from 'node:os';
import { advertise, advertisedAddresses, SERVICE_TYPE, type MdnsTransport } from '../../electron/host/lan/discovery';
import { discoverServers } from '../../electron/main/counter/discover';

const IFACES = {
  lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
  eth0: [{ address: '192.168.1.20', family: 'IPv4', internal: false }, { address: 'fe80::1', family: 'IPv6', internal: false }],
  wlan0: [{ address: '10.0.0.7', family: 'IPv4', internal: false }],
} as unknown as ReturnType<typeof networkInterfaces>;

function fakeTransport() {
  const made: { address: string; sent: any[]; query?: (q: any) => void; destroyed: boolean }[] = [];
  const factory = (address: string): MdnsTransport => {
    const t = { address, sent: [] as any[], destroyed: false, query: undefined as undefined | ((q: any) => void) };
    made.push(t);
    return {
      on: (_e, cb) => (t.query = cb),
      respond: (p) => t.sent.push(p),
      destroy: () => (t.destroyed = true),
    };
  };
  return { made, factory };
}

describe('mDNS advertising', () => {
  it('advertises nowhere when listening on loopback', () => {
    const f = fakeTransport();
    const ad = advertise({ host: '127.0.0.1', port: 4174, fingerprint: 'SHA256 AB', interfaces: IFACES, transport: f.factory });
    expect(ad.addresses).toEqual([]);
    expect(f.made).toEqual([]);
    expect(advertisedAddresses('::1', IFACES)).toEqual([]);
  });

  it('advertises on the one interface of the listening address, or every external one for 0.0.0.0', () => {
    expect(advertisedAddresses('10.0.0.7', IFACES)).toEqual(['10.0.0.7']);
    expect(advertisedAddresses('0.0.0.0', IFACES)).toEqual(['192.168.1.20', '10.0.0.7']);
    expect(advertisedAddresses('172.16.0.1', IFACES)).toEqual([]);
  });

  it('announces and answers queries for the service with port, fingerprint and contract version', () => {
    const f = fakeTransport();
    const ad = advertise({ host: '10.0.0.7', port: 4174, fingerprint: 'SHA256 AB:CD', interfaces: IFACES, hostname: 'backoffice', transport: f.factory });
    expect(f.made.map((t) => t.address)).toEqual(['10.0.0.7']);
    const t = f.made[0]!;
    expect(t.sent).toHaveLength(1); // the announcement
    t.query!({ questions: [{ name: 'printer._ipp._tcp.local', type: 'PTR' }] });
    expect(t.sent).toHaveLength(1);
    t.query!({ questions: [{ name: SERVICE_TYPE, type: 'PTR' }] });
    expect(t.sent).toHaveLength(2);
    const all = [...t.sent[1].answers, ...t.sent[1].additionals];
    expect(all).toContainEqual(expect.objectContaining({ type: 'PTR', data: `Box Office on backoffice.${SERVICE_TYPE}` }));
    expect(all).toContainEqual(expect.objectContaining({ type: 'SRV', data: expect.objectContaining({ port: 4174, target: 'backoffice.local' }) }));
    expect(all).toContainEqual(expect.objectContaining({ type: 'TXT', data: expect.arrayContaining(['fp=SHA256 AB:CD', 'cv=2']) }));
    expect(all).toContainEqual(expect.objectContaining({ type: 'A', data: '10.0.0.7' }));
    ad.stop();
    expect(t.destroyed).toBe(true);
  });
});

describe('finding the server from a counter', () => {
  it('lists the advertised server with its address, port and fingerprint (over an in-memory bus)', async () => {
    // One fake network: the counter's query reaches the server's responder, its answer comes back.
    const responders: ((q: any) => void)[] = [];
    const browsers: ((p: any) => void)[] = [];
    const ad = advertise({
      host: '10.0.0.7', port: 4174, fingerprint: 'SHA256 AB:CD', interfaces: IFACES, hostname: 'backoffice',
      transport: () => ({ on: (_e, cb) => responders.push(cb), respond: (p) => browsers.forEach((b) => b(p)), destroy() {} }),
    });
    const found = await discoverServers({
      timeoutMs: 50,
      transport: () => ({ on: (_e, cb) => browsers.push(cb), query: (q) => responders.forEach((r) => r(q)), destroy() {} }),
    });
    ad.stop();
    expect(found).toEqual([{ name: 'Box Office on backoffice', url: 'https://10.0.0.7:4174', fingerprint: 'SHA256 AB:CD', contractVersion: '2' }]);
  });
});
