// Reports belong to the rubric: nothing rendered for a rubric other than MIPEX, and nothing in
// the report code, speaks of migration or of MIPEX; outcomes appear only when asked for.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAnswerSetFiles, loadRubricFile } from '../src/node/files.js';
import { buildSite } from '../src/report/site.js';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
const FORBIDDEN = /migrant|migration|integration|mipex|eurostat|immigra|citizenship|zaragoza/i;

describe('neutral reports', () => {
  it('the report code has no index- or migration-specific wording', () => {
    const dir = join(ROOT, 'src/report');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'outcomes.ts');
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const text = readFileSync(join(dir, f), 'utf8');
      expect(text.match(FORBIDDEN)?.[0], f).toBeUndefined();
    }
  });

  it('a report for the demo rubric says nothing of MIPEX or migration and has no outcomes box', () => {
    const rubric = loadRubricFile(join(ROOT, 'examples/demo/rubric')).value!;
    const sets = loadAnswerSetFiles([join(ROOT, 'test/fixtures/scorecard/answers')]).value!;
    const { files } = buildSite(rubric, sets, { formats: ['html', 'md', 'json'] });
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) {
      expect(f.text.match(FORBIDDEN)?.[0], f.path).toBeUndefined();
      expect(f.text, f.path).not.toMatch(/Outcomes<\/h2>|## Outcomes|"outcomes"/);
    }
  });

  it('the MIPEX rubric declares its own words, which reach its pages', () => {
    const rubric = loadRubricFile(join(ROOT, 'rubrics/mipex-2020')).value!;
    expect(rubric.report?.unitNoun).toBe('country');
    expect(rubric.report?.highMeans).toBeTruthy();
    const sets = loadAnswerSetFiles([join(ROOT, 'examples/mipex/SE')]).value!;
    const { files } = buildSite(rubric, sets);
    const se = files.find((f) => f.path === 'SE.html')!.text;
    expect(se).toContain(`higher is ${rubric.report!.highMeans}`);
    // Chart categories use the short area names.
    expect(se).toContain('>Anti-discrim.<');
  });
});

describe('charts draw what is known', async () => {
  const { barChartSvg, radarChartSvg } = await import('../src/report/svg.js');
  const { roundForDisplay } = await import('../src/analysis/compare.js');
  const categories = [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }, { id: 'c', label: 'C' }];
  it('value labels use the declared rounding, like tables (1.005 → 1.01 half-up)', () => {
    const display = roundForDisplay('1.005', { precision: 2, rounding: 'half-up' });
    expect(display).toBe('1.01');
    const svg = barChartSvg({ title: 'T', categories: categories.slice(0, 1), series: [{ id: 'country', label: 'X', values: [1.005], displays: [display] }], decimals: 2 });
    expect(svg).toContain('>1.01</text>');
    expect(svg).not.toContain('1.00<');
  });
  it('a missing area is a gap named in its tooltip, not a point, a bar at 0 or text on the chart', () => {
    const series = [{ id: 'country', label: 'X', values: [80, null, 60] }];
    const radar = radarChartSvg({ title: 'T', categories, series });
    const mark = radar.match(/<[^>]*data-area="b"[^>]*>/)![0];
    expect(mark).toContain('data-missing="true"');
    expect(mark.startsWith('<g')).toBe(true);
    expect(radar).toContain('<title>X — B: no score</title>');
    // No text on the chart for a missing value (the tooltip and the text alternative name it).
    expect(radar.replace(/<title[^>]*>[^<]*<\/title>|<desc[^>]*>[^<]*<\/desc>/g, '')).not.toMatch(/no score/);
    // The outline does not pass through the centre (the point of a 0 score).
    const path = radar.match(/<g class="series"[^>]*><path d="([^"]+)"/)![1]!;
    expect(path).not.toContain('M280.0 222.0');
    expect(path).not.toContain('L280.0 222.0');
    const bar = barChartSvg({ title: 'T', categories, series });
    expect(bar).toMatch(/data-area="b" data-value="" data-missing="true"/);
    expect(bar.replace(/<title[^>]*>[^<]*<\/title>|<desc[^>]*>[^<]*<\/desc>/g, '')).not.toMatch(/no score/);
  });
});

describe('the ranking page script', async () => {
  const { createHash } = await import('node:crypto');
  const html = await import('../src/report/html.js');
  it('is the only script, allowed by its hash under an otherwise strict policy', () => {
    expect(createHash('sha256').update(html.RANKING_SORT_SCRIPT).digest('base64')).toBe(html.RANKING_SORT_SCRIPT_SHA256);
    expect(html.INDEX_CONTENT_SECURITY_POLICY).toMatch(/^default-src 'none'; .*script-src 'sha256-[A-Za-z0-9+/=]+'$/);
    expect(html.INDEX_CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline'[^;]*script|script-src[^;]*unsafe/);
    const rubric = loadRubricFile(join(ROOT, 'examples/demo/rubric')).value!;
    const sets = loadAnswerSetFiles([join(ROOT, 'test/fixtures/scorecard/answers')]).value!;
    const { files } = buildSite(rubric, sets);
    const index = files.find((f) => f.path === 'index.html')!.text;
    expect(index.match(/<script>/g)?.length).toBe(1);
    expect(index).toContain(`<script>${html.RANKING_SORT_SCRIPT}</script>`);
    for (const f of files.filter((x) => x.path !== 'index.html')) expect(f.text, f.path).not.toContain('<script');
  });
});

describe('policy-index report for any rubric', async () => {
  const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { main } = await import('../src/cli/main.js');
  it('report <answers> --rubric <demo> --year Y --out <dir> writes neutral pages without outcomes', async () => {
    const out = mkdtempSync(join(tmpdir(), 'report-demo-'));
    try {
      const err: string[] = [];
      const code = await main(['report', 'examples/demo/answers', '--rubric', 'examples/demo/rubric', '--year', '2024', '--out', out, '--quiet'], { stdout: () => {}, stderr: (s) => err.push(s), cwd: ROOT });
      expect(code, err.join('')).toBe(0);
      const index = readFileSync(join(out, 'index.html'), 'utf8');
      expect(index).toContain('ranking, 2024');
      for (const f of readdirSync(out)) {
        const text = readFileSync(join(out, f), 'utf8');
        expect(text.match(FORBIDDEN)?.[0], f).toBeUndefined();
        expect(text, f).not.toMatch(/Outcomes<\/h2>|## Outcomes|"outcomes"/);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('a peer group of one is never compared with', async () => {
    const rubric = loadRubricFile(join(ROOT, 'examples/demo/rubric')).value!;
    const sets = loadAnswerSetFiles([join(ROOT, 'examples/demo/answers')]).value!.slice(0, 1);
    const { files } = buildSite(rubric, sets, { formats: ['json'] });
    const card = JSON.parse(files.find((f) => f.path.endsWith('.json') && f.path !== 'index.json')!.text);
    for (const a of card.areas) expect(a.comparison.difference).toBeNull();
    expect(card.strengths).toEqual([]);
    expect(card.weaknesses).toEqual([]);
  });
});
