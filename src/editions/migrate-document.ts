/**
 * Answer migration on the YAML text itself: the answer file is parsed as a `yaml` Document,
 * edited node by node (keys renamed in place, option values replaced in place, new questions
 * appended), and printed again, so every comment, the key order and every evidence field stay
 * where the author put them. A file that needs no edit is returned byte for byte.
 *
 * @module
 */
import { isMap, isScalar, parseDocument, Scalar, YAMLMap, type Document, type Pair } from 'yaml';
import type { AnswerValue } from '../answers/types.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { offsetRanger, parseYamlSource } from '../source/yaml-source.js';
import type { MigrationRule, QuestionNode, Rubric } from '../rubric/types.js';
import { mapValue, planMigration, type MigrationPlan } from './migrate-plan.js';

/** Something in a migrated file a person should look at. */
export interface MigrationNote {
  question: string;
  kind: 'new-question' | 'renamed' | 'options-mapped' | 'review' | 'unknown-option' | 'dropped';
  message: string;
}

/** The result of {@link migrateAnswerText}. */
export interface MigratedText {
  /** The migrated file; identical to the input when nothing needed to change. */
  text: string;
  changed: boolean;
  notes: MigrationNote[];
  plan: MigrationPlan;
  /**
   * Why the file cannot be migrated as planned: problems of the YAML text found by the package's
   * own YAML loader (an alias to no anchor, a syntax error …), or a rule that moves an answer onto
   * a question the file already answers (`MIGRATION_TARGET_ANSWERED`). A text with an error is
   * returned unchanged.
   */
  diagnostics: Diagnostic[];
}

function toJs(node: unknown): unknown {
  return isScalar(node) ? node.value : node && typeof (node as { toJSON?: () => unknown }).toJSON === 'function' ? (node as { toJSON: () => unknown }).toJSON() : node;
}

/** The node holding the answer value of one entry (`key: value` shorthand or `answer:` of a map). */
function valueHolder(pair: Pair): { get: () => unknown; set: (v: AnswerValue) => void } | undefined {
  const v = pair.value;
  if (isMap(v)) {
    if (!v.has('answer')) return undefined;
    return { get: () => toJs(v.get('answer', true)), set: (x) => setIn(v, 'answer', x) };
  }
  return { get: () => toJs(v), set: (x) => replaceValue(pair, x) };
}

/** Writes `value` into a scalar or sequence node in place, keeping its comments and style; false when the node cannot take it. */
function updateInPlace(node: unknown, value: AnswerValue): boolean {
  if (isScalar(node) && !Array.isArray(value)) {
    node.value = value;
    return true;
  }
  if (node && typeof node === 'object' && 'items' in node && Array.isArray(value)) {
    const items = (node as { items: unknown[] }).items;
    value.forEach((v, i) => {
      const it = items[i];
      if (isScalar(it)) it.value = v;
      else items[i] = new Scalar(v);
    });
    items.length = value.length;
    return true;
  }
  return false;
}

function setIn(map: YAMLMap, key: string, value: AnswerValue): void {
  if (!updateInPlace(map.get(key, true), value)) map.set(key, value);
}

function replaceValue(pair: Pair, value: AnswerValue): void {
  if (!updateInPlace(pair.value, value)) pair.value = new Scalar(value);
}

/** Marks an entry for review: status `draft` and a `review:` comment, keeping the rest. */
function flag(doc: Document, pair: Pair, reason: string): void {
  let v = pair.value;
  if (!isMap(v)) {
    const m = doc.createNode({}) as YAMLMap;
    m.set('answer', v);
    if (isScalar(v) && v.comment) {
      m.comment = v.comment;
      v.comment = undefined;
    }
    pair.value = m;
    v = m;
  }
  const status = doc.createNode('draft') as Scalar;
  status.comment = ` review: ${reason}`;
  (v as YAMLMap).set('status', status);
}

/**
 * Migrates the text of one answer file to `rubric`. Returns the new text and notes on what a
 * person should check. With `previous` (the rubric the answers were written for), only questions
 * new in this edition are added; without it, every unanswered question is. Never throws on a file that parses (an unparsable file is returned
 * unchanged with no plan steps; load it first for diagnostics).
 *
 * @example
 * ```ts
 * import { migrateAnswerText, type Rubric } from 'policy-index';
 * declare const v2: Rubric, text: string;
 * const out = migrateAnswerText(text, v2);
 * if (out.changed) console.log(out.notes.map((n) => `${n.question}: ${n.message}`).join('\n'));
 * ```
 */
export function migrateAnswerText(text: string, rubric: Rubric, extraRules: readonly MigrationRule[] = [], previous?: Rubric, file = '<answers>'): MigratedText {
  // The text goes through the one YAML loader first: its problems (an alias to no anchor among
  // them, which the editing library would throw on) are diagnostics, and the text is left alone.
  const checked = parseYamlSource(text, file);
  const untouched = (diagnostics: Diagnostic[] = checked.diagnostics): MigratedText => ({ text, changed: false, notes: [], plan: { steps: [], dropped: [], newEdition: false }, diagnostics });
  if (checked.value === undefined || checked.diagnostics.some((d) => d.severity === 'error')) return untouched();
  const doc = parseDocument(text, { keepSourceTokens: false });
  const answers = doc.get('answers', true);
  const rubricRef = String(toJs(doc.get('rubric', true)) ?? '');
  const at = rubricRef.lastIndexOf('@');
  const written = at > 0 ? { id: rubricRef.slice(0, at), version: rubricRef.slice(at + 1) } : { id: rubricRef, version: '' };
  if (doc.errors.length || !isMap(answers)) return untouched();
  const pairs = new Map<string, Pair>();
  for (const p of answers.items) if (isScalar(p.key)) pairs.set(String(p.key.value), p as Pair);
  const plan = planMigration(rubric, [...pairs.keys()], written, extraRules, previous);
  const notes: MigrationNote[] = [];
  let changed = false;
  const taken = new Set<string>();
  // Entries that received a question id they did not have: the question, and the key they came from.
  const moved = new Map<Pair, { from: string; key: Pair }>();
  for (const s of plan.steps) {
    const q = rubric.nodes.get(s.question) as QuestionNode;
    if (s.from === undefined) {
      if (!plan.newEdition || !s.isNew) continue;
      const m = doc.createNode({ answer: 'unknown', status: 'draft' }) as YAMLMap;
      answers.set(doc.createNode(s.question), m);
      changed = true;
      notes.push({ question: s.question, kind: 'new-question', message: 'new question: answer it (written as unknown, status draft)' });
      continue;
    }
    let pair = pairs.get(s.from)!;
    if (taken.has(s.from)) {
      // A split: the second and later questions get a copy of the answer, placed after the first.
      const copy = doc.createPair(s.question, (pair.value as { clone?: () => unknown }).clone ? (pair.value as { clone: () => unknown }).clone() : pair.value) as Pair;
      const at = answers.items.indexOf(pair);
      answers.items.splice(at + 1, 0, copy as never);
      moved.set(copy, { from: s.from, key: pair });
      pair = copy;
      changed = true;
    } else if (s.from !== s.question) {
      (pair.key as Scalar).value = s.question;
      moved.set(pair, { from: s.from, key: pair });
      changed = true;
    }
    taken.add(s.from);
    if (s.from !== s.question) notes.push({ question: s.question, kind: 'renamed', message: `answer carried over from ${s.from}` });
    const holder = valueHolder(pair);
    if (holder) {
      const before = holder.get();
      if (before !== undefined && before !== null) {
        const { value, unknownOptions } = mapValue(q, before as AnswerValue, s.options);
        if (JSON.stringify(value) !== JSON.stringify(before)) {
          holder.set(value);
          changed = true;
          notes.push({ question: s.question, kind: 'options-mapped', message: `answer ${JSON.stringify(before)} → ${JSON.stringify(value)}` });
        }
        if (unknownOptions.length) {
          flag(doc, pair, `option ${unknownOptions.join(', ')} no longer exists`);
          changed = true;
          notes.push({ question: s.question, kind: 'unknown-option', message: `option ${unknownOptions.join(', ')} no longer exists: choose again` });
        }
      }
    }
    if (s.review) {
      flag(doc, pair, s.review);
      changed = true;
      notes.push({ question: s.question, kind: 'review', message: s.review });
    }
  }
  for (const k of plan.dropped) {
    if (!plan.newEdition) continue;
    notes.push({ question: k, kind: 'dropped', message: 'no question of the new edition takes this answer over; it stays in the file: remove it, or name it in a migrate: rule' });
  }
  if (plan.newEdition) {
    const ref = doc.get('rubric', true);
    if (isScalar(ref)) ref.value = `${rubric.id}@${rubric.version}`;
    else doc.set('rubric', `${rubric.id}@${rubric.version}`);
    changed = true;
  }
  // Two entries with one question id would be a duplicate key: the file is not migrated.
  const count = new Map<string, number>();
  for (const p of answers.items) if (isScalar(p.key)) count.set(String(p.key.value), (count.get(String(p.key.value)) ?? 0) + 1);
  const clashes: Diagnostic[] = [];
  const toRange = offsetRanger(text);
  for (const [p, m] of moved) {
    const q = String((p.key as Scalar).value);
    if ((count.get(q) ?? 0) < 2) continue;
    const range = (m.key.key as Scalar).range;
    clashes.push({
      code: 'MIGRATION_TARGET_ANSWERED',
      severity: 'error',
      message: `The answer to "${m.from}" moves to "${q}" in ${rubric.id}@${rubric.version}, but the file already answers "${q}"; the file is not migrated.`,
      hint: `Keep one of the two answers (remove "${m.from}" or "${q}"), or correct the migrate: rule for "${m.from}".`,
      file,
      ...(range ? toRange([range[0], range[1]]) : {}),
      path: ['answers', m.from],
    });
  }
  if (clashes.length) return untouched(clashes);
  if (!changed) return { text, changed: false, notes, plan, diagnostics: checked.diagnostics };
  return { text: doc.toString({ lineWidth: 0, flowCollectionPadding: true }), changed: true, notes, plan, diagnostics: checked.diagnostics };
}
