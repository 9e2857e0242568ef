// The payment-terminal port for card, UPI and wallet payments, and the simulated terminal used by
// the demo and the tests. A real terminal driver implements the same interface.
import { randomUUID } from 'node:crypto';
import type { PaymentMethod } from '../../../shared/contract';

export interface ChargeRequest {
  method: Exclude<PaymentMethod, 'cash' | 'voucher'>;
  amount: number;
  currency: string;
  reference?: string;
  /** Lets a terminal recognise a retried charge (the booking's idempotency key plus index). */
  idempotencyKey: string;
}

export type ChargeResult =
  | { approved: true; transactionId: string }
  | { approved: false; reason: string };

export interface PaymentTerminal {
  charge(req: ChargeRequest): Promise<ChargeResult>;
  /**
   * Refunds part or all of a charge. The same idempotencyKey again must not refund twice (a retry
   * after a crash between the terminal's answer and our record of it).
   */
  refund(transactionId: string, amount: number, idempotencyKey?: string): Promise<{ refunded: boolean }>;
}

/** Approves everything except a payment whose reference is DECLINE (contract.md). */
export class SimulatedTerminal implements PaymentTerminal {
  readonly charges = new Map<string, { amount: number; refunded: number; idempotencyKey: string }>();
  private byKey = new Map<string, string>();

  async charge(req: ChargeRequest): Promise<ChargeResult> {
    if (req.reference?.trim().toUpperCase() === 'DECLINE') return { approved: false, reason: 'Declined by the card issuer' };
    // A retried key gets the same transaction back, unless that money was refunded in the
    // meantime (a failed attempt): then handing it back would "approve" a sale with no money.
    const seen = this.byKey.get(req.idempotencyKey);
    if (seen && this.charges.get(seen)?.refunded === 0) return { approved: true, transactionId: seen };
    const transactionId = `sim_${randomUUID().slice(0, 12)}`;
    this.charges.set(transactionId, { amount: req.amount, refunded: 0, idempotencyKey: req.idempotencyKey });
    this.byKey.set(req.idempotencyKey, transactionId);
    return { approved: true, transactionId };
  }

  private refundKeys = new Set<string>();

  async refund(transactionId: string, amount: number, idempotencyKey?: string): Promise<{ refunded: boolean }> {
    if (idempotencyKey && this.refundKeys.has(idempotencyKey)) return { refunded: true };
    const c = this.charges.get(transactionId);
    if (!c || c.refunded + amount > c.amount) return { refunded: false };
    c.refunded += amount;
    if (idempotencyKey) this.refundKeys.add(idempotencyKey);
    return { refunded: true };
  }

  /** Net amount still charged across all transactions (tests check nothing is lost). */
  outstanding(): number {
    let s = 0;
    for (const c of this.charges.values()) s += c.amount - c.refunded;
    return s;
  }
}
