/**
 * Worker thread of the parallel uncertainty and sensitivity runs: evaluates one block of samples
 * (top scores) or of rows (ranks of every Saltelli matrix) and posts it back.
 *
 * @module
 */
import { sensitivityRanks } from '../analysis/robustness/sensitivity.js';
import type { UncertaintyContext } from '../analysis/robustness/context.js';
import { createEvaluator, sampleScores } from '../analysis/robustness/sampling.js';
import { serveWorkerTasks } from './worker-pool.js';
import type { RobustnessTask } from './robustness.js';

serveWorkerTasks<UncertaintyContext, RobustnessTask, Float64Array>(
  (ctx) => {
    const ev = createEvaluator(ctx);
    return (task, progress) => {
      const out = task.kind === 'ranks' ? sensitivityRanks(ctx, task.from, task.to) : sampleScores(ctx, task.from, task.to, ev);
      progress((task.to - task.from) * (task.kind === 'ranks' ? ctx.inputs.length + 2 : 1));
      return out;
    };
  },
  (out) => [out.buffer as ArrayBuffer],
);
