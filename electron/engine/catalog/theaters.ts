// PLACEHOLDER: signatures only, to be implemented (see handlers.ts).
import { BoxOfficeError, type ChannelOutput, type ParsedInput } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';

export function listTheaters(_ctx: EngineCtx, _input: ParsedInput<'theaters.list'>, _actor: Actor): ChannelOutput<'theaters.list'> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'theaters.list is not implemented yet');
}

export function saveTheater(_ctx: EngineCtx, _input: ParsedInput<'theaters.save'>, _actor: Actor): ChannelOutput<'theaters.save'> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'theaters.save is not implemented yet');
}
