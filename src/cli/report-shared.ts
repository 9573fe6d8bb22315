/**
 * Helpers shared by the `scorecard`, `compare` and `report` commands: loading answer sets with
 * their rubric, reading `--peers`, and writing outputs without ever overwriting an input.
 *
 * @module
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputFiles } from '../node/safe-fs.js';
import { outputPath, writeOutputFiles } from '../node/output.js';
import { isPeer, type NamedPeerGroup, type PeerGroup } from '../analysis/peer-group.js';
import type { AnswerSet } from '../answers/types.js';
import { hasErrors, type Diagnostic } from '../diagnostics/index.js';
import { noAnswerSets } from './options.js';
import { expandAnswerPaths, loadAnswerSetFiles, readTextFile } from '../node/files.js';
import type { Rubric } from '../rubric/types.js';
import { bundledRubricPath, UsageError, type CliIO } from './io.js';
import { displayPath, loadRubricArg } from './shared.js';
import { loadPeerGroup, resolvePeers, type ResolvedPeers } from '../units/peers.js';
import { didYouMeanAny } from '../source/suggest.js';
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
  /** Every input file (answer files and rubric files), by real path and device and inode. */
  inputFiles: InputFiles;
}

/**
 * Loads answer sets (files or folders) and the rubric: `--rubric` (a path or a bundled id), or
 * else the rubric the answer sets name, when it is bundled. Answer sets written for another
 * rubric are left out with a warning.
 */
export function loadReportInputs(io: CliIO, command: string, answerArgs: readonly string[], rubricArg: string | undefined): ReportInputs {
  if (answerArgs.length === 0) throw new UsageError(`${command} needs at least one answer file or folder.`, command);
  const paths = answerArgs.map((a) => resolve(io.cwd, a));
  const inputFiles = new InputFiles(expandAnswerPaths(paths).files);
  const loaded = loadAnswerSetFiles(paths);
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  const sources: Record<string, string> = { ...loaded.sources };
  let sets = loaded.value ?? [];
  let arg = rubricArg;
  if (arg === undefined) {
    const ids = [...new Set(sets.map((s) => s.rubric.id))].sort();
    if (ids.length === 0) {
      // Nothing was read: an error, with the reason when reading failed.
      if (!hasErrors(diagnostics)) diagnostics.push(noAnswerSets(answerArgs.join(', ')));
      return { sets, diagnostics, sources, inputFiles };
    }
    if (ids.length > 1) throw new UsageError(`The answer sets are written for several rubrics (${ids.join(', ')}); choose one with --rubric.`, command);
    if (!bundledRubricPath(ids[0]!)) throw new UsageError(`The answer sets name the rubric "${ids[0]}", which is not bundled; pass its path with --rubric.`, command);
    arg = ids[0]!;
  }
  const r = loadRubricArg(io, arg);
  for (const item of r.diagnostics) diagnostics.push(item);
  Object.assign(sources, r.sources);
  if (!r.value) return { sets, diagnostics, sources, inputFiles };
  for (const f of r.value.files) inputFiles.add(f);
  const rubric = r.value;
  const other = sets.filter((s) => s.rubric.id !== rubric.id);
  for (const s of other) {
    diagnostics.push({ code: 'ANSWERS_RUBRIC_MISMATCH', severity: 'warning', message: `${displayPath(io.cwd, s.file)} is written for the rubric "${s.rubric.id}", not "${rubric.id}"; it is left out.`, file: s.file });
  }
  sets = sets.filter((s) => s.rubric.id === rubric.id);
  if (sets.length === 0) {
    if (!hasErrors(diagnostics)) diagnostics.push(noAnswerSets(answerArgs.join(', ')));
    return { sets, diagnostics, sources, inputFiles };
  }
  return { rubric, sets, diagnostics, sources, inputFiles };
}

/**
 * What `--peers` asked for, read before the answer sets are loaded: a group, or a metadata
 * selector that can only be resolved against the loaded answer sets (see {@link choosePeers}).
 */
export type PeersChoice = { spec: string; group: PeerGroup } | { spec: string; meta: true };

const PEERS_USAGE = '--peers must be all, eu, oecd, region:<m49>, meta:<key>=<value>, a group file or a comma-separated list of country codes.';

/**
 * Reads `--peers`: `all`, `eu` or `oecd` (members in the year shown), `region:<m49>`, a group
 * file (`.yaml`), `meta:<key>=<value>` (resolved later against the answer sets), or a
 * comma-separated list of country codes in any form the country table knows. Anything unknown
 * is a usage error with a suggestion.
 */
export function peersOption(command: string, value: unknown, cwd?: string): PeersChoice {
  if (value === undefined) return { spec: 'all', group: 'all' };
  if (typeof value !== 'string' || !value.trim()) throw new UsageError(PEERS_USAGE, command);
  const spec = value.trim();
  const v = spec.toLowerCase();
  if (v === 'all' || v === 'eu' || v === 'oecd') return { spec, group: v };
  if (v.startsWith('meta:')) {
    if (!/^meta:[^=]+=.+$/i.test(spec)) throw new UsageError(`--peers: "${spec}" is not a metadata selector; write meta:<key>=<value>, e.g. meta:income=high.`, command);
    return { spec, meta: true };
  }
  const groups: Record<string, ResolvedPeers> = {};
  if (/\.ya?ml$/i.test(spec)) {
    const path = resolve(cwd ?? '.', spec);
    const text = readTextFile(path, spec);
    const g = text.value === undefined ? { diagnostics: text.diagnostics } : loadPeerGroup(text.value, spec);
    if (!('value' in g) || !g.value) {
      const d = g.diagnostics.find((x) => x.severity === 'error');
      throw new UsageError(`--peers: ${d ? `${d.line ? `${spec}:${d.line}:${d.column} ` : ''}${d.message}${d.hint ? ` ${d.hint}` : ''}` : `cannot read "${spec}".`}`, command);
    }
    groups[spec] = g.value;
  }
  const r = resolvePeers(spec, { groups });
  if (!r.value) throw peersError(command, r.diagnostics[0], spec);
  // A plain list of codes stays a list: every code must then have an answer set (checkSelection).
  if (r.value.id === 'custom' && !groups[spec]) return { spec, group: r.value.members };
  return { spec, group: { id: r.value.id, title: r.value.title, members: r.value.members } };
}

function peersError(command: string, d: Diagnostic | undefined, spec: string): UsageError {
  return new UsageError(`--peers: ${d?.message ?? `"${spec}" is not a peer group.`}${d?.hint ? ` ${d.hint}` : ''}`, command);
}

/**
 * The peer group of a `--peers` choice for the loaded answer sets: resolves `meta:<key>=<value>`
 * (a unit counts in a year when its answer set of that year carries the value; an unknown key
 * or a value no answer set has is a usage error with a suggestion), and refuses a group none of
 * whose members has an answer set (in `year`, when given), so that no comparison is made with
 * an empty peer group.
 */
export function choosePeers(command: string, choice: PeersChoice, sets: readonly AnswerSet[], year?: number): PeerGroup {
  let group: PeerGroup;
  if ('meta' in choice) {
    const r = resolvePeers(choice.spec, { candidates: sets.map((s) => ({ country: s.country, year: s.year, ...(s.metadata ? { metadata: s.metadata } : {}) })) });
    if (!r.value) throw peersError(command, r.diagnostics[0], choice.spec);
    group = { id: r.value.id, title: r.value.title, members: r.value.members, ...(r.value.byYear ? { byYear: r.value.byYear } : {}) };
  } else group = choice.group;
  if (group === 'all' || Array.isArray(group) || sets.length === 0) return group;
  const pool = year === undefined ? sets : sets.filter((s) => s.year === year);
  if (!pool.some((s) => isPeer(s.country, s.year, group))) {
    const what = group === 'eu' ? 'an EU member state' : group === 'oecd' ? 'an OECD member' : `in the group "${(group as NamedPeerGroup).title}"`;
    const byYear = typeof group === 'object' && !Array.isArray(group) ? (group as NamedPeerGroup).byYear : undefined;
    const years = byYear ? Object.keys(byYear).sort() : [];
    throw new UsageError(
      `--peers ${choice.spec}: no answer set${year !== undefined ? ` for ${year}` : ''} is ${what}, so there is no one to compare with.${years.length && year !== undefined ? ` The group has members in ${years.join(', ')}.` : ''}`,
      command,
    );
  }
  return group;
}

/**
 * Checks `--country`, `--year` and a `--peers` list against the loaded answer sets before any
 * scoring, so that a mistyped code or year is a usage error (exit 2) found in no time.
 */
export function checkSelection(command: string, sets: readonly AnswerSet[], selection: { countries?: readonly string[]; year?: number; peers?: PeerGroup }): void {
  if (sets.length === 0) return;
  const years = new Map<string, Set<number>>();
  for (const s of sets) (years.get(s.country) ?? years.set(s.country, new Set()).get(s.country)!).add(s.year);
  const known = [...years.keys()].sort();
  const list = (xs: readonly (string | number)[]) => (xs.length > 12 ? `${xs.slice(0, 12).join(', ')} … (${xs.length} in all)` : xs.join(', '));
  const unknownCodes = (codes: readonly string[], what: string) => {
    const bad = codes.filter((c) => !years.has(c));
    if (bad.length) {
      throw new UsageError(`${what} ${bad.map((c) => `"${c}"`).join(', ')} ${bad.length === 1 ? 'has' : 'have'} no answer set.${didYouMeanAny(bad[0]!, known)} The answers cover ${list(known)}.`, command);
    }
  };
  if (selection.countries) unknownCodes(selection.countries, selection.countries.length === 1 ? 'The country' : 'The countries');
  if (Array.isArray(selection.peers)) unknownCodes(selection.peers as readonly string[], 'The peer code(s)');
  if (selection.year !== undefined) {
    const y = selection.year;
    const all = [...new Set(sets.map((s) => s.year))].sort((a, b) => a - b);
    if (!all.includes(y)) throw new UsageError(`No answer set is for ${y}; the answers cover ${all.length > 2 && all[all.length - 1]! - all[0]! === all.length - 1 ? `${all[0]}–${all[all.length - 1]}` : list(all)}.`, command);
    for (const c of selection.countries ?? []) {
      const ys = [...years.get(c)!].sort((a, b) => a - b);
      if (!ys.includes(y)) throw new UsageError(`${c} has no answer set for ${y} (it has ${list(ys)}).`, command);
    }
  }
}

/** Reads `--year`. */
export function yearOption(command: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d{4}$/.test(value) || !Number.isInteger(n)) throw new UsageError(`--year must be a four-digit year (got "${String(value)}").`, command);
  return n;
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

/** Refuses an `--out` value that ends with a slash where a file name is expected. */
export function fileOutOption(command: string, raw: string): void {
  if (/[\\/]$/.test(raw)) throw new UsageError(`--out must name a file, not a folder (got "${raw}").`, command);
}

/**
 * Writes the outputs of a command with the one writer, after checking them all (nothing is
 * written when one fails): each stays inside `root` when given, none is an input, none is an
 * existing folder, pipe or device. These commands (`report`, `scorecard`, `compare`, `outcomes
 * compare`, `uncertainty`, `sensitivity`) replace their own earlier outputs, so that they can be
 * rerun: an existing file that is not an input is replaced.
 */
export function writeOutputs(io: CliIO, files: readonly { path: string; text: string }[], options: { root?: string; inputs: InputFiles }): Diagnostic[] {
  return writeOutputFiles(files, { ...options, force: true, display: (p) => displayPath(io.cwd, p) }).diagnostics;
}

/** The path of a file named `parts` below the output folder `root`, or the diagnostic why it cannot be built. */
export function outputFilePath(root: string, parts: readonly string[]): { path?: string; diagnostic?: Diagnostic } {
  const r = outputPath(root, parts);
  return r.value !== undefined ? { path: r.value } : { diagnostic: r.diagnostics[0]! };
}

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
    for (const item of t.diagnostics) diagnostics.push(item);
    if (t.value !== undefined) files.push({ name: displayPath(io.cwd, p), text: t.value });
  }
  const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML, 'zaragoza.yaml').value!;
  const loaded = loadOutcomeData(files, framework);
  for (const item of loaded.diagnostics.filter((d) => d.severity === 'error')) diagnostics.push(item);
  const dataset = loaded.value;
  if (!dataset) return { diagnostics, files: paths };
  const gaps = computeGaps(framework, dataset).value;
  return { provider: (country, year) => buildOutcomeEntries(framework, dataset, country, { year, gaps }), diagnostics, files: paths };
}
