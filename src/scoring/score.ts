/**
 * Exact scoring of an answer set against a rubric.
 *
 * @module
 */
import type { Diagnostic } from '../diagnostics/index.js';
import { D, type Dec } from '../answers/interpret.js';
import { resolveAnswers, type ResolvedAnswers } from '../answers/validate.js';
import type { AnswerSet } from '../answers/types.js';
import { conditionMatches, rowCondition } from '../rubric/check.js';
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

const ROUNDING: Record<Rounding, number> = {
  'half-up': D.ROUND_HALF_UP,
  'half-even': D.ROUND_HALF_EVEN,
  'half-down': D.ROUND_HALF_DOWN,
  up: D.ROUND_UP,
  down: D.ROUND_DOWN,
};

/** Significant digits of the exact score strings. */
export const EXACT_DIGITS = 60;

/**
 * Exact decimal string: terminating results in full, others to 60 significant digits (computed
 * with 80), no exponent, no trailing zeros.
 */
export function exactString(d: Dec): string {
  return d.toSignificantDigits(EXACT_DIGITS, D.ROUND_HALF_EVEN).toFixed();
}

/** Rounds a score for display as the rubric declares. */
export function displayString(d: Dec, precision: number, rounding: Rounding): string {
  return d.toFixed(precision, ROUNDING[rounding] as Parameters<Dec['toFixed']>[1]);
}

interface Work {
  node: ScoredNode;
  dec: Dec | null;
  /** For questions: option ids of the answer, for decision tables. */
  optionIds?: readonly string[];
}

/**
 * Scores one answer set. Validation problems are included in the result's diagnostics;
 * invalid answers count as missing. Arithmetic is exact (decimal.js, 60 significant digits)
 * and independent of the order of keys or files; rounding happens only for `display`.
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
  const resolved = resolveAnswers(rubric, answers, { reportMissing: options.reportMissing ?? true });
  const diagnostics: Diagnostic[] = [...resolved.diagnostics];
  const scale = rubric.scale;
  const min = new D(scale.min);
  const { precision, rounding } = rubric.display;

  const make = (n: RubricNode, dec: Dec | null, status: ScoredNode['status'], extra: Partial<ScoredNode> = {}): ScoredNode => ({
    id: n.id,
    kind: n.kind,
    level: n.level,
    title: n.title,
    status,
    score: dec ? exactString(dec) : null,
    display: dec ? displayString(dec, precision, rounding) : null,
    value: dec ? dec.toNumber() : null,
    weight: String(n.weight),
    effectiveWeight: null,
    shareOfTop: null,
    handling: 'included',
    ...(n.dimension !== undefined ? { dimension: n.dimension } : {}),
    children: [],
    ...extra,
  });

  const memo = new Map<string, Work>();
  const scoreNode = (n: RubricNode): Work => {
    const hit = memo.get(n.id);
    if (hit) return hit;
    const w = n.kind === 'question' ? scoreQuestion(n, resolved) : scoreGroup(n);
    memo.set(n.id, w);
    return w;
  };

  function scoreQuestion(q: QuestionNode, r: ResolvedAnswers): Work {
    const answer = r.answers.get(q.id);
    const meaning = r.interpreted.get(q.id);
    const applies = r.applicability.get(q.id) ?? 'applies';
    const base: ScoredAnswer = answer
      ? {
          status: 'missing',
          ...(answer.value !== undefined ? { value: answer.value } : {}),
          ...(answer.byRegion !== undefined ? { byRegion: answer.byRegion } : {}),
          evidence: answer.evidence,
          ...(answer.source ? { source: answer.source } : {}),
        }
      : { status: 'missing' };
    const notApplicable = (why: string): Work => {
      if (q.notApplicable !== 'omit') {
        const dec = new D(q.notApplicable.score);
        return { node: make(q, dec, 'scored', { reason: `${why}; scored ${q.notApplicable.score} as the rubric declares`, answer: { ...base, status: applies === 'does-not-apply' ? 'does-not-apply' : 'not-applicable' }, handling: 'scored-not-applicable' }), dec };
      }
      return { node: make(q, null, 'not-applicable', { reason: why, answer: { ...base, status: applies === 'does-not-apply' ? 'does-not-apply' : 'not-applicable' } }), dec: null };
    };
    if (applies === 'does-not-apply') return notApplicable(`Does not apply given the answer to "${q.appliesWhen!.question}"`);
    if (!answer) return { node: make(q, null, 'missing', { reason: 'No answer', answer: base }), dec: null };
    if (!meaning) return { node: make(q, null, 'missing', { reason: 'The answer is invalid', answer: { ...base, status: 'invalid' } }), dec: null };
    if (meaning.status === 'unknown') return { node: make(q, null, 'missing', { reason: 'Answered as unknown', answer: { ...base, status: 'unknown' } }), dec: null };
    if (meaning.status === 'not-applicable') return notApplicable('Answered as not applicable');
    if (meaning.status !== 'answered') return { node: make(q, null, 'missing', { reason: 'The answer is invalid', answer: { ...base, status: 'invalid' } }), dec: null };
    const ans: ScoredAnswer = {
      ...base,
      status: 'answered',
      label: meaning.label,
      optionIds: meaning.optionIds,
      ...(meaning.matched ? { matched: meaning.matched } : {}),
      ...(meaning.regions ? { regions: meaning.regions.map((p) => ({ region: p.region, score: exactString(p.score), label: p.label })) } : {}),
    };
    const reason = meaning.regions ? `Regional answers combined by ${q.regions}` : undefined;
    return { node: make(q, meaning.score, 'scored', { answer: ans, ...(reason ? { reason } : {}) }), dec: meaning.score, optionIds: meaning.optionIds };
  }

  function contributors(g: GroupNode, agg: Aggregation): RubricNode[] {
    if ((agg.method === 'mean' || agg.method === 'weighted-mean') && agg.over === 'indicators') {
      const out: RubricNode[] = [];
      const visit = (n: RubricNode) => {
        if (n.kind === 'dimension') n.children.forEach(visit);
        else out.push(n);
      };
      g.children.forEach(visit);
      return out;
    }
    return [...g.children];
  }

  function scoreGroup(g: GroupNode): Work {
    return aggregate(g, g.children.map(scoreNode), contributors(g, g.aggregation).map(scoreNode), g.aggregation, g.missing);
  }

  /** Aggregates `parts` into a node for `g`; `shown` are the children displayed in the tree. */
  function aggregate(g: RubricNode, shown: Work[], parts: Work[], agg: Aggregation, rule: MissingRule, title?: string): Work {
    const label = agg.method;
    const flatten = parts !== shown && parts.some((p) => !shown.includes(p));
    const childNodes = shown.map((w) => ({ ...w.node }));
    const byId = new Map(childNodes.map((c) => [c.id, c]));
    const mark = (id: string, h: ChildHandling, eff: string | null) => {
      const c = byId.get(id);
      if (c) {
        c.handling = h;
        c.effectiveWeight = eff;
      }
    };
    if (flatten) for (const c of childNodes) c.handling = 'label-only';
    const finish = (dec: Dec | null, status: ScoredNode['status'], extra: Partial<ScoredNode>): Work => {
      const node = make(g, dec, status, { method: label, children: childNodes, ...(title ? { title } : {}), ...extra });
      if (flatten) {
        node.children = childNodes;
        // Flattened contributors are listed after the display children so the trace stays complete.
        const extraParts = parts.filter((p) => !shown.includes(p)).map((p) => ({ ...p.node }));
        for (const p of extraParts) {
          const info = partInfo.get(p.id);
          if (info) {
            p.handling = info.h;
            p.effectiveWeight = info.eff;
          }
        }
        node.children = [...childNodes, ...extraParts];
      }
      return { node, dec };
    };
    const partInfo = new Map<string, { h: ChildHandling; eff: string | null }>();
    const markPart = (id: string, h: ChildHandling, eff: string | null) => {
      partInfo.set(id, { h, eff });
      mark(id, h, eff);
    };

    if (agg.method === 'decision-table') {
      for (const p of parts) markPart(p.node.id, 'table-input', null);
      const inputs = agg.inputs.map((id) => parts.find((p) => p.node.id === id));
      const values = inputs.map((w) => {
        if (!w || w.dec === null) return undefined;
        return { key: w.optionIds?.length === 1 ? w.optionIds[0] : undefined, score: w.dec.toNumber(), keys: w.optionIds ?? [] };
      });
      const matches = (cond: Parameters<typeof conditionMatches>[0], v: (typeof values)[number]) => {
        if (!v || v.keys.length <= 1) return conditionMatches(cond, v ? { ...(v.key !== undefined ? { key: v.key } : {}), score: v.score } : undefined);
        // Regional answers with differing options: an option condition holds only if every region meets it.
        return v.keys.every((k) => conditionMatches(cond, { key: k, score: v.score })) || conditionMatches(cond, { score: v.score });
      };
      const idx = agg.rows.findIndex((row) => agg.inputs.every((id, j) => matches(rowCondition(row, id), values[j])));
      const missingInputs = agg.inputs.filter((_, j) => values[j] === undefined);
      const allNa = parts.length > 0 && parts.every((p) => p.node.status === 'not-applicable');
      if (allNa) return finish(null, 'not-applicable', { reason: 'No input applies' });
      if (idx >= 0) {
        const row = agg.rows[idx]!;
        return finish(new D(row.score), 'scored', { matchedRow: { index: idx, ...(row.label ? { label: row.label } : {}), when: row.when }, reason: `Row ${idx + 1} of the decision table${row.label ? ` (${row.label})` : ''}` });
      }
      if (missingInputs.length) return finish(null, 'missing', { reason: `No row matches and input(s) ${missingInputs.join(', ')} have no score` });
      if (agg.default !== undefined) return finish(new D(agg.default), 'scored', { matchedRow: { index: -1, label: 'default', when: {} }, reason: 'No row matches; the table default applies' });
      diagnostics.push({ code: 'SCORE_NO_TABLE_ROW', severity: 'warning', message: `No decision-table row of "${g.id}" matches the answers and the table has no default.`, file: g.source.file, line: g.source.line, column: g.source.column });
      return finish(null, 'missing', { reason: 'No decision-table row matches' });
    }

    const scored: { w: Work; weight: Dec; value: Dec; handling: ChildHandling }[] = [];
    const missingIds: string[] = [];
    let naCount = 0;
    for (const p of parts) {
      const weight = new D(rubric.nodes.get(p.node.id)?.weight ?? 1);
      if (p.node.status === 'not-applicable') {
        naCount++;
        markPart(p.node.id, 'omitted-not-applicable', null);
      } else if (p.dec === null) missingIds.push(p.node.id);
      else scored.push({ w: p, weight, value: p.dec, handling: p.node.handling === 'scored-not-applicable' ? 'scored-not-applicable' : 'included' });
    }
    const total = parts.length - naCount;
    const missingInfo = { policy: rule.policy, minShare: rule.minShare, present: scored.length, total };
    if (total === 0) return finish(null, 'not-applicable', { reason: 'None of the parts applies', missing: missingInfo });
    if (scored.length === 0) {
      for (const id of missingIds) markPart(id, 'omitted-missing', null);
      return finish(null, 'missing', { reason: 'No part has a score', missing: missingInfo });
    }
    if (missingIds.length && rule.policy === 'fail') {
      for (const id of missingIds) markPart(id, 'omitted-missing', null);
      return finish(null, 'missing', { reason: `Missing data (${missingIds.join(', ')}) and the rule is to fail`, missing: missingInfo });
    }
    if (scored.length / total < rule.minShare) {
      for (const id of missingIds) markPart(id, 'omitted-missing', null);
      return finish(null, 'missing', { reason: `Only ${scored.length} of ${total} parts have a score; at least ${rule.minShare * 100}% are required`, missing: missingInfo });
    }
    const terms = [...scored];
    if (missingIds.length && rule.policy === 'minimum') {
      for (const id of missingIds) {
        const weight = new D(rubric.nodes.get(id)?.weight ?? 1);
        terms.push({ w: parts.find((p) => p.node.id === id)!, weight, value: min, handling: 'counted-as-minimum' });
      }
    } else for (const id of missingIds) markPart(id, 'omitted-missing', null);
    // Terms in rubric order for determinism.
    const order = new Map(parts.map((p, i) => [p.node.id, i]));
    terms.sort((a, b) => order.get(a.w.node.id)! - order.get(b.w.node.id)!);

    let dec: Dec;
    const weighted = agg.method === 'weighted-mean' || agg.method === 'geometric-mean';
    const weights = canonicalWeights(terms.map((t) => (weighted ? t.weight : new D(1))));
    const sumW = weights.reduce((s, x) => s.plus(x), new D(0));
    if (agg.method === 'minimum' || agg.method === 'maximum') {
      let best = 0;
      terms.forEach((t, i) => {
        if (agg.method === 'minimum' ? t.value.lt(terms[best]!.value) : t.value.gt(terms[best]!.value)) best = i;
      });
      dec = terms[best]!.value;
      terms.forEach((t, i) => markPart(t.w.node.id, t.handling, i === best ? '1' : '0'));
    } else if (agg.method === 'geometric-mean') {
      if (terms.some((t) => t.value.isZero())) dec = new D(0);
      else dec = D.exp(terms.reduce((s, t, i) => s.plus(weights[i]!.times(D.ln(t.value))), new D(0)).div(sumW));
      terms.forEach((t, i) => markPart(t.w.node.id, t.handling, exactString(weights[i]!.div(sumW))));
    } else {
      dec = terms.reduce((s, t, i) => s.plus(weights[i]!.times(t.value)), new D(0)).div(sumW);
      terms.forEach((t, i) => markPart(t.w.node.id, t.handling, exactString(weights[i]!.div(sumW))));
    }
    const extra: Partial<ScoredNode> = { missing: missingInfo };
    if (missingIds.length) extra.reason = rule.policy === 'minimum' ? `Missing ${missingIds.join(', ')} counted as the scale minimum` : `Missing ${missingIds.join(', ')} left out; weights renormalised`;
    return finish(dec, 'scored', extra);
  }

  // Score the whole tree (areas not in the variant are scored too, for display).
  const areaWorks = rubric.root.children.map(scoreNode);
  const variantScores: VariantScore[] = [];
  const variantWorks = new Map<string, Work>();
  for (const v of rubric.variants) {
    const parts = v.areas.map((id) => areaWorks.find((a) => a.node.id === id)!).filter(Boolean);
    const w = aggregate(rubric.root, parts, parts, v.aggregation, v.missing, v.title);
    variantWorks.set(v.id, w);
    if (w.node.status === 'missing') {
      diagnostics.push({
        code: 'SCORE_MISSING_DATA',
        severity: 'warning',
        message: `Variant "${v.id}" has no score: ${w.node.reason ?? 'missing data'}.`,
        file: answers.file,
      });
    }
    variantScores.push({
      id: v.id,
      title: v.title,
      status: w.node.status,
      score: w.node.score,
      display: w.node.display,
      value: w.node.value,
      ...(w.node.reason ? { reason: w.node.reason } : {}),
      areas: v.areas,
    });
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
    return inVariant ?? { ...a.node, handling: 'not-in-variant' as const, effectiveWeight: null };
  });
  const root: ScoredNode = { ...chosen.node, title: rubric.title, children: rootChildren, method: `${variant.aggregation.method} of variant "${variant.id}"` };
  setShares(root, new D(1));
  for (const d of diagnostics) if (d.code === 'SCORE_MISSING_DATA') d.severity = 'warning';
  return {
    rubric: { id: rubric.id, version: rubric.version, title: rubric.title },
    country: answers.country,
    year: answers.year,
    variant: variantId,
    variants: variantScores,
    root,
    diagnostics,
    precision,
  };
}

/**
 * The smallest whole numbers with the same ratios as the given weights (`[0.5, 1.5]` → `[1, 3]`),
 * so that multiplying every weight of a node by one constant cannot change a digit of its score.
 */
function canonicalWeights(weights: Dec[]): Dec[] {
  if (weights.length === 0 || weights.some((w) => !w.isFinite() || w.lte(0))) return weights;
  const places = Math.max(...weights.map((w) => w.decimalPlaces()));
  const scale = new D(10).pow(places);
  const ints = weights.map((w) => BigInt(w.times(scale).toFixed(0)));
  let g = 0n;
  for (const x of ints) {
    let a = g;
    let b = x;
    while (b !== 0n) [a, b] = [b, a % b];
    g = a;
  }
  return g > 0n ? ints.map((x) => new D((x / g).toString())) : weights;
}

function setShares(node: ScoredNode, share: Dec | null): void {
  node.shareOfTop = share === null ? null : exactString(share);
  for (const c of node.children) {
    const eff = c.effectiveWeight === null || share === null ? null : share.times(c.effectiveWeight);
    setShares(c, eff);
  }
}

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
