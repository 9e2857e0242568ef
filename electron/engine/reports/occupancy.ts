// PLACEHOLDER: signatures only, to be implemented (see handlers.ts).
import { BoxOfficeError, type ChannelOutput, type ParsedInput } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';

export function occupancyReport(_ctx: EngineCtx, _input: ParsedInput<'reports.occupancy'>, _actor: Actor): ChannelOutput<'reports.occupancy'> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'reports.occupancy is not implemented yet');
}
