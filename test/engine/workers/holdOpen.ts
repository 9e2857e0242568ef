// A separate OS process for backup.test.ts: a second box office (its own Engine) on the same
// database file, open until the parent says "close".
import { Engine } from '../../../electron/engine/engine';

const engine = new Engine({ file: process.argv[2]! });
engine.ctx.db.prepare('SELECT COUNT(*) FROM movies').get();
process.on('message', (m) => {
  if (m !== 'close') return;
  engine.close();
  process.send!('closed', () => process.exit(0));
});
process.send!('ready');
