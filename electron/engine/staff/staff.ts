// PLACEHOLDER: signatures only, to be implemented (see handlers.ts).
import { BoxOfficeError, type ChannelOutput, type ParsedInput } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';

export function listStaff(_ctx: EngineCtx, _input: ParsedInput<'staff.list'>, _actor: Actor): ChannelOutput<'staff.list'> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'staff.list is not implemented yet');
}

export function saveStaff(_ctx: EngineCtx, _input: ParsedInput<'staff.save'>, _actor: Actor): ChannelOutput<'staff.save'> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'staff.save is not implemented yet');
}
