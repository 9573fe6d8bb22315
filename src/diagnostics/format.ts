import { type Diagnostic, formatPath, sortDiagnostics } from './diagnostic.js';

/** Options for {@link formatDiagnostics}. */
export interface FormatOptions {
  /** Source texts by file name; when a diagnostic's file is here, a code frame is printed. */
  sources?: Readonly<Record<string, string>>;
  /** Lines of context above and below the reported line in a code frame (default 1). */
  contextLines?: number;
  /**
   * Base URL of the documentation site (the folder `npm run docs` builds); when set, each
   * diagnostic gets a `see:` link to its page in the diagnostic reference.
   */
  docsBaseUrl?: string;
  /** Print a final summary line such as `2 errors, 1 warning` (default true). */
  summary?: boolean;
}

// C0 and C1 controls (ESC starts terminal escape sequences such as OSC 8 links), DEL, and the
// bidirectional overrides and isolates that reorder what a terminal shows.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Makes text safe to print on a terminal: control characters (escape sequences, C0/C1
 * controls, line breaks) and bidirectional overrides are shown as `\xHH` or `\uHHHH` escapes.
 *
 * @example
 * ```ts
 * import { escapeControlCharacters } from 'policy-index';
 * escapeControlCharacters('a\u001b]0;title\u0007b'); // 'a\\x1b]0;title\\x07b'
 * ```
 */
export function escapeControlCharacters(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Builds a code frame: the reported line with its neighbours and a caret under the column.
 *
 * @example
 * ```ts
 * import { codeFrame } from 'policy-index';
 * codeFrame('id: demo\nweight: 0\n', 2, 9);
 * // '  1 | id: demo\n> 2 | weight: 0\n    |         ^\n  3 | '
 * ```
 */
export function codeFrame(source: string, line: number, column: number, endColumn?: number, contextLines = 1): string {
  const lines = source.split(/\r?\n/);
  const first = Math.max(1, line - contextLines);
  const last = Math.min(lines.length, line + contextLines);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = escapeControlCharacters((lines[n - 1] ?? '').replace(/\t/g, ' '));
    const mark = n === line ? '>' : ' ';
    out.push(`${mark} ${String(n).padStart(width)} | ${text}`);
    if (n === line) {
      const start = Math.max(1, column);
      const len = endColumn && endColumn > start ? Math.min(endColumn - start, Math.max(1, text.length - start + 1)) : 1;
      out.push(`  ${' '.repeat(width)} | ${' '.repeat(start - 1)}${'^'.repeat(Math.max(1, len))}`);
    }
  }
  return out.join('\n');
}

/**
 * The page of a diagnostic code in the documentation site built by `npm run docs`.
 *
 * @example
 * ```ts
 * import { diagnosticDocsUrl } from 'policy-index';
 * diagnosticDocsUrl('YAML_DUPLICATE_KEY', 'https://example.org/policy-index/');
 * // 'https://example.org/policy-index/documents/Diagnostic_reference.YAML_DUPLICATE_KEY.html'
 * ```
 */
export function diagnosticDocsUrl(code: string, baseUrl: string): string {
  return `${baseUrl.replace(/\/?$/, '/')}documents/Diagnostic_reference.${code}.html`;
}

/**
 * Formats diagnostics for a terminal: one `file:line:col severity CODE message` line each,
 * followed by details and, when the source is given, a code frame.
 *
 * @example
 * ```ts
 * import { formatDiagnostics } from 'policy-index';
 * const text = formatDiagnostics(
 *   [{ code: 'YAML_DUPLICATE_KEY', severity: 'error', message: 'Duplicate key "id".', file: 'r.yaml', line: 2, column: 1 }],
 *   { sources: { 'r.yaml': 'id: a\nid: b\n' } },
 * );
 * text.startsWith('r.yaml:2:1 error YAML_DUPLICATE_KEY'); // true
 * ```
 */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], options: FormatOptions = {}): string {
  const blocks: string[] = [];
  for (const d of sortDiagnostics(diagnostics)) {
    // Every piece of text from the input is escaped: none may drive the terminal.
    const e = (t: unknown) => escapeControlCharacters(String(t));
    const where = d.file ? `${e(d.file)}${d.line ? `:${d.line}:${d.column ?? 1}` : ''} ` : d.line ? `${d.line}:${d.column ?? 1} ` : '';
    const lines = [`${where}${d.severity} ${e(d.code)} ${e(d.message)}`];
    const path = formatPath(d.path);
    if (path) lines.push(`  at: ${e(path)}`);
    if (d.expected !== undefined) lines.push(`  expected: ${e(d.expected)}`);
    if (d.actual !== undefined) lines.push(`  actual: ${e(d.actual)}`);
    if (d.hint) lines.push(`  hint: ${e(d.hint)}`);
    const source = d.file ? options.sources?.[d.file] : undefined;
    if (source !== undefined && d.line) {
      const frame = codeFrame(source, d.line, d.column ?? 1, d.endLine === d.line ? d.endColumn : undefined, options.contextLines ?? 1);
      lines.push(frame.replace(/^/gm, '  '));
    }
    if (options.docsBaseUrl) lines.push(`  see: ${diagnosticDocsUrl(d.code, options.docsBaseUrl)}`);
    blocks.push(lines.join('\n'));
  }
  if (options.summary ?? true) {
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
    if (diagnostics.length > 0) blocks.push(`${plural(errors, 'error')}, ${plural(warnings, 'warning')}`);
  }
  return blocks.join('\n\n');
}

/**
 * Serialises diagnostics as a JSON array (sorted, stable), for `--format json`.
 *
 * @example
 * ```ts
 * import { diagnosticsToJson } from 'policy-index';
 * JSON.parse(diagnosticsToJson([])); // []
 * ```
 */
export function diagnosticsToJson(diagnostics: readonly Diagnostic[]): string {
  return JSON.stringify(sortDiagnostics(diagnostics), null, 2);
}
