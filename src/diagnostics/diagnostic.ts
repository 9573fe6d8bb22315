/**
 * The one problem record used across policy-index: rubrics, answer sets, outcome data,
 * workbook imports and the CLI all report through it.
 *
 * @module
 */
import type { DiagnosticCode } from './codes.js';
import { byCodePoint } from '../text/order.js';

/** How serious a diagnostic is. Only `error` makes a load fail or the CLI exit with 1. */
export type Severity = 'error' | 'warning' | 'info';

/** One segment of a data path: an object key or an array index. */
export type PathSegment = string | number;

/**
 * A plain-data description of one problem found in some input.
 *
 * Positions are 1-based. `file` is whatever name the caller gave the text (a path, a URL,
 * or a label such as `<input>`); `path` locates the value inside the parsed data.
 */
export interface Diagnostic {
  /** Stable SCREAMING_SNAKE identifier; see {@link DIAGNOSTIC_CODES}. */
  code: DiagnosticCode;
  severity: Severity;
  /** One sentence, no trailing newline. */
  message: string;
  file?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** Location inside the data, e.g. `['areas', 0, 'indicators', 2, 'weight']`. */
  path?: PathSegment[];
  expected?: string;
  actual?: string;
  hint?: string;
}

/** The result shape of every loader: a value when one could be built, and every problem found. */
export interface Result<T> {
  value?: T;
  diagnostics: Diagnostic[];
}

/**
 * True when any diagnostic in the list is an error.
 *
 * @example
 * ```ts
 * import { hasErrors } from 'policy-index';
 * hasErrors([{ code: 'YAML_SYNTAX', severity: 'error', message: 'Bad indentation.' }]); // true
 * ```
 */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/**
 * Renders a data path as `areas[0].indicators[2].weight`.
 *
 * @example
 * ```ts
 * import { formatPath } from 'policy-index';
 * formatPath(['areas', 0, 'indicators', 2, 'weight']); // 'areas[0].indicators[2].weight'
 * formatPath(['answers', 'a b']); // 'answers["a b"]'
 * ```
 */
export function formatPath(path: readonly PathSegment[] | undefined): string {
  if (!path || path.length === 0) return '';
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/**
 * Orders diagnostics by file, then position, then code, so output never depends on discovery order.
 *
 * @example
 * ```ts
 * import { sortDiagnostics } from 'policy-index';
 * const sorted = sortDiagnostics([
 *   { code: 'YAML_SYNTAX', severity: 'error', message: 'Second.', file: 'a.yaml', line: 9, column: 1 },
 *   { code: 'YAML_SYNTAX', severity: 'error', message: 'First.', file: 'a.yaml', line: 2, column: 5 },
 * ]);
 * sorted.map((d) => d.line); // [2, 9]
 * ```
 */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => byCodePoint((a.file ?? ''), b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) || byCodePoint(a.code, b.code) || byCodePoint(a.message, b.message),
  );
}
