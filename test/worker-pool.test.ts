import { describe, expect, it } from 'vitest';
import { runOnWorkers } from '../src/node/worker-pool.js';

const here = new URL('./fixtures/worker-pool/', import.meta.url).href + 'pool.ts';

describe('the worker pool', () => {
  it('hands results back in task order, runs a failed task here, and fails or falls back when workers cannot run', async () => {
    const tasks = Array.from({ length: 24 }, (_, i) => i);
    const seen: number[] = [];
    let progress = 0;
    let fellBack: number[] = [];
    await runOnWorkers<number, number>({
      here,
      name: 'echo-worker',
      init: { failOn: 7 },
      workers: 3,
      window: 4,
      tasks,
      onResult: (r, i) => {
        expect(i).toBe(seen.length);
        seen.push(r);
      },
      onProgress: (n) => (progress += n),
      fallback: (t) => {
        fellBack.push(t);
        return -t;
      },
    });
    expect(seen).toEqual(tasks.map((t) => (t === 7 ? -7 : 2 * t)));
    expect(fellBack).toEqual([7]);
    expect(progress).toBe(23);
    // Without a fallback a failed task fails the run (a rejected promise, not a hang).
    fellBack = [];
    await expect(runOnWorkers<number, number>({ here, name: 'echo-worker', init: { failOn: 5 }, workers: 2, tasks, onResult: () => {} })).rejects.toThrow('task 5 fails');
    // A worker module that does not exist: every task runs here.
    const got: number[] = [];
    await runOnWorkers<number, number>({ here, name: 'no-such-worker', init: {}, workers: 2, tasks: [1, 2, 3], onResult: (r) => got.push(r), fallback: (t) => 10 * t });
    expect(got).toEqual([10, 20, 30]);
  }, 60_000);
});
