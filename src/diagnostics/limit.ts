/**
 * The one limit on how many diagnostics of a kind are listed. A file with a million copies of
 * one problem gets the first {@link MAX_LISTED_DIAGNOSTICS} of each code listed and one more
 * diagnostic that says how many were left out, at the position of the first one left out.
 *
 * Two ways to use it, with the same result: {@link capDiagnostics} on a finished list, and
 * {@link DiagnosticLimiter} while reading, so that the diagnostics left out are never made
 * (memory stays bounded however many rows repeat a problem). The command line's text output
 * shows fewer per code with {@link limitDiagnostics}.
 *
 * @module
 */
import type { DiagnosticCode } from './codes.js';
import type { Diagnostic } from './diagnostic.js';

/** Most diagnostics of one code listed for one file; the rest are counted in one more. */
export const MAX_LISTED_DIAGNOSTICS = 1_000;

/** The diagnostics of one kind left out of a list: the first of them and how many in all. */
export interface OmittedDiagnostics {
  first: Diagnostic;
  count: number;
}

/** Diagnostics of one file and code are one kind by default. */
const byFileAndCode = (d: Pick<Diagnostic, 'file' | 'code'>): string => `${d.file ?? ''}\u0000${d.code}`;

/**
 * Splits a list into the diagnostics listed (the first `limit` of each kind, in order) and,
 * per kind, those left out (in order of the first one left out). `unmade`: see
 * {@link capDiagnostics}.
 */
export function limitDiagnostics(
  diagnostics: Iterable<Diagnostic>,
  limit: number = MAX_LISTED_DIAGNOSTICS,
  kind: (d: Diagnostic) => string = byFileAndCode,
  unmade?: ReadonlyMap<Diagnostic, number>,
): { listed: Diagnostic[]; omitted: Map<string, OmittedDiagnostics> } {
  const counts = new Map<string, number>();
  const omitted = new Map<string, OmittedDiagnostics>();
  const listed: Diagnostic[] = [];
  for (const d of diagnostics) {
    const key = kind(d);
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    if (n <= limit) listed.push(d);
    else {
      const count = 1 + (unmade?.get(d) ?? 0);
      const o = omitted.get(key);
      if (o) o.count += count;
      else omitted.set(key, { first: d, count });
    }
  }
  return { listed, omitted };
}

/** The diagnostic that stands for `count` left out after the first `limit` of their kind. */
export function omittedSummary({ first, count }: OmittedDiagnostics, limit: number = MAX_LISTED_DIAGNOSTICS): Diagnostic {
  return {
    code: first.code,
    severity: first.severity,
    message: `${count} more ${first.code} problem${count === 1 ? '' : 's'} in this file ${count === 1 ? 'is' : 'are'} not listed; the first ${limit} are.`,
    ...(first.file !== undefined ? { file: first.file } : {}),
    ...(first.line !== undefined ? { line: first.line } : {}),
    ...(first.column !== undefined ? { column: first.column } : {}),
    ...(first.path !== undefined ? { path: first.path } : {}),
  };
}

/**
 * Keeps the first `limit` diagnostics of each file and code (in place) and adds, per kind with
 * more, one that says how many more there are.
 *
 * `unmade` tells of diagnostics never made because they would be left out: a diagnostic there
 * (one beyond the limit, itself left out) stands for itself and that many more of its kind.
 */
export function capDiagnostics(diagnostics: Diagnostic[], unmade: ReadonlyMap<Diagnostic, number> = new Map(), limit: number = MAX_LISTED_DIAGNOSTICS): void {
  const { listed, omitted } = limitDiagnostics(diagnostics, limit, byFileAndCode, unmade);
  if (omitted.size === 0) return;
  diagnostics.length = 0;
  for (const d of listed) diagnostics.push(d);
  for (const o of omitted.values()) diagnostics.push(omittedSummary(o, limit));
}

/**
 * Diagnostics added while reading, capped as they come: beyond the limit of their kind they
 * are counted, not made (pass a function that makes one). {@link finish} appends the
 * summaries; the result equals {@link capDiagnostics} on the full list.
 *
 * @example
 * ```ts
 * import type { Diagnostic } from 'policy-index';
 * import { DiagnosticLimiter } from './limit.js';
 * declare const rows: string[], file: string;
 * declare function isDuplicate(row: string): boolean;
 * declare function duplicateDiagnostic(row: string): Diagnostic;
 * const diagnostics: Diagnostic[] = [];
 * const limiter = new DiagnosticLimiter(diagnostics);
 * for (const row of rows) if (isDuplicate(row)) limiter.add('PUBLISHED_DUPLICATE', file, () => duplicateDiagnostic(row));
 * limiter.finish();
 * ```
 */
export class DiagnosticLimiter {
  readonly #counts = new Map<string, number>();
  readonly #omitted = new Map<string, OmittedDiagnostics>();

  constructor(
    readonly target: Diagnostic[],
    readonly limit: number = MAX_LISTED_DIAGNOSTICS,
  ) {}

  /** Adds the diagnostic `make` returns, or only counts it when its kind is over the limit. */
  add(code: DiagnosticCode, file: string | undefined, make: () => Diagnostic): void {
    const key = byFileAndCode({ code, file });
    const n = (this.#counts.get(key) ?? 0) + 1;
    this.#counts.set(key, n);
    if (n <= this.limit) this.target.push(make());
    else {
      const o = this.#omitted.get(key);
      if (o) o.count++;
      else this.#omitted.set(key, { first: make(), count: 1 });
    }
  }

  /** Adds a diagnostic already made, or only counts it when its kind is over the limit. */
  push(d: Diagnostic): void {
    this.add(d.code, d.file, () => d);
  }

  /** Appends one summary per kind over the limit (once; later calls add nothing new). */
  finish(): void {
    for (const o of this.#omitted.values()) this.target.push(omittedSummary(o, this.limit));
    this.#omitted.clear();
  }
}
