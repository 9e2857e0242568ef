// PLACEHOLDER: signatures only, to be implemented (see handlers.ts).
import { BoxOfficeError, type ChannelOutput, type ParsedInput } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';

export function listShows(_ctx: EngineCtx, _input: ParsedInput<'shows.list'>, _actor: Actor): ChannelOutput<'shows.list'> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'shows.list is not implemented yet');
}

export function saveShow(_ctx: EngineCtx, _input: ParsedInput<'shows.save'>, _actor: Actor): ChannelOutput<'shows.save'> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'shows.save is not implemented yet');
}
