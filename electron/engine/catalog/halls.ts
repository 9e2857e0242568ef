// PLACEHOLDER: signatures only, to be implemented (see handlers.ts).
import { BoxOfficeError, type ChannelOutput, type ParsedInput } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';

export function getHall(_ctx: EngineCtx, _input: ParsedInput<'halls.get'>, _actor: Actor): ChannelOutput<'halls.get'> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'halls.get is not implemented yet');
}

export function saveHall(_ctx: EngineCtx, _input: ParsedInput<'halls.save'>, _actor: Actor): ChannelOutput<'halls.save'> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'halls.save is not implemented yet');
}
