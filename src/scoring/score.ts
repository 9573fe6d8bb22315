/**
 * Exact scoring of an answer set against a rubric: runs the compiled plan (`compile.ts`) over
 * the answers, deciding which parts of each group enter its score (missing data, parts that do
 * not apply, variants), with the arithmetic of `aggregation.ts` and the tables of
 * `decision-table.ts`. The full result's score tree is built by a {@link Trace}; the totals-only
 * mode builds none.
 *
 * @module
 */
import { attachExact } from './exact-value.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { displayKey, formatScore, type Exact } from '../exact/index.js';
import { resolveAnswers, type ResolvedAnswers } from '../answers/validate.js';
import type { AnswerSet } from '../answers/types.js';
import { answerSetLocator } from '../answers/load.js';
import type { Aggregation, MissingRule, QuestionNode, Rounding, Rubric } from '../rubric/types.js';
import { compiledRubric, type CompiledRubric, type Flat, type Plan, type PlanNode } from './compile.js';
import { AGGREGATION_RULES } from './aggregation.js';
import { evaluateTable, type CompiledTable, type DecisionTable } from './decision-table.js';
import { answerFor, Trace } from './trace.js';
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
 * The state of one scoring run: per node of the plan, its value, status, handling and chosen
 * options; and the trace, when the run builds one (null for totals only).
 */
interface Run {
  plan: Plan;
  resolved: ResolvedAnswers;
  diagnostics: Diagnostic[];
  trace: Trace | null;
  precision: number;
  rounding: Rounding;
  displayKey: string;
  x: (Exact | null)[];
  status: ScoredNode['status'][];
  handling: ChildHandling[];
  optionIds: (readonly string[] | undefined)[];
  /** The group being aggregated. */
  group: Group;
  /** With the trace: the effective weights of the terms of the group being aggregated. */
  shares: Exact[];
}

/** The result of an aggregation; `entry` (of its node) only with the trace, else -1. */
interface Outcome {
  x: Exact | null;
  status: ScoredNode['status'];
  reason: string | undefined;
  entry: number;
}

const NO_PARTS: readonly number[] = [];

/** Records the score of question `j`; with the trace, its node too. */
function scoreQuestion(run: Run, j: number, q: QuestionNode, info: PlanNode): void {
  const r = run.resolved;
  const i = run.plan.question[j]!;
  const answer = r.answers[i];
  const meaning = r.interpreted[i];
  const applies = r.applicability[i] ?? 'applies';
  const trace = run.trace;
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
      if (trace) reason = `${why}; scored ${q.notApplicable.score} as the rubric declares`;
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
  if (trace) trace.question(j, info, run.plan.weightText[j]!, x, status, handling, reason, answerFor(answer, answerStatus, meaning, r.plain[i] === 1));
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
}

/** Marks part `k` of the group with its handling and (with the trace) its effective weight. */
function markPart(run: Run, a: Group, k: number, h: ChildHandling, eff: Exact | null): void {
  // The handling of a node marked in place is seen by the groups above that flatten it.
  if (!a.copy && (!a.flat || a.flat.at[k]! >= 0)) run.handling[a.parts[k]!] = h;
  run.trace?.markPart(k, h, eff);
}

/** The outcome of the group; with the trace, its node, recorded as an entry. */
function finishGroup(run: Run, a: Group, x: Exact | null, status: ScoredNode['status'], reason: string | undefined, missing?: ScoredNode['missing'], matchedRow?: ScoredNode['matchedRow']): Outcome {
  const trace = run.trace;
  if (!trace) return { x, status, reason, entry: -1 };
  const entry = trace.closeGroup(a.g, a.weightText, x, status, reason, a.method, a.title, missing, matchedRow);
  return { x, status, reason, entry };
}

/**
 * Aggregates the parts `parts` (indices in the plan) of `g`, shown as the children `shown`.
 * Child nodes are marked in place unless `copy` is set (variants share their area nodes);
 * `flat` lists the contributors of a group averaging over the indicators below it. Which parts
 * enter is decided here (missing data, parts that do not apply); the arithmetic is the rule's
 * (`aggregation.ts`), and a decision table is evaluated by `decision-table.ts`.
 */
function aggregate(run: Run, g: PlanNode, weightText: string, shown: readonly number[], flat: Flat | undefined, agg: Aggregation, table: CompiledTable | undefined, rule: MissingRule, title: string | undefined, copy: boolean): Outcome {
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
  if (trace) trace.openGroup(shown, flat, copy);
  if (flat && !copy) for (const j of shown) run.handling[j] = 'label-only';
  if (agg.method === 'decision-table') return decideTable(run, a, agg, table!);

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
  const method = AGGREGATION_RULES[agg.method];
  let coefficients: Exact[] | undefined;
  if (method.coefficient !== undefined) {
    const of = method.coefficient === 'weight' ? plan.weight : plan.multiplier;
    coefficients = new Array<Exact>(T);
    for (let t = 0; t < T; t++) coefficients[t] = of[parts[termK[t]!]!]!;
  }
  const x = method.value(termX, coefficients);
  if (trace) {
    const shares = run.shares;
    method.shares(termX, coefficients, shares);
    for (let t = 0; t < T; t++) markPart(run, a, termK[t]!, termH[t]!, shares[t]!);
  } else for (let t = 0; t < T; t++) markPart(run, a, termK[t]!, termH[t]!, null);
  // Variants keep their reason in the lean mode too: it is part of every variant score.
  const reason = missingCount && (trace || copy) ? (rule.policy === 'minimum' ? `Missing ${missingIds()} counted as the scale minimum` : `Missing ${missingIds()} left out${agg.method === 'sum' ? '' : '; weights renormalised'}`) : undefined;
  return finishGroup(run, a, x, 'scored', reason, setMissing);
}

/** The decision-table part of {@link aggregate}: the first row whose conditions the inputs meet. */
function decideTable(run: Run, a: Group, agg: DecisionTable, table: CompiledTable): Outcome {
  const { g, parts } = a;
  const P = parts.length;
  for (let k = 0; k < P; k++) markPart(run, a, k, 'table-input', null);
  const match = evaluateTable(table, run.x, run.optionIds);
  const allNa = P > 0 && parts.every((j) => run.status[j] === 'not-applicable');
  if (allNa) return finishGroup(run, a, null, 'not-applicable', 'No input applies');
  const trace = run.trace !== null;
  const idx = match.row;
  if (idx >= 0) {
    const row = agg.rows[idx]!;
    return finishGroup(run, a, table.rowScores[idx]!, 'scored', table.rowReasons[idx]!, undefined, trace ? (row.label ? { index: idx, label: row.label, when: row.when } : { index: idx, when: row.when }) : undefined);
  }
  const missingInputs = match.missingInputs();
  if (missingInputs.length) return finishGroup(run, a, null, 'missing', `No row matches and input(s) ${missingInputs.join(', ')} have no score`);
  if (table.defaultScore !== undefined) return finishGroup(run, a, table.defaultScore, 'scored', 'No row matches; the table default applies', undefined, trace ? { index: -1, label: 'default', when: {} } : undefined);
  run.diagnostics.push({ code: 'SCORE_NO_TABLE_ROW', severity: 'warning', message: `No decision-table row of "${g.id}" matches the answers and the table has no default.`, file: g.node.source.file, line: g.node.source.line, column: g.node.source.column });
  return finishGroup(run, a, null, 'missing', 'No decision-table row matches');
}

/** Scores the tree below the root (areas not in the variant are scored too, for display), children before parents. */
function runPlan(compiled: CompiledRubric, answers: AnswerSet, options: ScoreOptions, trace: boolean): Run {
  const { plan, rubric } = compiled;
  const resolved = resolveAnswers(compiled, answers, { reportMissing: options.reportMissing ?? true });
  const { precision, rounding } = rubric.display;
  const N = plan.info.length;
  const key = displayKey(precision, rounding);
  const run: Run = {
    plan,
    resolved,
    diagnostics: [...resolved.diagnostics],
    trace: trace ? new Trace(plan, precision, rounding, key) : null,
    precision,
    rounding,
    displayKey: key,
    x: new Array<Exact | null>(N),
    status: new Array<ScoredNode['status']>(N),
    handling: new Array<ChildHandling>(N),
    optionIds: new Array<readonly string[] | undefined>(N),
    group: { g: plan.rootInfo, weightText: '', method: 'mean', title: undefined, copy: false, flat: undefined, parts: NO_PARTS },
    shares: [],
  };
  for (let j = 0; j < N; j++) {
    const info = plan.info[j]!;
    if (info.question !== undefined) scoreQuestion(run, j, info.question, info);
    else {
      const o = aggregate(run, info, plan.weightText[j]!, plan.children[j]!, plan.flat[j], info.aggregation!, info.table, info.missing!, undefined, false);
      run.x[j] = o.x;
      run.status[j] = o.status;
      run.handling[j] = 'included';
      if (o.entry >= 0) run.trace!.entry[j] = o.entry;
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
    run.trace = v.id === shown ? trace : null;
    const o = aggregate(run, run.plan.rootInfo, run.plan.rootWeightText, parts, undefined, v.aggregation, run.plan.variantTables[i], v.missing, v.title, true);
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
  const variant = rubric.variants.find((v) => v.id === variantId)!;
  const root = run.trace!.root(plan, chosen.entry, rubric.title, `${variant.aggregation.method} of variant "${variant.id}"`);
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
