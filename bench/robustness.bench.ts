/**
 * Uncertainty and sensitivity on MIPEX 2019 (56 countries): ±25 % uniform noise on the 8 area
 * weights. For comparison, COINr 1.1.14 on the same inputs takes 2–3 s for N = 100 and about
 * 26 s for N = 1,000 on the same kind of machine.
 */
import { loadAnswerSetFiles, loadRubricFile } from '../src/node/files.js';
import { scoreAnswerSet } from '../src/scoring/score.js';
import { analyseSensitivity } from '../src/analysis/robustness/sensitivity.js';
import { analyseUncertainty, prepareUncertainty, sampleScores } from '../src/analysis/robustness/uncertainty.js';
import { analyseUncertaintyParallel } from '../src/node/robustness.js';
import type { Bench } from './run.js';

export async function run(bench: Bench): Promise<void> {
  const rubric = loadRubricFile('rubrics/mipex-2020').value!;
  const sets = loadAnswerSetFiles(['examples/mipex']).value!.filter((s) => s.year === 2019);
  const results = sets.map((s) => scoreAnswerSet(rubric, s, { reportMissing: false }));
  const spec = (samples: number) => ({ weights: [{ level: 'area', noise: 0.25 }], samples, seed: 1 });
  bench.section(`Uncertainty, MIPEX 2019 (${results.length} countries, ±25 % on the area weights)`);
  await bench.time('N = 1,000 in-process (sampling + summary)', () => analyseUncertainty(rubric, results, spec(1000)), { iterations: 30, warmup: 3 });
  await bench.time('N = 10,000 in-process', () => analyseUncertainty(rubric, results, spec(10_000)), { iterations: 7, warmup: 1 });
  await bench.time('N = 100,000 with workers', () => analyseUncertaintyParallel(rubric, results, spec(100_000)), { iterations: 3, warmup: 1 });
  const ctx = prepareUncertainty(rubric, results, spec(1000)).value!;
  await bench.time('N = 1,000 sampling only (float plan)', () => sampleScores(ctx, 0, 1000), { iterations: 30, warmup: 3 });
  bench.section('Sensitivity, MIPEX 2019');
  const four = { weights: [{ level: 'area', noise: 0.25, id: 'area-weights' }, { level: 'indicator', noise: 0.25, id: 'indicator-weights' }], missing: [{ rules: ['minimum'] as ('omit' | 'minimum')[] }], leaveOneOut: true, samples: 1000, seed: 1 };
  await bench.time('4 inputs, N = 1,000 base samples (6,000 runs, 200 bootstraps)', () => analyseSensitivity(rubric, results, four), { iterations: 5, warmup: 1 });
}
