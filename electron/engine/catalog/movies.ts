// PLACEHOLDER: signatures only, to be implemented (see handlers.ts).
import { BoxOfficeError, type ChannelOutput, type ParsedInput } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';

export function searchMovies(_ctx: EngineCtx, _input: ParsedInput<'movies.search'>, _actor: Actor): ChannelOutput<'movies.search'> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'movies.search is not implemented yet');
}

export function saveMovie(_ctx: EngineCtx, _input: ParsedInput<'movies.save'>, _actor: Actor): ChannelOutput<'movies.save'> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'movies.save is not implemented yet');
}

export function archiveMovie(_ctx: EngineCtx, _input: ParsedInput<'movies.archive'>, _actor: Actor): ChannelOutput<'movies.archive'> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'movies.archive is not implemented yet');
}
