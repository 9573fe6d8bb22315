// Trends and derived figures that compare like with like, computed from the scorer's rationals.
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/** Runs the CLI in-process. */
async function cli(cwd: string, ...argv: string[]) {
  const { main } = await import('../src/cli/main.js');
  const { captureIO } = await import('./engine-helpers.js');
  const io = captureIO(cwd);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

/**
 * The decimal text of the positive, non-terminating fraction n/d to 60 significant digits,
 * rounded to nearest (no tie can occur: the digits never end), computed here with BigInt,
 * independently of the library.
 */
function sixtyDigits(n: bigint, d: bigint): string {
  let rest = d;
  const g = (x: bigint, y: bigint): bigint => (y === 0n ? x : g(y, x % y));
  rest /= g(n, d);
  for (const p of [2n, 5n]) while (rest % p === 0n) rest /= p;
  expect(rest).not.toBe(1n); // the fraction does not terminate
  const k = (n / d).toString().length;
  const scaled = (n * 10n ** BigInt(61 - k)) / d;
  const digits = (scaled / 10n + (scaled % 10n >= 5n ? 1n : 0n)).toString();
  expect(digits).toHaveLength(60);
  return `${digits.slice(0, k)}.${digits.slice(k)}`;
}

describe('the trend command computes from exact values', () => {
  // A rubric of three yes/no-like questions: a unit answering two of three scores 200/3.
  const q = (id: string) => `      - { id: ${id}, title: ${id}, type: single-choice, options: [{ id: full, label: Full, score: 100 }, { id: none, label: None, score: 0 }] }`;
  const rubricText = ['schemaVersion: 1', 'id: thirds', 'version: 1.0.0', 'title: Thirds', 'scale: { min: 0, max: 100 }', 'areas:', '  - id: law', '    title: Law', '    indicators:', q('q1'), q('q2'), q('q3'), ''].join('\n');
  const answers = (cc: string, year: number, a: string[]) => ['schemaVersion: 1', 'rubric: thirds@1.0.0', `country: ${cc}`, `year: ${year}`, 'answers:', ...a.map((x, i) => `  q${i + 1}: ${x}`), ''].join('\n');

  it('the mean of 200/3 and 0 is 100/3 to 60 significant digits, not a mean of rounded texts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-trend-'));
    mkdirSync(join(dir, 'answers'));
    writeFileSync(join(dir, 'rubric.yaml'), rubricText);
    writeFileSync(join(dir, 'answers', 'SE-2020.yaml'), answers('SE', 2020, ['full', 'full', 'none']));
    writeFileSync(join(dir, 'answers', 'ZA-2020.yaml'), answers('ZA', 2020, ['none', 'none', 'none']));
    writeFileSync(join(dir, 'answers', 'SE-2021.yaml'), answers('SE', 2021, ['full', 'none', 'none']));
    writeFileSync(join(dir, 'answers', 'ZA-2021.yaml'), answers('ZA', 2021, ['full', 'full', 'none']));
    const r = await cli(dir, 'trend', 'rubric.yaml', 'answers', '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    const top = j.lines.find((l: { node: string }) => l.node === 'thirds');
    expect(top.segments).toHaveLength(1);
    const [p2020, p2021] = top.segments[0].points;
    // SE 200/3 and ZA 0: (200/3 + 0) / 2 = 200/6.
    expect(p2020.score).toBe(sixtyDigits(200n * 1n + 0n * 3n, 3n * 1n * 2n));
    // SE 100/3 and ZA 200/3: (100/3 + 200/3) / 2 = 50 exactly.
    expect(p2021.score).toBe('50');
    expect(p2020.display).toBe('33.33');
    // The table's own scores are the unit scores, to 60 significant digits.
    const se2020 = j.rows.find((x: { country: string; year: number; node: string }) => x.country === 'SE' && x.year === 2020 && x.node === 'thirds');
    expect(se2020.score).toBe(sixtyDigits(200n, 3n));
    // The html page shows the means rounded as the rubric declares (two decimals here).
    const html = (await cli(dir, 'trend', 'rubric.yaml', 'answers', '--format', 'html')).out;
    expect(html).toContain('2020: 33.33; 2021: 50.00');
    expect(html).not.toMatch(/\d{20}/);
  });
});

describe('one trend: the command and the scorecards give the same numbers', () => {
  it('a unit whose own years all have a health score, among units that do not: both use the variant comparable over all the answers', async () => {
    // SE 2014 and 2019 have a health score; DE 2015 has none, so the with-health variant is
    // not comparable over these answers.
    const dir = mkdtempSync(join(tmpdir(), 'pi-trend-'));
    for (const f of ['SE/SE-2014.yaml', 'SE/SE-2019.yaml', 'DE/DE-2014.yaml', 'DE/DE-2015.yaml']) cpSync(join(ROOT, 'examples/mipex', f), join(dir, f.split('/')[1]!));
    const pick = sets.filter((s) => (s.country === 'SE' && (s.year === 2014 || s.year === 2019)) || (s.country === 'DE' && (s.year === 2014 || s.year === 2015)));
    expect(pick).toHaveLength(4);
    const picked = scoreAll(rubric, pick);
    expect(picked.find((x) => x.country === 'DE' && x.year === 2015)!.variants.find((v) => v.id === rubric.defaultVariant)!.status).not.toBe('scored');

    const { buildScorecard, createScorecardContext } = await import('../src/report/model.js');
    const card = buildScorecard(createScorecardContext(rubric, picked, pick), 'SE')!;
    const r = await cli(ROOT, 'trend', 'rubrics/mipex-2020', dir, '--country', 'SE', '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.variant).toBe(card.trend!.variant);
    const top = j.lines.find((l: { node: string }) => l.node === rubric.id);
    const fromCommand = top.segments.flatMap((s: { points: { year: number; score: string }[] }) => s.points.map((p) => [p.year, p.score]));
    expect(fromCommand).toEqual(card.trend!.points.map((p) => [p.year, p.score]));
    // And both are SE's own score on that variant.
    expect(fromCommand).toEqual([2014, 2019].map((y) => [y, picked.find((x) => x.country === 'SE' && x.year === y)!.variants.find((v) => v.id === j.variant)!.score]));
  });

  it('every MIPEX example: a unit-year with no top score (AE 2021) does not make the trend command refuse, and it measures what the scorecards measure', async () => {
    const { createScorecardContext, buildScorecard } = await import('../src/report/model.js');
    const ctx = createScorecardContext(rubric, results, sets);
    const ae2021 = results.find((x) => x.country === 'AE' && x.year === 2021)!;
    expect(ae2021.variants.every((v) => v.status !== 'scored')).toBe(true);
    const r = await cli(ROOT, 'trend', 'rubrics/mipex-2020', 'examples/mipex', '--country', 'AE', '--node', rubric.id, '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.variant).toBe(ctx.trendVariant);
    const card = buildScorecard(ctx, 'AE')!;
    expect(card.trend!.variant).toBe(j.variant);
    const byYear = new Map(j.rows.map((x: { year: number; score: string | null }) => [x.year, x.score]));
    for (const p of card.trend!.points) expect(byYear.get(p.year), String(p.year)).toBe(p.score);
    expect(byYear.get(2021)).toBeNull();
  });
});

describe('the default year: the latest year with a complete score', () => {
  it('the UAE scorecard shows 2020, not 2021 (a year with no top score); the ranking year is the one most units are scored in', async () => {
    const { createScorecardContext, buildScorecard, buildIndexModel } = await import('../src/report/model.js');
    const { defaultYear } = await import('../src/analysis/comparable.js');
    const { rankResults } = await import('../src/analysis/compare.js');
    const ae = results.filter((x) => x.country === 'AE').map((x) => x.year);
    expect(Math.max(...ae)).toBe(2021);
    const ctx = createScorecardContext(rubric, results, sets);
    const ae2020 = results.find((x) => x.country === 'AE' && x.year === 2020)!;
    expect(ae2020.variants.find((v) => v.id === ctx.trendVariant)!.status).toBe('scored');
    const card = buildScorecard(ctx, 'AE')!;
    expect(card.year).toBe(2020);
    // Its trend runs to the card's year, on the comparable variant, with a score in every year.
    expect(card.trend!.points.map((p) => p.year)).toEqual([2014, 2015, 2016, 2017, 2018, 2019, 2020]);
    expect(card.trend!.variant).toBe(ctx.trendVariant);
    expect(card.trend!.points.every((p) => p.score !== null)).toBe(true);
    expect(defaultYear(rubric, results, { unit: 'AE' })).toBe(2020);
    // Asked for, 2021 is still shown.
    expect(buildScorecard(ctx, 'AE', { year: 2021 })!.year).toBe(2021);
    // Units with a complete score, by year, counted here: the most are in one year.
    const counts = new Map<number, number>();
    for (const x of results) if (x.variants.find((v) => v.id === ctx.trendVariant)?.status === 'scored') counts.set(x.year, (counts.get(x.year) ?? 0) + 1);
    const most = Math.max(...counts.values());
    const year = Math.max(...[...counts].filter(([, c]) => c === most).map(([y]) => y));
    expect(rankResults(results).year).toBe(year);
    expect(rankResults(results).scored).toBe(most);
    const index = buildIndexModel(ctx);
    expect(index.year).toBe(year);
    // The index links the UAE row to the UAE scorecard's year.
    expect([...index.rows, ...index.others].find((x) => x.country === 'AE')!.latestYear).toBe(2020);
  });

  it('compare --units: the year in which the most of the units have a complete score, not the latest year of any', async () => {
    // AE has 2021 (no top score) and 2020; SE ends in 2019.
    const r = await cli(ROOT, 'compare', 'examples/mipex', '--units', 'SE,AE', '--format', 'json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).units).toEqual([{ country: 'SE', year: 2019 }, { country: 'AE', year: 2019 }]);
    // In 2015 (no health score anywhere) the top row is on the comparable variant, not an empty default.
    const r15 = await cli(ROOT, 'compare', 'examples/mipex', '--units', 'SE,DE', '--year', '2015', '--format', 'json');
    const j = JSON.parse(r15.out);
    const s15 = results.filter((x) => x.year === 2015 && (x.country === 'SE' || x.country === 'DE'));
    expect(s15.every((x) => x.variants.find((v) => v.id === rubric.defaultVariant)!.status !== 'scored')).toBe(true);
    expect(j.variant).toBe(s15[0]!.variants.find((v) => v.status === 'scored')!.id);
    expect(j.rows[0].cells.every((c: { score: string | null }) => c.score !== null)).toBe(true);
  });

  it('a unit with no complete score in any year shows its latest year', async () => {
    const { defaultYear } = await import('../src/analysis/comparable.js');
    const only = results.filter((x) => x.country === 'AE' && x.year === 2021);
    expect(defaultYear(rubric, only, { unit: 'AE' })).toBe(2021);
    expect(defaultYear(rubric, results, { unit: 'XX' })).toBeUndefined();
  });
});

describe('a complete score', () => {
  it('is a top score with no area of its variant left out for want of answers, even where the missing-data policy computes one', async () => {
    const { loadRubric } = await import('../src/rubric/load.js');
    const { loadAnswerSet } = await import('../src/answers/load.js');
    const { scoreAnswerSet } = await import('../src/scoring/score.js');
    const { hasCompleteScore, defaultYear } = await import('../src/analysis/comparable.js');
    const q = (id: string) => `      - { id: ${id}, title: ${id}, type: single-choice, options: [{ id: full, label: Full, score: 100 }, { id: none, label: None, score: 0 }] }`;
    const text = ['schemaVersion: 1', 'id: two', 'version: 1.0.0', 'title: Two', 'scale: { min: 0, max: 100 }', 'areas:', '  - id: law', '    title: Law', '    indicators:', q('q1'), '  - id: work', '    title: Work', '    indicators:', q('q2'), ''].join('\n');
    const r = loadRubric(text);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const rubric = r.value!;
    const set = (year: number, lines: string[]) => loadAnswerSet(['schemaVersion: 1', 'rubric: two@1.0.0', 'country: SE', `year: ${year}`, 'answers:', ...lines.map((l) => `  ${l}`), ''].join('\n')).value!;
    const full = scoreAnswerSet(rubric, set(2020, ['q1: full', 'q2: none']), { reportMissing: false });
    const partial = scoreAnswerSet(rubric, set(2021, ['q1: full']), { reportMissing: false });
    // The default variant omits missing areas: 2021 has a top score from one area of two.
    expect(partial.variants[0]!.status).toBe('scored');
    expect(partial.root.children.find((a) => a.id === 'work')!.status).toBe('missing');
    expect(hasCompleteScore(full)).toBe(true);
    expect(hasCompleteScore(partial)).toBe(false);
    expect(defaultYear(rubric, [full, partial], { unit: 'SE' })).toBe(2020);
  });
});
