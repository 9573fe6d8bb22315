/**
 * The compiled form of a rubric: every per-rubric fact the scorer needs, made once — the
 * question index and each question's memo of answer interpretations (from
 * `answers/validate.ts`), the exact option, band and weight values, the compiled decision tables
 * (`decision-table.ts`), and the scoring plan (the tree in post-order, in objects
 * of one shape).
 *
 * A compiled rubric describes its rubric as it was when compiled. Rubrics are treated as
 * immutable once loaded: {@link scoreAnswerSet} and {@link scoreTotals}, given a rubric, use
 * the compiled form remembered for it (compiling it on first use); code that edits a rubric's
 * data in memory calls {@link compileRubric} again afterwards, which replaces the remembered form.
 *
 * @module
 */
import { fromNumber, ONE, type Exact } from '../exact/index.js';
import { CompiledQuestions } from '../answers/validate.js';
import { exactNumber } from '../rubric/numbers.js';
import { CompiledTable } from './decision-table.js';
import type { Aggregation, MissingRule, QuestionNode, Rubric, RubricNode } from '../rubric/types.js';

/** The scoring plan of a rubric: exact weights and their texts, and the tree in post-order with child indices. */
export interface Plan {
  readonly scaleMin: Exact;
  /** Every node below the root, children before parents: what the scorer reads of it, in objects of one shape. */
  readonly info: readonly PlanNode[];
  readonly rootInfo: PlanNode;
  /** For each node in `info`: its exact weight (1 when none is declared) and the weight as written out. */
  readonly weight: readonly Exact[];
  readonly weightText: readonly string[];
  readonly rootWeightText: string;
  /** For each node in `info`: its exact multiplier in a parent that sums its parts (the shared 1 when none is declared). */
  readonly multiplier: readonly Exact[];
  /** For each node in `info`: indices of its children in `info`. */
  readonly children: readonly (readonly number[])[];
  /** For groups averaging `over: indicators`: the indicators below them, and where each is shown. */
  readonly flat: readonly (Flat | undefined)[];
  /** For each node in `info`: its index in `rubric.questions` (-1 for groups). */
  readonly question: readonly number[];
  /** Indices of the areas in `info`. */
  readonly areas: readonly number[];
  /** For each variant: indices in `info` of its areas. */
  readonly variantParts: readonly (readonly number[])[];
  /** For each variant aggregated by a decision table: the table compiled, its inputs among the variant's areas. */
  readonly variantTables: readonly (CompiledTable | undefined)[];
  /** The most entries a traced run has (every node built, copies included): the size the entry arrays start with. */
  readonly entries: number;
}
/** The contributors of a flattened group: `parts` (indices in `info`); `at[k]` ≥ 0 is the shown child showing part k, else part k is listed after them as extra `-1 - at[k]`. */
export interface Flat {
  parts: number[];
  at: number[];
  extra: number[];
}

/**
 * What the scorer reads of a rubric node, in objects of one shape: rubric nodes come in many
 * shapes, and reading the same fields from all of them on every node of every answer set made
 * each read a slow generic look-up.
 */
export class PlanNode {
  readonly id: string;
  readonly kind: RubricNode['kind'];
  readonly level: RubricNode['level'];
  readonly title: string;
  readonly dimension: string | undefined;
  readonly node: RubricNode;
  readonly question: QuestionNode | undefined;
  readonly aggregation: Aggregation | undefined;
  readonly missing: MissingRule | undefined;
  /** Decision tables: the table compiled. */
  readonly table: CompiledTable | undefined;
  /** Questions scored when they do not apply: that exact score. */
  readonly notApplicableScore: Exact | undefined;
  constructor(n: RubricNode, index: ReadonlyMap<RubricNode, number>) {
    this.id = n.id;
    this.kind = n.kind;
    this.level = n.level;
    this.title = n.title;
    this.dimension = n.dimension;
    this.node = n;
    this.question = n.kind === 'question' ? n : undefined;
    this.aggregation = n.kind === 'question' ? undefined : n.aggregation;
    this.missing = n.kind === 'question' ? undefined : n.missing;
    const agg = this.aggregation;
    this.table =
      agg?.method === 'decision-table'
        ? new CompiledTable(agg, (id) => {
            const c = n.children.find((child) => child.id === id);
            return c === undefined ? -1 : (index.get(c) ?? -1);
          })
        : undefined;
    const na = n.kind === 'question' ? n.notApplicable : undefined;
    this.notApplicableScore = na !== undefined && na !== 'omit' ? exactNumber(na, 'score', na.score) : undefined;
  }
}

function makePlan(rubric: Rubric, byId: ReadonlyMap<string, number>): Plan {
  const order: RubricNode[] = [];
  const index = new Map<RubricNode, number>();
  const visit = (n: RubricNode): void => {
    if (index.has(n)) return;
    n.children.forEach(visit);
    index.set(n, order.length);
    order.push(n);
  };
  rubric.root.children.forEach(visit);
  const weightOf = (n: RubricNode): Exact => (Number.isFinite(n.weight) && n.weight > 0 ? exactNumber(n, 'weight', n.weight) : ONE);
  const children = order.map((n) => n.children.map((c) => index.get(c)!));
  const flat = order.map((n, i): Flat | undefined => {
    if (n.kind === 'question') return undefined;
    const agg = n.aggregation;
    if (!((agg.method === 'mean' || agg.method === 'weighted-mean') && agg.over === 'indicators')) return undefined;
    const parts: number[] = [];
    const walk = (c: RubricNode): void => (c.kind === 'dimension' ? c.children.forEach(walk) : void parts.push(index.get(c)!));
    n.children.forEach(walk);
    const shown = children[i]!;
    const extra = parts.filter((j) => !shown.includes(j));
    return { parts, extra, at: parts.map((j) => (extra.includes(j) ? -1 - extra.indexOf(j) : shown.indexOf(j))) };
  });
  const areas = rubric.root.children.map((a) => index.get(a)!);
  const variantParts = rubric.variants.map((v) => v.areas.map((id) => areas.find((j) => order[j]!.id === id)).filter((j): j is number => j !== undefined));
  // Every node of the tree is built once; a traced run adds copies: the contributors a flattened
  // group lists after its children, the areas of the variant shown (or, at the root, the areas
  // not in it) and the variant's and the root's own nodes.
  const extras = flat.reduce((n, f) => n + (f ? f.extra.length : 0), 0);
  const widest = variantParts.reduce((n, p) => Math.max(n, p.length), 0);
  return {
    scaleMin: fromNumber(rubric.scale.min),
    info: order.map((n) => new PlanNode(n, index)),
    rootInfo: new PlanNode(rubric.root, index),
    weight: order.map(weightOf),
    weightText: order.map((n) => String(n.weight)),
    multiplier: order.map((n) => (n.multiplier !== undefined && Number.isFinite(n.multiplier) ? exactNumber(n, 'multiplier', n.multiplier) : ONE)),
    rootWeightText: String(rubric.root.weight),
    children,
    flat,
    question: order.map((n) => (n.kind === 'question' ? byId.get(n.id) ?? -1 : -1)),
    areas,
    variantParts,
    variantTables: rubric.variants.map((v, i) =>
      v.aggregation.method === 'decision-table' ? new CompiledTable(v.aggregation, (id) => variantParts[i]!.find((j) => order[j]!.id === id) ?? -1) : undefined,
    ),
    entries: order.length + extras + areas.length + widest + 2,
  };
}


/**
 * A rubric compiled for scoring (see {@link compileRubric}): frozen; what it holds is read-only.
 * Pass it to {@link scoreAnswerSet}, {@link scoreTotals} or `validateAnswerSet` in place of the
 * rubric to score many answer sets with one compiled form, explicitly.
 */
export class CompiledRubric extends CompiledQuestions {
  /** The scoring plan. */
  readonly plan: Plan;
  private constructor(rubric: Rubric) {
    super(rubric);
    this.plan = Object.freeze(makePlan(rubric, this.byId));
    Object.freeze(this);
  }
  /** @internal Use {@link compileRubric}. */
  static make(rubric: Rubric): CompiledRubric {
    return new CompiledRubric(rubric);
  }
}

/** The one place a rubric's compiled form is remembered: by the rubric object, until it is compiled again. */
const remembered = new WeakMap<Rubric, CompiledRubric>();

/**
 * Compiles a rubric for scoring, and remembers the result as the rubric's compiled form (the
 * one that scoring the rubric itself uses from now on). Call it again after editing a rubric's
 * data in memory: a compiled form never sees later edits.
 *
 * @example
 * ```ts
 * import { compileRubric, createAnswerSet, loadRubric, scoreTotals } from 'policy-index';
 * const rubric = loadRubric(
 *   'schemaVersion: 1\nid: demo\nversion: 1.0.0\ntitle: Demo\nareas:\n' +
 *     '  - { id: work, title: Work, indicators: [{ id: permit, title: Permit, type: yes-no, scores: { yes: 100, no: 0 } }] }\n',
 * ).value!;
 * const compiled = compileRubric(rubric);
 * const totals = scoreTotals(compiled, createAnswerSet({ rubric: 'demo@1.0.0', country: 'CA', year: 2020, answers: { permit: 'yes' } }));
 * totals.top.score; // '100'
 * ```
 */
export function compileRubric(rubric: Rubric): CompiledRubric {
  const compiled = CompiledRubric.make(rubric);
  remembered.set(rubric, compiled);
  return compiled;
}

/** The compiled form given, or the one remembered for the rubric given (compiled on first use). */
export function compiledRubric(rubric: Rubric | CompiledRubric): CompiledRubric {
  if ('plan' in rubric) return rubric;
  return remembered.get(rubric) ?? compileRubric(rubric);
}
