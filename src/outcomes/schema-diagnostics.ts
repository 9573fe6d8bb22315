/**
 * zod issues → positioned diagnostics, for outcome framework and outcome data YAML.
 *
 * @module
 */
import type { z } from 'zod';
import type { Diagnostic, PathSegment } from '../diagnostics/index.js';
import { located, type SourceLocator } from '../source/yaml-source.js';

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let cur: unknown = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

/** Describes a value for `actual`: `the text "x"`, `number 3`, `a list` … */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  return `${typeof value} ${String(value)}`;
}

/** Levenshtein distance, for "did you mean" hints. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** A hint naming the closest candidate, when one is close enough. */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  if (best === undefined || bestDistance > Math.max(2, Math.floor(word.length / 3))) return undefined;
  return `Did you mean "${best}"?`;
}

/** Turns zod issues into diagnostics positioned through the locator. */
export function issuesToDiagnostics(
  issues: readonly z.core.$ZodIssue[],
  data: unknown,
  locator: SourceLocator,
  knownKeys: (path: readonly PathSegment[]) => readonly string[] = () => [],
  basePath: readonly PathSegment[] = [],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    const rel = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const actual = valueAt(data, rel);
    const path = [...basePath, ...rel];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const hint = suggest(key, knownKeys(rel));
        out.push(located(locator, { code: 'SCHEMA_UNKNOWN_FIELD', severity: 'error', message: `Unknown field "${key}".`, path: [...path, key], ...(hint ? { hint } : {}) }, { key: true }));
      }
      continue;
    }
    if (issue.code === 'invalid_type' && actual === undefined) {
      out.push(
        located(locator, {
          code: 'SCHEMA_MISSING_FIELD',
          severity: 'error',
          message: `Missing required field "${String(path[path.length - 1] ?? '')}".`,
          path,
          expected: issue.expected,
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
          message: `Expected ${expected}, found ${describeValue(actual)}.`,
          path,
          expected,
          actual: describeValue(actual),
        }),
      );
      continue;
    }
    let expected: string;
    if (issue.code === 'invalid_value') expected = issue.values.map((v) => JSON.stringify(v)).join(', ');
    else if (issue.code === 'too_small') expected = issue.origin === 'array' || issue.origin === 'string' ? `at least ${String(issue.minimum)} ${issue.origin === 'array' ? 'item(s)' : 'character(s)'}` : `≥ ${String(issue.minimum)}`;
    else if (issue.code === 'too_big') expected = issue.origin === 'array' ? `at most ${String(issue.maximum)} item(s)` : `≤ ${String(issue.maximum)}`;
    else expected = issue.message;
    out.push(
      located(locator, {
        code: 'SCHEMA_INVALID_VALUE',
        severity: 'error',
        message: issue.code === 'invalid_value' ? `Value must be one of ${expected}.` : `Invalid value: ${issue.message.replace(/^Invalid input: /, '').replace(/\.$/, '')}.`,
        path,
        expected,
        actual: describeValue(actual),
      }),
    );
  }
  return out;
}
