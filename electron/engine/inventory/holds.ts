// PLACEHOLDER: signatures only, to be implemented (see handlers.ts).
import { BoxOfficeError, type ChannelOutput, type ParsedInput } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';

export function holdSeats(_ctx: EngineCtx, _input: ParsedInput<'seats.hold'>, _actor: Actor): ChannelOutput<'seats.hold'> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'seats.hold is not implemented yet');
}

export function releaseSeats(_ctx: EngineCtx, _input: ParsedInput<'seats.release'>, _actor: Actor): ChannelOutput<'seats.release'> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'seats.release is not implemented yet');
}
