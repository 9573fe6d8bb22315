/**
 * The child process that runs the fuzz cases of the file-writing and analysis surfaces (see
 * `child.ts`): one job at a time, sent by the runner over IPC. A job is a command line (run
 * through the CLI's `main`, in the job's folder) or an API call on files of that folder. The
 * runner measures time, kills this process on a hang or when it grows past the memory limit,
 * and checks the files; this process reports the exit code, the output, a thrown error, its
 * own peak memory during the job and whether `Object.prototype` changed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { loadRubricFile, loadAnswerSetFiles } from '../../src/node/files.js';
import { readAnswerTableFile } from '../../src/node/tables.js';
import { loadTableMapping } from '../../src/tables/mapping.js';
import { importAnswerTable } from '../../src/tables/import.js';
import { formatAnswerSet } from '../../src/answers/format.js';
import { loadAnswerSet } from '../../src/answers/load.js';
import { readPublishedCsv } from '../../src/analysis/verify/published.js';
import { checkPublishedConsistency, verifyPublishedScores } from '../../src/analysis/verify/verify.js';
import { parseMigrationMapping } from '../../src/editions/mapping.js';
import { migrateAnswerText } from '../../src/editions/migrate-document.js';
import { loadUncertaintySpec } from '../../src/analysis/robustness/spec.js';

/** A job: a command line, or an API call; paths are relative to `dir`. */
export type Job =
  | { type: 'cli'; dir: string; argv: string[] }
  | { type: 'table'; dir: string; table: string; rubric: string; mapping?: string; headerRow?: number; layout?: 'wide' | 'long' }
  | { type: 'verify'; dir: string; rubric: string; answers: string; published: string; tolerance?: string | number; atDisplay?: boolean }
  | { type: 'migrate'; dir: string; answers: string; to: string; from?: string; mapping?: string }
  | { type: 'spec'; dir: string; spec: string };

export interface JobResult {
  exit?: number;
  stdout: string;
  stderr: string;
  /** Diagnostics of an API call. */
  diagnostics: Diagnostic[];
  /** Texts an API call produced that its own loader refuses (with why). */
  unloadable: string[];
  /** An exception that escaped (API), or an INTERNAL_ERROR (CLI). */
  exception?: string;
  prototypeChanged: boolean;
  /** Peak resident memory during the job, bytes (0 where the system does not tell). */
  peakRss: number;
  /** CPU time of the job (all threads of this process), ms. */
  cpuMs: number;
}

const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).join(',');
const text = (dir: string, p: string) => readFileSync(join(dir, p), 'utf8');
/** Appends lists of any length (a spread of 100,000 items overflows the stack). */
function add(to: Diagnostic[], ...lists: readonly (readonly Diagnostic[])[]): void {
  for (const list of lists) for (const d of list) to.push(d);
}

/** Resets the peak-RSS counter of this process (Linux); false where unavailable. */
function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}
function peakRss(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

async function runJob(job: Job): Promise<Omit<JobResult, 'prototypeChanged' | 'peakRss' | 'cpuMs'>> {
  const out = { stdout: '', stderr: '', diagnostics: [] as Diagnostic[], unloadable: [] as string[] };
  const { dir } = job;
  switch (job.type) {
    case 'cli': {
      const exit = await main(job.argv, { stdout: (s) => void (out.stdout += s), stderr: (s) => void (out.stderr += s), cwd: dir, isTTY: false });
      const internal = /INTERNAL_ERROR[^\n]*/.exec(out.stderr + out.stdout);
      return { ...out, exit, ...(internal ? { exception: internal[0] } : {}) };
    }
    case 'table': {
      const rubric = loadRubricFile(join(dir, job.rubric));
      if (!rubric.value) return { ...out, diagnostics: rubric.diagnostics };
      const mapping = job.mapping === undefined ? undefined : loadTableMapping(text(dir, job.mapping), job.mapping);
      const table = readAnswerTableFile(join(dir, job.table), { display: job.table });
      add(out.diagnostics, (mapping?.diagnostics ?? []), table.diagnostics);
      if (!table.value || (mapping && !mapping.value)) return out;
      const r = importAnswerTable(table.value.grids, rubric.value, {
        ...(mapping?.value ? { mapping: mapping.value } : {}),
        ...(job.headerRow !== undefined ? { headerRow: job.headerRow } : {}),
        ...(job.layout ? { layout: job.layout } : {}),
        defaults: table.value.defaults,
      });
      add(out.diagnostics, r.diagnostics);
      for (const set of r.value ?? []) {
        const written = formatAnswerSet(set);
        const back = loadAnswerSet(written, { file: 'written.yaml' });
        const bad = back.diagnostics.filter((d) => d.severity === 'error');
        if (bad.length > 0) out.unloadable.push(`${set.country}-${set.year}: ${bad.map((d) => `${d.code} ${d.message}`).join('; ').slice(0, 300)}`);
      }
      return out;
    }
    case 'verify': {
      const rubric = loadRubricFile(join(dir, job.rubric));
      const sets = loadAnswerSetFiles([join(dir, job.answers)]);
      const published = readPublishedCsv(text(dir, job.published), { file: job.published });
      add(out.diagnostics, rubric.diagnostics, published.diagnostics);
      if (!rubric.value || !sets.value || !published.value) return out;
      const options = { ...(job.tolerance !== undefined ? { tolerance: job.tolerance } : {}), ...(job.atDisplay ? { atDisplay: true } : {}) };
      const r = verifyPublishedScores(rubric.value, sets.value, published.value, options);
      add(out.diagnostics, r.diagnostics);
      checkPublishedConsistency(rubric.value, published.value, options);
      return out;
    }
    case 'migrate': {
      const to = loadRubricFile(join(dir, job.to));
      const from = job.from === undefined ? undefined : loadRubricFile(join(dir, job.from));
      const rules = job.mapping === undefined ? undefined : parseMigrationMapping(text(dir, job.mapping), job.mapping);
      add(out.diagnostics, to.diagnostics, (from?.diagnostics ?? []), (rules?.diagnostics ?? []));
      if (!to.value || (rules && !rules.value)) return out;
      const answers = text(dir, job.answers);
      const m = migrateAnswerText(answers, to.value, rules?.value ?? [], from?.value);
      const back = loadAnswerSet(m.text, { file: job.answers });
      // A text transform of a file that does not load cannot be expected to load (the command
      // writes nothing that fails to load); from a file that loads, the migrated text must load.
      const inputErrors = loadAnswerSet(answers, { file: job.answers }).diagnostics.filter((d) => d.severity === 'error').length;
      const added = inputErrors > 0 ? [] : back.diagnostics.filter((d) => d.severity === 'error');
      if (added.length > 0) out.unloadable.push(`migrated ${job.answers}: ${added.map((d) => `${d.code} ${d.message}`).join('; ').slice(0, 300)}`);
      return out;
    }
    case 'spec': {
      const r = loadUncertaintySpec(text(dir, job.spec), job.spec);
      add(out.diagnostics, r.diagnostics);
      return out;
    }
  }
}

process.on('message', (msg: { id: number; job: Job }) => {
  void (async () => {
    const measured = resetPeak();
    const cpu0 = process.cpuUsage();
    let res: Omit<JobResult, 'prototypeChanged' | 'peakRss' | 'cpuMs'>;
    try {
      res = await runJob(msg.job);
    } catch (e) {
      res = { stdout: '', stderr: '', diagnostics: [], unloadable: [], exception: e instanceof Error ? `${e.name}: ${e.message.slice(0, 200)}\n${(e.stack ?? '').split('\n').slice(1, 4).join('\n')}` : String(e) };
    }
    const cpu = process.cpuUsage(cpu0);
    const prototypeChanged = Object.getOwnPropertyNames(Object.prototype).join(',') !== PROTO_KEYS || Object.keys({}).length > 0;
    const result: JobResult = { ...res, diagnostics: JSON.parse(JSON.stringify(res.diagnostics)) as Diagnostic[], prototypeChanged, peakRss: measured ? peakRss() : 0, cpuMs: (cpu.user + cpu.system) / 1000 };
    process.send!({ id: msg.id, result });
  })();
});
process.send!({ ready: true });
