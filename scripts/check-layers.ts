// `npm run lint`: fails the build on an import that crosses a layer the wrong way (see scripts/layers.ts).
import { checkCycles, checkTree } from './layers';

const problems = [...checkTree(process.cwd()), ...checkCycles(process.cwd())];
if (problems.length) {
  console.error(`Layer violations (${problems.length}):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('layers: every import flows the allowed way, no cycles');
