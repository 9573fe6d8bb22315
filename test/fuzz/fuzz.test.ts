import { afterAll, describe, expect, it } from 'vitest';
import { inputClasses, rng, runCase } from './fuzz.js';
import { stopChild } from './child.js';
import { surfaceClasses } from './surfaces.js';

// A small budget of the fuzz campaign (`npm run fuzz` runs the large one). The timeout only
// detects hangs; speed is measured by the runner, not asserted here, except that a run in the
// case worker is stopped (and fails) after 10 s of CPU.
const PER_CLASS = 12;
// The classes run in the case worker (a process per run, files on disk) cost more per input.
const PER_SURFACE_CLASS = 4;
const surfaceNames = new Set(surfaceClasses().map((c) => c.cls.name));

afterAll(() => stopChild());

describe('fuzzed hostile inputs', () => {
  for (const [ci, { cls }] of inputClasses().entries()) {
    const surface = surfaceNames.has(cls.name);
    const title = surface
      ? `${cls.name}: no exception, no hang, memory under the limit, positions inside the file, no input overwritten, nothing written outside the output folder, every written file loads, Object.prototype unchanged`
      : `${cls.name}: no exception, positions inside the file, nothing written outside the output folder, Object.prototype unchanged`;
    it(title, async () => {
      const r = rng(20_261_202 + ci);
      for (let i = 0; i < (surface ? PER_SURFACE_CLASS : PER_CLASS); i++) {
        const input = cls.make(r);
        const res = await runCase(input.run);
        const what = `${cls.name} #${i}: ${res.details.join('; ')}`;
        expect(res.exception, `${cls.name} #${i}`).toBeUndefined();
        expect(res.hang, `${what}: blocked`).toBe(false);
        expect(res.stoppedComputing, `${what}: stopped after ${Math.round(res.cpuMs ?? 0)} ms of CPU`).toBe(false);
        expect(res.overMemory, `${what}: over the memory limit`).toBe(false);
        expect(res.outside, `${cls.name} #${i}: diagnostics outside the file`).toBe(0);
        expect(res.scoringWithoutPosition, what).toBe(0);
        expect(res.pathsOutside, what).toBe(0);
        expect(res.overwritten, what).toBe(0);
        expect(res.unloadable, what).toBe(0);
        expect(res.prototypeChanged).toBe(false);
      }
    }, 60_000);
  }
});
