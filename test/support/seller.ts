// A counter selling one show as fast as it can, over any transport (a LAN client, a forwarding
// desktop counter): hold a free seat, quote, confirm by card with an idempotency key. Bounded by
// a count of tries. It records every sale the server acknowledged, and keeps a sale whose answer
// was lost so it can be retried with the same key (sold once or not at all, never twice).
import { randomUUID } from 'node:crypto';

export type Call = (channel: string, input: unknown) => Promise<{ ok: boolean; data?: any; error?: { code: string } }>;

export interface Pending {
  holdId: string;
  seatIds: string[];
  tickets: { seatId: string; ticketType: string }[];
  amount: number;
  key: string;
}

export interface SellerReport {
  acknowledged: { bookingId: string; seatIds: string[] }[];
  refused: number;
  failedCalls: number;
  /** Sales whose confirm got no answer (the server died): retry them with `retryPending`. */
  pending: Pending[];
}

export function newReport(): SellerReport {
  return { acknowledged: [], refused: 0, failedCalls: 0, pending: [] };
}

function pickFree(seats: { id: string; status: string }[], n: number): string[] {
  const free = seats.filter((s) => s.status === 'available').map((s) => s.id);
  for (let i = free.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [free[i], free[j]] = [free[j]!, free[i]!];
  }
  return free.slice(0, n);
}

export async function confirmPending(call: Call, p: Pending, report: SellerReport): Promise<'sold' | 'refused' | 'lost'> {
  let r;
  try {
    r = await call('bookings.confirm', { holdId: p.holdId, tickets: p.tickets, payments: [{ method: 'card', amount: p.amount }], idempotencyKey: p.key });
  } catch {
    report.failedCalls++;
    return 'lost';
  }
  if (r.ok) {
    report.acknowledged.push({ bookingId: r.data.id, seatIds: p.seatIds });
    return 'sold';
  }
  report.refused++;
  return 'refused';
}

/** Up to `tries` sales of 1-2 seats; stops early when `stop()` says so or the show is full. */
export async function sell(call: Call, showId: string, tries: number, report: SellerReport, stop: () => boolean = () => false): Promise<void> {
  for (let i = 0; i < tries && !stop(); i++) {
    try {
      const map = await call('seats.map', { showId });
      if (!map.ok) {
        report.failedCalls++;
        continue;
      }
      const seatIds = pickFree(map.data.seats, 1 + (i % 2));
      if (seatIds.length === 0) return;
      const hold = await call('seats.hold', { showId, seatIds });
      if (!hold.ok) {
        report.refused++;
        continue;
      }
      const tickets = seatIds.map((seatId) => ({ seatId, ticketType: 'adult' }));
      const quote = await call('pricing.quote', { showId, tickets });
      if (!quote.ok) {
        report.refused++;
        continue;
      }
      const p: Pending = { holdId: hold.data.id, seatIds, tickets, amount: quote.data.total, key: randomUUID() };
      if ((await confirmPending(call, p, report)) === 'lost') report.pending.push(p);
    } catch {
      report.failedCalls++;
      // The server is gone for a moment: wait a little before the next try.
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Seats sold more than once across every acknowledged sale (must be none). */
export function soldTwice(reports: SellerReport[]): string[] {
  const seen = new Set<string>();
  const twice: string[] = [];
  for (const r of reports) {
    for (const a of r.acknowledged) {
      for (const s of a.seatIds) {
        if (seen.has(s)) twice.push(s);
        seen.add(s);
      }
    }
  }
  return twice;
}
