// PLACEHOLDER: signatures only, to be implemented (see handlers.ts).
import { BoxOfficeError, type ChannelOutput, type ParsedInput } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';

export function currentShift(_ctx: EngineCtx, _input: ParsedInput<'shifts.current'>, _actor: Actor): ChannelOutput<'shifts.current'> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'shifts.current is not implemented yet');
}

export function openShift(_ctx: EngineCtx, _input: ParsedInput<'shifts.open'>, _actor: Actor): ChannelOutput<'shifts.open'> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'shifts.open is not implemented yet');
}

export function closeShift(_ctx: EngineCtx, _input: ParsedInput<'shifts.close'>, _actor: Actor): ChannelOutput<'shifts.close'> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'shifts.close is not implemented yet');
}

export function listShifts(_ctx: EngineCtx, _input: ParsedInput<'shifts.list'>, _actor: Actor): ChannelOutput<'shifts.list'> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'shifts.list is not implemented yet');
}
