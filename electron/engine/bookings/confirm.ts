// PLACEHOLDER: signatures only, to be implemented (see handlers.ts).
import { BoxOfficeError, type ChannelOutput, type ParsedInput } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';

export async function confirmBooking(_ctx: EngineCtx, _input: ParsedInput<'bookings.confirm'>, _actor: Actor): Promise<ChannelOutput<'bookings.confirm'>> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'bookings.confirm is not implemented yet');
}
