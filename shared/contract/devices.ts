// Contract v2 "one box office, many counters": install modes, paired devices, the headers a
// counter sends and the contract-version check every transport applies before anything else.
import { z } from 'zod';
import { Id, Instant } from './primitives';
import type { ErrorBody } from './errors';

/** The contract version this build serves and speaks (contract.md "Contract v2"). */
export const CONTRACT_VERSION = '2';

/** Header names (HTTP headers are case-insensitive; Node lower-cases them on the way in). */
export const CONTRACT_HEADER = 'X-Box-Office-Contract';
export const DEVICE_HEADER = 'X-Box-Office-Device';

export const Mode = z.enum(['standalone', 'server', 'counter']);
export type Mode = z.infer<typeof Mode>;

export const Device = z.object({
  id: Id,
  name: z.string(),
  pairedAt: Instant,
  lastSeenAt: Instant.optional(),
  lastAddress: z.string().optional(),
  appVersion: z.string().optional(),
  revoked: z.boolean(),
});
export type Device = z.infer<typeof Device>;

/** A desktop install's mode (null before the first-start choice) and, for a counter, its server. */
export const InstallStatus = z.object({
  mode: Mode.nullable(),
  server: z.object({ url: z.string(), fingerprint: z.string(), deviceName: z.string() }).nullable(),
});
export type InstallStatus = z.infer<typeof InstallStatus>;

/** A pairing code as typed: 8 digits, shown as 1234-5678 (the dash and spaces are optional). */
export const PairingCode = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^\d{8}$/, 'a pairing code is 8 digits, like 1234-5678'));

export const DeviceName = z.string().trim().min(1).max(60);

/** "1234-5678" from 8 digits. */
export function formatPairingCode(digits: string): string {
  return `${digits.slice(0, 4)}-${digits.slice(4)}`;
}

/**
 * VERSION_MISMATCH when a client speaks another contract version; null when it matches or sent
 * none (a call without the header is taken as the server's own version).
 */
export function versionMismatch(client: string | null | undefined): ErrorBody | null {
  if (client === null || client === undefined) return null;
  const c = client.trim().slice(0, 32);
  if (c === CONTRACT_VERSION) return null;
  const older = Number(c) < Number(CONTRACT_VERSION);
  const upgrade = Number.isFinite(Number(c)) && older ? 'upgrade this counter' : 'upgrade the box office server';
  return {
    code: 'VERSION_MISMATCH',
    message: `This counter speaks contract version ${c} and the server speaks version ${CONTRACT_VERSION}: ${upgrade} so both run the same version`,
    details: { server: CONTRACT_VERSION, client: c },
  };
}
