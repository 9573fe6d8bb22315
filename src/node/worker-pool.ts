/**
 * The one worker pool: a list of tasks run on worker threads, each worker set up once, the
 * results handed back in task order whatever thread finished first. Only a bounded window of
 * tasks is out at a time, so results waiting for an earlier one never pile up. The worker side
 * is {@link serveWorkerTasks}; workers are started by {@link startSiblingWorker}.
 *
 * @module
 */
import { parentPort, type ResourceLimits, type Transferable, type Worker } from 'node:worker_threads';
import { startSiblingWorker } from './worker-start.js';

/** Options of {@link runOnWorkers}. */
export interface WorkerPoolOptions<T, R> {
  /** `import.meta.url` of the module the worker module sits beside. */
  here: string;
  /** The worker module's name, without extension. */
  name: string;
  /** What every worker is set up with (plain data, posted once per worker). */
  init: unknown;
  /** Worker threads (at most one per task). */
  workers: number;
  /**
   * Heap limits of each worker (default: V8's, which let a heap grow well before collecting).
   * A worker that runs out of them fails its task like any other failure (see `fallback`).
   */
  resourceLimits?: ResourceLimits;
  tasks: readonly T[];
  /** Called with each result, in task order. */
  onResult: (result: R, index: number) => void;
  /** Called with the progress amounts workers report. */
  onProgress?: (amount: number) => void;
  /** Tasks out beyond the next result due (default: 2 per worker); bounds the results held back. */
  window?: number;
  /**
   * Runs a task on this thread when its worker failed (it could not start, threw or exited);
   * without it a failure rejects the run.
   */
  fallback?: (task: T, index: number) => R;
}

type Reply<R> = { progress: number } | { index: number; result: R } | { index: number; failed: string };

/** Runs the tasks on worker threads; resolves when every result has been handed to `onResult`. */
export async function runOnWorkers<T, R>(options: WorkerPoolOptions<T, R>): Promise<void> {
  const { tasks } = options;
  const count = Math.max(1, Math.min(options.workers, tasks.length));
  const window = Math.max(count, options.window ?? 2 * count);
  const held = new Map<number, R>();
  let due = 0;
  let next = 0;
  const pool: Worker[] = [];
  try {
    await new Promise<void>((done, fail) => {
      let failed = false;
      const idle: Worker[] = [];
      /** The task each worker is on. */
      const busy = new Map<Worker, number>();
      const deliver = (index: number, result: R) => {
        held.set(index, result);
        while (held.has(due)) {
          const r = held.get(due)!;
          held.delete(due);
          options.onResult(r, due++);
        }
        if (due === tasks.length) done();
        // A delivery may open the window for workers that were waiting.
        while (idle.length && next < tasks.length && next < due + window) give(idle.shift()!);
      };
      const give = (w: Worker) => {
        if (next >= tasks.length || next >= due + window) {
          idle.push(w);
          return;
        }
        const index = next++;
        busy.set(w, index);
        w.postMessage({ index, task: tasks[index] });
      };
      const lost = (index: number, why: unknown) => {
        if (failed) return;
        if (!options.fallback) {
          failed = true;
          fail(why instanceof Error ? why : new Error(String(why)));
          return;
        }
        deliver(index, options.fallback(tasks[index]!, index));
      };
      const start = (): Worker | undefined => {
        try {
          return startSiblingWorker(options.here, options.name, options.resourceLimits);
        } catch {
          return undefined;
        }
      };
      for (let k = 0; k < count; k++) {
        const w = start();
        if (!w) continue;
        pool.push(w);
        w.on('message', (m: Reply<R>) => {
          if ('progress' in m) return options.onProgress?.(m.progress);
          busy.delete(w);
          if ('failed' in m) lost(m.index, new Error(m.failed));
          else deliver(m.index, m.result);
          if (!failed) give(w);
        });
        const gone = (why: unknown) => {
          const index = busy.get(w);
          busy.delete(w);
          if (index !== undefined) lost(index, why);
          // The tasks this worker would have taken go to the others, or here when none is left.
          w.removeAllListeners();
          if (idle.includes(w)) idle.splice(idle.indexOf(w), 1);
          const at = pool.indexOf(w);
          if (at >= 0) pool.splice(at, 1);
          if (!pool.length) drainHere();
        };
        w.on('error', gone);
        w.on('exit', (code) => gone(new Error(`a worker thread stopped (exit code ${code})`)));
        w.postMessage({ init: options.init });
        give(w);
      }
      const drainHere = () => {
        while (!failed && next < tasks.length) {
          const index = next++;
          lost(index, new Error('no worker thread is left'));
        }
      };
      if (!pool.length) drainHere();
      if (!tasks.length) done();
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

/**
 * The worker side of {@link runOnWorkers}: `setup` turns the pool's `init` into the task
 * function; each task's result is posted back (its `transfer` list moved, not copied), a thrown
 * error as a failure of that task.
 */
export function serveWorkerTasks<I, T, R>(setup: (init: I) => (task: T, progress: (amount: number) => void) => R, transfer?: (result: R) => Transferable[]): void {
  const port = parentPort;
  if (!port) return;
  let run: ((task: T, progress: (amount: number) => void) => R) | undefined;
  let setupError: unknown;
  const progress = (amount: number) => port.postMessage({ progress: amount });
  port.on('message', (m: { init?: I; index?: number; task?: T }) => {
    if ('init' in m) {
      try {
        run = setup(m.init as I);
      } catch (e) {
        setupError = e;
      }
      return;
    }
    const index = m.index!;
    try {
      if (!run) throw setupError instanceof Error ? setupError : new Error('the worker was not set up');
      const result = run(m.task as T, progress);
      port.postMessage({ index, result }, transfer?.(result) ?? []);
    } catch (e) {
      port.postMessage({ index, failed: e instanceof Error ? e.message : String(e) });
    }
  });
}
