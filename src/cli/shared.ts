import type { Diagnostic } from '../diagnostics/index.js';
import { diagnosticDocsUrl, diagnosticsToJson, formatDiagnostics, hasErrors, limitDiagnostics, sortDiagnostics } from '../diagnostics/index.js';

/** At most this many diagnostics of one code and severity are printed as text. */
export const MAX_PER_CODE = 20;
import { loadRubricFile } from '../node/files.js';
import type { Rubric } from '../rubric/types.js';
import type { CliIO } from './io.js';
import { bundledRubricPath, packageRoot, UsageError } from './io.js';
import { existsSync, readdirSync } from 'node:fs';
import { didYouMeanAny } from '../source/suggest.js';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { byCodePoint } from '../text/order.js';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** Shows a path relative to the working directory when it lies below it. */
export function displayPath(cwd: string, file: string): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(cwd, file);
  return (rel && !rel.startsWith('..') ? rel : file).split(sep).join('/');
}

function relabelAll(cwd: string, diagnostics: readonly Diagnostic[], sources: Record<string, string>) {
  const ds = diagnostics.map((d) => (d.file ? { ...d, file: displayPath(cwd, d.file) } : d));
  const src: Record<string, string> = {};
  for (const [k, v] of Object.entries(sources)) src[displayPath(cwd, k)] = v;
  return { ds, src };
}

/**
 * Where the documentation site is published; diagnostics link to their page in it. Set
 * `POLICY_INDEX_DOCS_URL` to point at another copy (e.g. `file:///path/to/site/` after
 * `npm run docs`), or to an empty string to leave the links out.
 */
export const DEFAULT_DOCS_URL = 'https://policy-index.github.io/policy-index/';

/** The documentation base URL in force, or undefined when links are switched off. */
export function docsBaseUrl(): string | undefined {
  const env = process.env.POLICY_INDEX_DOCS_URL;
  if (env !== undefined) return env.trim() === '' ? undefined : env.trim();
  // A site built with `npm run docs` next to the package is preferred: it matches this version.
  const local = join(packageRoot(), 'site', 'index.html');
  return existsSync(local) ? pathToFileURL(join(packageRoot(), 'site')).href + '/' : DEFAULT_DOCS_URL;
}

/** Prints diagnostics to stderr as text (with code frames when sources are known). */
export function printDiagnostics(io: CliIO, diagnostics: readonly Diagnostic[], sources: Record<string, string> = {}, options: { summary?: boolean } = {}): void {
  // --quiet: errors only, without the summary line.
  const quiet = io.verbosity === 'quiet';
  const kept = quiet ? diagnostics.filter((d) => d.severity === 'error') : diagnostics;
  if (kept.length === 0) return;
  const { ds, src } = relabelAll(io.cwd, kept, sources);
  // Long runs of one code (e.g. thousands of unanswered questions) are cut to the first few, unless --verbose.
  const cap = io.verbosity === 'verbose' ? Number.MAX_SAFE_INTEGER : MAX_PER_CODE;
  const { listed: shown, omitted: hidden } = limitDiagnostics(sortDiagnostics(ds), cap, (d) => `${d.severity} ${d.code}`);
  const base = docsBaseUrl();
  let text = formatDiagnostics(shown, { sources: src, summary: false, ...(base ? { docsBaseUrl: base } : {}) });
  for (const { first, count: n } of hidden.values()) text += `\n\n… and ${n} more ${first.code} ${first.severity}${n === 1 ? '' : 's'} (--verbose or --format json shows them all)`;
  const errors = ds.filter((d) => d.severity === 'error').length;
  const warnings = ds.filter((d) => d.severity === 'warning').length;
  if (options.summary !== false && !quiet) text += `\n\n${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  io.stderr(text + '\n');
}

/** Writes a note (a summary line, progress) on standard error, unless `--quiet`. */
export function note(io: CliIO, text: string): void {
  if (io.verbosity !== 'quiet') io.stderr(text);
}

/** Warnings counted by code, for a summary line: `ANSWERS_UNANSWERED ×3, SCORE_VARIANT_MISSING ×1`. */
export function warningsByCode(diagnostics: readonly Diagnostic[]): string {
  const byCode = new Map<string, number>();
  for (const d of diagnostics) if (d.severity === 'warning') byCode.set(d.code, (byCode.get(d.code) ?? 0) + 1);
  return [...byCode].sort(([a], [b]) => byCodePoint(a, b)).map(([code, n]) => `${code} ×${n}`).join(', ');
}

/** ` (2 warnings: CODE ×2)` for a success line, or an empty string when there are none. */
export function summaryWarnings(diagnostics: readonly Diagnostic[]): string {
  const n = diagnostics.filter((d) => d.severity === 'warning').length;
  return n ? ` (${n} warning${n === 1 ? '' : 's'}: ${warningsByCode(diagnostics)})` : '';
}

/** JSON for diagnostics. */
export function diagnosticsJson(diagnostics: readonly Diagnostic[], cwd?: string): unknown {
  const list = JSON.parse(diagnosticsToJson(cwd ? relabelAll(cwd, diagnostics, {}).ds : diagnostics)) as (Diagnostic & { docs?: string })[];
  const base = docsBaseUrl();
  if (base) for (const d of list) d.docs = diagnosticDocsUrl(d.code, base);
  return list;
}

/** Resolves a rubric argument: a path, or the id of a bundled rubric (e.g. `mipex-2020`). */
export function loadRubricArg(io: CliIO, arg: string): ReturnType<typeof loadRubricFile> {
  const path = resolve(io.cwd, arg);
  const first = loadRubricFile(path);
  if (first.value || !/^[a-z0-9][a-z0-9._-]*$/i.test(arg)) return first;
  const bundled = bundledRubricPath(arg);
  const notFound = first.diagnostics.every((d) => d.code === 'FILE_NOT_FOUND');
  if (bundled && notFound) return loadRubricFile(bundled);
  // A misspelled bundled id: name the closest ones.
  const hint = notFound ? didYouMeanAny(arg, bundledRubricIds()).trim() : '';
  if (!hint) return first;
  return { ...first, diagnostics: first.diagnostics.map((d) => ({ ...d, hint: `${hint} (a bundled rubric)${d.hint ? ` ${d.hint}` : ''}` })) };
}

/** The ids of the rubrics bundled with the package (e.g. `mipex-2020`), in code-point order. */
export function bundledRubricIds(): string[] {
  try {
    return readdirSync(join(packageRoot(), 'rubrics'))
      .filter((id) => bundledRubricPath(id) !== undefined)
      .sort(byCodePoint);
  } catch {
    return [];
  }
}

/**
 * Loads the rubric named on the command line; when it does not load, prints why and returns
 * undefined, and the command exits with 1.
 */
export function loadRubricArgOrReport(io: CliIO, arg: string): { value: Rubric; diagnostics: Diagnostic[]; sources: Record<string, string> } | undefined {
  const r = loadRubricArg(io, arg);
  if (r.value) return { value: r.value, diagnostics: r.diagnostics, sources: r.sources };
  printDiagnostics(io, r.diagnostics, r.sources);
  return undefined;
}

export function exitFor(diagnostics: readonly Diagnostic[]): 0 | 1 {
  return hasErrors(diagnostics) ? 1 : 0;
}

export type { Rubric };

/** Reads a `--variant` value, checking that the rubric has it (undefined: the rubric's default). */
export function variantOption(command: string, rubric: Rubric, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !rubric.variants.some((v) => v.id === value)) {
    throw new UsageError(`The rubric has no variant "${String(value)}"; it has ${rubric.variants.map((v) => v.id).join(', ')}.`, command);
  }
  return value;
}
