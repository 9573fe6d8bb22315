// Report pages say true things about themselves: a reason names parts by their titles, the
// headline measure of a scorecard is the one its ranking year is ranked by, the change and the
// trend name any other measure once; the uncertainty page shows names and whole ranks, and the
// sensitivity page flags shares of variance that no share can be.
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SensitivityResult } from '../src/analysis/robustness/sensitivity.js';
import type { UncertaintyResult } from '../src/analysis/robustness/uncertainty.js';
import { loadAnswerSetFiles, loadRubricFile } from '../src/node/files.js';
import { buildIndexModel, buildScorecard, createScorecardContext } from '../src/report/model.js';
import { renderScorecardHtml } from '../src/report/html.js';
import { sensitivityHtml, uncertaintyCsv, uncertaintyHtml } from '../src/report/robustness.js';
import { scoreAll } from '../src/report/site.js';

const ROOT = resolve('.');
const rubric = loadRubricFile(join(ROOT, 'rubrics/mipex-2020')).value!;
const sets = loadAnswerSetFiles([join(ROOT, 'examples/mipex')]).value!;
const ctx = createScorecardContext(rubric, scoreAll(rubric, sets), sets);

describe('scorecards name what they measure', () => {
  it('a reason lists parts by their titles, never their ids', () => {
    const card = buildScorecard(ctx, 'AE', { year: 2021 })!;
    const reasons = card.overall.map((o) => o.reason ?? '').filter((r) => r.startsWith('Missing data ('));
    expect(reasons.length).toBeGreaterThan(0);
    for (const r of reasons) {
      const listed = r.slice('Missing data ('.length, r.indexOf(')')).split(', ');
      for (const name of listed) expect(rubric.root.children.map((a) => a.title), r).toContain(name);
    }
    const html = renderScorecardHtml(card);
    for (const a of rubric.root.children) if (a.id !== a.title) expect(html).not.toContain(`Missing data (${a.id}`);
  });

  it('the headline measure is the variant its year is ranked by; other measures are named once, with the years', () => {
    for (const cc of ['JO', 'BE', 'AE', 'SE']) {
      const card = buildScorecard(ctx, cc)!;
      const index = buildIndexModel(ctx, { year: card.year });
      expect(card.measure!.variant, cc).toBe(index.variant);
      const html = renderScorecardHtml(card);
      // The headline and the headline figure card say the same rank, among the year's units.
      const head = html.match(/class="sub">Policy scorecard for \d+ · ([^:]+): <strong>[^<]+<\/strong> of \d+, rank ([^<]+)<\/p>/)!;
      expect(head[1]).toBe(card.measure!.title);
      const row = index.rows.find((r) => r.country === cc)!;
      expect(head[2]).toBe(`${row.rankLabel} of ${index.rows.filter((r) => r.rank !== null).length} countries in ${card.year}`);
      expect(html).toContain(`<h3>${card.measure!.title}</h3><div class="big">`);
      const others = [card.change?.variant, card.trend?.variant].filter((v): v is string => v !== undefined && v !== card.measure!.variant);
      if (others.length) {
        expect(html.match(/class="note measure-note"/g)?.length, cc).toBe(1);
        for (const v of others) expect(card.measure!.note, cc).toContain(rubric.variants.find((x) => x.id === v)!.title.toLowerCase());
      } else expect(card.measure!.note, cc).toBeUndefined();
      expect(html).not.toContain('the same on every scorecard');
    }
  });
});

const unit = (code: string, rank: number, p05: number, p95: number, median: number) => ({
  unit: code,
  nominal: { score: 50, rank },
  score: { mean: 50, median: 50, p05: 40, p95: 60 },
  rank: { mean: (p05 + p95) / 2, median, p05, p95 },
  meanAbsRankShift: 1.25,
});

describe('robustness pages', () => {
  const u = { variant: 'with-health', samples: 1000, seed: 1, inputs: [{ id: 'weights' }], units: [unit('SE', 1, 1, 3, 2), unit('CA', 2, 1, 9, 4.5)] } as unknown as UncertaintyResult;

  it('the uncertainty page shows names, whole ranks as integers, an axis title, gridlines and a viewport', () => {
    const html = uncertaintyHtml(u, { precision: 0 });
    expect(html).toContain('<meta name="viewport"');
    expect(html).toContain('>Sweden</text>');
    expect(html).toContain('<td>Canada</td>');
    expect(html).toContain('Rank (1 = highest score)');
    expect(html).toMatch(/<line x1="[\d.]+" x2="[\d.]+" y1="\d+" y2="\d+" stroke="#d0d4da"/);
    expect(html).not.toMatch(/<td>9\.0<\/td>|<td>1\.0<\/td>/);
    expect(html).toContain('<td>4.5</td>');
    expect(uncertaintyCsv(u, { precision: 0 }).split('\n')[2]).toBe('CA,50,2,50,50,40,60,5.0,4.5,1,9,1.25');
  });

  it('the sensitivity page flags shares of variance outside 0–1 as too few samples, with their intervals', () => {
    const input = (id: string, first: number, total: number) => ({ id, first, total, ci: { first: [first - 1, first + 1], total: [total - 1, total + 1] } });
    const s = { variant: 'v', samples: 1000, runs: 4000, seed: 1, inputs: [input('weights', 10.02, -3.47), input('aggregation', 0.2, 0.4)], units: [] } as unknown as SensitivityResult;
    const html = sensitivityHtml(s);
    const rows = html.match(/<tr><td>[^<]+<\/td>.*?<\/tr>/g)!;
    expect(rows[0]).toContain('weights');
    expect(rows[0]!.match(/too few samples/g)?.length).toBe(2);
    expect(rows[0]).toContain('9.020 … 11.020');
    expect(rows[1]).not.toContain('too few samples');
    expect(html).toContain('2 estimates lie outside 0–1');
  });
});
