// PLACEHOLDER: signatures only, to be implemented (see handlers.ts).
import { BoxOfficeError, type ChannelOutput, type ParsedInput } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';

export async function cancelBooking(_ctx: EngineCtx, _input: ParsedInput<'bookings.cancel'>, _actor: Actor): Promise<ChannelOutput<'bookings.cancel'>> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'bookings.cancel is not implemented yet');
}

export function refundQuote(_ctx: EngineCtx, _input: ParsedInput<'bookings.refundQuote'>, _actor: Actor): ChannelOutput<'bookings.refundQuote'> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'bookings.refundQuote is not implemented yet');
}
