// The worker side of test/support/workerProcess.ts: say 'ready', run `race` on the parent's 'go',
// send its report (or the error), then close the Engine and let the process end.
import type { Engine } from '../../../electron/engine/engine';

export function runOnGo<R>(engine: Engine, race: () => Promise<R>): void {
  process.on('message', (msg) => {
    if (msg !== 'go') return;
    race()
      .then((report) => process.send!({ type: 'report', report }))
      .catch((e: unknown) => process.send!({ type: 'error', error: String((e as Error)?.stack ?? e) }))
      .finally(() => {
        engine.close();
        process.disconnect?.();
      });
  });
  process.send!({ type: 'ready' });
}
