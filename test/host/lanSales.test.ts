// Counters selling one show over HTTPS at the same time, and the server killed with SIGKILL while
// they sell: every acknowledged sale is there after the restart, no seat is sold twice, and the
// counters carry on by themselves (same certificate, same pairing, same sessions).
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnHost } from '../support/hostProcess';
import { pairedClient, startLanHost, type LanClient, type LanHost } from '../support/lanClient';
import { confirmPending, newReport, sell, soldTwice, type Call, type SellerReport } from '../support/seller';

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const f of cleanup.splice(0).reverse()) f();
});

function callOf(c: LanClient): Call {
  return async (channel, input) => (await c.raw(channel, input)).body as never;
}

async function setUp(): Promise<{ host: LanHost; a: LanClient; b: LanClient; showId: string }> {
  const host = await startLanHost();
  cleanup.push(() => {
    host.proc.child.kill('SIGKILL');
    rmSync(host.data, { recursive: true, force: true });
  });
  const manager = await pairedClient(host, host.pairingCode, 'Office', ['Manager', '1234']);
  const code = async () => (await manager.ok<{ code: string }>('devices.pairingCode')).code;
  const a = await pairedClient(host, await code(), 'Till A', ['Cashier', '0000']);
  const b = await pairedClient(host, await code(), 'Till B', ['Manager', '1234']);
  cleanup.push(() => [manager, a, b].forEach((c) => c.close()));
  const shows = await a.ok<{ id: string; hallName: string; available: number; startsAt: string }[]>('shows.list', {});
  // Hall 1 (60 seats): small, so two counters really contend for the same seats.
  const show = shows.find((s) => s.hallName === 'Hall 1' && Date.parse(s.startsAt) > Date.now() + 3600_000)!;
  return { host, a, b, showId: show.id };
}

async function soldSeats(c: LanClient, showId: string): Promise<Set<string>> {
  const map = await c.ok<{ seats: { id: string; status: string }[] }>('seats.map', { showId });
  return new Set(map.seats.filter((s) => s.status === 'sold').map((s) => s.id));
}

describe('two counters over HTTPS', () => {
  it('sell one show at the same time with no seat sold twice', async () => {
    const { a, b, showId } = await setUp();
    const ra = newReport();
    const rb = newReport();
    await Promise.all([sell(callOf(a), showId, 25, ra), sell(callOf(b), showId, 25, rb)]);
    expect(ra.acknowledged.length + rb.acknowledged.length).toBeGreaterThan(10);
    expect(soldTwice([ra, rb])).toEqual([]);
    const sold = await soldSeats(a, showId);
    const acknowledged = [...ra.acknowledged, ...rb.acknowledged].flatMap((x) => x.seatIds);
    expect(new Set(acknowledged)).toEqual(sold);
  }, 60_000);

  it('lose no acknowledged sale when the server is killed with SIGKILL mid-sale, and recover after the restart', async () => {
    const { host, a, b, showId } = await setUp();
    const port = new URL(host.url).port;
    const reports: SellerReport[] = [newReport(), newReport()];
    let kills = 0;
    let current = host.proc;
    for (let round = 0; round < 2; round++) {
      let stopped = false;
      const selling = Promise.all([
        sell(callOf(a), showId, 200, reports[0]!, () => stopped),
        sell(callOf(b), showId, 200, reports[1]!, () => stopped),
      ]);
      // Kill once a few more sales were acknowledged in this round (bounded wait).
      const target = reports[0]!.acknowledged.length + reports[1]!.acknowledged.length + 4;
      for (let i = 0; i < 200 && reports[0]!.acknowledged.length + reports[1]!.acknowledged.length < target; i++) await new Promise((r) => setTimeout(r, 25));
      current.child.kill('SIGKILL');
      await current.exited;
      kills++;
      await new Promise((r) => setTimeout(r, 300));
      stopped = true;
      await selling;
      // Same folder, same port: same certificate, pairings and sessions.
      const again = spawnHost(['--lan', '--host', '127.0.0.1', '--port', port, '--data', host.data]);
      cleanup.push(() => again.child.kill('SIGKILL'));
      expect(await again.ready()).toBe(host.url);
      expect(again.out()).toContain(`Certificate fingerprint: ${host.fingerprint}`);
      current = again;
      // Sales whose answer was lost are retried with their key: sold once, or refused.
      for (const [i, r] of reports.entries()) {
        const counter = i === 0 ? a : b; // a hold belongs to the session that made it
        for (const p of r.pending.splice(0)) expect(await confirmPending(callOf(counter), p, r)).not.toBe('lost');
      }
      for (const r of reports) {
        for (const ack of r.acknowledged) {
          const booking = await a.ok<{ id: string; status: string }>('bookings.get', { id: ack.bookingId });
          expect(booking.status).toBe('confirmed');
        }
      }
    }
    expect(kills).toBe(2);
    expect(soldTwice(reports)).toEqual([]);
    const sold = await soldSeats(b, showId);
    expect(new Set(reports.flatMap((r) => r.acknowledged.flatMap((x) => x.seatIds)))).toEqual(sold);
    // The counters recovered: they sell again without re-pairing or signing in again.
    const after = newReport();
    await sell(callOf(a), showId, 3, after);
    expect(after.acknowledged.length + after.refused).toBeGreaterThan(0);
    expect(after.failedCalls).toBe(0);
  }, 120_000);
});
