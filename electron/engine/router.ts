// The one entry point of every transport: authorise, validate, run, wrap in the envelope.
// It never throws and never leaks internals: unknown failures become INTERNAL with a generic
// message, and the details go to the log.
import type { z } from 'zod';
import {
  BoxOfficeError, channels, isChannel, roleAllows, type Channel, type ChannelOutput, type Envelope,
  type ErrorBody,
} from '../../shared/contract';
import type { Actor, CallerSession } from './context';
import type { Engine } from './engine';
import { handlers } from './handlers';
import { resolveSession } from './staff/sessions';

export type { CallerSession };

export interface RouterOptions {
  /** Check every output against the contract's schema (on in tests: catches drift). */
  checkOutputs?: boolean;
}

export interface Router {
  dispatch<C extends Channel>(channel: C, input: unknown, session: CallerSession): Promise<Envelope<ChannelOutput<C>>>;
  dispatch(channel: string, input: unknown, session: CallerSession): Promise<Envelope<unknown>>;
}

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

  async function dispatch(channel: string, input: unknown, session: CallerSession): Promise<Envelope<unknown>> {
    if (!isChannel(channel)) return fail('NOT_FOUND', `Unknown channel "${String(channel).slice(0, 64)}"`);
    const def = channels[channel];
    try {
      // Who is calling is settled before what they sent: a caller without the right role learns
      // nothing about a channel's input schema from its validation errors.
      const actor: Actor | null = session.token ? resolveSession(ctx, session.token) : null;
      if (def.role !== 'none') {
        if (!actor) return fail('UNAUTHENTICATED', 'Please sign in first');
        if (!roleAllows(actor.role, def.role)) return fail('FORBIDDEN', `Only a ${def.role} may do this (${channel})`);
      }
      const parsed = def.input.safeParse(input === undefined || input === null ? {} : input);
      if (!parsed.success) {
        return fail('VALIDATION', `Invalid input for ${channel}: ${parsed.error.issues[0]?.message ?? 'invalid'}`, zodIssues(parsed.error));
      }
      const handler = handlers[channel] as (c: typeof ctx, i: unknown, a: Actor | null, s: CallerSession) => unknown;
      const data = await handler(ctx, parsed.data, actor, session);
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

  return { dispatch } as Router;
}
