// PLACEHOLDER: signatures only, to be implemented (see handlers.ts).
import { BoxOfficeError, type ChannelOutput, type ParsedInput } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';

export function getReceipt(_ctx: EngineCtx, _input: ParsedInput<'receipts.get'>, _actor: Actor): ChannelOutput<'receipts.get'> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'receipts.get is not implemented yet');
}

export async function printReceipt(_ctx: EngineCtx, _input: ParsedInput<'receipts.print'>, _actor: Actor): Promise<ChannelOutput<'receipts.print'>> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'receipts.print is not implemented yet');
}
