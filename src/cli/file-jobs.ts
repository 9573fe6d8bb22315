/**
 * The per-file work of `score` (table output) and `validate`, written once and run either on
 * this thread or, for many files, on worker threads as well (see {@link runPerFile}). Each file
 * gives a small result (diagnostics, table cells, the text only where a diagnostic needs it for
 * its code frame), so that little crosses between threads; the commands put the results back
 * in path order, and the output is the same whichever thread read a file.
 *
 * @module
 */
import { availableParallelism } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { runOnWorkers } from '../node/worker-pool.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { loadAnswerSetFile, loadRubricFile, resolveRubricIndex } from '../node/files.js';
import { validateAnswerSet } from '../answers/validate.js';
import { scoreAnswerSet, scoreTotals } from '../scoring/score.js';
import { scoreEntryText, type ScoreStreamFormat } from '../report/score-table.js';
import type { Rubric } from '../rubric/types.js';
import { bundledRubricPath, type CliIO } from './io.js';
import { diagnosticsJson, loadRubricArg } from './shared.js';

/** What to do with each file of a slice (plain data: it is posted to worker threads). */
export type FileJob =
  | { kind: 'score'; cwd: string; rubric: string; variant?: string; reportMissing: boolean; format?: ScoreStreamFormat }
  | { kind: 'read'; cwd: string }
  | { kind: 'validate'; cwd: string; rubrics: string[] };

/** The result of `score` for one file. */
export interface ScoreFileResult {
  /** Diagnostics of reading the file. */
  load: Diagnostic[];
  /** The file's text, when a diagnostic may show a code frame of it. */
  text?: string;
  /** Where the text belongs among the sources (the file's name in diagnostics). */
  sourceKey: string;
  /** The table row (and the scoring diagnostics) of a set that was read. */
  row?: { country: string; year: number; cells: string[]; diagnostics: Diagnostic[] };
}

/** The result of `validate` for one answer file. */
export interface ValidateFileResult {
  file: string;
  diagnostics: Diagnostic[];
  text?: string;
  sourceKey: string;
}

const quietIO = (cwd: string): CliIO => ({ cwd, stdout: () => {}, stderr: () => {}, isTTY: false });

/** Scores files into table rows with a loaded rubric. */
export function scoreFiles(rubric: Rubric, job: Extract<FileJob, { kind: 'score' }>, files: readonly string[]): ScoreFileResult[] {
  const options = { ...(job.variant !== undefined ? { variant: job.variant } : {}), reportMissing: job.reportMissing };
  return files.map((file) => {
    const r = loadAnswerSetFile(file);
    const out: ScoreFileResult = { load: r.diagnostics, sourceKey: file.split(sep).join('/') };
    let noted = r.diagnostics.length > 0;
    if (r.value) {
      const t = scoreTotals(rubric, r.value, options);
      out.row = { country: t.country, year: t.year, cells: [t.country, String(t.year), ...t.variants.map((v) => v.display ?? '—'), ...t.areas.map((a) => a.display ?? '—')], diagnostics: t.diagnostics };
      noted ||= t.diagnostics.length > 0;
    }
    if (noted && r.text !== undefined) out.text = r.text;
    return out;
  });
}

/** What reading one answer file gives: its diagnostics, and the country and year of a set that was read. */
export interface ReadFileResult {
  load: Diagnostic[];
  text?: string;
  sourceKey: string;
  key?: { country: string; year: number };
}

/** Reads answer files for their country and year (the order of a streamed output). */
export function readFiles(files: readonly string[]): ReadFileResult[] {
  return files.map((file) => {
    const r = loadAnswerSetFile(file);
    const out: ReadFileResult = { load: r.diagnostics, sourceKey: file.split(sep).join('/') };
    if (r.value) out.key = { country: r.value.country, year: r.value.year };
    if (r.diagnostics.length > 0 && r.text !== undefined) out.text = r.text;
    return out;
  });
}

/** One answer set's entry of a streamed `score` output, with its scoring diagnostics. */
export interface ScoreEntryResult {
  /** The entry's text (see `scoreEntryText`); undefined when the file no longer reads. */
  entry?: string;
  diagnostics: Diagnostic[];
  text?: string;
  sourceKey: string;
}

/** Scores files into the entries of a streamed output (`job.format`, JSON when unset). */
export function scoreEntries(rubric: Rubric, job: Extract<FileJob, { kind: 'score' }>, files: readonly string[]): ScoreEntryResult[] {
  const options = { ...(job.variant !== undefined ? { variant: job.variant } : {}), reportMissing: job.reportMissing };
  const format = job.format ?? 'json';
  return files.map((file) => {
    const r = loadAnswerSetFile(file);
    const out: ScoreEntryResult = { diagnostics: r.diagnostics, sourceKey: file.split(sep).join('/') };
    if (r.value) {
      const res = scoreAnswerSet(rubric, r.value, options);
      out.entry = scoreEntryText(format, res, format === 'csv' ? res : { ...res, diagnostics: diagnosticsJson(res.diagnostics, job.cwd) });
      out.diagnostics = res.diagnostics;
    }
    if (out.diagnostics.length > 0 && r.text !== undefined) out.text = r.text;
    return out;
  });
}

/** The rubrics an answer file may be checked against, found once per thread. */
export interface ValidateContext {
  rubrics: Map<string, Rubric>;
  nearby: Map<string, Rubric | undefined>;
}

/** A context with the given rubrics (files, folders or bundled ids) loaded; their own diagnostics are the caller's. */
export function validateContext(cwd: string, rubricArgs: readonly string[]): ValidateContext {
  const rubrics = new Map<string, Rubric>();
  for (const arg of rubricArgs) {
    const r = loadRubricArg(quietIO(cwd), arg);
    if (r.value && !rubrics.has(r.value.id)) rubrics.set(r.value.id, r.value);
  }
  return { rubrics, nearby: new Map() };
}

/**
 * A rubric with the given id in a folder near an answer file: `rubric/`, `rubrics/<id>/` or
 * `<id>/` in the file's folder or up to three folders above it.
 */
function rubricNextTo(file: string, id: string, cache: Map<string, Rubric | undefined>): Rubric | undefined {
  let dir = dirname(file);
  for (let up = 0; up <= 3; up++) {
    for (const candidate of [join(dir, 'rubric'), join(dir, 'rubrics', id), join(dir, id)]) {
      if (!cache.has(candidate)) cache.set(candidate, resolveRubricIndex(candidate) ? loadRubricFile(candidate).value : undefined);
      const r = cache.get(candidate);
      if (r?.id === id) return r;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

/** Checks answer files: their shape, and the answers against the rubric their `rubric:` field names. */
export function validateFiles(ctx: ValidateContext, files: readonly string[]): ValidateFileResult[] {
  return files.map((file) => {
    const a = loadAnswerSetFile(file);
    const ds = [...a.diagnostics];
    if (a.value) {
      const id = a.value.rubric.id;
      let rubric: Rubric | undefined = ctx.rubrics.get(id);
      if (!rubric) {
        const bundled = bundledRubricPath(id);
        const r = bundled ? loadRubricFile(bundled) : undefined;
        if (r?.value) {
          rubric = r.value;
          ctx.rubrics.set(rubric.id, rubric);
        }
      }
      // A rubric found next to a file serves the files near it (its folder is cached), not every file.
      rubric ??= rubricNextTo(file, id, ctx.nearby);
      if (rubric) for (const item of validateAnswerSet(rubric, a.value)) ds.push(item);
      else {
        const line = (a.text ?? '').split('\n').findIndex((l) => /^rubric\s*:/.test(l));
        ds.push({
          code: 'ANSWERS_RUBRIC_NOT_CHECKED',
          severity: 'warning',
          message: `Only the shape of this file was checked: its rubric "${id}" is not bundled, not given with --rubric and not found next to the file, so question ids and answers were not checked.`,
          file: a.value.file ?? file,
          ...(line >= 0 ? { line: line + 1, column: 1 } : {}),
          hint: 'Pass the rubric with --rubric <path>.',
        });
      }
    }
    const out: ValidateFileResult = { file, diagnostics: ds, sourceKey: a.value?.file ?? file };
    if (ds.length > 0 && a.text !== undefined) out.text = a.text;
    return out;
  });
}

/** The per-file function of a job on a thread that has nothing loaded yet (a worker). */
export function jobRunner(job: FileJob): (files: readonly string[]) => unknown[] {
  if (job.kind === 'score') {
    const r = loadRubricArg(quietIO(job.cwd), job.rubric);
    if (!r.value) throw new Error(`the rubric ${job.rubric} does not load`);
    const rubric = r.value;
    return job.format ? (files) => scoreEntries(rubric, job, files) : (files) => scoreFiles(rubric, job, files);
  }
  if (job.kind === 'read') return readFiles;
  const ctx = validateContext(job.cwd, job.rubrics);
  return (files) => validateFiles(ctx, files);
}

/** Options of {@link runPerFile}. */
export interface PerFileOptions {
  /** Threads in all, this one included (default: the machine's cores, at most 4; `POLICY_INDEX_THREADS` overrides). */
  threads?: number;
  /** Fewer files than this are read on this thread alone (default 2,000: a thread costs about as much to start as a few hundred files to read; `POLICY_INDEX_PARALLEL_FROM` overrides). */
  threshold?: number;
  /** Called as each slice is done, with where it ran (`worker`, or `here` also when a worker failed and its slice was run here). */
  onSlice?: (files: number, where: 'worker' | 'here') => void;
}

function threadCount(options: PerFileOptions): number {
  const env = Number(process.env.POLICY_INDEX_THREADS);
  const wanted = options.threads ?? (Number.isInteger(env) && env > 0 ? env : Math.min(4, availableParallelism()));
  return Math.max(1, Math.min(wanted, 16));
}

function thresholdOf(options: PerFileOptions): number {
  const from = Number(process.env.POLICY_INDEX_PARALLEL_FROM);
  return options.threshold ?? (process.env.POLICY_INDEX_PARALLEL_FROM !== undefined && Number.isInteger(from) && from >= 0 ? from : 2_000);
}

/**
 * Like {@link runPerFile}, but each file's result is handed to `onResult` as soon as it and
 * every one before it are done, in the order of `files`, and not kept: the files go out in
 * small slices (`slice` files each, default 100) to worker threads, and only a bounded window
 * of slices is out at a time, so memory stays flat however many files there are.
 */
export async function streamPerFile<R>(job: FileJob, files: readonly string[], local: (files: readonly string[]) => R[], onResult: (result: R) => void, options: PerFileOptions & { slice?: number } = {}): Promise<void> {
  const threads = threadCount(options);
  const size = Math.max(1, options.slice ?? 100);
  const slices: string[][] = [];
  for (let i = 0; i < files.length; i += size) slices.push(files.slice(i, i + size));
  if (threads === 1 || files.length < thresholdOf(options)) {
    for (const s of slices) {
      for (const r of local(s)) onResult(r);
      options.onSlice?.(s.length, 'here');
    }
    return;
  }
  // This thread writes what the workers give; they do the reading and scoring.
  await runOnWorkers<readonly string[], R[]>({
    here: import.meta.url,
    name: 'file-worker',
    init: job,
    workers: threads,
    tasks: slices,
    // Small heaps: a worker holds a slice at a time, and garbage is collected early instead of
    // adding up over every worker's heap (a slice whose worker runs out is run here).
    resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 },
    onResult: (out, k) => {
      const ok = out.length === slices[k]!.length;
      const got = ok ? out : local(slices[k]!);
      options.onSlice?.(got.length, ok ? 'worker' : 'here');
      for (const r of got) onResult(r);
    },
    fallback: (s) => local(s),
  });
}

/**
 * Runs `local` (this thread's per-file function for `job`) over `files`, in contiguous slices
 * on worker threads and this one when there are many files; results in the order of `files`.
 */
export async function runPerFile<R>(job: FileJob, files: readonly string[], local: (files: readonly string[]) => R[], options: PerFileOptions = {}): Promise<R[]> {
  const threads = threadCount(options);
  const threshold = thresholdOf(options);
  if (threads === 1 || files.length < threshold) {
    const out = local(files);
    options.onSlice?.(files.length, 'here');
    return out;
  }
  const size = Math.ceil(files.length / threads);
  const slices: string[][] = [];
  for (let i = 0; i < files.length; i += size) slices.push(files.slice(i, i + size));
  const remote = slices.slice(0, -1);
  const got: R[][] = [];
  const here = (files: readonly string[]) => {
    options.onSlice?.(files.length, 'here');
    return local(files);
  };
  // The workers start on their slices now; this thread reads the last slice meanwhile.
  const pending = runOnWorkers<readonly string[], R[]>({
    here: import.meta.url,
    name: 'file-worker',
    init: job,
    workers: remote.length,
    tasks: remote,
    onResult: (out, k) => {
      const ok = out.length === remote[k]!.length;
      if (ok) options.onSlice?.(out.length, 'worker');
      got[k] = ok ? out : here(remote[k]!);
    },
    fallback: here,
  });
  const mine = here(slices[slices.length - 1]!);
  await pending;
  const out: R[] = [];
  for (const part of got) for (const item of part) out.push(item);
  for (const item of mine) out.push(item);
  return out;
}
