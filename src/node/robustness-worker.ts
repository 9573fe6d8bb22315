/**
 * Worker thread of the parallel uncertainty and sensitivity runs: evaluates one range of
 * samples of one matrix and posts the results back (with progress messages).
 *
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { sensitivityRanks } from '../analysis/robustness/sensitivity.js';
import { createEvaluator, sampleScores, type UncertaintyContext } from '../analysis/robustness/uncertainty.js';

interface Task {
  id: number;
  kind: 'scores' | 'ranks';
  which: number;
  from: number;
  to: number;
}

let ctx: UncertaintyContext | undefined;
const STEP = 2000;

parentPort?.on('message', (msg: { ctx?: UncertaintyContext; task?: Task }) => {
  if (msg.ctx) ctx = msg.ctx;
  const task = msg.task;
  if (!task || !ctx) return;
  if (task.kind === 'ranks') {
    // Every matrix of the range at once (the matrices share their evaluation work).
    const out = sensitivityRanks(ctx, task.from, task.to);
    parentPort!.postMessage({ progress: (task.to - task.from) * (ctx.inputs.length + 2) });
    parentPort!.postMessage({ id: task.id, result: out }, [out.buffer as ArrayBuffer]);
    return;
  }
  const U = ctx.units.units.length;
  const out = new Float64Array((task.to - task.from) * U);
  const ev = createEvaluator(ctx);
  for (let a = task.from; a < task.to; a += STEP) {
    const b = Math.min(task.to, a + STEP);
    out.set(sampleScores(ctx, a, b, ev), (a - task.from) * U);
    parentPort!.postMessage({ progress: b - a });
  }
  parentPort!.postMessage({ id: task.id, result: out }, [out.buffer]);
});
