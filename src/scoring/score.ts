/**
 * Exact scoring of an answer set against a rubric.
 *
 * @module
 */
import { attachExact, stampNode } from './exact-value.js';
import type { Diagnostic } from '../diagnostics/index.js';
import {
  add,
  cmp,
  displayKey,
  div,
  exactString as formatExact,
  formatScore,
  geometricMean,
  isZero,
  mulShared,
  ONE,
  reciprocal,
  weightedMean,
  ZERO,
  type Exact,
} from '../exact/index.js';
import { resolveAnswers, type ResolvedAnswers } from '../answers/validate.js';
import type { Answer, AnswerSet } from '../answers/types.js';
import type { InterpretedAnswer } from '../answers/interpret.js';
import { answerSetLocator } from '../answers/load.js';
import { compiledConditionMatches, type CompiledCondition } from '../rubric/check.js';
import type { Aggregation, MissingRule, QuestionNode, Rounding, Rubric } from '../rubric/types.js';
import { compiledRubric, type CompiledRubric, type Flat, type Plan, type PlanNode } from './compile.js';
import type { ChildHandling, Figure, NodeStatus, ScoredAnswer, ScoredNode, ScoreResult, VariantScore } from './types.js';
import { didYouMean } from '../source/suggest.js';

/** Options for {@link scoreAnswerSet}. */
export interface ScoreOptions {
  /** Variant whose score the root carries (default: the rubric's default variant). */
  variant?: string;
  /** Report unanswered questions as diagnostics (default true). */
  reportMissing?: boolean;
}

/**
 * The state of one scoring run: per node of the plan, its value, status, handling and (with the
 * trace) its node. With the trace, every node built — copies too — is an entry of the `t…`
 * arrays, in the order built (children before parents): the scorer reads exact values, effective
 * weights and children from these arrays rather than from the nodes, which come in several
 * shapes and so make every read of them a slow generic look-up.
 */
interface Run {
  plan: Plan;
  resolved: ResolvedAnswers;
  diagnostics: Diagnostic[];
  trace: boolean;
  precision: number;
  rounding: Rounding;
  displayKey: string;
  x: (Exact | null)[];
  status: ScoredNode['status'][];
  handling: ChildHandling[];
  optionIds: (readonly string[] | undefined)[];
  /** Per node of the plan: its entry (with the trace). */
  entry: number[];
  /** Per entry: the node, its exact score, its exact effective weight in its parent, and its children's entries (in the order of `node.children`). */
  tnodes: ScoredNode[];
  texact: (Exact | null)[];
  teff: (Exact | null)[];
  tkids: (readonly number[])[];
  /** Entries so far. */
  tcount: number;
  /** The group being aggregated. */
  group: Group;
}

/** The result of an aggregation; `entry` (of its node) only with the trace, else -1. */
interface Outcome {
  x: Exact | null;
  status: ScoredNode['status'];
  reason: string | undefined;
  entry: number;
}

const NO_KIDS: readonly number[] = [];

/** Records a node just built as the next entry; returns its entry. */
function track(run: Run, node: ScoredNode, x: Exact | null, kids: readonly number[]): number {
  const e = run.tcount++;
  run.tnodes[e] = node;
  run.texact[e] = x;
  run.teff[e] = null;
  run.tkids[e] = kids;
  return e;
}

/**
 * A scored node with the fields every node has, recorded as the next entry (returned); the
 * optional fields are set by the caller in a fixed order.
 */
function makeNode(run: Run, n: PlanNode, weight: string, x: Exact | null, status: ScoredNode['status'], handling: ChildHandling, children: ScoredNode[] = [], kids: readonly number[] = NO_KIDS): number {
  const f = x ? formatScore(x, run.precision, run.rounding, run.displayKey) : null;
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
    handling,
    children,
  };
  stampNode(node, x);
  if (n.dimension !== undefined) node.dimension = n.dimension;
  return track(run, node, x, kids);
}

/** The answer behind a question's score, as the trace shows it; `plain` says the answer is one plain value (see {@link ResolvedAnswers.plain}). */
function answerFor(answer: Answer | undefined, status: ScoredAnswer['status'], meaning: InterpretedAnswer | undefined, plain: boolean): ScoredAnswer {
  const answered = status === 'answered' && meaning !== undefined && meaning.status === 'answered' ? meaning : undefined;
  const source = plain ? answer!.source : undefined;
  if (source && answered && answered.matched === undefined && answered.regions === undefined) {
    // The usual answered question, built in one step with its keys in the same order as below.
    return { status, value: answer!.value, evidence: answer!.evidence, source, label: answered.label, optionIds: answered.optionIds };
  }
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
  if (answered) {
    a.label = answered.label;
    a.optionIds = answered.optionIds;
    if (answered.matched) a.matched = answered.matched;
    if (answered.regions) a.regions = answered.regions.map((p) => ({ region: p.region, score: formatExact(p.score), label: p.label }));
  }
  return a;
}

/** Records the score of question `j`; with the trace, its node too. */
function scoreQuestion(run: Run, j: number, q: QuestionNode, info: PlanNode): void {
  const r = run.resolved;
  const i = run.plan.question[j]!;
  const answer = r.answers[i];
  const meaning = r.interpreted[i];
  const applies = r.applicability[i] ?? 'applies';
  let x: Exact | null = null;
  let status: ScoredNode['status'] = 'missing';
  let handling: ChildHandling = 'included';
  let reason: string | undefined;
  let answerStatus: ScoredAnswer['status'];
  if (applies === 'does-not-apply' || meaning?.status === 'not-applicable') {
    answerStatus = applies === 'does-not-apply' ? 'does-not-apply' : 'not-applicable';
    const why = applies === 'does-not-apply' ? `Does not apply given the answer to "${q.appliesWhen!.question}"` : 'Answered as not applicable';
    if (q.notApplicable !== 'omit') {
      x = info.notApplicableScore!;
      status = 'scored';
      handling = 'scored-not-applicable';
      if (run.trace) reason = `${why}; scored ${q.notApplicable.score} as the rubric declares`;
    } else {
      status = 'not-applicable';
      reason = why;
    }
  } else if (!answer) {
    answerStatus = 'missing';
    reason = 'No answer';
  } else if (!meaning || meaning.status !== 'answered') {
    answerStatus = meaning?.status === 'unknown' ? 'unknown' : 'invalid';
    reason = meaning?.status === 'unknown' ? 'Answered as unknown' : 'The answer is invalid';
  } else {
    x = meaning.score;
    status = 'scored';
    run.optionIds[j] = meaning.optionIds;
    answerStatus = 'answered';
    if (meaning.regions) reason = `Regional answers combined by ${q.regions}`;
    else if (meaning.regionsNotRecorded) reason = 'The recorded score of regional answers that are not recorded';
  }
  run.x[j] = x;
  run.status[j] = status;
  run.handling[j] = handling;
  if (!run.trace) return;
  const a = answerFor(answer, answerStatus, meaning, r.plain[i] === 1);
  const e = makeNode(run, info, run.plan.weightText[j]!, x, status, handling);
  const node = run.tnodes[e]!;
  if (reason !== undefined) node.reason = reason;
  node.answer = a;
  run.entry[j] = e;
}

/**
 * A shallow copy of a score-tree node with its exact value (variants and flattened groups show
 * a node again with their own handling). Spelled out rather than spread: spreading an object
 * that carries a private slot leaves the engine's fast path, and the slot is not copied. The
 * optional fields follow the order in which the scorer sets them, so that the copy's keys — and
 * so its JSON — are in the same order as the original's.
 */
function copyNode(run: Run, e: number, handling?: ChildHandling, effectiveWeight?: string | null): number {
  const n = run.tnodes[e]!;
  const c: ScoredNode = {
    id: n.id,
    kind: n.kind,
    level: n.level,
    title: n.title,
    status: n.status,
    score: n.score,
    display: n.display,
    value: n.value,
    weight: n.weight,
    effectiveWeight: effectiveWeight === undefined ? n.effectiveWeight : effectiveWeight,
    shareOfTop: n.shareOfTop,
    handling: handling ?? n.handling,
    children: n.children,
  };
  const x = run.texact[e]!;
  stampNode(c, x);
  if (n.dimension !== undefined) c.dimension = n.dimension;
  if (n.reason !== undefined) c.reason = n.reason;
  if (n.answer !== undefined) c.answer = n.answer;
  if (n.method !== undefined) c.method = n.method;
  if (n.missing !== undefined) c.missing = n.missing;
  if (n.matchedRow !== undefined) c.matchedRow = n.matchedRow;
  return track(run, c, x, run.tkids[e]!);
}

/**
 * What one aggregation works with, for {@link markPart} and {@link finishGroup}: one object per
 * run, refilled for each group (groups are aggregated one at a time), rather than closures made
 * for every group of every answer set.
 */
interface Group {
  g: PlanNode;
  weightText: string;
  method: Aggregation['method'];
  title: string | undefined;
  copy: boolean;
  flat: Flat | undefined;
  parts: readonly number[];
  /** With the trace: the entries of the children shown, of the contributors listed after them, and of each part. */
  childEntries: readonly number[];
  extraEntries: readonly number[];
  partEntries: readonly number[];
}

/** Marks part `k` of the group with its handling and (with the trace) its effective weight. */
function markPart(run: Run, a: Group, k: number, h: ChildHandling, eff: Exact | null): void {
  // The handling of a node marked in place is seen by the groups above that flatten it.
  if (!a.copy && (!a.flat || a.flat.at[k]! >= 0)) run.handling[a.parts[k]!] = h;
  if (!run.trace) return;
  const e = a.partEntries[k]!;
  const c = run.tnodes[e]!;
  c.handling = h;
  c.effectiveWeight = eff === null ? null : formatExact(eff);
  run.teff[e] = eff;
}

/** The outcome of the group; with the trace, its node, recorded as an entry. */
function finishGroup(run: Run, a: Group, x: Exact | null, status: ScoredNode['status'], reason: string | undefined, missing?: ScoredNode['missing'], matchedRow?: ScoredNode['matchedRow']): Outcome {
  if (!run.trace) return { x, status, reason, entry: -1 };
  const kids = a.extraEntries.length ? [...a.childEntries, ...a.extraEntries] : a.childEntries;
  const children = new Array<ScoredNode>(kids.length);
  for (let i = 0; i < kids.length; i++) children[i] = run.tnodes[kids[i]!]!;
  const entry = makeNode(run, a.g, a.weightText, x, status, 'included', children, kids);
  const node = run.tnodes[entry]!;
  if (a.title) node.title = a.title;
  if (reason !== undefined) node.reason = reason;
  node.method = a.method;
  if (missing !== undefined) node.missing = missing;
  if (matchedRow !== undefined) node.matchedRow = matchedRow;
  return { x, status, reason, entry };
}

/**
 * Aggregates the parts `parts` (indices in the plan) of `g`, shown as the children `shown`.
 * Child nodes are marked in place unless `copy` is set (variants share their area nodes);
 * `flat` lists the contributors of a group averaging over the indicators below it.
 */
function aggregate(run: Run, g: PlanNode, weightText: string, shown: readonly number[], flat: Flat | undefined, agg: Aggregation, rule: MissingRule, title: string | undefined, copy: boolean): Outcome {
  const { plan, trace } = run;
  const parts = flat ? flat.parts : shown;
  const P = parts.length;
  const a = run.group;
  a.g = g;
  a.weightText = weightText;
  a.method = agg.method;
  a.title = title;
  a.copy = copy;
  a.flat = flat;
  a.parts = parts;
  a.childEntries = a.extraEntries = a.partEntries = NO_KIDS;
  if (trace) {
    const childEntries = new Array<number>(shown.length);
    for (let s = 0; s < shown.length; s++) childEntries[s] = copy ? copyNode(run, run.entry[shown[s]!]!) : run.entry[shown[s]!]!;
    a.childEntries = a.partEntries = childEntries;
    if (flat) {
      // Flattened contributors are listed after the display children so the trace stays complete.
      const extraEntries = flat.extra.map((j) => copyNode(run, run.entry[j]!));
      for (const c of childEntries) run.tnodes[c]!.handling = 'label-only';
      a.extraEntries = extraEntries;
      a.partEntries = flat.at.map((at) => (at < 0 ? extraEntries[-1 - at]! : childEntries[at]!));
    }
  }
  if (flat && !copy) for (const j of shown) run.handling[j] = 'label-only';
  if (agg.method === 'decision-table') return decideTable(run, a, agg);

  // Terms: positions k in `parts` with their values and handling, in order; counted first, so
  // that each list is made at its size.
  let naCount = 0;
  let missingCount = 0;
  for (let k = 0; k < P; k++) {
    const j = parts[k]!;
    if (run.status[j] === 'not-applicable') naCount++;
    else if (run.x[j] === null) missingCount++;
  }
  const present = P - naCount - missingCount;
  let termK = new Array<number>(present);
  let termX = new Array<Exact>(present);
  let termH = new Array<ChildHandling>(present);
  const missing = new Array<number>(missingCount);
  for (let k = 0, t = 0, m = 0; k < P; k++) {
    const j = parts[k]!;
    if (run.status[j] === 'not-applicable') markPart(run, a, k, 'omitted-not-applicable', null);
    else if (run.x[j] === null) missing[m++] = k;
    else {
      termK[t] = k;
      termX[t] = run.x[j]!;
      termH[t++] = run.handling[j] === 'scored-not-applicable' ? 'scored-not-applicable' : 'included';
    }
  }
  const missingIds = (): string => missing.map((k) => plan.info[parts[k]!]!.id).join(', ');
  const total = P - naCount;
  const setMissing = trace ? { policy: rule.policy, minShare: rule.minShare, present, total } : undefined;
  const omitMissing = (): void => {
    for (let m = 0; m < missingCount; m++) markPart(run, a, missing[m]!, 'omitted-missing', null);
  };
  if (total === 0) return finishGroup(run, a, null, 'not-applicable', 'None of the parts applies', setMissing);
  if (present === 0) {
    omitMissing();
    return finishGroup(run, a, null, 'missing', 'No part has a score', setMissing);
  }
  if (missingCount && rule.policy === 'fail') {
    omitMissing();
    return finishGroup(run, a, null, 'missing', `Missing data (${missingIds()}) and the rule is to fail`, setMissing);
  }
  if (present / total < rule.minShare) {
    omitMissing();
    return finishGroup(run, a, null, 'missing', `Only ${present} of ${total} parts have a score; at least ${rule.minShare * 100}% are required`, setMissing);
  }
  if (missingCount && rule.policy === 'minimum') {
    // Merge the missing parts, counted as the scale minimum, into the terms in part order.
    const merged: { k: number; x: Exact; h: ChildHandling }[] = termK.map((k, t) => ({ k, x: termX[t]!, h: termH[t]! }));
    for (const k of missing) merged.push({ k, x: plan.scaleMin, h: 'counted-as-minimum' });
    merged.sort((p, q) => p.k - q.k);
    termK = merged.map((m) => m.k);
    termX = merged.map((m) => m.x);
    termH = merged.map((m) => m.h);
  } else omitMissing();

  const T = termK.length;
  const weighted = agg.method === 'weighted-mean' || agg.method === 'geometric-mean';
  let weights: Exact[] = [];
  if (weighted) {
    weights = new Array<Exact>(T);
    for (let t = 0; t < T; t++) weights[t] = plan.weight[parts[termK[t]!]!]!;
  }
  let x: Exact;
  if (agg.method === 'minimum' || agg.method === 'maximum') {
    let best = 0;
    for (let t = 1; t < T; t++) {
      const c = cmp(termX[t]!, termX[best]!);
      if (agg.method === 'minimum' ? c < 0 : c > 0) best = t;
    }
    x = termX[best]!;
    for (let t = 0; t < T; t++) markPart(run, a, termK[t]!, termH[t]!, t === best ? ONE : ZERO);
  } else {
    if (agg.method === 'geometric-mean') x = geometricMean(termX, weights);
    else x = weightedMean(termX, weighted ? weights : undefined);
    if (weighted) {
      let sumW: Exact = ZERO;
      if (trace) for (const w of weights) sumW = add(sumW, w);
      for (let t = 0; t < T; t++) markPart(run, a, termK[t]!, termH[t]!, trace ? div(weights[t]!, sumW) : null);
    } else {
      const share = reciprocal(T);
      for (let t = 0; t < T; t++) markPart(run, a, termK[t]!, termH[t]!, share);
    }
  }
  // Variants keep their reason in the lean mode too: it is part of every variant score.
  const reason = missingCount && (trace || copy) ? (rule.policy === 'minimum' ? `Missing ${missingIds()} counted as the scale minimum` : `Missing ${missingIds()} left out; weights renormalised`) : undefined;
  return finishGroup(run, a, x, 'scored', reason, setMissing);
}

/** The decision-table part of {@link aggregate}: the first row whose conditions the inputs meet. */
function decideTable(run: Run, a: Group, agg: Extract<Aggregation, { method: 'decision-table' }>): Outcome {
  const { g, parts } = a;
  const P = parts.length;
  for (let k = 0; k < P; k++) markPart(run, a, k, 'table-input', null);
  const values = g.tableInputs!.map((j) => {
    if (j < 0 || run.x[j] === null) return undefined;
    const keys = run.optionIds[j] ?? [];
    // Conditions compare with the exact score, never with a double.
    const score = run.x[j]!;
    return { single: keys.length === 1 ? { key: keys[0]!, score } : { score }, keys, score };
  });
  const matches = (cond: CompiledCondition, v: (typeof values)[number]): boolean => {
    if (!v) return compiledConditionMatches(cond, undefined);
    if (v.keys.length <= 1) return compiledConditionMatches(cond, v.single);
    // Regional answers with differing options: an option condition holds only if every region meets it.
    return v.keys.every((k) => compiledConditionMatches(cond, { key: k, score: v.score })) || compiledConditionMatches(cond, { score: v.score });
  };
  const conditions = g.rowConditions!;
  let idx = -1;
  rows: for (let r = 0; r < conditions.length; r++) {
    const row = conditions[r]!;
    for (let i = 0; i < row.length; i++) if (!matches(row[i]!, values[i])) continue rows;
    idx = r;
    break;
  }
  const allNa = P > 0 && parts.every((j) => run.status[j] === 'not-applicable');
  if (allNa) return finishGroup(run, a, null, 'not-applicable', 'No input applies');
  const trace = run.trace;
  if (idx >= 0) {
    const row = agg.rows[idx]!;
    return finishGroup(run, a, g.rowScores![idx]!, 'scored', g.rowReasons![idx]!, undefined, trace ? (row.label ? { index: idx, label: row.label, when: row.when } : { index: idx, when: row.when }) : undefined);
  }
  const missingInputs = agg.inputs.filter((_, j) => values[j] === undefined);
  if (missingInputs.length) return finishGroup(run, a, null, 'missing', `No row matches and input(s) ${missingInputs.join(', ')} have no score`);
  if (agg.default !== undefined) return finishGroup(run, a, a.g.tableDefault!, 'scored', 'No row matches; the table default applies', undefined, trace ? { index: -1, label: 'default', when: {} } : undefined);
  run.diagnostics.push({ code: 'SCORE_NO_TABLE_ROW', severity: 'warning', message: `No decision-table row of "${g.id}" matches the answers and the table has no default.`, file: g.node.source.file, line: g.node.source.line, column: g.node.source.column });
  return finishGroup(run, a, null, 'missing', 'No decision-table row matches');
}

/** Scores the tree below the root (areas not in the variant are scored too, for display), children before parents. */
function runPlan(compiled: CompiledRubric, answers: AnswerSet, options: ScoreOptions, trace: boolean): Run {
  const { plan, rubric } = compiled;
  const resolved = resolveAnswers(compiled, answers, { reportMissing: options.reportMissing ?? true });
  const { precision, rounding } = rubric.display;
  const N = plan.info.length;
  const run: Run = {
    plan,
    resolved,
    diagnostics: [...resolved.diagnostics],
    trace,
    precision,
    rounding,
    displayKey: displayKey(precision, rounding),
    x: new Array<Exact | null>(N),
    status: new Array<ScoredNode['status']>(N),
    handling: new Array<ChildHandling>(N),
    optionIds: new Array<readonly string[] | undefined>(N),
    entry: trace ? new Array<number>(N) : [],
    tnodes: trace ? new Array<ScoredNode>(plan.entries) : [],
    texact: trace ? new Array<Exact | null>(plan.entries) : [],
    teff: trace ? new Array<Exact | null>(plan.entries) : [],
    tkids: trace ? new Array<readonly number[]>(plan.entries) : [],
    tcount: 0,
    group: { g: plan.rootInfo, weightText: '', method: 'mean', title: undefined, copy: false, flat: undefined, parts: NO_KIDS, childEntries: NO_KIDS, extraEntries: NO_KIDS, partEntries: NO_KIDS },
  };
  for (let j = 0; j < N; j++) {
    const info = plan.info[j]!;
    if (info.question !== undefined) scoreQuestion(run, j, info.question, info);
    else {
      const o = aggregate(run, info, plan.weightText[j]!, plan.children[j]!, plan.flat[j], info.aggregation!, info.missing!, undefined, false);
      run.x[j] = o.x;
      run.status[j] = o.status;
      run.handling[j] = 'included';
      if (o.entry >= 0) run.entry[j] = o.entry;
    }
  }
  return run;
}

/** Scores every variant; returns the outcomes by variant id and the chosen variant's id. */
/** What {@link scoreAnswerSet} and {@link scoreTotals} share: the compiled rubric, one run of its plan (with or without the trace) and the scores of the variants. */
function startRun(rubric: Rubric | CompiledRubric, answers: AnswerSet, options: ScoreOptions, trace: boolean) {
  const compiled = compiledRubric(rubric);
  const run = runPlan(compiled, answers, options, trace);
  const { variantScores, outcomes, variantId } = scoreVariants(run, compiled.rubric, answers, options);
  return { rubric: compiled.rubric, run, plan: run.plan, variantScores, variantId, chosen: outcomes.get(variantId)! };
}

function scoreVariants(run: Run, rubric: Rubric, answers: AnswerSet, options: ScoreOptions): { variantScores: VariantScore[]; outcomes: Map<string, Outcome>; variantId: string } {
  const variantScores: VariantScore[] = [];
  const outcomes = new Map<string, Outcome>();
  // Only the chosen variant's tree is shown: the others are scored without building one.
  const wanted = options.variant ?? rubric.defaultVariant;
  const shown = rubric.variants.some((v) => v.id === wanted) ? wanted : rubric.defaultVariant;
  const trace = run.trace;
  rubric.variants.forEach((v, i) => {
    const parts = run.plan.variantParts[i]!;
    run.trace = trace && v.id === shown;
    const o = aggregate(run, run.plan.rootInfo, run.plan.rootWeightText, parts, undefined, v.aggregation, v.missing, v.title, true);
    run.trace = trace;
    outcomes.set(v.id, o);
    if (o.status === 'missing') {
      run.diagnostics.push({
        code: 'SCORE_MISSING_DATA',
        severity: 'warning',
        message: `Variant "${v.id}" has no score: ${o.reason ?? 'missing data'}.`,
        ...missingDataPosition(run, answers, parts),
      });
    }
    const f = o.x ? formatScore(o.x, run.precision, run.rounding, run.displayKey) : null;
    variantScores.push(attachExact({
      id: v.id,
      title: v.title,
      status: o.status,
      score: f ? f.exact : null,
      display: f ? f.display : null,
      value: f ? f.number : null,
      ...(o.reason ? { reason: o.reason } : {}),
      areas: v.areas,
    }, o.x));
  });
  let variantId = options.variant ?? rubric.defaultVariant;
  if (!outcomes.has(variantId)) {
    run.diagnostics.push({ code: 'SCORE_VARIANT_UNKNOWN', severity: 'error', message: `The rubric has no variant "${variantId}".`, hint: didYouMean(variantId, outcomes.keys()) ?? `Variants: ${[...outcomes.keys()].join(', ')}` });
    variantId = rubric.defaultVariant;
  }
  return { variantScores, outcomes, variantId };
}

/**
 * Scores one answer set. Validation problems are included in the result's diagnostics;
 * invalid answers count as missing. Arithmetic is exact — fractions of big integers, and
 * 80-digit decimals only for irrational results such as geometric means — and independent of
 * the order of keys or files; rounding happens only when scores are written out (`score` to
 * 60 significant digits, `display` as the rubric declares).
 *
 * The result carries the full trace: every node of the tree with its score, weights, shares
 * of the top score, missing-data handling and the answer behind it. For bulk work that needs
 * only the scores, {@link scoreTotals} gives the same numbers without building the trace.
 *
 * `rubric` is a rubric or its compiled form ({@link compileRubric}). Given a rubric, the scorer
 * uses the compiled form remembered for it, compiling it on first use: a rubric is treated as
 * immutable once loaded, and one whose data is edited in memory is compiled again.
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
export function scoreAnswerSet(rubric: Rubric | CompiledRubric, answers: AnswerSet, options: ScoreOptions = {}): ScoreResult {
  const { rubric: r, run, plan, variantScores, variantId, chosen } = startRun(rubric, answers, options, true);
  rubric = r;
  const chosenKids = run.tkids[chosen.entry]!;
  const variant = rubric.variants.find((v) => v.id === variantId)!;
  const rootKids = plan.areas.map((j) => {
    const id = plan.info[j]!.id;
    const inVariant = chosenKids.find((c) => run.tnodes[c]!.id === id);
    return inVariant ?? copyNode(run, run.entry[j]!, 'not-in-variant', null);
  });
  const rootEntry = copyNode(run, chosen.entry);
  run.tkids[rootEntry] = rootKids;
  const root = run.tnodes[rootEntry]!;
  root.title = rubric.title;
  root.children = rootKids.map((c) => run.tnodes[c]!);
  root.method = `${variant.aggregation.method} of variant "${variant.id}"`;
  setShares(run, rootEntry, ONE);
  return {
    rubric: { id: rubric.id, version: rubric.version, title: rubric.title },
    country: answers.country,
    year: answers.year,
    variant: variantId,
    variants: variantScores,
    root,
    diagnostics: run.diagnostics,
    precision: run.precision,
    rounding: run.rounding,
  };
}

/** A score without its trace: status, exact string, display string and number. */
export interface ScoreFigure extends Figure {
  status: NodeStatus;
}

/** The scores of one answer set without the trace (see {@link scoreTotals}). */
export interface ScoreTotals {
  rubric: { id: string; version: string; title: string };
  country: string;
  year: number;
  /** The variant the top score belongs to. */
  variant: string;
  /** Every variant's top score, as in {@link ScoreResult.variants}. */
  variants: VariantScore[];
  /** The chosen variant's top score: the root of the full result. */
  top: ScoreFigure;
  /** Every area's own score, in rubric order (whether or not the variant includes it). */
  areas: (ScoreFigure & { id: string; title: string })[];
  diagnostics: Diagnostic[];
  precision: number;
  rounding: Rounding;
}

/**
 * Scores one answer set like {@link scoreAnswerSet}, with the same exact arithmetic, rules and
 * diagnostics, but without building the trace (no score tree, no answers, shares or reasons per
 * node): the lean mode for bulk work such as scoring every country-year of an index. The
 * scores — top, variants and areas — are identical to the full result's. Exact values are kept
 * on the figures as in the full result, for {@link exactScore}-based derived figures.
 * `rubric` is a rubric or its compiled form, as for {@link scoreAnswerSet}.
 *
 * @example
 * ```ts
 * import { createAnswerSet, loadRubric, scoreTotals } from 'policy-index';
 * const rubric = loadRubric(
 *   'schemaVersion: 1\nid: demo\nversion: 1.0.0\ntitle: Demo\nareas:\n' +
 *     '  - { id: work, title: Work, indicators: [{ id: permit, title: Permit, type: yes-no, scores: { yes: 100, no: 0 } }] }\n',
 * ).value!;
 * const totals = scoreTotals(rubric, createAnswerSet({ rubric: 'demo@1.0.0', country: 'CA', year: 2020, answers: { permit: 'yes' } }));
 * totals.top.score; // '100'
 * totals.areas.map((a) => `${a.id}: ${a.display}`); // ['work: 100.00']
 * ```
 */
export function scoreTotals(rubric: Rubric | CompiledRubric, answers: AnswerSet, options: ScoreOptions = {}): ScoreTotals {
  const { rubric: r, run, plan, variantScores, variantId, chosen } = startRun(rubric, answers, options, false);
  rubric = r;
  const figure = (x: Exact | null, status: NodeStatus): ScoreFigure => {
    const f = x ? formatScore(x, run.precision, run.rounding, run.displayKey) : null;
    return attachExact({ status, score: f ? f.exact : null, display: f ? f.display : null, value: f ? f.number : null }, x);
  };
  return {
    rubric: { id: rubric.id, version: rubric.version, title: rubric.title },
    country: answers.country,
    year: answers.year,
    variant: variantId,
    variants: variantScores,
    top: figure(chosen.x, chosen.status),
    areas: plan.areas.map((j) => {
      const n = plan.info[j]!;
      return { id: n.id, title: n.title, ...figure(run.x[j] ?? null, run.status[j]!) };
    }),
    diagnostics: run.diagnostics,
    precision: run.precision,
    rounding: run.rounding,
  };
}

/**
 * Where in the answer set a variant's missing data shows: the entry of the first question below
 * its areas that has no score (answered as unknown, invalid), or the file's `answers:` key when
 * that question has no entry. Looked up only when a diagnostic is made; needs no trace.
 */
function missingDataPosition(run: Run, set: AnswerSet, parts: readonly number[]): Pick<Diagnostic, 'file' | 'line' | 'column' | 'endLine' | 'endColumn' | 'path'> {
  const { plan } = run;
  const locator = answerSetLocator(set);
  const file = locator?.file ?? set.file;
  let first: QuestionNode | undefined;
  let entry: { q: QuestionNode; source: { line: number; column: number } } | undefined;
  const stack: number[] = [];
  for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]!);
  const seen = new Set<number>();
  while (stack.length > 0 && entry === undefined) {
    const j = stack.pop()!;
    if (seen.has(j)) continue;
    seen.add(j);
    const n = plan.info[j]!.node;
    if (n.kind === 'question') {
      if (run.status[j] !== 'missing') continue;
      first ??= n;
      const source = run.resolved.answers[plan.question[j]!]?.source;
      if (source) entry = { q: n, source };
      continue;
    }
    if (run.status[j] === 'scored') continue;
    const below = plan.flat[j]?.parts ?? plan.children[j]!;
    for (let i = below.length - 1; i >= 0; i--) stack.push(below[i]!);
  }
  if (entry) {
    const key = set.answers.has(entry.q.id) ? entry.q.id : findKey(set, entry.q.id, entry.source);
    const range = key !== undefined ? locator?.locateKey(['answers', key]) : undefined;
    return { file, ...(range ?? { line: entry.source.line, column: entry.source.column }), path: ['answers', key ?? entry.q.id] };
  }
  const range = locator?.locateKey(['answers']);
  return { file, ...(range ?? { line: 1, column: 1 }), path: first ? ['answers', first.id] : ['answers'] };
}

/** The key (an alias, say) an answer was written under, found by its position. */
function findKey(set: AnswerSet, id: string, at: { line: number; column: number }): string | undefined {
  for (const [key, a] of set.answers) if (a.source && a.source.line === at.line && a.source.column === at.column) return key;
  return set.answers.has(id) ? id : undefined;
}

/** Sets the share of the top score of entry `e` and of everything below it (the product of the effective weights on the way down). */
function setShares(run: Run, e: number, share: Exact | null): void {
  run.tnodes[e]!.shareOfTop = share === null ? null : formatExact(share);
  const kids = run.tkids[e]!;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i]!;
    const eff = share === null ? null : run.teff[c]!;
    setShares(run, c, eff === null || share === null ? null : isZero(eff) ? ZERO : mulShared(share, eff));
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
