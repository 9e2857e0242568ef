// `npm run lint`: fails when any file imports across the layering table of architecture.md, or
// when the project's own modules import each other in a circle (type-only imports aside).
import { checkCycles, checkLayers } from './layers';

const violations = checkLayers(process.cwd());
for (const v of violations) console.error(`${v.file}: imports "${v.specifier}": ${v.why}`);
const cycles = checkCycles(process.cwd());
for (const c of cycles) console.error(`import cycle: ${c.join(' -> ')}`);
if (violations.length || cycles.length) {
  if (violations.length) console.error(`layering: ${violations.length} violation(s)`);
  if (cycles.length) console.error(`layering: ${cycles.length} import cycle(s)`);
  process.exit(1);
}
console.log('layering: ok (no import cycles)');
