/**
 * The statistical audit of an index for one year and variant — the coherence checks of the
 * JRC/OECD handbook on composite indicators: descriptive statistics of every node, data
 * availability by unit and by group, correlations of each node with its parent, with the index
 * and with its siblings, Cronbach's alpha and a principal component analysis of each group.
 *
 * Node values are the numbers of the exact score trees (`ScoredNode.value`); the statistics on
 * them are floats. The variant and the default year come from `analysis/comparable.ts`, Pearson's
 * and Spearman's coefficients from `analysis/correlation.ts`.
 *
 * The JSON form of {@link AuditResult} is a stable shape: fields are added, never renamed.
 *
 * @module
 */
import type { GroupNode, NodeKind, Rubric, RubricNode } from '../../rubric/types.js';
import type { ScoredNode, ScoreResult } from '../../scoring/types.js';
import { byCodePoint } from '../../text/order.js';
import { comparableVariant, defaultYear } from '../comparable.js';
import { pearsonCorrelation, spearmanCorrelation } from '../correlation.js';
import { symmetricEigen } from './eigen.js';
import { completePairs, cronbachAlpha, moments, type Moments } from './moments.js';

/** The level audited: one level of the tree, or every node. */
export type AuditLevel = NodeKind | 'all';

/** The levels `--level` accepts, in tree order. */
export const AUDIT_LEVELS: readonly AuditLevel[] = ['all', 'index', 'area', 'dimension', 'indicator', 'question'];

/** Options of {@link auditIndex}. */
export interface AuditOptions {
  /** Year audited (default: the {@link defaultYear} of the results on the variant). */
  year?: number;
  /** Variant whose top score is the index (default: the comparable variant of the year's results). */
  variant?: string;
  /** Level whose nodes are described and correlated (default `all`). */
  level?: AuditLevel;
  /** A unit or node with a smaller share of its data present is listed (default 0.66). */
  availabilityThreshold?: number;
  /** A correlation with the parent below this is flagged as weak (default 0.3). */
  weakCorrelation?: number;
  /** Siblings correlated above this are flagged as possibly redundant (default 0.9). */
  redundantCorrelation?: number;
  /** A node whose most frequent value has at least this share of the units is near-constant (default 0.9). */
  nearConstantShare?: number;
}

/** The thresholds an audit used. */
export interface AuditThresholds {
  availability: number;
  weakCorrelation: number;
  redundantCorrelation: number;
  nearConstantShare: number;
  /** |skewness| above this together with kurtosis above {@link AuditThresholds.kurtosis} is flagged (2). */
  skewness: number;
  kurtosis: number;
}

/** A node of the tree as the audit names it. */
export interface AuditNode {
  id: string;
  title: string;
  level: NodeKind;
  /** The parent's id (null for the index). */
  parent: string | null;
  /** 0 for the index, 1 for the areas, … */
  depth: number;
}

/** Descriptive statistics of one node over the units (floats; see {@link Moments}). */
export interface NodeStatistics extends AuditNode, Moments {
  /** Units with no score (missing answers). */
  missing: number;
  /** Units for which the node does not apply (left out of availability). */
  notApplicable: number;
  /** count / (count + missing): the share of units, among those it applies to, with a score; null when it applies to none. */
  availability: number | null;
  /** Share of the values at the scale minimum, and at the maximum (null without values). */
  shareAtMin: number | null;
  shareAtMax: number | null;
  /** Kinds of the flags raised on this node's statistics. */
  flags: AuditFlagKind[];
}

/** Pearson's and Spearman's coefficients over the units where both series are present. */
export interface CorrelationFigure {
  pearson: number | null;
  spearman: number | null;
  /** Units where both are present. */
  pairs: number;
}

/** A node's correlations with its parent and with the index. */
export interface NodeCorrelations {
  id: string;
  parent: string | null;
  /** With the parent (null for the index itself). */
  withParent: CorrelationFigure | null;
  /** With the index (the variant's top score). */
  withIndex: CorrelationFigure | null;
  flags: AuditFlagKind[];
}

/** Two children of one group, correlated. */
export interface SiblingCorrelation extends CorrelationFigure {
  group: string;
  a: string;
  b: string;
}

/** Principal components of a group's children (correlation matrix, complete cases). */
export interface GroupPca {
  /** Children analysed (those that vary over the complete cases), in rubric order. */
  variables: string[];
  /** Children left out because they do not vary over the complete cases. */
  excluded: string[];
  /** Units with every child present. */
  cases: number;
  /** Eigenvalues of the correlation matrix, largest first (they add up to the number of variables). */
  eigenvalues: number[];
  /** Each eigenvalue's share of the total variance. */
  shares: number[];
  /** Components with an eigenvalue above 1 (by more than 10⁻⁹, so that rounding does not count an eigenvalue of exactly 1). */
  aboveOne: number;
  /**
   * Loadings on the first component — each variable's correlation with it (eigenvector times
   * √eigenvalue), in `variables` order. Sign convention: the largest absolute loading is positive
   * (the first on a tie).
   */
  loadings: number[];
}

/** The coherence of one group (a node and its children). */
export interface GroupAudit {
  id: string;
  title: string;
  level: NodeKind;
  /** Its children in the variant, in rubric order. */
  children: string[];
  /** Cronbach's alpha from pairwise-complete covariances (null below two children or without variance). */
  alpha: number | null;
  /** Null below two varying children or three complete cases, or above 100 varying children. */
  pca: GroupPca | null;
  /** Share of the children with a score, per unit (units in {@link AuditResult.units} order; null where none applies). */
  availability: (number | null)[];
  /** Mean and least of `availability`. */
  meanAvailability: number | null;
  minAvailability: number | null;
}

/** Data availability of one unit. */
export interface UnitAvailability {
  unit: string;
  /** Data points with a score. */
  available: number;
  /** Data points that apply (scored or missing). */
  total: number;
  availability: number | null;
  /** Whether availability is below the threshold. */
  below: boolean;
}

/** Kinds of flags. */
export type AuditFlagKind =
  | 'low-availability'
  | 'near-constant'
  | 'all-extreme'
  | 'skewed'
  | 'negative-with-parent'
  | 'weak-with-parent'
  | 'redundant-siblings'
  | 'unit-low-availability';

/** One finding, in words. */
export interface AuditFlag {
  kind: AuditFlagKind;
  node?: string;
  /** The other node (a sibling, or the parent). */
  other?: string;
  unit?: string;
  /** The figure behind the flag. */
  value: number | null;
  message: string;
}

/** A statistical audit of one year and variant. */
export interface AuditResult {
  rubric: { id: string; version: string; title: string };
  year: number;
  variant: string;
  level: AuditLevel;
  scale: { min: number; max: number };
  /** Units audited (code-point order). */
  units: string[];
  thresholds: AuditThresholds;
  /** What a unit's data points are: the questions (level `all`) or the nodes of the level. */
  dataPoints: 'questions' | NodeKind;
  /** One entry per node of the level, in rubric order. */
  nodes: NodeStatistics[];
  correlations: NodeCorrelations[];
  siblings: SiblingCorrelation[];
  groups: GroupAudit[];
  availability: UnitAvailability[];
  flags: AuditFlag[];
}

/** A problem that stops an audit (no result for the year, no variant). */
export interface AuditProblem {
  message: string;
}

const pct = (x: number) => `${Math.round(x * 100)} %`;
const r2 = (x: number) => x.toFixed(2);

/**
 * The statistical audit of the units of one year: statistics, availability, correlations,
 * Cronbach's alpha and principal components (see the module text).
 *
 * @example
 * ```ts
 * import { auditIndex, type Rubric, type ScoreResult } from 'policy-index';
 * declare const rubric: Rubric, results: ScoreResult[];
 * const audit = auditIndex(rubric, results, { year: 2019 });
 * if (audit.value) for (const f of audit.value.flags) console.log(f.message);
 * ```
 */
export function auditIndex(rubric: Rubric, results: readonly ScoreResult[], options: AuditOptions = {}): { value?: AuditResult; problems: AuditProblem[] } {
  if (options.variant !== undefined && !rubric.variants.some((v) => v.id === options.variant)) return { problems: [{ message: `The rubric has no variant "${options.variant}".` }] };
  const ofRubric = results.filter((r) => r.rubric.id === rubric.id);
  const year = options.year ?? defaultYear(rubric, ofRubric, options.variant !== undefined ? { variant: options.variant } : {});
  if (year === undefined) return { problems: [{ message: 'There is no score result to audit.' }] };
  const chosen = ofRubric.filter((r) => r.year === year).sort((a, b) => byCodePoint(a.country, b.country));
  if (chosen.length === 0) return { problems: [{ message: `No score result is for ${year}.` }] };
  const variantId = options.variant ?? comparableVariant(rubric, chosen) ?? rubric.defaultVariant;
  const variant = rubric.variants.find((v) => v.id === variantId)!;
  const level = options.level ?? 'all';
  const t: AuditThresholds = {
    availability: options.availabilityThreshold ?? 0.66,
    weakCorrelation: options.weakCorrelation ?? 0.3,
    redundantCorrelation: options.redundantCorrelation ?? 0.9,
    nearConstantShare: options.nearConstantShare ?? 0.9,
    skewness: 2,
    kurtosis: 3.5,
  };
  const units = chosen.map((r) => r.country);

  // The tree in the variant, in rubric order, and each node's values per unit.
  const inVariant = new Set(variant.areas);
  const tree: { node: RubricNode; info: AuditNode }[] = [];
  const walk = (node: RubricNode, parent: string | null, depth: number) => {
    tree.push({ node, info: { id: node.id, title: node.title, level: node.level, parent, depth } });
    for (const c of node.children) if (depth > 0 || inVariant.has(c.id)) walk(c, node.id, depth + 1);
  };
  walk(rubric.root, null, 0);
  const scored = chosen.map((r) => {
    const byId = new Map<string, ScoredNode>();
    const visit = (n: ScoredNode) => {
      if (!byId.has(n.id)) byId.set(n.id, n);
      for (const c of n.children) visit(c);
    };
    visit(r.root);
    return byId;
  });
  const indexValues = chosen.map((r) => {
    const v = r.variants.find((x) => x.id === variant.id);
    return v && v.status === 'scored' ? v.value : null;
  });
  const status = new Map<string, ('scored' | 'missing' | 'not-applicable')[]>();
  const values = new Map<string, (number | null)[]>();
  for (const { node } of tree) {
    if (node === rubric.root) {
      values.set(node.id, indexValues);
      status.set(node.id, indexValues.map((v) => (v === null ? 'missing' : 'scored')));
      continue;
    }
    const st = scored.map((m) => m.get(node.id)?.status ?? 'missing');
    status.set(node.id, st);
    values.set(node.id, scored.map((m, i) => (st[i] === 'scored' ? m.get(node.id)?.value ?? null : null)));
  }

  const flags: AuditFlag[] = [];
  const selected = tree.filter(({ node }) => level === 'all' || node.level === level);
  const titleOf = new Map(tree.map(({ info }) => [info.id, info.title]));
  const name = (id: string) => `${titleOf.get(id) ?? id} (${id})`;

  // 1. Statistics per node.
  const nodes: NodeStatistics[] = selected.map(({ info }) => {
    const xs = values.get(info.id)!;
    const st = status.get(info.id)!;
    const m = moments(xs);
    const missing = st.filter((s) => s === 'missing').length;
    const notApplicable = st.filter((s) => s === 'not-applicable').length;
    const availability = m.count + missing > 0 ? m.count / (m.count + missing) : null;
    const present = xs.filter((x): x is number => x !== null);
    const shareAtMin = m.count ? present.filter((x) => x === rubric.scale.min).length / m.count : null;
    const shareAtMax = m.count ? present.filter((x) => x === rubric.scale.max).length / m.count : null;
    const own: AuditFlagKind[] = [];
    const flag = (kind: AuditFlagKind, value: number | null, message: string) => {
      own.push(kind);
      flags.push({ kind, node: info.id, value, message });
    };
    if (availability !== null && availability < t.availability) flag('low-availability', availability, `${name(info.id)} has a score for ${pct(availability)} of the ${units.length === 1 ? 'unit' : 'units'} it applies to.`);
    if (m.modeShare !== null && m.count >= 2 && m.modeShare >= t.nearConstantShare) {
      flag('near-constant', m.modeShare, m.distinct === 1 ? `${name(info.id)} takes one value (${m.min}) for every unit: it cannot tell units apart.` : `${name(info.id)} takes its most frequent value for ${pct(m.modeShare)} of the units: it tells few units apart.`);
    }
    if (m.count >= 2 && m.distinct > 1 && shareAtMin! + shareAtMax! === 1) flag('all-extreme', 1, `Every value of ${name(info.id)} is at the scale minimum or maximum: in these data it is a yes/no.`);
    if (m.skewness !== null && m.kurtosis !== null && Math.abs(m.skewness) > t.skewness && m.kurtosis > t.kurtosis) flag('skewed', m.skewness, `${name(info.id)} is skewed (skewness ${r2(m.skewness)}, kurtosis ${r2(m.kurtosis)}): a few units stand far from the rest.`);
    return { ...info, ...m, missing, notApplicable, availability, shareAtMin, shareAtMax, flags: own };
  });

  // 3. Correlations with the parent and the index, and between siblings.
  const figure = (xs: readonly (number | null)[], ys: readonly (number | null)[]): CorrelationFigure => {
    const [a, b] = completePairs(xs, ys);
    return { pearson: pearsonCorrelation(a, b), spearman: spearmanCorrelation(a, b), pairs: a.length };
  };
  const correlations: NodeCorrelations[] = selected.map(({ info }) => {
    const xs = values.get(info.id)!;
    const withParent = info.parent === null ? null : figure(xs, values.get(info.parent)!);
    const withIndex = info.parent === null ? null : figure(xs, indexValues);
    const own: AuditFlagKind[] = [];
    const r = withParent?.pearson;
    if (r !== null && r !== undefined && info.parent !== null) {
      if (r < 0) {
        own.push('negative-with-parent');
        flags.push({ kind: 'negative-with-parent', node: info.id, other: info.parent, value: r, message: `${name(info.id)} correlates negatively with ${name(info.parent)} (r = ${r2(r)}): units that score higher on it score lower on the whole.` });
      } else if (r < t.weakCorrelation) {
        own.push('weak-with-parent');
        flags.push({ kind: 'weak-with-parent', node: info.id, other: info.parent, value: r, message: `${name(info.id)} correlates weakly with ${name(info.parent)} (r = ${r2(r)}): it moves its parent little, or differently from its siblings.` });
      }
    }
    return { id: info.id, parent: info.parent, withParent, withIndex, flags: own };
  });

  // Groups: every group node (level `all`) or the parents of the level's nodes.
  const groupIds = new Set(level === 'all' ? tree.filter(({ node }) => node.children.length > 0).map(({ info }) => info.id) : selected.map(({ info }) => info.parent).filter((p): p is string => p !== null));
  const childrenOf = new Map<string, string[]>();
  for (const { info } of tree) if (info.parent !== null) (childrenOf.get(info.parent) ?? childrenOf.set(info.parent, []).get(info.parent)!).push(info.id);
  const siblings: SiblingCorrelation[] = [];
  const groups: GroupAudit[] = [];
  for (const { node, info } of tree) {
    if (!groupIds.has(info.id)) continue;
    const children = childrenOf.get(info.id) ?? [];
    const columns = children.map((c) => values.get(c)!);
    for (let i = 0; i < children.length; i++) {
      for (let j = i + 1; j < children.length; j++) {
        const f = figure(columns[i]!, columns[j]!);
        siblings.push({ group: info.id, a: children[i]!, b: children[j]!, ...f });
        if (f.pearson !== null && f.pearson > t.redundantCorrelation) {
          flags.push({ kind: 'redundant-siblings', node: children[i]!, other: children[j]!, value: f.pearson, message: `${name(children[i]!)} and ${name(children[j]!)} correlate at r = ${r2(f.pearson)}: across these units they carry nearly the same information.` });
        }
      }
    }
    const availability = units.map((_, u) => {
      let present = 0;
      let applies = 0;
      for (const c of children) {
        const s = status.get(c)![u];
        if (s === 'not-applicable') continue;
        applies++;
        if (s === 'scored') present++;
      }
      return applies ? present / applies : null;
    });
    const known = availability.filter((x): x is number => x !== null);
    groups.push({
      id: info.id,
      title: info.title,
      level: (node as GroupNode).level,
      children,
      alpha: cronbachAlpha(columns),
      pca: groupPca(children, columns),
      availability,
      meanAvailability: known.length ? known.reduce((s, x) => s + x, 0) / known.length : null,
      minAvailability: known.length ? known.reduce((m, x) => Math.min(m, x)) : null,
    });
  }

  // 2. Availability by unit: the questions (level `all`) or the level's nodes.
  const points = level === 'all' ? tree.filter(({ node }) => node.kind === 'question') : selected;
  const availability: UnitAvailability[] = units.map((unit, u) => {
    let available = 0;
    let total = 0;
    for (const { info } of points) {
      const s = status.get(info.id)![u];
      if (s === 'not-applicable') continue;
      total++;
      if (s === 'scored') available++;
    }
    const share = total ? available / total : null;
    const below = share !== null && share < t.availability;
    if (below) flags.push({ kind: 'unit-low-availability', unit, value: share, message: `${unit} has ${pct(share)} of its data (${available} of ${total}), below the threshold of ${pct(t.availability)}.` });
    return { unit, available, total, availability: share, below };
  });

  return {
    value: {
      rubric: { id: rubric.id, version: rubric.version, title: rubric.title },
      year,
      variant: variant.id,
      level,
      scale: { min: rubric.scale.min, max: rubric.scale.max },
      units,
      thresholds: t,
      dataPoints: level === 'all' ? 'questions' : level,
      nodes,
      correlations,
      siblings,
      groups,
      availability,
      flags,
    },
    problems: [],
  };
}

/** The most children a principal component analysis takes (the Jacobi sweeps grow with the cube of their number). */
const MAX_PCA_VARIABLES = 100;

/** Principal components of the children's correlation matrix over the complete cases. */
function groupPca(children: readonly string[], columns: readonly (readonly (number | null)[])[]): GroupPca | null {
  if (children.length < 2) return null;
  const rows: number[] = [];
  const n = columns[0]?.length ?? 0;
  for (let u = 0; u < n; u++) if (columns.every((c) => c[u] !== null)) rows.push(u);
  const full = columns.map((c) => rows.map((u) => c[u]!));
  const keep = full.map((c) => c.some((x) => x !== c[0]));
  const variables = children.filter((_, i) => keep[i]);
  const excluded = children.filter((_, i) => !keep[i]);
  const data = full.filter((_, i) => keep[i]);
  const k = data.length;
  if (k < 2 || k > MAX_PCA_VARIABLES || rows.length < 3) return null;
  const matrix = data.map((a, i) => data.map((b, j) => (i === j ? 1 : pearsonCorrelation(a, b) ?? 0)));
  const { values, vectors } = symmetricEigen(matrix);
  const first = vectors[0]!;
  let lead = 0;
  for (let i = 1; i < k; i++) if (Math.abs(first[i]!) > Math.abs(first[lead]!)) lead = i;
  const sign = first[lead]! < 0 ? -1 : 1;
  const root = Math.sqrt(Math.max(0, values[0]!));
  return {
    variables,
    excluded,
    cases: rows.length,
    eigenvalues: values,
    shares: values.map((v) => v / k),
    aboveOne: values.filter((v) => v > 1 + 1e-9).length,
    loadings: first.map((x) => sign * x * root),
  };
}
