/**
 * Exact scoring of an answer set against a rubric.
 *
 * @module
 */
import { attachExact } from './exact-value.js';
import type { Diagnostic } from '../diagnostics/index.js';
import {
  add,
  cmp,
  D,
  displayString as formatDisplay,
  div,
  exactString as formatExact,
  formatScore,
  exactNumber,
  fromNumber,
  geometricMean,
  isZero,
  mul,
  mulShared,
  ONE,
  reciprocal,
  toNumber,
  weightedMean,
  ZERO,
  EXACT_DIGITS as DIGITS,
  type Dec,
  type Exact,
} from '../answers/exact.js';
import { resolveAnswers, type ResolvedAnswers } from '../answers/validate.js';
import type { AnswerSet } from '../answers/types.js';
import { answerSetLocator } from '../answers/load.js';
import { conditionMatches, rowCondition } from '../rubric/check.js';
import { numberText } from '../rubric/numbers.js';
import type { Aggregation, GroupNode, MissingRule, QuestionNode, Rounding, Rubric, RubricNode } from '../rubric/types.js';
import type { ChildHandling, ScoredAnswer, ScoredNode, ScoreResult, VariantScore } from './types.js';
import { didYouMean } from '../source/suggest.js';

/** Options for {@link scoreAnswerSet}. */
export interface ScoreOptions {
  /** Variant whose score the root carries (default: the rubric's default variant). */
  variant?: string;
  /** Report unanswered questions as diagnostics (default true). */
  reportMissing?: boolean;
}

/** Significant digits of the exact score strings. */
export const EXACT_DIGITS = DIGITS;

/**
 * Exact decimal string of a score: terminating results in full, others to 60 significant
 * digits, no exponent, no trailing zeros.
 */
export function exactString(x: Exact | Dec): string {
  return formatExact(x);
}

/** Rounds a score for display as the rubric declares. */
export function displayString(x: Exact | Dec, precision: number, rounding: Rounding): string {
  return formatDisplay(x, precision, rounding);
}

interface Work {
  node: ScoredNode;
  x: Exact | null;
  /** For questions: option ids of the answer, for decision tables. */
  optionIds?: readonly string[];
}

/** Per-rubric data computed once: exact weights, and the tree in post-order with child indices. */
interface Plan {
  weight: Map<string, Exact>;
  scaleMin: Exact;
  /** Every node below the root, children before parents. */
  order: RubricNode[];
  /** For each node in `order`: indices of its children in `order`. */
  children: number[][];
  /** For groups averaging `over: indicators`: indices of the indicators below them. */
  parts: (number[] | undefined)[];
  /** Indices of the areas in `order`. */
  areas: number[];
}
const plans = new WeakMap<Rubric, Plan>();

function planFor(rubric: Rubric): Plan {
  let plan = plans.get(rubric);
  if (plan) return plan;
  const weight = new Map<string, Exact>();
  for (const n of rubric.nodes.values()) weight.set(n.id, Number.isFinite(n.weight) && n.weight > 0 ? exactNumber(n, 'weight', n.weight) : ONE);
  const order: RubricNode[] = [];
  const index = new Map<RubricNode, number>();
  const visit = (n: RubricNode): void => {
    if (index.has(n)) return;
    n.children.forEach(visit);
    index.set(n, order.length);
    order.push(n);
  };
  rubric.root.children.forEach(visit);
  const children = order.map((n) => n.children.map((c) => index.get(c)!));
  const parts = order.map((n) => {
    if (n.kind === 'question') return undefined;
    const agg = n.aggregation;
    if (!((agg.method === 'mean' || agg.method === 'weighted-mean') && agg.over === 'indicators')) return undefined;
    const out: number[] = [];
    const flat = (c: RubricNode): void => (c.kind === 'dimension' ? c.children.forEach(flat) : void out.push(index.get(c)!));
    n.children.forEach(flat);
    return out;
  });
  plan = { weight, scaleMin: fromNumber(rubric.scale.min), order, children, parts, areas: rubric.root.children.map((a) => index.get(a)!) };
  plans.set(rubric, plan);
  return plan;
}


/**
 * Scores one answer set. Validation problems are included in the result's diagnostics;
 * invalid answers count as missing. Arithmetic is exact — fractions of big integers, and
 * 80-digit decimals only for irrational results such as geometric means — and independent of
 * the order of keys or files; rounding happens only when scores are written out (`score` to
 * 60 significant digits, `display` as the rubric declares).
 *
 * @example
 * ```ts
 * import { loadRubric, loadAnswerSet, scoreAnswerSet } from 'policy-index';
 * declare const rubricText: string, answersText: string;
 * const rubric = loadRubric(rubricText).value!;
 * const answers = loadAnswerSet(answersText).value!;
 * const result = scoreAnswerSet(rubric, answers);
 * console.log(result.root.display, result.variants.map((v) => `${v.id}: ${v.display}`));
 * ```
 */
export function scoreAnswerSet(rubric: Rubric, answers: AnswerSet, options: ScoreOptions = {}): ScoreResult {
  const plan = planFor(rubric);
  const resolved = resolveAnswers(rubric, answers, { reportMissing: options.reportMissing ?? true });
  const diagnostics: Diagnostic[] = [...resolved.diagnostics];
  const { precision, rounding } = rubric.display;
  const displayKey = `${precision}${rounding}`;
  /** Effective weights as exact values, for the shares of the top score. */
  const effective = new Map<ScoredNode, Exact>();

  const weightStrings = new Map<string, string>();
  const make = (n: RubricNode, x: Exact | null, status: ScoredNode['status'], extra?: Partial<ScoredNode>): ScoredNode => {
    let weight = weightStrings.get(n.id);
    if (weight === undefined) weightStrings.set(n.id, (weight = String(n.weight)));
    const f = x ? formatScore(x, precision, rounding, displayKey) : null;
    const node: ScoredNode = {
      id: n.id,
      kind: n.kind,
      level: n.level,
      title: n.title,
      status,
      score: f ? f.exact : null,
      display: f ? f.display : null,
      value: f ? f.number : null,
      weight,
      effectiveWeight: null,
      shareOfTop: null,
      handling: 'included',
      children: [],
    };
    attachExact(node, x);
    if (n.dimension !== undefined) node.dimension = n.dimension;
    if (extra) {
      if (extra.handling !== undefined) node.handling = extra.handling;
      if (extra.children !== undefined) node.children = extra.children;
      if (extra.title !== undefined) node.title = extra.title;
      if (extra.reason !== undefined) node.reason = extra.reason;
      if (extra.method !== undefined) node.method = extra.method;
      if (extra.matchedRow !== undefined) node.matchedRow = extra.matchedRow;
      if (extra.missing !== undefined) node.missing = extra.missing;
      if (extra.answer !== undefined) node.answer = extra.answer;
    }
    return node;
  };


  function scoreQuestion(q: QuestionNode, r: ResolvedAnswers): Work {
    const answer = r.answers.get(q.id);
    const meaning = r.interpreted.get(q.id);
    const applies = r.applicability.get(q.id) ?? 'applies';
    const answerFor = (status: ScoredAnswer['status']): ScoredAnswer => {
      const a: ScoredAnswer = { status };
      if (answer) {
        if (answer.value !== undefined) a.value = answer.value;
        if (answer.byRegion !== undefined) a.byRegion = answer.byRegion;
        if (answer.recordedScore !== undefined) {
          a.recordedScore = answer.recordedScore;
          a.regionsNotRecorded = true;
        }
        a.evidence = answer.evidence;
        if (answer.source) a.source = answer.source;
      }
      return a;
    };
    const notApplicable = (why: string): Work => {
      const status = applies === 'does-not-apply' ? 'does-not-apply' : 'not-applicable';
      if (q.notApplicable !== 'omit') {
        const x = exactNumber(q.notApplicable, 'score', q.notApplicable.score);
        return { node: make(q, x, 'scored', { reason: `${why}; scored ${q.notApplicable.score} as the rubric declares`, answer: answerFor(status), handling: 'scored-not-applicable' }), x };
      }
      return { node: make(q, null, 'not-applicable', { reason: why, answer: answerFor(status) }), x: null };
    };
    if (applies === 'does-not-apply') return notApplicable(`Does not apply given the answer to "${q.appliesWhen!.question}"`);
    if (!answer) return { node: make(q, null, 'missing', { reason: 'No answer', answer: answerFor('missing') }), x: null };
    if (!meaning) return { node: make(q, null, 'missing', { reason: 'The answer is invalid', answer: answerFor('invalid') }), x: null };
    if (meaning.status === 'unknown') return { node: make(q, null, 'missing', { reason: 'Answered as unknown', answer: answerFor('unknown') }), x: null };
    if (meaning.status === 'not-applicable') return notApplicable('Answered as not applicable');
    if (meaning.status !== 'answered') return { node: make(q, null, 'missing', { reason: 'The answer is invalid', answer: answerFor('invalid') }), x: null };
    const base = answerFor('answered');
    base.label = meaning.label;
    base.optionIds = meaning.optionIds;
    if (meaning.matched) base.matched = meaning.matched;
    if (meaning.regions) base.regions = meaning.regions.map((p) => ({ region: p.region, score: formatExact(p.score), label: p.label }));
    const extra: Partial<ScoredNode> = meaning.regions
      ? { answer: base, reason: `Regional answers combined by ${q.regions}` }
      : meaning.regionsNotRecorded
        ? { answer: base, reason: 'The recorded score of regional answers that are not recorded' }
        : { answer: base };
    return { node: make(q, meaning.score, 'scored', extra), x: meaning.score, optionIds: meaning.optionIds };
  }


  /**
   * Aggregates `parts` into a node for `g`; `shown` are the children displayed in the tree.
   * Child nodes are marked in place unless `copy` is set (variants share their area nodes).
   */
  function aggregate(g: RubricNode, shown: Work[], parts: Work[], agg: Aggregation, rule: MissingRule, title: string | undefined, copy: boolean): Work {
    const flatten = parts !== shown;
    const childNodes = copy ? shown.map((w) => ({ ...w.node })) : shown.map((w) => w.node);
    // Flattened contributors are listed after the display children so the trace stays complete.
    const extraNodes = flatten ? parts.filter((p) => !shown.includes(p)).map((p) => ({ ...p.node })) : [];
    if (flatten) for (const c of childNodes) c.handling = 'label-only';
    const partNodes: ScoredNode[] = flatten ? parts.map((p) => extraNodes.find((e) => e.id === p.node.id) ?? childNodes[shown.indexOf(p)]!) : childNodes;
    const mark = (i: number, h: ChildHandling, eff: Exact | null) => {
      const c = partNodes[i]!;
      c.handling = h;
      c.effectiveWeight = eff === null ? null : formatExact(eff);
      if (eff !== null) effective.set(c, eff);
    };
    const finish = (x: Exact | null, status: ScoredNode['status'], extra: Partial<ScoredNode>): Work => {
      const node = make(g, x, status, { method: agg.method, children: extraNodes.length ? [...childNodes, ...extraNodes] : childNodes, ...(title ? { title } : {}), ...extra });
      return { node, x };
    };

    if (agg.method === 'decision-table') {
      parts.forEach((_, i) => mark(i, 'table-input', null));
      const values = agg.inputs.map((id) => {
        const w = parts.find((p) => p.node.id === id);
        if (!w || w.x === null) return undefined;
        const keys = w.optionIds ?? [];
        // Conditions compare with the exact score, never with a double.
        const score = w.x;
        return { single: keys.length === 1 ? { key: keys[0]!, score } : { score }, keys, score };
      });
      const matches = (cond: Parameters<typeof conditionMatches>[0], v: (typeof values)[number], texts: Parameters<typeof conditionMatches>[2]) => {
        if (!v) return conditionMatches(cond, undefined);
        if (v.keys.length <= 1) return conditionMatches(cond, v.single, texts);
        // Regional answers with differing options: an option condition holds only if every region meets it.
        return v.keys.every((k) => conditionMatches(cond, { key: k, score: v.score }, texts)) || conditionMatches(cond, { score: v.score }, texts);
      };
      const idx = agg.rows.findIndex((row) =>
        agg.inputs.every((id, j) => matches(rowCondition(row, id), values[j], (i, written) => numberText(row.when, i < 0 ? id : `${id}[${i}]`, written))),
      );
      const missingInputs = agg.inputs.filter((_, j) => values[j] === undefined);
      const allNa = parts.length > 0 && parts.every((p) => p.node.status === 'not-applicable');
      if (allNa) return finish(null, 'not-applicable', { reason: 'No input applies' });
      if (idx >= 0) {
        const row = agg.rows[idx]!;
        return finish(exactNumber(row, 'score', row.score), 'scored', { matchedRow: { index: idx, ...(row.label ? { label: row.label } : {}), when: row.when }, reason: `Row ${idx + 1} of the decision table${row.label ? ` (${row.label})` : ''}` });
      }
      if (missingInputs.length) return finish(null, 'missing', { reason: `No row matches and input(s) ${missingInputs.join(', ')} have no score` });
      if (agg.default !== undefined) return finish(exactNumber(agg, 'default', agg.default), 'scored', { matchedRow: { index: -1, label: 'default', when: {} }, reason: 'No row matches; the table default applies' });
      diagnostics.push({ code: 'SCORE_NO_TABLE_ROW', severity: 'warning', message: `No decision-table row of "${g.id}" matches the answers and the table has no default.`, file: g.source.file, line: g.source.line, column: g.source.column });
      return finish(null, 'missing', { reason: 'No decision-table row matches' });
    }

    const terms: { i: number; value: Exact; handling: ChildHandling }[] = [];
    const missing: number[] = [];
    let naCount = 0;
    parts.forEach((p, i) => {
      if (p.node.status === 'not-applicable') {
        naCount++;
        mark(i, 'omitted-not-applicable', null);
      } else if (p.x === null) missing.push(i);
      else terms.push({ i, value: p.x, handling: p.node.handling === 'scored-not-applicable' ? 'scored-not-applicable' : 'included' });
    });
    const missingIds = () => missing.map((i) => parts[i]!.node.id).join(', ');
    const total = parts.length - naCount;
    const missingInfo = { policy: rule.policy, minShare: rule.minShare, present: terms.length, total };
    const omitMissing = () => missing.forEach((i) => mark(i, 'omitted-missing', null));
    if (total === 0) return finish(null, 'not-applicable', { reason: 'None of the parts applies', missing: missingInfo });
    if (terms.length === 0) {
      omitMissing();
      return finish(null, 'missing', { reason: 'No part has a score', missing: missingInfo });
    }
    if (missing.length && rule.policy === 'fail') {
      omitMissing();
      return finish(null, 'missing', { reason: `Missing data (${missingIds()}) and the rule is to fail`, missing: missingInfo });
    }
    if (terms.length / total < rule.minShare) {
      omitMissing();
      return finish(null, 'missing', { reason: `Only ${terms.length} of ${total} parts have a score; at least ${rule.minShare * 100}% are required`, missing: missingInfo });
    }
    if (missing.length && rule.policy === 'minimum') {
      for (const i of missing) terms.push({ i, value: plan.scaleMin, handling: 'counted-as-minimum' });
      terms.sort((a, b) => a.i - b.i);
    } else omitMissing();

    const weighted = agg.method === 'weighted-mean' || agg.method === 'geometric-mean';
    const weights = weighted ? terms.map((t) => plan.weight.get(parts[t.i]!.node.id) ?? ONE) : [];
    let x: Exact;
    if (agg.method === 'minimum' || agg.method === 'maximum') {
      let best = 0;
      terms.forEach((t, k) => {
        const c = cmp(t.value, terms[best]!.value);
        if (agg.method === 'minimum' ? c < 0 : c > 0) best = k;
      });
      x = terms[best]!.value;
      terms.forEach((t, k) => mark(t.i, t.handling, k === best ? ONE : ZERO));
    } else {
      const values = terms.map((t) => t.value);
      if (agg.method === 'geometric-mean') x = geometricMean(values, weights);
      else x = weightedMean(values, weighted ? weights : undefined);
      if (weighted) {
        const sumW = weights.reduce<Exact>((s, w) => add(s, w), ZERO);
        terms.forEach((t, k) => mark(t.i, t.handling, div(weights[k]!, sumW)));
      } else {
        const share = reciprocal(terms.length);
        for (const t of terms) mark(t.i, t.handling, share);
      }
    }
    const extra: Partial<ScoredNode> = { missing: missingInfo };
    if (missing.length) extra.reason = rule.policy === 'minimum' ? `Missing ${missingIds()} counted as the scale minimum` : `Missing ${missingIds()} left out; weights renormalised`;
    return finish(x, 'scored', extra);
  }

  // Score the whole tree (areas not in the variant are scored too, for display).
  // Children before parents, so every group finds its parts already scored.
  const works: Work[] = new Array<Work>(plan.order.length);
  for (let i = 0; i < plan.order.length; i++) {
    const n = plan.order[i]!;
    if (n.kind === 'question') works[i] = scoreQuestion(n, resolved);
    else {
      const shown = plan.children[i]!.map((j) => works[j]!);
      const flat = plan.parts[i];
      works[i] = aggregate(n, shown, flat ? flat.map((j) => works[j]!) : shown, n.aggregation, n.missing, undefined, false);
    }
  }
  const areaWorks = plan.areas.map((j) => works[j]!);
  const variantScores: VariantScore[] = [];
  const variantWorks = new Map<string, Work>();
  for (const v of rubric.variants) {
    const parts = v.areas.map((id) => areaWorks.find((a) => a.node.id === id)!).filter(Boolean);
    const w = aggregate(rubric.root, parts, parts, v.aggregation, v.missing, v.title, true);
    variantWorks.set(v.id, w);
    if (w.node.status === 'missing') {
      diagnostics.push({
        code: 'SCORE_MISSING_DATA',
        severity: 'warning',
        message: `Variant "${v.id}" has no score: ${w.node.reason ?? 'missing data'}.`,
        ...missingDataPosition(answers, w.node),
      });
    }
    variantScores.push(attachExact({
      id: v.id,
      title: v.title,
      status: w.node.status,
      score: w.node.score,
      display: w.node.display,
      value: w.node.value,
      ...(w.node.reason ? { reason: w.node.reason } : {}),
      areas: v.areas,
    }, w.x));
  }
  let variantId = options.variant ?? rubric.defaultVariant;
  if (!variantWorks.has(variantId)) {
    diagnostics.push({ code: 'SCORE_VARIANT_UNKNOWN', severity: 'error', message: `The rubric has no variant "${variantId}".`, hint: didYouMean(variantId, variantWorks.keys()) ?? `Variants: ${[...variantWorks.keys()].join(', ')}` });
    variantId = rubric.defaultVariant;
  }
  const chosen = variantWorks.get(variantId)!;
  const variant = rubric.variants.find((v) => v.id === variantId)!;
  const rootChildren = areaWorks.map((a) => {
    const inVariant = chosen.node.children.find((c) => c.id === a.node.id);
    return inVariant ?? attachExact({ ...a.node, handling: 'not-in-variant' as const, effectiveWeight: null }, a.x);
  });
  const root: ScoredNode = attachExact({ ...chosen.node, title: rubric.title, children: rootChildren, method: `${variant.aggregation.method} of variant "${variant.id}"` }, chosen.x);
  setShares(root, ONE, effective);
  return {
    rubric: { id: rubric.id, version: rubric.version, title: rubric.title },
    country: answers.country,
    year: answers.year,
    variant: variantId,
    variants: variantScores,
    root,
    diagnostics,
    precision,
    rounding,
  };
}

/**
 * Where in the answer set a node's missing data shows: the entry of the first question below
 * it that has no score (answered as unknown, invalid), or the file's `answers:` key when that
 * question has no entry. Looked up only when a diagnostic is made.
 */
function missingDataPosition(set: AnswerSet, node: ScoredNode): Pick<Diagnostic, 'file' | 'line' | 'column' | 'endLine' | 'endColumn' | 'path'> {
  const locator = answerSetLocator(set);
  const file = locator?.file ?? set.file;
  let first: ScoredNode | undefined;
  let entry: ScoredNode | undefined;
  const stack: ScoredNode[] = [node];
  while (stack.length > 0 && entry === undefined) {
    const n = stack.pop()!;
    if (n.kind === 'question') {
      if (n.status !== 'missing' || n.handling === 'not-in-variant') continue;
      first ??= n;
      if (n.answer?.source) entry = n;
      continue;
    }
    if (n.status === 'scored' && n !== node) continue;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  const written = entry?.answer?.source;
  if (entry && written) {
    const key = set.answers.has(entry.id) ? entry.id : findKey(set, entry.id, written);
    const range = key !== undefined ? locator?.locateKey(['answers', key]) : undefined;
    return { file, ...(range ?? { line: written.line, column: written.column }), path: ['answers', key ?? entry.id] };
  }
  const range = locator?.locateKey(['answers']);
  return { file, ...(range ?? { line: 1, column: 1 }), path: first ? ['answers', first.id] : ['answers'] };
}

/** The key (an alias, say) an answer was written under, found by its position. */
function findKey(set: AnswerSet, id: string, at: { line: number; column: number }): string | undefined {
  for (const [key, a] of set.answers) if (a.source && a.source.line === at.line && a.source.column === at.column) return key;
  return set.answers.has(id) ? id : undefined;
}

function setShares(node: ScoredNode, share: Exact | null, effective: ReadonlyMap<ScoredNode, Exact>): void {
  node.shareOfTop = share === null ? null : formatExact(share);
  for (const c of node.children) {
    const eff = c.effectiveWeight === null || share === null ? null : effective.get(c) ?? null;
    setShares(c, eff === null || share === null ? null : isZero(eff) ? ZERO : mulShared(share, eff), effective);
  }
}

export { D };

/**
 * Finds a node of a score tree by id (depth-first).
 *
 * @example
 * ```ts
 * import { createAnswerSet, findScoredNode, loadRubric, scoreAnswerSet } from 'policy-index';
 * const rubric = loadRubric(
 *   'schemaVersion: 1\nid: demo\nversion: 1.0.0\ntitle: Demo\nareas:\n' +
 *     '  - { id: work, title: Work, indicators: [{ id: permit, title: Permit, type: yes-no, scores: { yes: 100, no: 0 } }] }\n',
 * ).value!;
 * const result = scoreAnswerSet(rubric, createAnswerSet({ rubric: 'demo@1.0.0', country: 'CA', year: 2020, answers: { permit: 'yes' } }));
 * findScoredNode(result.root, 'permit')?.score; // '100'
 * ```
 */
export function findScoredNode(root: ScoredNode, id: string): ScoredNode | undefined {
  if (root.id === id) return root;
  for (const c of root.children) {
    const hit = findScoredNode(c, id);
    if (hit) return hit;
  }
  return undefined;
}
