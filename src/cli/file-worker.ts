/**
 * Worker thread of `score` and `validate` on many files: runs one job over one slice of files
 * and posts the per-file results back (see file-jobs.ts).
 *
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { jobRunner, type FileJob } from './file-jobs.js';

parentPort?.on('message', (msg: { job: FileJob; files: string[] }) => {
  try {
    parentPort!.postMessage({ out: jobRunner(msg.job)(msg.files) });
  } catch {
    // The main thread runs the slice itself and reports what goes wrong there.
    parentPort!.postMessage({});
  }
});
