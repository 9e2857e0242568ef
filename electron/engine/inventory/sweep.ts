// PLACEHOLDER: signatures only, to be implemented.
import type { EngineCtx } from '../context';

/** Deletes expired holds and their claims, publishes seats.changed per show; returns holds ended. */
export function sweepExpiredHolds(_ctx: EngineCtx): number {
  return 0;
}
