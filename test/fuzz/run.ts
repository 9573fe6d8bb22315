/**
 * `npm run fuzz -- --inputs 100000 --seed 1 [--class NAME]`: runs seeded hostile inputs through
 * every loader and prints a table by input class.
 */
import { inputClasses, rng, runCase } from './fuzz.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
};
const total = Number(opt('inputs', '1000'));
const seed = Number(opt('seed', '1'));
const only = opt('class', '');
const slowMs = Number(opt('slow-ms', '2000'));

const rows: string[] = [];
let failures = 0;
const classes = inputClasses().filter((c) => !only || c.cls.name === only);
const shareSum = classes.reduce((s, c) => s + c.share, 0);
for (const [ci, { cls, share }] of classes.entries()) {
  const n = Math.round((total * share) / shareSum);
  const r = rng(seed * 1000 + ci);
  let exceptions = 0;
  let slow = 0;
  let outside = 0;
  let noPos = 0;
  let proto = 0;
  let worst = 0;
  const examples: string[] = [];
  for (let i = 0; i < n; i++) {
    const input = cls.make(r);
    const t0 = performance.now();
    const res = await runCase(input.run);
    const ms = performance.now() - t0;
    worst = Math.max(worst, ms);
    // Bound proportional to the input: 2 s, plus 1 s per 10 MB.
    if (ms > slowMs + input.size / 10_000) slow++;
    if (res.exception) {
      exceptions++;
      if (examples.length < 3) examples.push(`${cls.name} #${i}: ${res.exception}`);
    }
    if (res.outside) outside++;
    if (res.scoringWithoutPosition) noPos++;
    if (res.prototypeChanged) proto++;
  }
  failures += exceptions + slow + outside + proto;
  rows.push(`| ${cls.name} | ${n} | ${exceptions} | ${slow} | ${outside} | ${noPos} | ${proto} | ${Math.round(worst)} |`);
  for (const e of examples) console.error(e);
  console.error(`done: ${rows[rows.length - 1]}`);
}
console.log(`seed ${seed}`);
console.log('| class | inputs | exceptions | > 2 s | positions outside file | scoring diagnostics without position | Object.prototype changed | slowest ms |');
console.log('|---|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
process.exitCode = failures > 0 ? 1 : 0;
