/**
 * Answer sets back to YAML text: {@link formatAnswerSet} writes a fresh file in a fixed key
 * order; {@link updateAnswerSetText} writes the same content into an existing file's text,
 * keeping its comments, key order and the formatting of every value that did not change.
 *
 * @module
 */
import { Document, isMap, isScalar, parseDocument, type Pair, type YAMLMap } from 'yaml';
import type { Answer, AnswerSet } from './types.js';
import { byCodePoint } from '../text/order.js';

/** Options for {@link formatAnswerSet}. */
export interface FormatAnswerSetOptions {
  /** Comment lines written at the top of the file (without `#`). */
  header?: readonly string[];
}

function answerEntry(answer: Answer): unknown {
  const e = answer.evidence;
  const bare =
    answer.byRegion === undefined &&
    answer.recordedScore === undefined &&
    e.citations.length === 0 &&
    e.comment === undefined &&
    e.sourceUrl === undefined &&
    e.answeredBy === undefined &&
    e.reviewedBy === undefined &&
    e.status === undefined;
  const value = (v: Answer['value']) => (Array.isArray(v) ? [...v] : v);
  if (bare) return value(answer.value);
  const out = new Map<string, unknown>();
  if (answer.byRegion !== undefined) out.set('byRegion', new Map(Object.entries(answer.byRegion).sort((a, b) => byCodePoint(a[0], b[0])).map(([k, v]) => [k, value(v)])));
  else if (answer.recordedScore !== undefined) {
    // A plain decimal is written as a YAML number, as the answer-set files have it.
    const n = Number(answer.recordedScore);
    out.set('recordedScore', String(n) === answer.recordedScore ? n : answer.recordedScore);
    out.set('regions', 'not-recorded');
  } else out.set('answer', value(answer.value));
  if (e.comment !== undefined) out.set('comment', e.comment);
  if (e.sourceUrl !== undefined) out.set('sourceUrl', e.sourceUrl);
  if (e.citations.length > 0) out.set('citations', e.citations.map((c) => new Map(Object.entries(c).filter(([, v]) => v !== undefined))));
  if (e.answeredBy !== undefined) out.set('answeredBy', e.answeredBy);
  if (e.reviewedBy !== undefined) out.set('reviewedBy', e.reviewedBy);
  if (e.status !== undefined) out.set('status', e.status);
  return out;
}

/** The answer set as ordered plain data (Maps keep key order, also for ids such as `148`). */
function answerSetBody(set: AnswerSet): Map<string, unknown> {
  const body = new Map<string, unknown>([
    ['schemaVersion', 1],
    ['rubric', `${set.rubric.id}@${set.rubric.version}`],
    ['country', set.country],
  ]);
  const put = (k: string, v: unknown) => v !== undefined && body.set(k, v);
  put('countryName', set.countryName);
  put('originalCode', set.originalCode);
  body.set('year', set.year);
  put('referenceDate', set.referenceDate);
  put('title', set.title);
  put('answeredBy', set.answeredBy);
  put('reviewedBy', set.reviewedBy);
  put('status', set.status);
  put('source', set.source);
  put('citation', set.citation);
  if (set.metadata !== undefined && Object.keys(set.metadata).length > 0) body.set('metadata', new Map(Object.entries(set.metadata)));
  body.set('answers', new Map([...set.answers].map(([id, a]) => [id, answerEntry(a)])));
  return body;
}

/**
 * Writes an answer set as YAML text that {@link loadAnswerSet} reads back to the same set.
 * Keys come in a fixed order (header fields, then answers in the set's order); an answer
 * without evidence is written bare (`q1: yes`), one with evidence as a mapping.
 *
 * @example
 * ```ts
 * import { createAnswerSet, formatAnswerSet } from 'policy-index';
 * const set = createAnswerSet({ rubric: 'demo@1.0.0', country: 'CA', year: 2019, answers: { permit: 'yes' } });
 * formatAnswerSet(set);
 * // 'schemaVersion: 1\nrubric: demo@1.0.0\ncountry: CA\nyear: 2019\nanswers:\n  permit: yes\n'
 * ```
 */
export function formatAnswerSet(set: AnswerSet, options: FormatAnswerSetOptions = {}): string {
  const doc = new Document(answerSetBody(set));
  if (options.header?.length) doc.commentBefore = options.header.map((l) => ` ${l}`).join('\n');
  return doc.toString({ lineWidth: 0 });
}

function plainJs(value: unknown): unknown {
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [k, plainJs(v)]));
  if (Array.isArray(value)) return value.map(plainJs);
  return value;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function keyOf(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

/** Keys an answer-set file may carry that the answer-set model does not keep; they are left alone. */
const KEPT_KEYS = new Set(['$schema']);

function merge(doc: Document, node: YAMLMap, want: Map<string, unknown>, top: boolean): void {
  node.items = node.items.filter((p) => want.has(keyOf(p as Pair)) || (top && KEPT_KEYS.has(keyOf(p as Pair))));
  for (const [key, value] of want) {
    const pair = node.items.find((p) => keyOf(p as Pair) === key) as Pair | undefined;
    if (!pair) {
      node.items.push(doc.createPair(key, value) as Pair);
      continue;
    }
    if (value instanceof Map && isMap(pair.value) && (top ? key === 'answers' || key === 'metadata' : true)) {
      merge(doc, pair.value as YAMLMap, value as Map<string, unknown>, false);
      continue;
    }
    const current = pair.value && typeof (pair.value as { toJSON?: unknown }).toJSON === 'function' ? (pair.value as { toJSON: () => unknown }).toJSON() : pair.value;
    if (!same(current, plainJs(value))) {
      // The user's comments on the old value stay with the new one.
      const before = pair.value as { comment?: string | null; commentBefore?: string | null } | null;
      const node = doc.createNode(value) as { comment?: string | null; commentBefore?: string | null };
      if (before && typeof before === 'object') {
        if (before.comment) node.comment = before.comment;
        if (before.commentBefore) node.commentBefore = before.commentBefore;
      }
      pair.value = node as Pair['value'];
    }
  }
}

/**
 * Writes an answer set into the text of an existing answer-set file: comments, key order and
 * the formatting of unchanged values are kept; changed values are replaced, new answers are
 * appended, answers no longer in the set are removed. When the text is not a YAML mapping it
 * is replaced by {@link formatAnswerSet}'s output.
 *
 * @example
 * ```ts
 * import { createAnswerSet, updateAnswerSetText } from 'policy-index';
 * const old = '# checked by hand\nschemaVersion: 1\nrubric: demo@1.0.0\ncountry: CA\nyear: 2019\nanswers:\n  permit: no # was yes\n';
 * const set = createAnswerSet({ rubric: 'demo@1.0.0', country: 'CA', year: 2019, answers: { permit: 'yes' } });
 * updateAnswerSetText(old, set).startsWith('# checked by hand'); // true
 * ```
 */
export function updateAnswerSetText(existing: string, set: AnswerSet): string {
  const doc = parseDocument(existing, { keepSourceTokens: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return formatAnswerSet(set);
  merge(doc, doc.contents as YAMLMap, answerSetBody(set), true);
  return doc.toString({ lineWidth: 0 });
}
