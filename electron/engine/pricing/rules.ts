// PLACEHOLDER: signatures only, to be implemented (see handlers.ts).
import { BoxOfficeError, type ChannelOutput, type ParsedInput } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';

export function getPricing(_ctx: EngineCtx, _input: ParsedInput<'pricing.get'>, _actor: Actor): ChannelOutput<'pricing.get'> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'pricing.get is not implemented yet');
}

export function savePricing(_ctx: EngineCtx, _input: ParsedInput<'pricing.save'>, _actor: Actor): ChannelOutput<'pricing.save'> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'pricing.save is not implemented yet');
}
