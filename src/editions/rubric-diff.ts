/**
 * Rubric diff: what changed in the methodology between two editions of a rubric, and what
 * those changes do to every unit's scores and ranks.
 *
 * Nodes of the two editions are matched by id, then by an explicit `replaces:` on the new node,
 * then by aliases (either way). A node matched under another id is renamed; several new nodes
 * replacing one old node are a split; one new node replacing several old ones is a merge.
 *
 * Impact is attributed by sequential substitution: starting from the old rubric and the old
 * answers, each rescoring of a question's options, each weight change and each aggregation
 * change is applied to the old tree one at a time, and the units are rescored after each step;
 * the last step switches to the new rubric with the answers carried over (structure: added,
 * removed, renamed, split nodes and everything else). Step effects are exact differences, so
 * they add up to the total change exactly.
 *
 * @module
 */
import { add, cmp, ratioString, sub, toRatio, ZERO, type Exact } from '../exact/index.js';
import { exactScore } from '../scoring/exact-value.js';
import type { AnswerSet } from '../answers/types.js';
import type { Aggregation, GroupNode, MissingRule, QuestionNode, Rubric, RubricNode } from '../rubric/types.js';
import { scoreAnswerSet } from '../scoring/score.js';
import { migrateAnswerSet } from './migrate-plan.js';

/** Kinds of methodology change. */
export type RubricChangeKind =
  | 'node-added'
  | 'node-removed'
  | 'node-renamed'
  | 'node-split'
  | 'node-merged'
  | 'node-moved'
  | 'option-added'
  | 'option-removed'
  | 'option-rescored'
  | 'scoring-changed'
  | 'weight-changed'
  | 'aggregation-changed'
  | 'applicability-changed'
  | 'missing-data-changed'
  | 'variant-added'
  | 'variant-removed'
  | 'variant-changed';

/** One methodology change. */
export interface RubricChange {
  kind: RubricChangeKind;
  /** Node (or variant) id in the new edition, or in the old one for removals. */
  id: string;
  /** Ids in the old edition this change concerns. */
  from?: string[];
  /** Ids in the new edition this change concerns. */
  to?: string[];
  /** Option id, for option changes. */
  option?: string;
  before?: string;
  after?: string;
  /** One sentence describing the change. */
  summary: string;
}

/** A score effect of one attribution step for one unit. */
export interface StepEffect {
  /** Index into {@link RubricImpact.steps}. */
  step: number;
  /** Exact change of the unit's top score at this step (a fraction `n/d` written as a decimal when it terminates). */
  delta: string;
}

/** One unit's scores under both editions. */
export interface UnitImpact {
  country: string;
  year: number;
  file: string;
  before: string | null;
  after: string | null;
  /** `after − before`, exact, or null when either has no score. */
  total: string | null;
  rankBefore: number | null;
  rankAfter: number | null;
  effects: StepEffect[];
  /** Whether the step effects add up to the total exactly (checked with exact fractions). */
  exact: boolean;
}

/** One attribution step. */
export interface ImpactStep {
  label: string;
  /** Indices into {@link RubricDiff.changes} applied at this step. */
  changes: number[];
}

/** What the changes do to a set of units. */
export interface RubricImpact {
  variant: string;
  steps: ImpactStep[];
  units: UnitImpact[];
}

/** The diff of two rubric editions. */
export interface RubricDiff {
  old: { id: string; version: string };
  new: { id: string; version: string };
  changes: RubricChange[];
  /** New node id → old node id it was matched with. */
  matches: Record<string, string>;
  impact?: RubricImpact;
}

/** Options for {@link diffRubrics}. */
export interface DiffRubricsOptions {
  /** Answer sets written for the old edition: adds the impact on scores and ranks. */
  answers?: readonly AnswerSet[];
  /** Variant whose top score is explained (default: the new rubric's default variant if the old rubric has it, else the old default). */
  variant?: string;
}

const j = (v: unknown) => JSON.stringify(v);

function aggText(a: Aggregation): string {
  return a.method === 'decision-table' ? `decision-table(${a.inputs.join(',')}; ${a.rows.length} rows)` : 'over' in a ? `${a.method} over ${a.over}` : a.method;
}
const missText = (m: MissingRule) => `${m.policy}${m.minShare ? ` (min share ${m.minShare})` : ''}`;

/** Matches new nodes to old ones: id, then `replaces:`, then aliases. */
function matchNodes(oldR: Rubric, newR: Rubric): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const n of newR.nodes.values()) {
    if (n.kind === 'index') {
      out.set(n.id, [oldR.root.id]);
      continue;
    }
    if (oldR.nodes.has(n.id) && !n.replaces?.length) {
      out.set(n.id, [n.id]);
      continue;
    }
    const viaReplaces = (n.replaces ?? []).filter((id) => oldR.nodes.has(id) || oldR.aliases.has(id)).map((id) => (oldR.nodes.has(id) ? id : oldR.aliases.get(id)!));
    if (viaReplaces.length) {
      out.set(n.id, [...new Set(viaReplaces)]);
      continue;
    }
    const viaAlias = n.aliases.find((a) => oldR.nodes.has(a)) ?? (oldR.aliases.has(n.id) ? oldR.aliases.get(n.id) : undefined);
    if (viaAlias) out.set(n.id, [viaAlias]);
  }
  return out;
}

function optionChanges(id: string, o: QuestionNode, n: QuestionNode, changes: RubricChange[]): boolean {
  let rescored = false;
  const oldOpts = new Map(o.options.map((x) => [x.id, x]));
  const newOpts = new Map(n.options.map((x) => [x.id, x]));
  for (const [oid, opt] of newOpts) {
    const before = oldOpts.get(oid);
    if (!before) changes.push({ kind: 'option-added', id, option: oid, after: String(opt.score), summary: `${id}: option ${oid} added (score ${opt.score}).` });
    else if (before.score !== opt.score) {
      rescored = true;
      changes.push({ kind: 'option-rescored', id, option: oid, before: String(before.score), after: String(opt.score), summary: `${id}: option ${oid} rescored ${before.score} → ${opt.score}.` });
    }
  }
  for (const oid of oldOpts.keys()) if (!newOpts.has(oid)) changes.push({ kind: 'option-removed', id, option: oid, before: String(oldOpts.get(oid)!.score), summary: `${id}: option ${oid} removed.` });
  const s = (q: QuestionNode) => j({ type: q.type, scoring: q.scoring, bands: q.bands, scores: q.scores });
  if (s(o) !== s(n)) changes.push({ kind: 'scoring-changed', id, before: s(o), after: s(n), summary: `${id}: how the answer is scored changed.` });
  return rescored;
}

/**
 * Lists the methodology changes from `oldRubric` to `newRubric` and, with answer sets of the
 * old edition, their exact effect on every unit's top score and rank.
 *
 * @example
 * ```ts
 * import { diffRubrics, type Rubric, type AnswerSet } from 'policy-index';
 * declare const v1: Rubric, v2: Rubric, answers: AnswerSet[];
 * const diff = diffRubrics(v1, v2, { answers });
 * for (const c of diff.changes) console.log(c.summary);
 * for (const u of diff.impact!.units) console.log(u.country, u.total, u.rankBefore, '→', u.rankAfter);
 * ```
 */
export function diffRubrics(oldRubric: Rubric, newRubric: Rubric, options: DiffRubricsOptions = {}): RubricDiff {
  const changes: RubricChange[] = [];
  const match = matchNodes(oldRubric, newRubric);
  const matchedOld = new Map<string, string[]>();
  for (const [nid, olds] of match) for (const o of olds) matchedOld.set(o, [...(matchedOld.get(o) ?? []), nid]);

  for (const n of newRubric.nodes.values()) {
    if (n.kind === 'index') continue;
    const olds = match.get(n.id);
    if (!olds) {
      changes.push({ kind: 'node-added', id: n.id, to: [n.id], summary: `${n.level} ${n.id} added.` });
      continue;
    }
    if (olds.length > 1) changes.push({ kind: 'node-merged', id: n.id, from: olds, to: [n.id], summary: `${olds.join(', ')} merged into ${n.id}.` });
  }
  for (const [oid, news] of matchedOld) {
    if (oid === oldRubric.root.id) continue;
    if (news.length > 1) changes.push({ kind: 'node-split', id: oid, from: [oid], to: news, summary: `${oid} split into ${news.join(', ')}.` });
    else if (news[0] !== oid && (match.get(news[0]!)?.length ?? 0) === 1) changes.push({ kind: 'node-renamed', id: news[0]!, from: [oid], to: news, summary: `${oid} renamed ${news[0]}.` });
  }
  for (const o of oldRubric.nodes.values()) if (o.kind !== 'index' && !matchedOld.has(o.id)) changes.push({ kind: 'node-removed', id: o.id, from: [o.id], summary: `${o.level} ${o.id} removed.` });

  // Changes of matched one-to-one pairs.
  const rescoredQuestions: string[] = [];
  const weightChanged: string[] = [];
  const aggChanged: string[] = [];
  for (const [nid, olds] of match) {
    if (olds.length !== 1 || (matchedOld.get(olds[0]!)?.length ?? 0) !== 1) continue;
    const o = oldRubric.nodes.get(olds[0]!)!;
    const n = newRubric.nodes.get(nid)!;
    if (n.kind !== 'index') {
      const parentOld = o.parentId;
      const parentNew = n.parentId ? (match.get(n.parentId)?.[0] ?? n.parentId) : undefined;
      if (parentOld !== parentNew) changes.push({ kind: 'node-moved', id: nid, before: parentOld, after: n.parentId, summary: `${nid} moved from ${parentOld} to ${n.parentId}.` });
      if (o.weight !== n.weight) {
        changes.push({ kind: 'weight-changed', id: nid, before: String(o.weight), after: String(n.weight), summary: `${nid}: weight ${o.weight} → ${n.weight}.` });
        if (parentOld === parentNew) weightChanged.push(nid);
      }
    }
    if (o.kind === 'question' && n.kind === 'question') {
      if (optionChanges(nid, o, n, changes) && o.options.length === n.options.length && o.options.every((x) => n.options.some((y) => y.id === x.id)) && o.id === n.id) rescoredQuestions.push(nid);
      if (j(o.appliesWhen) !== j(n.appliesWhen) || j(o.notApplicable) !== j(n.notApplicable))
        changes.push({ kind: 'applicability-changed', id: nid, before: j({ appliesWhen: o.appliesWhen, notApplicable: o.notApplicable }), after: j({ appliesWhen: n.appliesWhen, notApplicable: n.notApplicable }), summary: `${nid}: when the question applies changed.` });
    } else if (o.kind !== 'question' && n.kind !== 'question') {
      if (aggText(o.aggregation) !== aggText(n.aggregation) || j(o.aggregation) !== j(n.aggregation)) {
        changes.push({ kind: 'aggregation-changed', id: nid, before: aggText(o.aggregation), after: aggText(n.aggregation), summary: `${nid}: aggregation ${aggText(o.aggregation)} → ${aggText(n.aggregation)}.` });
        if (o.id === n.id && j(o.children.map((c) => c.id)) === j(n.children.map((c) => c.id))) aggChanged.push(nid);
      }
      if (missText(o.missing) !== missText(n.missing)) changes.push({ kind: 'missing-data-changed', id: nid, before: missText(o.missing), after: missText(n.missing), summary: `${nid}: missing data ${missText(o.missing)} → ${missText(n.missing)}.` });
    }
  }
  const oldVariants = new Map(oldRubric.variants.map((v) => [v.id, v]));
  for (const v of newRubric.variants) {
    const o = oldVariants.get(v.id);
    if (!o) changes.push({ kind: 'variant-added', id: v.id, summary: `variant ${v.id} added.` });
    else if (j([o.areas, o.aggregation, o.missing]) !== j([v.areas, v.aggregation, v.missing]))
      changes.push({ kind: 'variant-changed', id: v.id, before: `${o.areas.join(',')}; ${aggText(o.aggregation)}`, after: `${v.areas.join(',')}; ${aggText(v.aggregation)}`, summary: `variant ${v.id} changed.` });
  }
  for (const v of oldRubric.variants) if (!newRubric.variants.some((x) => x.id === v.id)) changes.push({ kind: 'variant-removed', id: v.id, summary: `variant ${v.id} removed.` });

  const matches: Record<string, string> = {};
  for (const [nid, olds] of match) if (olds.length === 1) matches[nid] = olds[0]!;
  const diff: RubricDiff = { old: { id: oldRubric.id, version: oldRubric.version }, new: { id: newRubric.id, version: newRubric.version }, changes, matches };
  if (options.answers) diff.impact = impactOf(oldRubric, newRubric, changes, { rescoredQuestions, weightChanged, aggChanged }, options.answers, options.variant);
  return diff;
}

/** A copy of `rubric` with node `id` replaced by `patch(node)` (ancestors copied, everything else shared). */
export function patchRubricNode(rubric: Rubric, id: string, patch: (n: RubricNode) => RubricNode): Rubric {
  const rebuild = (n: RubricNode): RubricNode => {
    if (n.id === id) return patch(n);
    if (n.kind === 'question' || !n.ancestry.length) return n;
    if (!rubric.nodes.get(id)?.ancestry.includes(n.id)) return n;
    return { ...n, children: n.children.map(rebuild) } as GroupNode;
  };
  const root = rebuild(rubric.root) as GroupNode;
  const nodes = new Map<string, RubricNode>();
  const questions: QuestionNode[] = [];
  const walk = (n: RubricNode) => {
    if (!nodes.has(n.id)) nodes.set(n.id, n);
    if (n.kind === 'question') questions.push(n);
    n.children.forEach(walk);
  };
  walk(root);
  return { ...rubric, root, nodes, questions };
}

function ranks(scores: readonly (Exact | null)[]): (number | null)[] {
  return scores.map((r) => {
    if (r === null) return null;
    let rank = 1;
    for (const o of scores) if (o !== null && cmp(o, r) > 0) rank++;
    return rank;
  });
}

function impactOf(
  oldR: Rubric,
  newR: Rubric,
  changes: RubricChange[],
  plan: { rescoredQuestions: string[]; weightChanged: string[]; aggChanged: string[] },
  answers: readonly AnswerSet[],
  preferred?: string,
): RubricImpact {
  const variant = preferred ?? (oldR.variants.some((v) => v.id === newR.defaultVariant) ? newR.defaultVariant : oldR.defaultVariant);
  const steps: ImpactStep[] = [];
  const rubrics: Rubric[] = [];
  let current = oldR;
  const idx = (pred: (c: RubricChange) => boolean) => changes.map((c, i) => (pred(c) ? i : -1)).filter((i) => i >= 0);
  for (const qid of plan.rescoredQuestions) {
    const target = newR.nodes.get(qid) as QuestionNode;
    current = patchRubricNode(current, qid, (n) => ({ ...(n as QuestionNode), options: (n as QuestionNode).options.map((o) => ({ ...o, score: target.options.find((x) => x.id === o.id)!.score })) }));
    rubrics.push(current);
    steps.push({ label: `options of ${qid} rescored`, changes: idx((c) => c.kind === 'option-rescored' && c.id === qid) });
  }
  for (const id of plan.weightChanged) {
    const w = newR.nodes.get(id)!.weight;
    const oldId = id;
    if (!current.nodes.has(oldId)) continue;
    current = patchRubricNode(current, oldId, (n) => ({ ...n, weight: w }) as RubricNode);
    rubrics.push(current);
    steps.push({ label: `weight of ${id}`, changes: idx((c) => c.kind === 'weight-changed' && c.id === id) });
  }
  for (const id of plan.aggChanged) {
    const agg = (newR.nodes.get(id) as GroupNode).aggregation;
    current = patchRubricNode(current, id, (n) => ({ ...(n as GroupNode), aggregation: agg }));
    rubrics.push(current);
    steps.push({ label: `aggregation of ${id}`, changes: idx((c) => c.kind === 'aggregation-changed' && c.id === id) });
  }
  const done = new Set(steps.flatMap((s) => s.changes));
  steps.push({ label: 'structure and other changes (answers carried over to the new edition)', changes: changes.map((_, i) => i).filter((i) => !done.has(i)) });

  /** The unit's top score under a rubric: its string and the scorer's exact value (derived figures use the latter). */
  const top = (r: Rubric, set: AnswerSet): { score: string; exact: Exact } | null => {
    const res = scoreAnswerSet(r, set, { reportMissing: false, variant: r.variants.some((v) => v.id === variant) ? variant : r.defaultVariant });
    const v = res.variants.find((x) => x.id === res.variant);
    const x = v ? exactScore(v) : null;
    // A decimal (an irrational result, held to 80 digits) is taken as the fraction of its digits,
    // so that the steps' changes, written in full, still add up exactly to the total.
    return v && v.score !== null && x !== null ? { score: v.score, exact: toRatio(x) } : null;
  };
  const before = answers.map((a) => top(oldR, a));
  const after = answers.map((a) => top(newR, migrateAnswerSet(newR, a, [], oldR).set));
  const rb = ranks(before.map((x) => x?.exact ?? null));
  const ra = ranks(after.map((x) => x?.exact ?? null));
  const units = answers.map((a, u): UnitImpact => {
    const chain = [before[u]!, ...rubrics.map((r) => top(r, a)), after[u]!];
    const effects: StepEffect[] = [];
    let exact = before[u] !== null && after[u] !== null;
    let sum: Exact = ZERO;
    for (let s = 0; s < steps.length; s++) {
      const x = chain[s];
      const y = chain[s + 1];
      if (x === null || x === undefined || y === null || y === undefined) {
        exact = false;
        continue;
      }
      const d = sub(y.exact, x.exact);
      sum = add(sum, d);
      effects.push({ step: s, delta: ratioString(d) });
    }
    const b = before[u]!;
    const f = after[u]!;
    const total = b !== null && f !== null ? sub(f.exact, b.exact) : null;
    if (total && exact) exact = cmp(total, sum) === 0;
    return { country: a.country, year: a.year, file: a.file, before: b?.score ?? null, after: f?.score ?? null, total: total ? ratioString(total) : null, rankBefore: rb[u]!, rankAfter: ra[u]!, effects, exact };
  });
  return { variant, steps, units };
}
