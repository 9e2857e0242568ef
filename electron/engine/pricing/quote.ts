// PLACEHOLDER: signatures only, to be implemented (see handlers.ts).
import { BoxOfficeError, type ChannelOutput, type ParsedInput } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';

export function quoteTickets(_ctx: EngineCtx, _input: ParsedInput<'pricing.quote'>, _actor: Actor): ChannelOutput<'pricing.quote'> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'pricing.quote is not implemented yet');
}
