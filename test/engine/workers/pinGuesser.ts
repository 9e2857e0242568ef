// A separate OS process for lockoutRace.test.ts: opens its own Engine on the shared database file,
// waits for the parent's "go", then types wrong PINs for one name as fast as it can and reports
// the error code of every attempt.
import { ManualClock } from '../../../electron/engine/clock';
import { Engine } from '../../../electron/engine/engine';
import { createRouter } from '../../../electron/engine/router';

export interface GuesserArgs { file: string; name: string; attempts: number; now: number }

const args = JSON.parse(process.argv[2]!) as GuesserArgs;
const engine = new Engine({ file: args.file, clock: new ManualClock(args.now) });
const router = createRouter(engine);

process.on('message', async (m) => {
  if (m !== 'go') return;
  const codes: string[] = [];
  for (let i = 0; i < args.attempts; i++) {
    const r = await router.dispatch('auth.login', { name: args.name, pin: '999999' }, { token: null });
    codes.push(r.ok ? 'OK' : r.error.code);
  }
  engine.close();
  process.send!({ type: 'report', codes }, () => process.exit(0));
});
process.send!({ type: 'ready' });
