/**
 * Timings of the MIPEX pipeline on the official workbook (data/mipex/):
 * - import of the whole workbook (read + answer sets + published scores);
 * - exact scoring, with the full trace, of every imported country-year;
 * - verify-workbook end to end (rubric load, import, scoring, comparison).
 * Optionally writes a CPU profile of the scoring loop (`--profile <file.cpuprofile>`).
 *
 * Usage: npx tsx bench/mipex.ts [--runs 5] [--profile scoring.cpuprofile]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadRubricFile } from '../src/node/files.js';
import { importMipexWorkbook } from '../src/node/mipex/import.js';
import { readMipexWorkbook } from '../src/node/mipex/read-workbook.js';
import { verifyWorkbook } from '../src/node/mipex/verify.js';
import { scoreAnswerSet } from '../src/scoring/score.js';

const WORKBOOK = 'data/mipex/mipex_core_2007-2019.xlsx';
const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, profile: { type: 'string' } } });
const runs = Math.max(1, Number(values.runs));

async function time<T>(label: string, fn: () => Promise<T> | T): Promise<T> {
  const times: number[] = [];
  let out!: T;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    out = await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(`${label.padEnd(48)} median ${median.toFixed(1).padStart(8)} ms   min ${times[0]!.toFixed(1).padStart(8)} ms   (${runs} runs)`);
  return out;
}

const rubric = loadRubricFile('rubrics/mipex-2020').value!;
await time('read workbook (raw cells and blocks)', () => readMipexWorkbook(WORKBOOK));
const imported = await time('import workbook (answer sets + published scores)', () => importMipexWorkbook(WORKBOOK, { rubric }));
const sets = imported.answerSets;
await time(`score ${sets.length} country-years, exact with full trace`, () => {
  for (const s of sets) scoreAnswerSet(rubric, s, { reportMissing: false });
});
const verified = await time('verify-workbook end to end', () => verifyWorkbook(WORKBOOK));
console.log(`verify: compared ${verified.compared}, agreed ${verified.agreed}, disagreements ${verified.disagreements.length}`);

if (values.profile) {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  for (let i = 0; i < runs; i++) for (const s of sets) scoreAnswerSet(rubric, s, { reportMissing: false });
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(values.profile, JSON.stringify(profile));
  console.log(`CPU profile of the scoring loop written to ${values.profile}`);
}
