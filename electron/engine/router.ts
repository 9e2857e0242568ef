// The one entry point of every transport: authorise, validate, run, wrap in the envelope.
// It never throws and never leaks internals: unknown failures become INTERNAL with a generic
// message, and the details go to the log.
import type { z } from 'zod';
import {
  BoxOfficeError, channels, isChannel, roleAllows, versionMismatch, type Channel, type ChannelOutput, type Envelope,
  type ErrorBody,
} from '../../shared/contract';
import type { Actor, CallerSession } from './context';
import type { Engine } from './engine';
import { handlers } from './handlers';
import { resolveSession } from './staff/sessions';
import { authenticateDevice } from './devices/devices';
import { PairLimiter } from './devices/pairLimit';

export type { CallerSession };

export interface RouterOptions {
  /** Check every output against the contract's schema (on in tests: catches drift). */
  checkOutputs?: boolean;
  /**
   * LAN server: every call except auth.status and devices.pair needs a paired device, and a staff
   * token is only good from the device it signed in from. Off for IPC and the v1 browser host.
   */
  devices?: boolean;
}

export interface Router {
  dispatch<C extends Channel>(channel: C, input: unknown, session: CallerSession): Promise<Envelope<ChannelOutput<C>>>;
  dispatch(channel: string, input: unknown, session: CallerSession): Promise<Envelope<unknown>>;
  /**
   * Who is calling, checked as for a cashier channel (version, device, session); for transports
   * that serve something other than a channel, such as the event stream.
   */
  identify(session: CallerSession): Envelope<{ actor: Actor; deviceId: string | null }>;
}

/** Channels a LAN server answers without a paired device (devices.pair too: its limiter guards it). */
const DEVICE_FREE = new Set<string>(['auth.status']);


/**
 * What an answer means for the caller's session, for the transport that keeps the token (a
 * webContents binding, a cookie): a new token after sign-in or setup, 'end' after sign-out.
 */
export function sessionChange(channel: string, env: Envelope<unknown>): { token: string } | 'end' | null {
  if (channel === 'auth.logout') return 'end';
  if (env.ok && (channel === 'auth.login' || channel === 'auth.setup')) {
    const token = (env.data as { token?: unknown }).token;
    if (typeof token === 'string') return { token };
  }
  return null;
}

export function zodIssues(error: z.ZodError): { path: string; message: string; code: string }[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message, code: i.code }));
}

function fail(code: ErrorBody['code'], message: string, details?: unknown): Envelope<never> {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } };
}

export function createRouter(engine: Engine, opts: RouterOptions = {}): Router {
  const ctx = engine.ctx;
  const pairTries = new PairLimiter();

  /** The paired device behind the call (LAN server), or DEVICE_UNPAIRED; null off the LAN. */
  function deviceOf(channel: string, session: CallerSession): string | null {
    if (!opts.devices) {
      if (channel === 'devices.pair') throw new BoxOfficeError('NOT_SUPPORTED', 'Pairing is only possible with a box office server on the network');
      return null;
    }
    if (channel === 'devices.pair') return null; // needs no device: counted by the pairing limiter instead
    const seen = { address: session.address ?? null, appVersion: session.appVersion ?? null };
    if (DEVICE_FREE.has(channel)) {
      if (!session.device) return null;
      try {
        return authenticateDevice(ctx, session.device, seen).id;
      } catch {
        return null; // auth.status answers anyone; it just names no device
      }
    }
    return authenticateDevice(ctx, session.device, seen).id;
  }

  /** The signed-in caller; on a LAN server only from the device the session was signed in from. */
  function actorOf(session: CallerSession, deviceId: string | null): Actor | null {
    const actor = session.token ? resolveSession(ctx, session.token) : null;
    if (actor && opts.devices && (actor.deviceId ?? null) !== deviceId) return null;
    return actor;
  }

  function identify(session: CallerSession): Envelope<{ actor: Actor; deviceId: string | null }> {
    const mismatch = versionMismatch(session.contract);
    if (mismatch) return { ok: false, error: mismatch };
    try {
      const deviceId = deviceOf('events', session);
      const actor = actorOf(session, deviceId);
      if (!actor) return fail('UNAUTHENTICATED', 'Please sign in first');
      return { ok: true, data: { actor, deviceId } };
    } catch (e) {
      if (e instanceof BoxOfficeError) return { ok: false, error: e.toBody() };
      throw e;
    }
  }

  async function dispatch(channel: string, input: unknown, session: CallerSession): Promise<Envelope<unknown>> {
    // A client of another contract version is refused before anything else (contract v2).
    const mismatch = versionMismatch(session.contract);
    if (mismatch) return { ok: false, error: mismatch };
    if (!isChannel(channel)) return fail('NOT_FOUND', `Unknown channel "${String(channel).slice(0, 64)}"`);
    const def = channels[channel];
    try {
      // Which device, then who is calling, are settled before what they sent: a caller without
      // the right role learns nothing about a channel's input schema from its validation errors.
      const deviceId = deviceOf(channel, session);
      if (channel === 'devices.pair') await pairTries.take(session.address);
      const actor = actorOf(session, deviceId);
      // Handlers see the device the router authenticated, never a claim of the transport's.
      const caller: CallerSession = { ...session, deviceId: deviceId ?? undefined };
      if (def.role !== 'none') {
        if (!actor) return fail('UNAUTHENTICATED', 'Please sign in first');
        if (!roleAllows(actor.role, def.role)) return fail('FORBIDDEN', `Only a ${def.role} may do this (${channel})`);
      }
      const parsed = def.input.safeParse(input === undefined || input === null ? {} : input);
      if (!parsed.success) {
        return fail('VALIDATION', `Invalid input for ${channel}: ${parsed.error.issues[0]?.message ?? 'invalid'}`, zodIssues(parsed.error));
      }
      const handler = handlers[channel] as (c: typeof ctx, i: unknown, a: Actor | null, s: CallerSession) => unknown;
      const data = await handler(ctx, parsed.data, actor, caller);
      if (opts.checkOutputs) {
        const out = def.output.safeParse(data);
        if (!out.success) {
          ctx.log.error('output does not match the contract', { channel, issues: zodIssues(out.error) });
          return fail('INTERNAL', 'Something went wrong in the box office; it has been logged');
        }
      }
      return { ok: true, data };
    } catch (e) {
      if (e instanceof BoxOfficeError) return { ok: false, error: e.toBody() };
      const err = e as { code?: string; message?: string; stack?: string };
      if (err?.code === 'SQLITE_BUSY') {
        ctx.log.warn('database busy', { channel });
        return fail('CONFLICT', 'The box office is busy with another counter; please try again');
      }
      ctx.log.error('unexpected failure', { channel, message: err?.message, stack: err?.stack });
      return fail('INTERNAL', 'Something went wrong in the box office; it has been logged');
    }
  }

  return { dispatch, identify } as Router;
}
