import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { loadAnswerSetFiles, loadRubricFile } from '../src/node/files.js';
import { scoreAnswerSet } from '../src/scoring/score.js';
import { captureIO, hasStackTrace } from './engine-helpers.js';

async function run(...argv: string[]) {
  const io = captureIO();
  const code = await main(argv, io);
  expect(hasStackTrace(io.err()), io.err()).toBe(false);
  return { code, out: io.out(), err: io.err() };
}

// The 56 answer sets of 2019 (loading every year takes much longer and is not what is tested).
const MIPEX_2019 = readdirSync('examples/mipex', { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => join('examples/mipex', e.name, `${e.name}-2019.yaml`))
  .filter((f) => readdirSync(join(f, '..')).includes(f.split('/').pop()!));

describe('audit command', () => {
  it('audits MIPEX 2019 in every format', async () => {
    expect(MIPEX_2019).toHaveLength(56);
    const j = await run('audit', 'mipex-2020', ...MIPEX_2019, '--format', 'json');
    expect(j.code, j.err).toBe(0);
    const a = JSON.parse(j.out);
    expect(a).toMatchObject({ year: 2019, variant: 'with-health', level: 'all', dataPoints: 'questions', scale: { min: 0, max: 100 } });
    expect(a.units).toHaveLength(56);
    expect(a.groups.find((g: { id: string }) => g.id === 'mipex-2020').children).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    // The index (with health) is the mean of the eight areas, all scored for every unit: so are their means.
    const mean = (id: string) => a.nodes.find((n: { id: string }) => n.id === id).mean;
    const areas = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    expect(Math.abs(mean('mipex-2020') - areas.reduce((s, x) => s + mean(x), 0) / 8)).toBeLessThan(1e-9);
    for (const f of a.flags) expect(typeof f.message).toBe('string');
    const csv = await run('audit', 'mipex-2020', ...MIPEX_2019, '--format', 'csv', '--level', 'area');
    expect(csv.code).toBe(0);
    const lines = csv.out.trim().split('\n');
    expect(lines[0]).toBe('section,node,other,unit,measure,value,note');
    expect(lines.filter((l) => l.startsWith('statistics,') && l.includes(',mean,'))).toHaveLength(8);
    const html = await run('audit', 'mipex-2020', ...MIPEX_2019, '--format', 'html');
    expect(html.out).toContain('class="chart chart-heat"');
    const text = await run('audit', 'mipex-2020', ...MIPEX_2019);
    expect(text.out).toContain('Statistical audit · Migrant Integration Policy Index 2020');
  }, 120_000);

  it('correlates each area with the index as a direct formula on the scorer\'s values does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-'));
    const out = join(dir, 'audit.json');
    const files = MIPEX_2019.slice(0, 12);
    const r = await run('audit', 'mipex-2020', ...files, '--format', 'json', '--level', 'area', '--out', out);
    expect(r.code, r.err).toBe(0);
    const a = JSON.parse(readFileSync(out, 'utf8'));
    expect(a.units).toHaveLength(12);
    const rubric = loadRubricFile('rubrics/mipex-2020').value!;
    const results = loadAnswerSetFiles(files).value!.map((s) => scoreAnswerSet(rubric, s, { variant: a.variant, reportMissing: false }));
    const index = results.map((x) => x.variants.find((v) => v.id === a.variant)!.value!);
    for (const area of ['a', 'b', 'h']) {
      const xs = results.map((x) => x.root.children.find((c) => c.id === area)!.value!);
      const n = xs.length;
      const mx = xs.reduce((s, v) => s + v, 0) / n;
      const my = index.reduce((s, v) => s + v, 0) / n;
      const num = xs.reduce((s, v, i) => s + (v - mx) * (index[i]! - my), 0);
      const den = Math.sqrt(xs.reduce((s, v) => s + (v - mx) ** 2, 0) * index.reduce((s, v) => s + (v - my) ** 2, 0));
      const c = a.correlations.find((x: { id: string }) => x.id === area);
      expect(c.withIndex.pairs).toBe(12);
      expect(Math.abs(c.withIndex.pearson - num / den)).toBeLessThan(1e-9);
    }
  }, 120_000);

  it('turns bad options into usage errors and never writes over an input', async () => {
    const files = MIPEX_2019.slice(0, 3);
    expect((await run('audit', 'mipex-2020', ...files, '--level', 'strand')).code).toBe(2);
    expect((await run('audit', 'mipex-2020', ...files, '--threshold', '1.5')).code).toBe(2);
    expect((await run('audit', 'mipex-2020', ...files, '--year', '2031')).code).toBe(2);
    expect((await run('audit', 'mipex-2020', ...files, '--variant', 'nope')).code).toBe(2);
    expect((await run('audit', 'mipex-2020')).code).toBe(2);
    // Unreadable inputs are diagnostics (exit 1), not a usage error.
    const missing = await run('audit', 'mipex-2020', 'no/such/folder');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('FILE_NOT_FOUND');
    const broken = await run('audit', 'examples/broken/rubric.yaml', 'examples/demo/answers');
    expect(broken.code).toBe(1);
    expect(broken.err).toContain('RUBRIC_INVALID_WEIGHT');
    const dir = mkdtempSync(join(tmpdir(), 'audit-'));
    const copy = join(dir, 'AT-2019.yaml');
    const original = readFileSync(files[0]!, 'utf8');
    writeFileSync(copy, original);
    const r = await run('audit', 'mipex-2020', copy, '--out', copy);
    expect(r.code).toBe(1);
    expect(readFileSync(copy, 'utf8')).toBe(original);
    const help = await run('audit', '--help');
    expect(help.out).toContain('Usage: policy-index audit');
  }, 120_000);
});
