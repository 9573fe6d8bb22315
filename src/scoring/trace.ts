/**
 * The trace of a scoring run: the score tree that explains every figure — each node with its
 * score, weights, shares of the top score, missing-data handling and the answer behind it. The
 * scorer does the arithmetic; it hands each result to a {@link Trace}, which builds the nodes.
 * A totals-only run has no trace and builds none of this.
 *
 * @module
 */
import { stampNode } from './exact-value.js';
import { exactString as formatExact, formatScore, isZero, mulShared, ONE, ZERO, type Exact } from '../exact/index.js';
import type { Answer } from '../answers/types.js';
import type { InterpretedAnswer } from '../answers/interpret.js';
import type { Rounding } from '../rubric/types.js';
import type { Flat, Plan, PlanNode } from './compile.js';
import type { ChildHandling, MatchedRow, ScoredAnswer, ScoredNode } from './types.js';

const NO_KIDS: readonly number[] = [];

/** The answer behind a question's score, as the trace shows it; `plain` says the answer is one plain value (see `ResolvedAnswers.plain`). */
export function answerFor(answer: Answer | undefined, status: ScoredAnswer['status'], meaning: InterpretedAnswer | undefined, plain: boolean): ScoredAnswer {
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

/**
 * The score tree of one run, built as the scorer goes (children before parents). Every node
 * built — copies too — is an entry of the arrays below, in the order built: the trace reads exact
 * values, effective weights and children from these arrays rather than from the nodes, which
 * come in several shapes and so make every read of them a slow generic look-up.
 *
 * Groups are traced one at a time: {@link openGroup}, then {@link markPart} for each part, then
 * {@link closeGroup}.
 */
export class Trace {
  /** Per node of the plan: its entry. */
  readonly entry: number[];
  /** Per entry: the node, its exact score, its exact effective weight in its parent, and its children's entries (in the order of `node.children`). */
  readonly nodes: ScoredNode[];
  readonly exact: (Exact | null)[];
  readonly eff: (Exact | null)[];
  readonly kids: (readonly number[])[];
  /** Entries so far. */
  private count = 0;
  /** The group being traced: the entries of the children shown, of the contributors listed after them, and of each part. */
  private childEntries: readonly number[] = NO_KIDS;
  private extraEntries: readonly number[] = NO_KIDS;
  private partEntries: readonly number[] = NO_KIDS;

  constructor(
    plan: Plan,
    private readonly precision: number,
    private readonly rounding: Rounding,
    private readonly displayKey: string,
  ) {
    this.entry = new Array<number>(plan.info.length);
    this.nodes = new Array<ScoredNode>(plan.entries);
    this.exact = new Array<Exact | null>(plan.entries);
    this.eff = new Array<Exact | null>(plan.entries);
    this.kids = new Array<readonly number[]>(plan.entries);
  }

  /** Records a node just built as the next entry; returns its entry. */
  private track(node: ScoredNode, x: Exact | null, kids: readonly number[]): number {
    const e = this.count++;
    this.nodes[e] = node;
    this.exact[e] = x;
    this.eff[e] = null;
    this.kids[e] = kids;
    return e;
  }

  /**
   * A scored node with the fields every node has, recorded as the next entry (returned); the
   * optional fields are set by the caller in a fixed order.
   */
  private node(n: PlanNode, weight: string, x: Exact | null, status: ScoredNode['status'], handling: ChildHandling, children: ScoredNode[] = [], kids: readonly number[] = NO_KIDS): number {
    const f = x ? formatScore(x, this.precision, this.rounding, this.displayKey) : null;
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
    return this.track(node, x, kids);
  }

  /** The node of question `j` (a node of the plan), with the answer behind its score. */
  question(j: number, info: PlanNode, weight: string, x: Exact | null, status: ScoredNode['status'], handling: ChildHandling, reason: string | undefined, answer: ScoredAnswer): void {
    const e = this.node(info, weight, x, status, handling);
    const node = this.nodes[e]!;
    if (reason !== undefined) node.reason = reason;
    node.answer = answer;
    this.entry[j] = e;
  }

  /**
   * A shallow copy of the node of entry `e` with its exact value (variants and flattened groups
   * show a node again with their own handling). Spelled out rather than spread: spreading an
   * object that carries a private slot leaves the engine's fast path, and the slot is not copied.
   * The optional fields follow the order in which they are set, so that the copy's keys — and so
   * its JSON — are in the same order as the original's.
   */
  copy(e: number, handling?: ChildHandling, effectiveWeight?: string | null): number {
    const n = this.nodes[e]!;
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
    const x = this.exact[e]!;
    stampNode(c, x);
    if (n.dimension !== undefined) c.dimension = n.dimension;
    if (n.reason !== undefined) c.reason = n.reason;
    if (n.answer !== undefined) c.answer = n.answer;
    if (n.method !== undefined) c.method = n.method;
    if (n.missing !== undefined) c.missing = n.missing;
    if (n.matchedRow !== undefined) c.matchedRow = n.matchedRow;
    return this.track(c, x, this.kids[e]!);
  }

  /**
   * Starts tracing a group shown with the children `shown` (nodes of the plan). Their nodes are
   * copied when `copy` is set (variants share their area nodes); a flattened group lists its
   * contributors that are not shown after the children, and shows its children as labels.
   */
  openGroup(shown: readonly number[], flat: Flat | undefined, copy: boolean): void {
    const childEntries = new Array<number>(shown.length);
    for (let s = 0; s < shown.length; s++) childEntries[s] = copy ? this.copy(this.entry[shown[s]!]!) : this.entry[shown[s]!]!;
    this.childEntries = this.partEntries = childEntries;
    this.extraEntries = NO_KIDS;
    if (flat) {
      // Flattened contributors are listed after the display children so the trace stays complete.
      const extraEntries = flat.extra.map((j) => this.copy(this.entry[j]!));
      for (const c of childEntries) this.nodes[c]!.handling = 'label-only';
      this.extraEntries = extraEntries;
      this.partEntries = flat.at.map((at) => (at < 0 ? extraEntries[-1 - at]! : childEntries[at]!));
    }
  }

  /** Marks part `k` of the group being traced with its handling and its effective weight. */
  markPart(k: number, h: ChildHandling, eff: Exact | null): void {
    const e = this.partEntries[k]!;
    const c = this.nodes[e]!;
    c.handling = h;
    c.effectiveWeight = eff === null ? null : formatExact(eff);
    this.eff[e] = eff;
  }

  /** The node of the group being traced, recorded as an entry (returned). */
  closeGroup(
    g: PlanNode,
    weight: string,
    x: Exact | null,
    status: ScoredNode['status'],
    reason: string | undefined,
    method: string,
    title: string | undefined,
    missing: ScoredNode['missing'] | undefined,
    matchedRow: MatchedRow | undefined,
  ): number {
    const kids = this.extraEntries.length ? [...this.childEntries, ...this.extraEntries] : this.childEntries;
    const children = new Array<ScoredNode>(kids.length);
    for (let i = 0; i < kids.length; i++) children[i] = this.nodes[kids[i]!]!;
    const entry = this.node(g, weight, x, status, 'included', children, kids);
    const node = this.nodes[entry]!;
    if (title) node.title = title;
    if (reason !== undefined) node.reason = reason;
    node.method = method;
    if (missing !== undefined) node.missing = missing;
    if (matchedRow !== undefined) node.matchedRow = matchedRow;
    return entry;
  }

  /**
   * The root of the score tree: a copy of the chosen variant's node (entry `variant`), titled
   * `title`, whose children are every area — the variant's own, and the others marked as not in
   * it — with every node's share of the top score set.
   */
  root(plan: Plan, variant: number, title: string, method: string): ScoredNode {
    const variantKids = this.kids[variant]!;
    const rootKids = plan.areas.map((j) => {
      const id = plan.info[j]!.id;
      const inVariant = variantKids.find((c) => this.nodes[c]!.id === id);
      return inVariant ?? this.copy(this.entry[j]!, 'not-in-variant', null);
    });
    const rootEntry = this.copy(variant);
    this.kids[rootEntry] = rootKids;
    const root = this.nodes[rootEntry]!;
    root.title = title;
    root.children = rootKids.map((c) => this.nodes[c]!);
    root.method = method;
    this.setShares(rootEntry, ONE);
    return root;
  }

  /** Sets the share of the top score of entry `e` and of everything below it (the product of the effective weights on the way down). */
  private setShares(e: number, share: Exact | null): void {
    this.nodes[e]!.shareOfTop = share === null ? null : formatExact(share);
    const kids = this.kids[e]!;
    for (let i = 0; i < kids.length; i++) {
      const c = kids[i]!;
      const eff = share === null ? null : this.eff[c]!;
      this.setShares(c, eff === null || share === null ? null : isZero(eff) ? ZERO : mulShared(share, eff));
    }
  }
}
