import { describe, expect, it } from 'vitest';
import { inputClasses, rng, runCase } from './fuzz.js';

// A small budget of the fuzz campaign (`npm run fuzz` runs the large one). The timeout only
// detects hangs; speed is measured by the runner, not asserted here.
const PER_CLASS = 12;

describe('fuzzed hostile inputs', () => {
  for (const [ci, { cls }] of inputClasses().entries()) {
    it(`${cls.name}: no exception, positions inside the file, nothing written outside the output folder, Object.prototype unchanged`, async () => {
      const r = rng(20_261_202 + ci);
      for (let i = 0; i < PER_CLASS; i++) {
        const input = cls.make(r);
        const res = await runCase(input.run);
        expect(res.exception, `${cls.name} #${i}`).toBeUndefined();
        expect(res.outside, `${cls.name} #${i}: diagnostics outside the file`).toBe(0);
        expect(res.scoringWithoutPosition, `${cls.name} #${i}: ${res.details.join('; ')}`).toBe(0);
        expect(res.pathsOutside, `${cls.name} #${i}: ${res.details.join('; ')}`).toBe(0);
        expect(res.prototypeChanged).toBe(false);
      }
    }, 60_000);
  }
});
