// Trends and derived figures that compare like with like, computed from the scorer's rationals.
import { join, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ratio } from '../src/exact/index.js';
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

describe('report years and changes on MIPEX data', async () => {
  const { buildSite } = await import('../src/report/site.js');
  const { buildScorecard, createScorecardContext } = await import('../src/report/model.js');
  const late = [...new Set(results.map((r) => r.country))].find((c) => Math.min(...results.filter((r) => r.country === c).map((r) => r.year)) === 2014)!;

  it('report --year: every scorecard is for that year; units without data are listed, never ranked', () => {
    const pick = sets.filter((s) => ['SE', 'DE', 'FR', late].includes(s.country));
    const { files } = buildSite(rubric, pick, { year: 2010, formats: ['html', 'json'] });
    const se = JSON.parse(files.find((f) => f.path === 'SE.json')!.text);
    expect(se.year).toBe(2010);
    const index = files.find((f) => f.path === 'index.html')!.text;
    const ranking = index.slice(index.indexOf('<table class="ranking"'), index.indexOf('</table>'));
    expect(ranking).not.toContain(`data-country="${late}"`);
    expect(index).toContain('Not assessed in 2010');
    const others = index.slice(index.indexOf('id="others-h"'));
    expect(others).toContain(`data-country="${late}"`);
    expect(others).toContain(`href="${late}.html"`);
  });

  it('an area assessed for the first time is "new", and only answers recorded in both years are changes', () => {
    const ctx = createScorecardContext(rubric, results, sets);
    const card = buildScorecard(ctx, 'SE', { year: 2014 })!;
    const ch = card.change!;
    expect(ch.fromYear).toBe(2013);
    const health = ch.areas.find((a) => a.id === 'h')!;
    expect(health.from).toBeNull();
    expect(health.status).toBe('new');
    expect(health.delta).toBeNull();
    const s13 = sets.find((s) => s.country === 'SE' && s.year === 2013)!;
    const s14 = sets.find((s) => s.country === 'SE' && s.year === 2014)!;
    for (const c of ch.changes) {
      expect(s13.answers.has(c.question) || rubric.nodes.get(c.question)!.aliases.some((x) => s13.answers.has(x)), c.question).toBe(true);
      expect(s14.answers.has(c.question) || rubric.nodes.get(c.question)!.aliases.some((x) => s14.answers.has(x)), c.question).toBe(true);
    }
    expect(ch.assessedInOneYear!.count).toBeGreaterThan(0);
    // The section names one variant and uses it in both years.
    expect(rubric.variants.find((v) => v.id === ch.variant)!.title).toBe(ch.variantTitle);
    expect(ch.overall.from).not.toBeNull();
    expect(ch.overall.to).not.toBeNull();
  });
});
