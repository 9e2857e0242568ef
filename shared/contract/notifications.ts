// Contract additions for notifications (issue 7): the outbox, SMTP/SMS configuration, resending.
import { z } from 'zod';
import { Id, Instant } from './primitives';

export const OutboxStatus = z.enum(['pending', 'sending', 'sent', 'dead']);
export type OutboxStatus = z.infer<typeof OutboxStatus>;

export const OutboxItem = z.object({
  id: Id,
  channel: z.enum(['email', 'sms']),
  topic: z.string(),
  bookingId: Id.nullable(),
  recipient: z.string(),
  status: OutboxStatus,
  attempts: z.int(),
  nextAttemptAt: Instant,
  lastError: z.string().nullable(),
  createdAt: Instant,
  sentAt: Instant.nullable(),
});
export type OutboxItem = z.infer<typeof OutboxItem>;

/** What a manager sees of the configuration: secrets are never sent back, only whether one is set. */
export const NotifyConfig = z.object({
  smtp: z
    .object({ host: z.string(), port: z.int(), secure: z.boolean(), user: z.string().nullable(), from: z.string(), passwordSet: z.boolean() })
    .nullable(),
  sms: z.object({ url: z.string(), tokenSet: z.boolean() }).nullable(),
});
export type NotifyConfig = z.infer<typeof NotifyConfig>;

const Host = z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.-]+$|^\[[0-9a-fA-F:]+\]$/, 'a host name or address');

export const NotifyConfigInput = z.strictObject({
  smtp: z
    .strictObject({
      host: Host,
      port: z.int().min(1).max(65535),
      /** true = implicit TLS (port 465); false = STARTTLS when the server offers it. */
      secure: z.boolean(),
      user: z.string().max(200).optional(),
      /** Omit to keep the stored password; empty string clears it. */
      password: z.string().max(500).optional(),
      from: z.email().max(200),
    })
    .nullable()
    .optional(),
  sms: z
    .strictObject({
      url: z.url({ protocol: /^https?$/ }).max(500),
      /** Omit to keep the stored token. */
      token: z.string().max(500).optional(),
    })
    .nullable()
    .optional(),
});
