// `npm run lint`: fails when any file imports across the layering table of architecture.md.
import { checkLayers } from './layers';

const violations = checkLayers(process.cwd());
for (const v of violations) console.error(`${v.file}: imports "${v.specifier}": ${v.why}`);
if (violations.length) {
  console.error(`layering: ${violations.length} violation(s)`);
  process.exit(1);
}
console.log('layering: ok');
