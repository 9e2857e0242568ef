// Contract additions for terminal operations that need a person (see payments.review).
import { z } from 'zod';
import { Id, Instant, Money } from './primitives';

export const TerminalOpItem = z.object({
  id: Id,
  kind: z.enum(['charge', 'refund']),
  method: z.enum(['card', 'upi', 'wallet']),
  amount: Money,
  currency: z.string().nullable(),
  /** unknown: the terminal never answered a charge; failed: a refund kept being refused. */
  status: z.enum(['pending', 'done', 'compensated', 'failed', 'unknown']),
  bookingId: Id.nullable(),
  bookingCode: z.string().nullable(),
  terminalTxn: z.string().nullable(),
  attempts: z.int(),
  lastError: z.string().nullable(),
  createdAt: Instant,
  resolved: z.object({ by: z.string(), note: z.string(), at: Instant }).nullable(),
});
export type TerminalOpItem = z.infer<typeof TerminalOpItem>;
