// PLACEHOLDER: signatures only, to be implemented (see handlers.ts).
import { BoxOfficeError, type ChannelOutput, type ParsedInput } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';

export function bestAvailable(_ctx: EngineCtx, _input: ParsedInput<'seats.bestAvailable'>, _actor: Actor): ChannelOutput<'seats.bestAvailable'> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'seats.bestAvailable is not implemented yet');
}
