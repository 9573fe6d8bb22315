/**
 * `npm run fuzz -- --inputs 100000 --seed 1 [--class NAME] [--part NAMES] [--save DIR]`: runs
 * seeded hostile inputs through every loader and prints a table by input class.
 *
 * `--class NAME` runs all the inputs in one class. `--part NAME,NAME…` runs only the named
 * classes of the whole campaign, with the same inputs (count and seed) they have in it, so
 * that a campaign can be split over several processes and its tables put together.
 *
 * An input slower than the bound (2 s plus 1 s per 10 MB) is run twice more at once, and counts
 * as slow only if every run is; the machine may be busy with other work. With `--save DIR`,
 * every failing input is written to `DIR/<class>-<n>/` for minimising; `--only N,M…` runs only
 * those inputs of the class (counted as the inputs of the run).
 *
 * The classes of `surfaces.ts` run in a separate worker process, stopped when an input is
 * blocked (almost no CPU) for `--hang-ms` (default 5000: a hang), has used `--cpu-ms` of CPU
 * (default 10000: slow) or grows past `--memory-mib` (default 1024); their time is the smaller
 * of wall and CPU time (the machine may be busy), their peak memory the worker's own peak
 * during each input. For the other classes (run in this process) the peak is this process's
 * high-water mark so far.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { caseFailed, inputClasses, rng, runCase, type FuzzInput } from './fuzz.js';
import { LIMITS, stopChild } from './child.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
};
const total = Number(opt('inputs', '1000'));
const seed = Number(opt('seed', '1'));
const only = opt('class', '');
const slowMs = Number(opt('slow-ms', '2000'));
const saveDir = opt('save', '');
// `--only 12,40`: run only these inputs of the class (by number, as reported), e.g. to check a fix.
const onlyInputs = new Set(opt('only', '').split(',').filter(Boolean).map(Number));
LIMITS.hangMs = Number(opt('hang-ms', String(LIMITS.hangMs)));
LIMITS.cpuMs = Number(opt('cpu-ms', String(LIMITS.cpuMs)));
LIMITS.memoryBytes = Number(opt('memory-mib', String(LIMITS.memoryBytes / 1024 ** 2))) * 1024 ** 2;

const slug = (s: string): string => s.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();
function save(cls: string, i: number, input: FuzzInput, why: string[]): void {
  if (!saveDir) return;
  const dir = join(saveDir, `${slug(cls)}-${i}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(input.files)) writeFileSync(join(dir, name.replace(/\//g, '__')), content);
  writeFileSync(join(dir, 'WHY.txt'), `${why.join('\n')}\n`);
}

const rows: string[] = [];
let failures = 0;
const started = Date.now();
const part = opt('part', '').split(',').map((s) => s.trim()).filter(Boolean);
const all = inputClasses();
for (const name of [only, ...part]) {
  if (name && !all.some((c) => c.cls.name === name)) {
    console.error(`fuzz: no input class "${name}"; the classes are: ${all.map((c) => c.cls.name).join(', ')}`);
    process.exit(2);
  }
}
// Seeds and counts come from a class's place in the whole campaign (or in `--class` alone).
const campaign = only ? all.filter((c) => c.cls.name === only) : all;
const shareSum = campaign.reduce((s, c) => s + c.share, 0);
for (const [ci, { cls, share }] of campaign.entries()) {
  if (part.length > 0 && !part.includes(cls.name)) continue;
  const n = Math.round((total * share) / shareSum);
  const r = rng(seed * 1000 + ci);
  let exceptions = 0;
  let slow = 0;
  let slowFirst = 0;
  let outside = 0;
  let noPos = 0;
  let pathsOutside = 0;
  let proto = 0;
  let worst = 0;
  let ran = 0;
  let overwritten = 0;
  let unloadable = 0;
  let leftAfterFailure = 0;
  let hangs = 0;
  let overMemory = 0;
  let peak = 0;
  const examples: string[] = [];
  const classStart = Date.now();
  for (let i = 0; i < n; i++) {
    const input = cls.make(r);
    if (onlyInputs.size > 0 && !onlyInputs.has(i)) continue;
    ran++;
    const bound = slowMs + input.size / 10_000;
    // Time of a run: wall time, or its CPU time when smaller (measured for runs in the case
    // worker: the machine may be busy with other work).
    const timed = async () => {
      const t0 = performance.now();
      const res = await runCase(input.run);
      const wall = performance.now() - t0;
      return { res, ms: res.cpuMs !== undefined ? Math.min(wall, res.cpuMs) : wall };
    };
    const first = await timed();
    const res = first.res;
    let ms = first.ms;
    const why: string[] = [];
    if (res.stoppedComputing) {
      slow++;
      why.push(`slow: stopped after ${Math.round(res.cpuMs ?? 0)} ms of CPU (size ${input.size})`);
    } else if (ms > bound && !res.hang && !res.overMemory) {
      slowFirst++;
      // Run again twice: only an input slow every time counts.
      for (let k = 0; k < 2 && ms > bound; k++) ms = Math.min(ms, (await timed()).ms);
      if (ms > bound) {
        slow++;
        why.push(`slow: ${Math.round(ms)} ms (bound ${Math.round(bound)} ms, size ${input.size})`);
      }
    }
    worst = Math.max(worst, ms);
    if (res.exception) {
      exceptions++;
      why.push(`exception: ${res.exception}`);
    }
    if (res.outside) outside++;
    if (res.scoringWithoutPosition) noPos++;
    if (res.pathsOutside) pathsOutside++;
    if (res.prototypeChanged) {
      proto++;
      why.push('Object.prototype changed');
    }
    if (res.overwritten) overwritten++;
    if (res.unloadable) unloadable++;
    if (res.leftAfterFailure) leftAfterFailure++;
    if (res.hang) {
      hangs++;
      why.push(`hang: blocked for ${LIMITS.hangMs} ms (or no answer in ${LIMITS.wallMs} ms)`);
    }
    if (res.overMemory) {
      overMemory++;
      why.push(`memory: over ${Math.round(LIMITS.memoryBytes / 1024 ** 2)} MiB`);
    }
    peak = Math.max(peak, res.peakRss || process.resourceUsage().maxRSS * 1024);
    if (caseFailed(res) && why.length === 0) why.push('failed');
    why.push(...res.details);
    if (why.length > 0 && (caseFailed(res) || why.some((w) => w.startsWith('slow')))) {
      if (examples.length < 5) examples.push(`${cls.name} #${i}: ${why.join('; ')}`);
      save(cls.name, i, input, why);
    }
    if ((i + 1) % 1000 === 0) console.error(`${cls.name}: ${i + 1}/${n} (${Math.round((Date.now() - classStart) / 1000)} s)`);
  }
  failures += exceptions + slow + outside + noPos + pathsOutside + proto + overwritten + unloadable + hangs + overMemory;
  const mib = Math.round(peak / 1024 ** 2);
  rows.push(`| ${cls.name} | ${ran} | ${exceptions} | ${slow} | ${hangs} | ${outside} | ${noPos} | ${pathsOutside} | ${overwritten} | ${unloadable} | ${leftAfterFailure} | ${proto} | ${overMemory} | ${mib} | ${Math.round(worst)} |`);
  for (const e of examples) console.error(e);
  console.error(`done in ${Math.round((Date.now() - classStart) / 1000)} s (${slowFirst} over the bound at first, re-run): ${rows[rows.length - 1]}`);
}
console.log(`seed ${seed}, ${total} inputs, ${Math.round((Date.now() - started) / 1000)} s`);
console.log('| class | inputs | exceptions | > 2 s | hangs | positions outside file | scoring diagnostics without position | paths outside --out | inputs overwritten | outputs that fail to load | files left by a failed run | Object.prototype changed | over memory limit | peak MiB | slowest ms |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
stopChild();
process.exitCode = failures > 0 ? 1 : 0;
