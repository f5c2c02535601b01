// `npx tsx scripts/fuzz.ts [seed] [casesPerPair] [command...]`: the contract fuzzer (engine/fuzzkit.ts) on a longer run
// than `npm test`'s fixed seed. Prints the figures (commands × callers × cases, INTERNAL count, refused-with-write count,
// replies by code) and each fault to replay; exits 1 when it found any.
import { isCommandName } from '../src/contract';
import type { CommandName } from '../src/contract';
import { runFuzz } from '../engine/fuzzkit';

const [seedArg, casesArg, ...only] = process.argv.slice(2);
const seed = seedArg === undefined ? Date.now() % 2 ** 31 : Number(seedArg);
const casesPerPair = casesArg === undefined ? 60 : Number(casesArg);
if (!Number.isSafeInteger(seed) || !Number.isSafeInteger(casesPerPair) || casesPerPair < 1) {
  console.error('usage: npx tsx scripts/fuzz.ts [seed] [casesPerPair] [command...]');
  process.exit(2);
}
const unknown = only.filter((n) => !isCommandName(n));
if (unknown.length) {
  console.error(`unknown command(s): ${unknown.join(', ')}`);
  process.exit(2);
}
const started = Date.now();
const f = await runFuzz({ seed, casesPerPair, ...(only.length ? { commands: only as CommandName[] } : {}), onProgress: (n) => process.stderr.write(`${n} `) });
process.stderr.write('\n');
console.log(`seed ${f.seed}: ${f.commands} commands × ${f.callers} callers (4 roles + signed out) × ${f.casesPerPair} cases = ${f.calls} calls in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`INTERNAL: ${f.internal}   refused with a write: ${f.refusedWithWrite}   refusals kept on purpose: ${f.keptRefusals}`);
console.log('replies by code:', Object.entries(f.byCode).sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(', '));
for (const fault of f.faults) console.log(`FAULT ${fault.command} as ${fault.caller}: ${fault.code}${fault.wrote ? ' (wrote)' : ''}\n  input ${fault.input}`);
process.exit(f.internal + f.refusedWithWrite === 0 ? 0 : 1);
