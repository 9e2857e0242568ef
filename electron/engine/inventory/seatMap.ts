// PLACEHOLDER: signatures only, to be implemented (see handlers.ts).
import { BoxOfficeError, type ChannelOutput, type ParsedInput } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';

export function seatMap(_ctx: EngineCtx, _input: ParsedInput<'seats.map'>, _actor: Actor): ChannelOutput<'seats.map'> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'seats.map is not implemented yet');
}
