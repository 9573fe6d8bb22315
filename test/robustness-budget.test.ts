import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAnswerSet } from '../src/answers/load.js';
import { loadRubric } from '../src/rubric/load.js';
import { scoreAnswerSet } from '../src/scoring/score.js';
import { analyseUncertainty, prepareUncertainty, sampleScores, UncertaintySummary } from '../src/analysis/robustness/uncertainty.js';
import { analyseSensitivity } from '../src/analysis/robustness/sensitivity.js';
import { DEFAULT_MEMORY_BUDGET, runCost } from '../src/analysis/robustness/budget.js';
import { QuantileSketch, sketchCapacity, sketchRankError } from '../src/analysis/robustness/quantiles.js';
import { SampleRandom } from '../src/analysis/robustness/random.js';
import { main } from '../src/cli/main.js';
import { captureIO, hasStackTrace, ROOT } from './engine-helpers.js';
import { TOY } from './fixtures/robustness/toy-rubric.js';


/** The toy rubric with `units` units answering every combination of the four questions in turn. */
function toy(units: number) {
  const rubric = loadRubric(TOY).value!;
  const yn = (b: number) => (b ? 'yes' : 'no');
  const results = Array.from({ length: units }, (_, i) =>
    scoreAnswerSet(rubric, createAnswerSet({ rubric: 'toy@1.0.0', country: `U${String(i).padStart(2, '0')}`, year: 2020, answers: { a1: yn(i & 1), b1: yn(i & 2), c1: yn(i & 4), c2: yn(i & 8) } }), { reportMissing: false }),
  );
  return { rubric, results };
}

/** Bounds of the order statistics a quantile with rank error `e` may return: sorted[⌊h − e⌋] … sorted[⌈h + e⌉]. */
function band(sorted: Float64Array, q: number, e: number): [number, number] {
  const n = sorted.length;
  const h = (n - 1) * q;
  return [sorted[Math.max(0, Math.floor(h - e))]!, sorted[Math.min(n - 1, Math.ceil(h + e))]!];
}

describe('the quantile sketch', () => {
  it('stays within its rank-error bound of the exact quantiles on random data, in bounded memory', () => {
    const random = new SampleRandom().reseed(11, 0);
    const k = 64; // small, so that many levels compact on little data
    const kinds: Record<string, () => number> = {
      uniform: () => random.next(),
      skewed: () => random.next() ** 6 * 100,
      ties: () => Math.floor(random.next() * 7),
    };
    const qs = [0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1];
    for (const [kind, draw] of Object.entries(kinds)) {
      for (const n of [1, 50, 1000, 54_321, 200_000]) {
        const sketch = new QuantileSketch(k);
        const all = new Float64Array(n);
        for (let i = 0; i < n; i++) sketch.add((all[i] = draw()));
        expect(sketch.held, `${kind} ${n}`).toBeLessThanOrEqual(sketchCapacity(n, k));
        const sorted = all.sort();
        const e = sketchRankError(n, k);
        if (n >= 54_321) expect(e).toBeGreaterThan(0);
        const got = sketch.quantiles(qs);
        qs.forEach((q, i) => {
          const [lo, hi] = band(sorted, q, e);
          expect(got[i], `${kind} n=${n} q=${q}`).toBeGreaterThanOrEqual(lo);
          expect(got[i], `${kind} n=${n} q=${q}`).toBeLessThanOrEqual(hi);
        });
      }
    }
    // Sorted and reversed input, the hard cases for a compactor.
    for (const dir of [1, -1]) {
      const n = 100_000;
      const sketch = new QuantileSketch(k);
      for (let i = 0; i < n; i++) sketch.add(dir * i);
      const sorted = Float64Array.from({ length: n }, (_, i) => (dir > 0 ? i : i - n + 1));
      const e = sketchRankError(n, k);
      for (const q of qs) {
        const [lo, hi] = band(sorted, q, e);
        const x = sketch.quantile(q);
        expect(x).toBeGreaterThanOrEqual(lo);
        expect(x).toBeLessThanOrEqual(hi);
      }
    }
    // The declared default: below 0.06 % of the samples at the schema's maximum.
    expect(sketchRankError(10_000_000) / 10_000_000).toBeLessThan(0.0006);
  });
});

describe('run budgets', () => {
  it('refuse a huge sample count up front, with the figures, allocating nothing for the samples', () => {
    const { rubric, results } = toy(6);
    const before = process.memoryUsage().arrayBuffers;
    const r = analyseUncertainty(rubric, results, { weights: [{ level: 'area', noise: 0.25 }], samples: 10_000_000 });
    const grown = process.memoryUsage().arrayBuffers - before;
    expect(r.value).toBeUndefined();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.code).toBe('ROBUSTNESS_OVER_BUDGET');
    expect(r.problems[0]!.path).toBe('samples');
    expect(r.problems[0]!.message).toContain('10,000,000 samples of 6 units need 60,000,000 unit evaluations (160,000,000 with the drawing of the samples)');
    expect(r.problems[0]!.message).toContain('over the budget of 5,000,000');
    // Keeping the samples would take 480 MB.
    expect(grown).toBeLessThan(16 * 1024 * 1024);
    // The same for sensitivity, whose bootstrap counts too.
    const s = analyseSensitivity(rubric, results, { weights: [{ level: 'area', noise: 0.25 }], samples: 40_000 }, { bootstrap: 100_000 });
    expect(s.problems[0]?.code).toBe('ROBUSTNESS_OVER_BUDGET');
    expect(s.problems[0]?.message).toContain('bootstrap terms');
    // A raised budget lets a run through: 2,000 samples of 6 units, each sample drawn counting as 10 evaluations.
    const small = analyseUncertainty(rubric, results, { weights: [{ level: 'area', noise: 0.25 }], samples: 2000 }, undefined, { maxEvaluations: 2000 * (6 + 10) });
    expect(small.value?.samples).toBe(2000);
    expect(analyseUncertainty(rubric, results, { weights: [{ level: 'area', noise: 0.25 }], samples: 2001 }, undefined, { maxEvaluations: 2000 * (6 + 10) }).problems[0]?.code).toBe('ROBUSTNESS_OVER_BUDGET');
  });

  it('refuse a run whose summaries do not fit the memory budget even streamed', () => {
    const { rubric, results } = toy(16);
    const r = analyseUncertainty(rubric, results, { weights: [{ level: 'area', noise: 0.25 }], samples: 500_000 }, undefined, { memoryBudget: 1024 * 1024, maxEvaluations: 1e9 });
    expect(r.problems[0]?.code).toBe('ROBUSTNESS_OVER_BUDGET');
    expect(r.problems[0]?.message).toMatch(/would keep \d+ MiB of summaries even streamed \(62 MiB exact\), over the memory budget of 1 MiB/);
  });

  it('keep the memory of an uncertainty summary bounded whatever the samples, within the declared figure', () => {
    const { rubric, results } = toy(2);
    const ctx = prepareUncertainty(rubric, results, { weights: [{ level: 'area', noise: 0.25 }], samples: 1 }).value!;
    const U = 2;
    const random = new SampleRandom().reseed(3, 0);
    const held: number[] = [];
    for (const N of [200_000, 2_000_000]) {
      const summary = new UncertaintySummary(ctx, 'streamed');
      const block = new Float64Array(5000 * U);
      for (let a = 0; a < N; a += 5000) {
        for (let i = 0; i < block.length; i++) block[i] = 100 * random.next();
        summary.add(block);
      }
      const declared = runCost({ kind: 'uncertainty', samples: N, units: U, inputs: 1 }).streamedBytes;
      expect(summary.held * 8).toBeLessThanOrEqual(declared);
      held.push(summary.held);
    }
    // Ten times the samples, not ten times the memory (an exact summary would hold N × U numbers).
    expect(held[1]!).toBeLessThan(2 * held[0]!);
    expect(held[1]!).toBeLessThan((2_000_000 * U) / 10);
  }, 60_000);

  it('give score quantiles within the sketch bound, and every other figure identical, when the samples do not fit', () => {
    const { rubric, results } = toy(16);
    const spec = { weights: [{ level: 'area', noise: 0.4 }], missing: [{ rules: ['minimum' as const] }], samples: 60_000, seed: 4 };
    const exact = analyseUncertainty(rubric, results, spec).value!;
    expect(exact.quantileRankError).toBeUndefined();
    // 60,000 × 16 × 8 bytes = 7.3 MiB exact, 6.0 MiB streamed: a 7 MiB budget streams.
    const streamed = analyseUncertainty(rubric, results, spec, undefined, { memoryBudget: 7 * 1024 * 1024 }).value!;
    const e = sketchRankError(60_000);
    expect(streamed.quantileRankError).toBe(e / 60_000);
    const ctx = prepareUncertainty(rubric, results, spec).value!;
    const all = sampleScores(ctx, 0, 60_000);
    streamed.units.forEach((u, k) => {
      const x = exact.units[k]!;
      expect(u.score.mean).toBe(x.score.mean);
      expect(u.rank).toEqual(x.rank);
      expect(u.meanAbsRankShift).toBe(x.meanAbsRankShift);
      const col = Float64Array.from({ length: 60_000 }, (_, i) => all[i * 16 + k]!).sort();
      for (const [key, q] of [['median', 0.5], ['p05', 0.05], ['p95', 0.95]] as const) {
        const [lo, hi] = band(col, q, e);
        expect(u.score[key]).toBeGreaterThanOrEqual(lo);
        expect(u.score[key]).toBeLessThanOrEqual(hi);
      }
    });
  }, 60_000);

  it('stream sensitivity sums: the same point indices as the stored rows, in memory independent of N', () => {
    const { rubric, results } = toy(5);
    const spec = { weights: [{ level: 'area', noise: 0.6 }], leaveOneOut: true, samples: 3000, seed: 2 };
    const exact = analyseSensitivity(rubric, results, spec).value!;
    expect(exact.bootstrapMethod).toBeUndefined();
    const streamed = analyseSensitivity(rubric, results, spec, { memoryBudget: 64 * 1024 }).value!;
    expect(streamed.bootstrapMethod).toBe('poisson');
    streamed.inputs.forEach((i, k) => {
      expect(i.first).toBe(exact.inputs[k]!.first);
      expect(i.total).toBe(exact.inputs[k]!.total);
      expect(i.ci.total[0]).toBeLessThanOrEqual(i.ci.total[1]);
      // The two bootstraps estimate the same spread.
      const width = (c: [number, number]) => c[1] - c[0];
      expect(width(i.ci.total)).toBeLessThan(3 * width(exact.inputs[k]!.ci.total) + 1e-9);
      expect(width(exact.inputs[k]!.ci.total)).toBeLessThan(3 * width(i.ci.total) + 1e-9);
    });
    streamed.units.forEach((u, k) => {
      expect(u.variance).toBeCloseTo(exact.units[k]!.variance, 9);
      u.inputs.forEach((i, j) => expect(i.total).toBe(exact.units[k]!.inputs[j]!.total));
    });
    const a = runCost({ kind: 'sensitivity', samples: 1000, units: 5, inputs: 2 });
    const b = runCost({ kind: 'sensitivity', samples: 10_000_000, units: 5, inputs: 2 });
    expect(b.streamedBytes).toBe(a.streamedBytes);
    expect(b.exactBytes).toBeGreaterThan(DEFAULT_MEMORY_BUDGET);
  }, 60_000);
});

describe('streamed runs over worker threads', () => {
  it('give the figures of the streamed run in this thread, byte for byte', async () => {
    const { analyseSensitivityParallel, analyseUncertaintyParallel } = await import('../src/node/robustness.js');
    const { rubric, results } = toy(4);
    // 200,000 × 4 × 8 bytes = 6.1 MiB exact, 2.5 MiB streamed.
    const spec = { weights: [{ level: 'area', noise: 0.4 }], leaveOneOut: true, samples: 200_000, seed: 8 };
    const budget = { memoryBudget: 4 * 1024 * 1024 };
    const here = analyseUncertainty(rubric, results, spec, undefined, budget).value!;
    expect(here.quantileRankError).toBeGreaterThan(0);
    const there = await analyseUncertaintyParallel(rubric, results, spec, { ...budget, workers: 2, threshold: 0 });
    expect(JSON.stringify(there.value)).toBe(JSON.stringify(here));
    const sens = { ...spec, samples: 1500 };
    const small = { memoryBudget: 64 * 1024 };
    const one = analyseSensitivity(rubric, results, sens, small).value!;
    expect(one.bootstrapMethod).toBe('poisson');
    const two = await analyseSensitivityParallel(rubric, results, sens, { ...small, workers: 2, threshold: 0 });
    expect(JSON.stringify(two.value)).toBe(JSON.stringify(one));
  }, 120_000);
});

describe('the commands', () => {
  it('refuse a spec with a huge sample count, positioned at the count, and a flag the same way', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-budget-'));
    const spec = join(dir, 'spec.yaml');
    writeFileSync(spec, 'seed: 3\nsamples: 10000000\nweights:\n  - { level: area, noise: 0.25 }\n');
    const io = captureIO();
    const code = await main(['uncertainty', 'examples/demo/rubric', 'examples/demo/answers', '--spec', spec, '--max-evaluations', '1000000'], io);
    expect(code).toBe(1);
    expect(hasStackTrace(io.err())).toBe(false);
    expect(io.err()).toMatch(/spec\.yaml:2:10 error ROBUSTNESS_OVER_BUDGET 10,000,000 samples of 2 units need 20,000,000 unit evaluations \(120,000,000 with the drawing of the samples\), about \d+ s on one core, over the budget of 1,000,000/);
    const flag = captureIO();
    expect(await main(['sensitivity', 'examples/demo/rubric', 'examples/demo/answers', '--spec', spec, '--samples', '300000', '--max-evaluations', '1000000'], flag)).toBe(1);
    expect(flag.err()).toMatch(/^command line error ROBUSTNESS_OVER_BUDGET 300,000 base samples of 2 units and 1 input need 1,800,000 unit evaluations/m);
    const bad = captureIO();
    expect(await main(['uncertainty', 'examples/demo/rubric', 'examples/demo/answers', '--weight-noise', '0.2', '--memory-mib', '0'], bad)).toBe(2);
  }, 60_000);
});

describe('a whole run in a separate process', () => {
  it('keeps its peak memory far below what keeping the samples would take', () => {
    const script = join(ROOT, 'test/fixtures/robustness/memory-run.ts');
    // 2,500,000 samples of 4 units: 80 MB kept exactly; the streamed summaries hold under 5 MB.
    const out = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', script, '2500000', String(8 * 1024 * 1024)], { cwd: ROOT, encoding: 'utf8' })) as { grownKiB: number; samples: number; quantileRankError: number | null };
    expect(out.samples).toBe(2_500_000);
    expect(out.quantileRankError).toBeGreaterThan(0);
    expect(out.grownKiB).toBeLessThan(40 * 1024);
  }, 120_000);
});
