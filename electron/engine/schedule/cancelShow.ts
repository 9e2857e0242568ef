// PLACEHOLDER: signatures only, to be implemented (see handlers.ts).
import { BoxOfficeError, type ChannelOutput, type ParsedInput } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';

export function cancelShow(_ctx: EngineCtx, _input: ParsedInput<'shows.cancel'>, _actor: Actor): ChannelOutput<'shows.cancel'> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'shows.cancel is not implemented yet');
}
