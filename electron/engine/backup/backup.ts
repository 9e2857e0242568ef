// PLACEHOLDER: signatures only, to be implemented (see handlers.ts).
import { BoxOfficeError, type ChannelOutput, type ParsedInput } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';

export async function createBackup(_ctx: EngineCtx, _input: ParsedInput<'backup.create'>, _actor: Actor): Promise<ChannelOutput<'backup.create'>> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'backup.create is not implemented yet');
}

export function listBackups(_ctx: EngineCtx, _input: ParsedInput<'backup.list'>, _actor: Actor): ChannelOutput<'backup.list'> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'backup.list is not implemented yet');
}

export async function restoreBackup(_ctx: EngineCtx, _input: ParsedInput<'backup.restore'>, _actor: Actor): Promise<ChannelOutput<'backup.restore'>> {
  throw new BoxOfficeError('NOT_SUPPORTED', 'backup.restore is not implemented yet');
}
