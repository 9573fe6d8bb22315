/**
 * The incarceration series is labelled as its source defines it: prisoners by citizenship per
 * 100,000 inhabitants of the whole population, the two groups adding up to the total rate.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadOutcomeData } from '../src/outcomes/data.js';
import { parseOutcomeFramework } from '../src/outcomes/framework.js';
import { ZARAGOZA_FRAMEWORK_YAML } from '../src/outcomes/zaragoza.js';

describe('incarceration rows', () => {
  it('add up, nationals plus foreign citizens, to about the total prison rate (AT, FR, IT 2019)', () => {
    const rows = readFileSync('test/fixtures/outcomes/eurostat_master_panel.csv', 'utf8').split('\n').map((l) => l.split(','));
    for (const country of ['AT', 'FR', 'IT']) {
      const values = rows.filter((r) => r[0] === '2019' && r[1] === country && r[4] === 'Incarceration_Rate_Per_100k').map((r) => Number(r[3]));
      expect(values, country).toHaveLength(2);
      const total = values[0]! + values[1]!;
      // Each country's prison population is roughly 100 per 100,000 inhabitants; per-group rates would not add up so.
      expect(total, country).toBeGreaterThan(95);
      expect(total, country).toBeLessThan(110);
    }
  });

  it('are labelled per 100,000 inhabitants, by citizenship, with no gap between the groups', () => {
    const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML, 'zaragoza.yaml').value!;
    const ind = framework.indicators.find((i) => i.id === 'incarceration-rate')!;
    expect(ind.title).toBe('Prisoners by citizenship, per 100,000 inhabitants');
    expect(ind.unit).toBe('per-100k');
    expect(ind.definition).toContain("per 100,000 of the country's whole population");
    expect(ind.definition).toContain('not by country of birth');
    expect(ind.definition).not.toMatch(/residents of the same group/);
    expect(ind.gaps).toEqual([]);
    expect(ind.cohorts).toEqual(['nationals', 'eu-citizens', 'non-eu-citizens', 'foreign-citizens']);
    const titles = Object.fromEntries(framework.cohorts.map((c) => [c.id, c.title]));
    expect(ind.cohorts.map((c) => titles[c])).toEqual(['Nationals', 'Citizens of another EU member state', 'Citizens of a country outside the EU', 'Foreign citizens']);
  });

  it('are read as nationals and foreign citizens from both panel layouts, while other series keep country-of-birth cohorts', () => {
    const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML, 'zaragoza.yaml').value!;
    const long = loadOutcomeData([{ name: 'panel.csv', text: readFileSync('test/fixtures/outcomes/eurostat_master_panel.csv', 'utf8') }], framework);
    const cohortsOf = (obs: readonly { indicator: string; cohort: string }[], indicator: string): string[] =>
      [...new Set(obs.filter((o) => o.indicator === indicator).map((o) => o.cohort))].sort();
    expect(cohortsOf(long.value!.observations, 'incarceration-rate')).toEqual(['foreign-citizens', 'nationals']);
    expect(cohortsOf(long.value!.observations, 'poverty-rate')).toEqual(['eu-born', 'foreign-born', 'native', 'non-eu-born']);
    // The AT 2019 values keep their numbers, now under the citizenship cohorts.
    const at = long.value!.observations.filter((o) => o.indicator === 'incarceration-rate' && o.country === 'AT' && o.year === 2019);
    expect(at.map((o) => [o.cohort, o.text]).sort()).toEqual([['foreign-citizens', expect.stringMatching(/^54\.1/)], ['nationals', expect.stringMatching(/^48\.2/)]]);
    const wide = loadOutcomeData([{ name: 'insights.csv', text: readFileSync('test/fixtures/outcomes/eurostat_insights.csv', 'utf8') }], framework);
    const wideCohorts = new Set(wide.value!.observations.filter((o) => o.indicator === 'incarceration-rate').map((o) => o.cohort));
    for (const c of wideCohorts) expect(['nationals', 'eu-citizens', 'non-eu-citizens', 'foreign-citizens']).toContain(c);
    expect(wideCohorts.size).toBeGreaterThan(0);
  });

  it('reject a per-indicator relabelling to a cohort the indicator does not declare', () => {
    const bad = ZARAGOZA_FRAMEWORK_YAML.replace('        Native: nationals\n', '        Native: native\n');
    expect(bad).not.toBe(ZARAGOZA_FRAMEWORK_YAML);
    const parsed = parseOutcomeFramework(bad, 'zaragoza.yaml');
    expect(parsed.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([
      expect.stringContaining('"eurostat-long" maps "Native" to the cohort "native", which the indicator "incarceration-rate" does not declare'),
      expect.stringContaining('"eurostat-wide" maps "Native" to the cohort "native", which the indicator "incarceration-rate" does not declare'),
    ]);
    expect(parsed.diagnostics[0]!.line).toBeGreaterThan(0);
  });
});
