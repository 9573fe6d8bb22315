import { describe, expect, it } from 'vitest';
import { loadAnswerSetFiles, loadRubricFile } from '../src/node/files.js';
import { scoreAnswerSet } from '../src/scoring/score.js';
import { compileEvaluationPlan, evaluatePlan, nominalSettings, planUnitsFromResults } from '../src/analysis/robustness/plan.js';

describe('float evaluation plan against the exact scorer', () => {
  it('agrees within 1e-9 on every variant and group node of every MIPEX country-year', () => {
    const rubric = loadRubricFile('rubrics/mipex-2020').value!;
    const sets = loadAnswerSetFiles(['examples/mipex']).value!;
    expect(sets.length).toBe(576);
    let compared = 0;
    for (const v of rubric.variants) {
      const plan = compileEvaluationPlan(rubric, v.id);
      const results = sets.map((s) => scoreAnswerSet(rubric, s, { reportMissing: false, variant: v.id }));
      const units = planUnitsFromResults(plan, results);
      const settings = nominalSettings(plan);
      const value = new Float64Array(plan.ids.length);
      const status = new Uint8Array(plan.ids.length);
      results.forEach((r, u) => {
        const top = evaluatePlan(plan, units, u, settings, value, status);
        if (r.root.value === null) expect(Number.isNaN(top)).toBe(true);
        else expect(Math.abs(top - Number(r.root.score))).toBeLessThanOrEqual(1e-9);
        compared++;
        // every group node of the tree, too
        const byId = new Map(plan.ids.map((id, i) => [id, i]));
        const walk = (n: typeof r.root): void => {
          const i = byId.get(n.id);
          if (i !== undefined && n.kind !== 'question' && n.id !== r.root.id) {
            if (n.status === 'scored') expect(Math.abs(value[i]! - Number(n.score))).toBeLessThanOrEqual(1e-9);
            else expect(status[i]).not.toBe(0);
          }
          n.children.forEach(walk);
        };
        walk(r.root);
      });
    }
    expect(compared).toBe(576 * rubric.variants.length);
  }, 120_000);
});
