import { describe, expect, it } from 'vitest';
import { createAnswerSet } from '../src/answers/load.js';
import { loadRubric } from '../src/rubric/load.js';
import { scoreAnswerSet } from '../src/scoring/score.js';
import { loadAnswerSetFiles, loadRubricFile } from '../src/node/files.js';
import { rankResults } from '../src/analysis/compare.js';
import { analyseUncertainty, prepareUncertainty, sampleScores } from '../src/analysis/robustness/uncertainty.js';
import { analyseSensitivity } from '../src/analysis/robustness/sensitivity.js';
import { TOY } from './fixtures/robustness/toy-rubric.js';


function toy(answers: Record<string, Record<string, string>>) {
  const rubric = loadRubric(TOY).value!;
  const results = Object.entries(answers).map(([country, a]) => scoreAnswerSet(rubric, createAnswerSet({ rubric: 'toy@1.0.0', country, year: 2020, answers: a }), { reportMissing: false }));
  return { rubric, results };
}

describe('uncertainty: closed forms', () => {
  it('a two-area mean with uniform weight noise has the variance of the weight ratio', () => {
    // The first two areas of the toy rubric only.
    const rubric = loadRubric(TOY.split('  - id: three')[0]!).value!;
    const results = [scoreAnswerSet(rubric, createAnswerSet({ rubric: 'toy@1.0.0', country: 'AA', year: 2020, answers: { a1: 'yes', b1: 'no' } }), { reportMissing: false })];
    expect(results[0]!.root.score).toBe('60');
    const x = 0.25;
    const run = analyseUncertainty(rubric, results, { weights: [{ level: 'area', noise: x }], samples: 40000, seed: 3 });
    const u = run.value!.units[0]!;
    // score = b + (a − b)·w1/(w1 + w2), w ~ U[1 − x, 1 + x] independent: E[R] = 1/2 by symmetry,
    // E[R²] by a fine midpoint rule over the square.
    const a = 90, b = 30, m = 1500;
    let er2 = 0;
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
      const w1 = 1 - x + (2 * x * (i + 0.5)) / m, w2 = 1 - x + (2 * x * (j + 0.5)) / m;
      er2 += (w1 / (w1 + w2)) ** 2;
    }
    er2 /= m * m;
    const variance = (a - b) ** 2 * (er2 - 0.25);
    const sd = Math.sqrt(variance);
    // The sampled mean is within 4 standard errors of 60.
    expect(Math.abs(u.score.mean - 60)).toBeLessThan((4 * sd) / Math.sqrt(40000));
    const prep = prepareUncertainty(rubric, results, { weights: [{ level: 'area', noise: x }], samples: 40000, seed: 3 }).value!;
    const s = sampleScores(prep, 0, 40000);
    let mean = 0;
    for (const v of s) mean += v;
    mean /= s.length;
    let v2 = 0;
    for (const v of s) v2 += (v - mean) ** 2;
    v2 /= s.length - 1;
    // Sampling error of a variance ≈ variance·sqrt(2/(n−1)) (for near-normal data); allow 5 of them.
    expect(Math.abs(v2 - variance)).toBeLessThan(5 * variance * Math.sqrt(2 / (s.length - 1)));
    expect(variance).toBeGreaterThan(1);
  });

  it('zero noise collapses every MIPEX 2019 interval to the nominal score and rank', () => {
    const rubric = loadRubricFile('rubrics/mipex-2020').value!;
    const sets = loadAnswerSetFiles(['examples/mipex']).value!.filter((s) => s.year === 2019);
    expect(sets.length).toBe(56);
    const results = sets.map((s) => scoreAnswerSet(rubric, s, { reportMissing: false }));
    const run = analyseUncertainty(rubric, results, { weights: [{ level: 'area', noise: 0 }], samples: 50, seed: 1 }).value!;
    const ranking = rankResults(results, { year: 2019 });
    for (const u of run.units) {
      const exact = results.find((r) => r.country === u.unit)!.root;
      expect(u.nominal.score).toBe(exact.value);
      for (const k of ['mean', 'median', 'p05', 'p95'] as const) expect(Math.abs(u.score[k] - Number(exact.score))).toBeLessThan(1e-9);
      const published = ranking.entries.find((e) => e.country === u.unit)!.rank;
      expect(u.nominal.rank).toBe(published);
      for (const k of ['mean', 'median', 'p05', 'p95'] as const) expect(u.rank[k]).toBe(published);
      expect(u.meanAbsRankShift).toBe(0);
    }
  });

  it('gives byte-identical samples whatever the split into chunks, and depends on the seed', () => {
    const { rubric, results } = toy({ AA: { a1: 'yes', b1: 'no', c1: 'yes', c2: 'no' }, BB: { a1: 'no', b1: 'yes', c1: 'yes', c2: 'yes' }, CC: { a1: 'yes', b1: 'yes', c1: 'no', c2: 'no' } });
    const ctx = prepareUncertainty(rubric, results, { weights: [{ level: 'area', noise: 0.5 }], aggregations: [{ node: 'toy', methods: ['geometric-mean', 'minimum'] }], missing: [{ rules: ['minimum'] }], leaveOneOut: true, samples: 999, seed: 42 }).value!;
    const whole = sampleScores(ctx, 0, 999);
    const parts = [sampleScores(ctx, 0, 100), sampleScores(ctx, 100, 500), sampleScores(ctx, 500, 999)];
    const joined = new Float64Array(whole.length);
    let o = 0;
    for (const p of parts) (joined.set(p, o), (o += p.length));
    expect(Buffer.from(joined.buffer).equals(Buffer.from(whole.buffer))).toBe(true);
    const other = sampleScores({ ...ctx, seed: 43 }, 0, 999);
    expect(Buffer.from(other.buffer).equals(Buffer.from(whole.buffer))).toBe(false);
  });

  it('reports spec problems instead of throwing', () => {
    const { rubric, results } = toy({ AA: { a1: 'yes', b1: 'no', c1: 'yes', c2: 'no' } });
    const r = analyseUncertainty(rubric, results, { weights: [{ level: 'region', noise: 0.2 }, { node: 'nope', noise: 2 }], aggregations: [{ node: 'zzz', methods: ['minimum'] }] });
    expect(r.value).toBeUndefined();
    expect(r.problems.map((p) => p.path)).toEqual(['weights[0]', 'weights[1].noise', 'weights[1]', 'aggregations[0].node']);
  });
});

describe('sensitivity', () => {
  it('an input that cannot change any rank has indices 0 within the bootstrap interval', () => {
    // c1 and c2 carry the same answer in every unit, so noise on their weights changes nothing.
    const { rubric, results } = toy({
      AA: { a1: 'yes', b1: 'no', c1: 'yes', c2: 'yes' },
      BB: { a1: 'no', b1: 'yes', c1: 'no', c2: 'no' },
      CC: { a1: 'yes', b1: 'yes', c1: 'no', c2: 'no' },
      DD: { a1: 'no', b1: 'no', c1: 'yes', c2: 'yes' },
    });
    const run = analyseSensitivity(rubric, results, { weights: [{ level: 'area', noise: 0.9 }, { node: 'c1', noise: 0.9, id: 'inert' }, { node: 'c2', noise: 0.9, id: 'inert2' }], samples: 400, seed: 5 }).value!;
    const inert = run.inputs.find((i) => i.id === 'inert')!;
    const live = run.inputs.find((i) => i.id === 'weights:area')!;
    for (const k of ['first', 'total'] as const) {
      expect(inert.ci[k][0]).toBeLessThanOrEqual(0);
      expect(inert.ci[k][1]).toBeGreaterThanOrEqual(0);
      expect(Math.abs(inert[k])).toBeLessThan(1e-12);
    }
    expect(live.total).toBeGreaterThan(0.5);
    expect(live.ci.total[0]).toBeGreaterThan(0);
    expect(run.runs).toBe(400 * 5);
  });
});

describe('worker threads', () => {
  it('give byte-identical scores and sensitivity ranks for 1, 2 and 3 workers', async () => {
    const { sampleScoresParallel, analyseSensitivityParallel } = await import('../src/node/robustness.js');
    const { rubric, results } = toy({ AA: { a1: 'yes', b1: 'no', c1: 'yes', c2: 'no' }, BB: { a1: 'no', b1: 'yes', c1: 'yes', c2: 'yes' }, CC: { a1: 'yes', b1: 'yes', c1: 'no', c2: 'no' } });
    const spec = { weights: [{ level: 'area', noise: 0.4 }], leaveOneOut: true, samples: 3001, seed: 9 };
    const ctx = prepareUncertainty(rubric, results, spec).value!;
    const serial = Buffer.from(sampleScores(ctx, 0, 3001).buffer);
    for (const workers of [2, 3]) {
      const par = await sampleScoresParallel(ctx, { workers, threshold: 0 });
      expect(Buffer.from(par.buffer).equals(serial)).toBe(true);
    }
    const one = await analyseSensitivityParallel(rubric, results, { ...spec, samples: 300 }, { workers: 1 });
    const two = await analyseSensitivityParallel(rubric, results, { ...spec, samples: 300 }, { workers: 2, threshold: 0 });
    expect(JSON.stringify(two.value)).toBe(JSON.stringify(one.value));
  }, 60_000);
});
