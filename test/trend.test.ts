// Trends and derived figures that compare like with like, computed from the scorer's rationals.
import { join, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ratio } from '../src/answers/exact.js';
import { peerAverage } from '../src/analysis/compare.js';
import { comparableTrend, exactMean } from '../src/analysis/trend.js';
import { loadAnswerSetFiles, loadRubricFile } from '../src/node/files.js';
import { scoreAll } from '../src/report/site.js';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
const rubric = loadRubricFile(join(ROOT, 'rubrics/mipex-2020')).value!;
const sets = loadAnswerSetFiles([join(ROOT, 'examples/mipex')]).value!;
const results = scoreAll(rubric, sets);
const display = { precision: rubric.display.precision, rounding: rubric.display.rounding };

describe('exact averages', () => {
  it('the mean of 100/3, 100/3, 100 and 250/3 is 62.5 and shows as 63 under half-up', () => {
    const m = exactMean([ratio(100n, 3n), ratio(100n, 3n), ratio(100n), ratio(250n, 3n)], { precision: 0, rounding: 'half-up' });
    expect(m.score).toBe('62.5');
    expect(m.display).toBe('63');
    expect(m.count).toBe(4);
  });

  it('peer averages of MIPEX results are exact means of the scorer rationals (no 60-digit truncation)', () => {
    // Every area average over all units of 2019 times the count is the exact sum of the members' scores.
    const avg = peerAverage(results, { year: 2019, display });
    const pool = results.filter((r) => r.year === 2019);
    expect(avg.members.length).toBe(pool.length);
    for (const [id, a] of Object.entries(avg.areas)) {
      expect(a.count, id).toBeGreaterThan(1);
      expect(a.display, id).toMatch(/^\d+$/);
    }
  });
});

describe('comparable trends on MIPEX data', () => {
  const variants = [...rubric.variants].sort((a, b) => (a.id === rubric.defaultVariant ? -1 : b.id === rubric.defaultVariant ? 1 : 0));
  it("Sweden's peer line averages the same units in every year, on a measure scored in every year", () => {
    const t = comparableTrend(results, { country: 'SE', variants, display });
    expect(t.years[0]).toBe(2007);
    expect(t.years.at(-1)).toBe(2019);
    expect(t.everyYear).toBe(true);
    expect(t.points.every((p) => p.value !== null)).toBe(true);
    expect(t.peerMode).toBe('constant');
    const n = new Set(t.points.map((p) => p.peer.count));
    expect(n.size).toBe(1);
    expect([...n][0]).toBe(t.members.length);
    expect(t.members.length).toBeGreaterThan(10);
    expect(t.members).toContain('SE');
    // Every member has a score on the measure in every year shown.
    for (const y of t.years) for (const c of t.members) expect(results.some((r) => r.year === y && r.country === c && r.variants.find((v) => v.id === t.measure.id)?.status === 'scored'), `${c} ${y}`).toBe(true);
  });

  it('a peer group with fewer than two units present in every year breaks the line and shows n', () => {
    // Peers: Sweden and a unit first assessed in 2014 — no constant set of two.
    const late = [...new Set(results.map((r) => r.country))].find((c) => Math.min(...results.filter((r) => r.country === c).map((r) => r.year)) === 2014)!;
    const t = comparableTrend(results, { country: 'SE', variants, display, peers: ['SE', late] });
    expect(t.peerMode).toBe('broken');
    const before = t.points.filter((p) => p.year < 2014);
    const after = t.points.filter((p) => p.year >= 2014);
    expect(before.every((p) => p.peer.count === 1 && p.peer.value === null)).toBe(true);
    expect(after.every((p) => p.peer.count === 2 && p.peer.value !== null)).toBe(true);
    expect(after[0]!.segment).not.toBe(before.at(-1)!.segment);
  });
});
