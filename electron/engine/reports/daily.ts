// PLACEHOLDER: signatures only, to be implemented (see handlers.ts).
import { BoxOfficeError, type ChannelOutput, type ParsedInput } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';

export function dailyReport(_ctx: EngineCtx, _input: ParsedInput<'reports.daily'>, _actor: Actor): ChannelOutput<'reports.daily'> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'reports.daily is not implemented yet');
}
