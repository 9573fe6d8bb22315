/**
 * Helpers shared by the `scorecard`, `compare` and `report` commands: loading answer sets with
 * their rubric, reading `--peers`, and writing outputs without ever overwriting an input.
 *
 * @module
 */
import { existsSync, mkdirSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { PeerGroup } from '../analysis/compare.js';
import type { AnswerSet } from '../answers/types.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { expandAnswerPaths, loadAnswerSetFiles, loadRubricFile, readTextFile } from '../node/files.js';
import type { Rubric } from '../rubric/types.js';
import { bundledRubricPath, UsageError, type CliIO } from './io.js';
import { displayPath, loadRubricArg } from './shared.js';
import { computeGaps } from '../outcomes/gaps.js';
import { loadOutcomeData, type OutcomeFile } from '../outcomes/data.js';
import { parseOutcomeFramework } from '../outcomes/framework.js';
import { ZARAGOZA_FRAMEWORK_YAML } from '../outcomes/zaragoza.js';
import { buildOutcomeEntries } from '../report/outcomes.js';
import type { OutcomeEntry } from '../report/schema.js';
import { bundledOutcomeDataPath } from '../node/package.js';

/** What {@link loadReportInputs} found. */
export interface ReportInputs {
  rubric?: Rubric;
  sets: AnswerSet[];
  diagnostics: Diagnostic[];
  sources: Record<string, string>;
  /** Real paths of every input file (answer files and rubric files). */
  inputFiles: Set<string>;
}

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

/**
 * Loads answer sets (files or folders) and the rubric: `--rubric` (a path or a bundled id), or
 * else the rubric the answer sets name, when it is bundled. Answer sets written for another
 * rubric are left out with a warning.
 */
export function loadReportInputs(io: CliIO, command: string, answerArgs: readonly string[], rubricArg: string | undefined): ReportInputs {
  if (answerArgs.length === 0) throw new UsageError(`${command} needs at least one answer file or folder.`, command);
  const paths = answerArgs.map((a) => resolve(io.cwd, a));
  const inputFiles = new Set(expandAnswerPaths(paths).files.map(real));
  const loaded = loadAnswerSetFiles(paths);
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  const sources: Record<string, string> = { ...loaded.sources };
  let sets = loaded.value ?? [];
  let arg = rubricArg;
  if (arg === undefined) {
    const ids = [...new Set(sets.map((s) => s.rubric.id))].sort();
    if (ids.length === 0) return { sets, diagnostics, sources, inputFiles };
    if (ids.length > 1) throw new UsageError(`The answer sets are written for several rubrics (${ids.join(', ')}); choose one with --rubric.`, command);
    if (!bundledRubricPath(ids[0]!)) throw new UsageError(`The answer sets name the rubric "${ids[0]}", which is not bundled; pass its path with --rubric.`, command);
    arg = ids[0]!;
  }
  const r = loadRubricArg(io, arg);
  diagnostics.push(...r.diagnostics);
  Object.assign(sources, r.sources);
  if (!r.value) return { sets, diagnostics, sources, inputFiles };
  for (const f of r.value.files) inputFiles.add(real(f));
  const rubric = r.value;
  const other = sets.filter((s) => s.rubric.id !== rubric.id);
  for (const s of other) {
    diagnostics.push({ code: 'ANSWERS_RUBRIC_MISMATCH', severity: 'warning', message: `${displayPath(io.cwd, s.file)} is written for the rubric "${s.rubric.id}", not "${rubric.id}"; it is left out.`, file: s.file });
  }
  sets = sets.filter((s) => s.rubric.id === rubric.id);
  return { rubric, sets, diagnostics, sources, inputFiles };
}

/** Reads `--peers`: `all`, `eu`, or a comma-separated list of country codes. */
export function peersOption(command: string, value: unknown): PeerGroup {
  if (value === undefined) return 'all';
  if (typeof value !== 'string' || !value.trim()) throw new UsageError('--peers must be all, eu or a comma-separated list of country codes.', command);
  const v = value.trim().toLowerCase();
  if (v === 'all' || v === 'eu') return v;
  const codes = value.split(',').map((c) => c.trim().toUpperCase()).filter(Boolean);
  if (!codes.every((c) => /^[A-Z0-9_-]{2,12}$/.test(c))) throw new UsageError(`--peers: "${value}" is not all, eu or a list of country codes such as DE,FR,IT.`, command);
  return codes;
}

/** Reads `--year`. */
export function yearOption(command: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d{4}$/.test(value) || !Number.isInteger(n)) throw new UsageError(`--year must be a four-digit year (got "${String(value)}").`, command);
  return n;
}

/** A diagnostic when writing `target` would overwrite an input file, else undefined. */
export function overwriteCheck(io: CliIO, target: string, inputs: ReadonlySet<string>): Diagnostic | undefined {
  const full = real(target);
  if (inputs.has(full) || inputs.has(resolve(target))) {
    return { code: 'CLI_WOULD_OVERWRITE_INPUT', severity: 'error', message: `Writing "${displayPath(io.cwd, target)}" would overwrite an input file; choose another output path.`, file: displayPath(io.cwd, target) };
  }
  return undefined;
}

/** Whether an `--out` value names a folder (exists as one, or ends with a slash). */
export function isFolderTarget(path: string, raw: string): boolean {
  if (/[\\/]$/.test(raw)) return true;
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Writes a text file, creating folders as needed. */
export function writeText(path: string, text: string): void {
  const dir = dirname(path);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  writeFileSync(path, text);
}

/** Help text of the `--outcomes` option shared by `scorecard` and `report`. */
export const OUTCOMES_OPTION_HELP = `  --outcomes <files>  outcome data shown beside (never inside) the policy scores, comma-separated
                      CSV/YAML files, or "none" (default: the bundled outcome data when the
                      rubric names its outcome framework, else none)`;

/**
 * Reads the outcome data for scorecards: the given files, or the bundled Eurostat panel, or none.
 * Returns a provider of the outcome entries of one country and year.
 */
export function loadOutcomeProvider(io: CliIO, value: unknown, rubric?: Pick<Rubric, 'report'>): { provider?: (country: string, year: number) => OutcomeEntry[]; diagnostics: Diagnostic[]; files: string[] } {
  if (value === 'none') return { diagnostics: [], files: [] };
  // Without --outcomes, outcome data appear only when the rubric names the bundled framework.
  if (value === undefined && rubric?.report?.outcomeFramework !== 'zaragoza') return { diagnostics: [], files: [] };
  const paths = typeof value === 'string' ? value.split(',').map((p) => resolve(io.cwd, p.trim())).filter(Boolean) : [bundledOutcomeDataPath()];
  if (typeof value !== 'string' && !existsSync(paths[0]!)) return { diagnostics: [], files: [] };
  const diagnostics: Diagnostic[] = [];
  const files: OutcomeFile[] = [];
  for (const p of paths) {
    const t = readTextFile(p, displayPath(io.cwd, p));
    diagnostics.push(...t.diagnostics);
    if (t.value !== undefined) files.push({ name: displayPath(io.cwd, p), text: t.value });
  }
  const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML, 'zaragoza.yaml').value!;
  const loaded = loadOutcomeData(files, framework);
  diagnostics.push(...loaded.diagnostics.filter((d) => d.severity === 'error'));
  const dataset = loaded.value;
  if (!dataset) return { diagnostics, files: paths };
  const gaps = computeGaps(framework, dataset).value;
  return { provider: (country, year) => buildOutcomeEntries(framework, dataset, country, { year, gaps }), diagnostics, files: paths };
}
