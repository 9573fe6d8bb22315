import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), cwd: process.cwd() });
  return { code, stdout, stderr };
}

describe('policy-index outcomes', () => {
  it('validate: the clean shared panel passes with no extra flags', async () => {
    const r = await run(['outcomes', 'validate', 'test/fixtures/outcomes/eurostat_master_panel.csv', '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.summary.errors).toBe(0);
    expect(out.summary.valid).toBeGreaterThan(9000);
  });

  it('validate: the flawed wide file fails, with every count row reported by line', async () => {
    const r = await run(['outcomes', 'validate', 'test/fixtures/outcomes/eurostat_insights.csv', '--format', 'json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { diagnostics: { code: string; line?: number; file?: string }[] };
    // Independently: every Poverty_Rate line whose cohort values exceed 100 must be reported.
    const lines = readFileSync('test/fixtures/outcomes/eurostat_insights.csv', 'utf8').split(/\r?\n/);
    const header = lines[0]!.split(',');
    const metric = header.indexOf('Metric');
    const cohorts = ['EU_Migrant', 'Extra_EU_Migrant', 'Native'].map((c) => header.indexOf(c));
    const expected = new Set<number>();
    lines.forEach((line, i) => {
      const f = line.split(',');
      if (f[metric] === 'Poverty_Rate' && cohorts.some((c) => Number(f[c]) > 100)) expected.add(i + 1);
    });
    expect(expected.size).toBeGreaterThan(100);
    const reported = new Set(out.diagnostics.filter((d) => d.code === 'OUTCOME_IMPOSSIBLE_VALUE').map((d) => d.line));
    for (const line of expected) expect(reported.has(line), `line ${line}`).toBe(true);
  });

  it('gaps: recomputes gaps from cohort values and keeps flawed rows out', async () => {
    const r = await run(['outcomes', 'gaps', 'test/fixtures/outcomes/eurostat_insights.csv', '--country', 'BE', '--year', '2015', '--format', 'json']);
    const out = JSON.parse(r.stdout) as { rows: { indicator: string; country: string; year: number; value: string; cohortValue: string; referenceValue: string }[] };
    expect(out.rows.length).toBeGreaterThan(0);
    expect(out.rows.some((row) => row.indicator === 'poverty-rate')).toBe(false);
    for (const row of out.rows) {
      expect(row.country).toBe('BE');
      expect(row.year).toBe(2015);
    }
  });

  it('compare: pairs MIPEX scores with an outcome gap and labels the result as association', async () => {
    const r = await run(['outcomes', 'compare', '--policy', 'examples/mipex', '--outcome', 'highly-educated-employment-rate', '--year', '2019', '--format', 'json']);
    expect(r.code).toBe(0);
    const view = JSON.parse(r.stdout) as { pairs: { country: string; policy: number; outcome: number }[]; pearson: { n: number; r: number | null } };
    expect(view.pairs.length).toBeGreaterThan(10);
    expect(view.pearson.n).toBe(view.pairs.length);
    expect(view.pairs.every((p) => /^[A-Z]{2}$/.test(p.country))).toBe(true);
    expect(r.stdout.toLowerCase()).toContain('association');
  });

  it('compare: an unknown indicator is a usage error (exit 2, no stack trace)', async () => {
    const r = await run(['outcomes', 'compare', '--policy', 'examples/mipex', '--outcome', 'nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('scorecard outcomes panel', () => {
  it('shows the country\'s gaps beside, not inside, its policy scores', async () => {
    const r = await run(['scorecard', 'examples/mipex/SE', '--format', 'json', '--year', '2019']);
    expect(r.code).toBe(0);
    const card = JSON.parse(r.stdout) as {
      overall: unknown;
      outcomes: { indicator: string; year: number; cohorts: { id: string; value: number | null }[]; gap: { value: number | null } | null }[];
    };
    const entry = card.outcomes.find((o) => o.indicator === 'highly-educated-employment-rate');
    expect(entry).toBeDefined();
    expect(entry!.year).toBe(2019);
    // Independently from the shipped CSV: non-EU-born minus native-born, in percentage points.
    const rows = readFileSync('examples/outcomes/eurostat-panel.csv', 'utf8').split('\n').map((l) => l.split(','));
    const value = (cohort: string) => Number(rows.find((f) => f[0] === 'SE' && f[1] === '2019' && f[2] === 'highly-educated-employment-rate' && f[3] === cohort)![4]);
    const expected = Math.round((value('non-eu-born') - value('native')) * 10) / 10;
    expect(entry!.gap!.value).toBeCloseTo(expected, 9);
    // The policy part of the card carries no outcome figure.
    expect(JSON.stringify(card.overall)).not.toContain('highly-educated');
  });

  it('--outcomes none leaves out the panel', async () => {
    const r = await run(['scorecard', 'examples/mipex/SE', '--format', 'json', '--year', '2019', '--outcomes', 'none']);
    expect(JSON.parse(r.stdout).outcomes).toBeUndefined();
  });
});
