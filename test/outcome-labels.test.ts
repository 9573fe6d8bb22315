/**
 * The incarceration series is labelled as its source defines it: prisoners by citizenship per
 * 100,000 inhabitants of the whole population, the two groups adding up to the total rate.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
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
  });
});
