/**
 * zod issues → diagnostics positioned in the source text. Shared by every loader that validates
 * YAML with zod (rubrics, answer sets, outcome frameworks and data).
 *
 * @module
 */
import type * as z from 'zod/mini';
import type { Diagnostic, PathSegment } from '../diagnostics/index.js';
import { located, type SourceLocator } from './yaml-source.js';
import { NameIndex, Suggestions } from './suggest.js';

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let cur: unknown = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

/** Describes a value for a diagnostic's `actual`: `the text "x"`, `number 3`, `a list` … */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return `${typeof value} ${String(value)}`;
}

/**
 * Turns zod issues into diagnostics positioned in the source text.
 * `basePath` is where `data` sits inside the parsed document.
 */
export function zodIssuesToDiagnostics(
  issues: readonly z.core.$ZodIssue[],
  data: unknown,
  basePath: readonly PathSegment[],
  locator: SourceLocator | undefined,
  knownKeys: (path: readonly PathSegment[]) => readonly string[] = () => [],
  hints: Suggestions = new Suggestions(),
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    const rel = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const path = [...basePath, ...rel];
    const actualValue = valueAt(data, rel);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const hint = hints.didYouMean(key, () => new NameIndex(knownKeys(rel)));
        out.push(
          located(
            locator,
            { code: 'SCHEMA_UNKNOWN_FIELD', severity: 'error', message: `Unknown field "${key}".`, path: [...path, key], ...(hint ? { hint } : {}) },
            { key: true },
          ),
        );
      }
      continue;
    }
    if (actualValue === undefined && rel.length > 0 && issue.code !== 'custom') {
      const field = rel[rel.length - 1];
      out.push(
        located(locator, {
          code: 'SCHEMA_MISSING_FIELD',
          severity: 'error',
          message: `Missing required field "${String(field)}".`,
          path,
          ...('expected' in issue && typeof issue.expected === 'string' ? { expected: issue.expected } : {}),
        }),
      );
      continue;
    }
    if (issue.code === 'invalid_type' && typeof actualValue === 'number' && !Number.isFinite(actualValue)) {
      // `.inf`, `-.inf` and `.nan` are numbers to YAML but not to the format.
      out.push(
        located(locator, {
          code: 'SCHEMA_INVALID_VALUE',
          severity: 'error',
          message: `Expected a finite number, found ${describeValue(actualValue)}.`,
          path,
          expected: 'a finite number',
          actual: describeValue(actualValue),
        }),
      );
      continue;
    }
    if (issue.code === 'invalid_type' || issue.code === 'invalid_union') {
      const expected = issue.code === 'invalid_type' ? issue.expected : 'one of the allowed forms';
      out.push(
        located(locator, {
          code: 'SCHEMA_INVALID_TYPE',
          severity: 'error',
          message: `Expected ${expected}, found ${describeValue(actualValue)}.`,
          path,
          expected,
          actual: describeValue(actualValue),
        }),
      );
      continue;
    }
    let expected: string | undefined;
    if (issue.code === 'invalid_value') expected = issue.values.map((v) => JSON.stringify(v)).join(', ');
    else if (issue.code === 'too_small') expected = issue.origin === 'array' || issue.origin === 'string' ? `at least ${String(issue.minimum)} ${issue.origin === 'array' ? 'item(s)' : 'character(s)'}` : `≥ ${String(issue.minimum)}`;
    else if (issue.code === 'too_big') expected = `${issue.origin === 'array' ? 'at most ' + String(issue.maximum) + ' item(s)' : '≤ ' + String(issue.maximum)}`;
    else expected = issue.message;
    out.push(
      located(locator, {
        code: 'SCHEMA_INVALID_VALUE',
        severity: 'error',
        message: issue.code === 'invalid_value' ? `Value must be one of ${expected}.` : `Invalid value: ${issue.message.replace(/^Invalid input: /, '')}.`.replace(/\.\.$/, '.'),
        path,
        expected,
        actual: describeValue(actualValue),
      }),
    );
  }
  return out;
}
