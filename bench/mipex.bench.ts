/**
 * MIPEX pipeline on the official workbook (data/mipex/): import of the whole workbook, exact
 * scoring with the full trace of every imported country-year, and verify-workbook end to end.
 */
import { loadRubricFile, loadAnswerSetFiles } from '../src/node/files.js';
import { importMipexWorkbook } from '../src/node/mipex/import.js';
import { readMipexWorkbook } from '../src/node/mipex/read-workbook.js';
import { verifyWorkbook } from '../src/node/mipex/verify.js';
import { scoreAnswerSet } from '../src/scoring/score.js';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Bench } from './run.js';

const WORKBOOK = 'data/mipex/mipex_core_2007-2019.xlsx';

export async function run(bench: Bench): Promise<void> {
  const rubric = loadRubricFile('rubrics/mipex-2020').value!;
  bench.section('MIPEX workbook');
  await bench.time('read workbook (raw cells and blocks)', () => readMipexWorkbook(WORKBOOK), { iterations: 5, warmup: 1 });
  await bench.time('import workbook (answer sets + published scores)', () => importMipexWorkbook(WORKBOOK, { rubric }), { iterations: 5, warmup: 1 });
  const imported = await importMipexWorkbook(WORKBOOK, { rubric });
  const sets = imported.answerSets;
  await bench.time(`score all ${sets.length} country-years, exact, full trace (sources via tsx)`, () => {
    for (const s of sets) scoreAnswerSet(rubric, s, { reportMissing: false });
  }, { iterations: 30, warmup: 5 });
  // The same with the built package, as users run it (tsx wraps every closure to keep its name,
  // which costs this closure-heavy loop a lot). `npm run bench` builds first.
  if (existsSync('dist/index.js')) {
    const built = (await import(pathToFileURL('dist/index.js').href)) as typeof import('../src/index.js');
    await bench.time(`score all ${sets.length} country-years, exact, full trace (built package)`, () => {
      for (const s of sets) built.scoreAnswerSet(rubric, s, { reportMissing: false });
    }, { iterations: 30, warmup: 5 });
    // The goal: the 56 country sets of one year, full trace, median at most 5 ms; and the
    // lean totals (no trace) that bulk commands use.
    // The latest year with the most country sets (2019: 56 countries; 2021 holds one).
    const perYear = new Map<number, number>();
    for (const s of sets) perYear.set(s.year, (perYear.get(s.year) ?? 0) + 1);
    const year = [...perYear].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]![0];
    const latest = sets.filter((s) => s.year === year);
    await bench.time(`score the ${latest.length} country sets of ${year}, exact, full trace (built package)`, () => {
      for (const s of latest) built.scoreAnswerSet(rubric, s, { reportMissing: false });
    }, { iterations: 200, warmup: 20 });
    await bench.time(`score the ${latest.length} country sets of ${year}, exact, totals only (built package)`, () => {
      for (const s of latest) built.scoreTotals(rubric, s, { reportMissing: false });
    }, { iterations: 200, warmup: 20 });
  } else console.log('mipex: dist/ is missing, so the built package is not timed (run npm run build)');
  await bench.time('load the 576 shipped answer-set files (YAML)', () => loadAnswerSetFiles(['examples/mipex']), { iterations: 5, warmup: 1 });
  await bench.time('verify-workbook end to end (in-process)', () => verifyWorkbook(WORKBOOK), { iterations: 5, warmup: 1 });
}
