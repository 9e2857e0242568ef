// A separate OS process for admissionsRace.test.ts: one door with its own Engine (its own SQLite
// connection) on the shared file. After the parent's "go" it scans every code of its list through
// the router, as fast as it can, and reports each answer.
import { ManualClock } from '../../../electron/engine/clock';
import { Engine } from '../../../electron/engine/engine';
import { createRouter } from '../../../electron/engine/router';

export interface ScannerArgs { file: string; token: string; showId: string; codes: string[]; now: number; door: string }
export interface ScannerReport { door: string; answers: { code: string; result: string; admitted: string[] }[] }

const args = JSON.parse(process.argv[2]!) as ScannerArgs;
const engine = new Engine({ file: args.file, clock: new ManualClock(args.now) });
const router = createRouter(engine, { checkOutputs: true });

process.on('message', async (m) => {
  if (m !== 'go') return;
  try {
    const answers: ScannerReport['answers'] = [];
    for (const code of args.codes) {
      const r = await router.dispatch('admissions.scan', { code, showId: args.showId, door: args.door }, { token: args.token });
      if (!r.ok) throw new Error(`${code}: ${JSON.stringify(r.error)}`);
      answers.push({ code, result: r.data.result, admitted: r.data.result === 'admitted' ? r.data.tickets.map((t) => t.id) : [] });
    }
    process.send?.({ type: 'report', report: { door: args.door, answers } satisfies ScannerReport });
  } catch (e) {
    process.send?.({ type: 'error', error: String(e) });
  } finally {
    engine.close();
    process.disconnect?.();
  }
});
process.send?.({ type: 'ready' });
