// PLACEHOLDER: signatures only, to be implemented (see handlers.ts).
import { BoxOfficeError, type ChannelOutput, type ParsedInput } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';

export function getBooking(_ctx: EngineCtx, _input: ParsedInput<'bookings.get'>, _actor: Actor): ChannelOutput<'bookings.get'> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'bookings.get is not implemented yet');
}

export function searchBookings(_ctx: EngineCtx, _input: ParsedInput<'bookings.search'>, _actor: Actor): ChannelOutput<'bookings.search'> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'bookings.search is not implemented yet');
}
