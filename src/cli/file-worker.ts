/**
 * Worker thread of `score` and `validate` on many files: set up once with the job, runs it over
 * each slice of files and posts the per-file results back (see file-jobs.ts). A job that cannot
 * be set up (a rubric that does not load) fails its slices, which the main thread then runs
 * itself and reports what goes wrong there.
 *
 * @module
 */
import { serveWorkerTasks } from '../node/worker-pool.js';
import { jobRunner, type FileJob } from './file-jobs.js';

serveWorkerTasks<FileJob, string[], unknown[]>((job) => {
  const run = jobRunner(job);
  return (files) => run(files);
});
