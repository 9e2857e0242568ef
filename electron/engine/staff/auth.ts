// PLACEHOLDER: signatures only, to be implemented (see handlers.ts).
import { BoxOfficeError, type ChannelOutput, type ParsedInput } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';

export function authStatus(_ctx: EngineCtx, _input: ParsedInput<'auth.status'>, _actor: Actor | null): ChannelOutput<'auth.status'> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'auth.status is not implemented yet');
}

export function authSetup(_ctx: EngineCtx, _input: ParsedInput<'auth.setup'>, _actor: Actor | null): ChannelOutput<'auth.setup'> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'auth.setup is not implemented yet');
}

export function authLogin(_ctx: EngineCtx, _input: ParsedInput<'auth.login'>, _actor: Actor | null): ChannelOutput<'auth.login'> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'auth.login is not implemented yet');
}

export function authLogout(_ctx: EngineCtx, _input: ParsedInput<'auth.logout'>, _actor: Actor): ChannelOutput<'auth.logout'> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'auth.logout is not implemented yet');
}
/** The signed-in staff member behind a session token, or null (unknown, expired or deactivated). */
export function resolveSession(_ctx: EngineCtx, _token: string): Actor | null {
  throw new BoxOfficeError('NOT_SUPPORTED', 'resolveSession is not implemented yet');
}

/** Checks a manager's name and PIN typed at a counter (override approval); LOCKED_OUT rules apply. */
export function verifyManager(_ctx: EngineCtx, _name: string, _pin: string): Actor {
  throw new BoxOfficeError('NOT_SUPPORTED', 'verifyManager is not implemented yet');
}
