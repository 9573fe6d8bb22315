/**
 * Verification of a rubric and answer sets against published scores, for any index: every
 * published node or variant score is compared with the computed one, exactly (within a
 * tolerance) or at the rubric's display precision. Separately, the published table is checked
 * against itself: where a parent and all its children are published, the parent is recomputed
 * from the children with the rubric's aggregation, and a contradiction is the publisher's own
 * inconsistency, not a rubric or answer mismatch.
 *
 * Browser-safe. All comparisons are on decimals and exact rationals, never doubles.
 *
 * @module
 */
import { D, fromDecimalText, fromNumber, geometricMean, toDec, weightedMean, cmp, type Exact } from '../../answers/exact.js';
import type { AnswerSet } from '../../answers/types.js';
import type { Diagnostic } from '../../diagnostics/index.js';
import type { Aggregation, Rubric, RubricNode } from '../../rubric/types.js';
import { scoreAnswerSet } from '../../scoring/score.js';
import type { ScoredNode } from '../../scoring/types.js';
import { DiagnosticLimiter } from '../../diagnostics/limit.js';
import { NameIndex, Suggestions } from '../../source/suggest.js';
import type { PublishedValue } from './published.js';

/** Default largest difference between a published and a computed score that still agrees. */
export const DEFAULT_VERIFY_TOLERANCE = '1e-9';

/** A published score that the computed score does not reproduce. */
export interface PublishedDisagreement {
  country: string;
  year: number;
  /** The node or variant id as published. */
  node: string;
  /** The published value as a number (nearest double; `publishedText` is exact). */
  published: number;
  /** The computed score as a number, or `null` when nothing is computed (no answers, no score). */
  computed: number | null;
  /** The published value as written. */
  publishedText: string;
  /** The computed score: exact decimal string, or the display string with `atDisplay`; `null` when none. */
  computedText: string | null;
  /** Why there is no computed score, when there is none. */
  reason?: string;
  /** Set when the publisher's own figures contradict each other at this node (see `inconsistencies`). */
  publisherInconsistent?: true;
  source: PublishedValue['source'];
}

/** A published parent that its own published children contradict. */
export interface PublishedInconsistency {
  country: string;
  year: number;
  node: string;
  /** The published parent value, as written. */
  published: string;
  /** The parent recomputed from its published children with the rubric's aggregation (exact, 60 digits). */
  recomputed: string;
  /** The children used, as `id=value`. */
  children: string[];
  source: PublishedValue['source'];
}

/** What {@link verifyPublishedScores} returns. */
export interface VerifyPublishedResult {
  /** Published scores compared. */
  compared: number;
  /** Of those, the ones reproduced. */
  agreed: number;
  disagreements: PublishedDisagreement[];
  /** Problems with the published rows (unknown nodes) and the publisher's inconsistencies (warnings). */
  diagnostics: Diagnostic[];
  /** Published parents that their published children contradict. */
  inconsistencies: PublishedInconsistency[];
}

/** Options for {@link verifyPublishedScores}. */
export interface VerifyPublishedOptions {
  /** Largest difference that still agrees, as a decimal text or number (default `1e-9`). Ignored with `atDisplay`. */
  tolerance?: string | number;
  /** Compare at the rubric's display precision and rounding (for indices that publish rounded values). */
  atDisplay?: boolean;
}

const key = (country: string, year: number) => `${country}/${year}`;

/** Resolves a published node name to a node id, `variant:<id>`, or undefined. */
function resolver(rubric: Rubric): (name: string) => string | undefined {
  const variants = new Set(rubric.variants.map((v) => v.id));
  return (name) => {
    if (rubric.nodes.has(name)) return name;
    const alias = rubric.aliases.get(name);
    if (alias !== undefined) return alias;
    if (variants.has(name)) return `variant:${name}`;
    return undefined;
  };
}

function exactOf(text: string): Exact {
  return fromDecimalText(text) ?? fromDecimalText(new D(text).toFixed())!;
}

/** Half a unit in the last decimal place written (`52.78` → 0.005; `53` → 0.5). */
function halfUnit(text: string): InstanceType<typeof D> {
  const t = text.trim().toLowerCase();
  const [mantissa, exp = '0'] = t.split('e');
  const decimals = (mantissa!.split('.')[1] ?? '').length - Number(exp);
  return new D(5).times(new D(10).pow(-(decimals + 1)));
}

/**
 * Recomputes published parents from their published children and reports contradictions,
 * allowing for the rounding of the published figures (half a unit in the last place written,
 * of the parent and of the children). Only nodes whose every child is published are checked;
 * decision tables and aggregations over nested indicators are not recomputed from scores.
 *
 * @example
 * ```ts
 * import { checkPublishedConsistency } from 'policy-index';
 * declare const rubric: import('policy-index').Rubric, published: import('policy-index').PublishedValue[];
 * for (const i of checkPublishedConsistency(rubric, published)) console.log(`${i.country} ${i.year} ${i.node}: ${i.published} vs ${i.recomputed}`);
 * ```
 */
export function checkPublishedConsistency(rubric: Rubric, published: readonly PublishedValue[], options: Pick<VerifyPublishedOptions, 'tolerance'> = {}): PublishedInconsistency[] {
  const resolve = resolver(rubric);
  const tolerance = new D(options.tolerance ?? DEFAULT_VERIFY_TOLERANCE);
  const byUnit = new Map<string, Map<string, PublishedValue>>();
  for (const p of published) {
    const id = resolve(p.node);
    if (id === undefined) continue;
    let m = byUnit.get(key(p.country, p.year));
    if (!m) byUnit.set(key(p.country, p.year), (m = new Map()));
    if (!m.has(id)) m.set(id, p);
  }
  const out: PublishedInconsistency[] = [];
  const check = (m: Map<string, PublishedValue>, parentKey: string, children: readonly RubricNode[], agg: Aggregation) => {
    const parent = m.get(parentKey);
    if (!parent || children.length === 0) return;
    const values = children.map((c) => m.get(c.id));
    if (values.some((v) => v === undefined)) return;
    const xs = values.map((v) => exactOf(v!.value));
    const weights = children.map((c) => fromNumber(c.weight));
    let x: Exact;
    switch (agg.method) {
      case 'mean':
        if (agg.over !== 'children') return;
        x = weightedMean(xs);
        break;
      case 'weighted-mean':
        if (agg.over !== 'children') return;
        x = weightedMean(xs, weights);
        break;
      case 'minimum':
        x = xs.reduce((a, b) => (cmp(b, a) < 0 ? b : a));
        break;
      case 'maximum':
        x = xs.reduce((a, b) => (cmp(b, a) > 0 ? b : a));
        break;
      case 'geometric-mean':
        x = geometricMean(xs, weights);
        break;
      default:
        return;
    }
    const slack = tolerance.plus(halfUnit(parent.value)).plus(values.reduce((s, v) => D.max(s, halfUnit(v!.value)), new D(0)));
    const recomputed = toDec(x);
    if (recomputed.minus(parent.value).abs().lte(slack)) return;
    out.push({
      country: parent.country,
      year: parent.year,
      node: parent.node,
      published: parent.value,
      recomputed: recomputed.toSignificantDigits(60).toFixed(),
      children: children.map((c, i) => `${c.id}=${values[i]!.value}`),
      source: parent.source,
    });
  };
  for (const m of byUnit.values()) {
    for (const node of rubric.nodes.values()) if (node.kind !== 'question') check(m, node.id, node.children, node.aggregation);
    for (const v of rubric.variants) {
      const areas = v.areas.map((a) => rubric.nodes.get(a)).filter((a): a is RubricNode => a !== undefined);
      check(m, `variant:${v.id}`, areas, v.aggregation);
    }
  }
  return out;
}

/**
 * Scores every answer set and compares every published score with the computed one: at full
 * precision within `tolerance` (default 1e-9), or with `atDisplay` after rounding the computed
 * score as the rubric declares for display. A published score without a computed counterpart
 * (no answer set for the country and year, or no score) is a disagreement with
 * `computed: null`; a row naming no node or variant of the rubric is an error. The published
 * table's own contradictions are in `inconsistencies` (and as warnings in `diagnostics`).
 *
 * @example
 * ```ts
 * import { readPublishedCsv, verifyPublishedScores } from 'policy-index';
 * declare const rubric: import('policy-index').Rubric, answerSets: import('policy-index').AnswerSet[], csvText: string;
 * const published = readPublishedCsv(csvText, { file: 'scores.csv' }).value ?? [];
 * const { compared, agreed, disagreements } = verifyPublishedScores(rubric, answerSets, published, { atDisplay: true });
 * ```
 */
export function verifyPublishedScores(rubric: Rubric, answerSets: readonly AnswerSet[], published: readonly PublishedValue[], options: VerifyPublishedOptions = {}): VerifyPublishedResult {
  const resolve = resolver(rubric);
  const tolerance = new D(options.tolerance ?? DEFAULT_VERIFY_TOLERANCE);
  const diagnostics: Diagnostic[] = [];
  const sets = new Map<string, AnswerSet>();
  for (const s of answerSets) if (!sets.has(key(s.country, s.year))) sets.set(key(s.country, s.year), s);
  const wanted = new Set(published.map((p) => key(p.country, p.year)));
  /** Computed scores per country-year: id or `variant:<id>` → [exact, display]. */
  const computed = new Map<string, Map<string, [string, string] | null>>();
  for (const [k, set] of sets) {
    if (!wanted.has(k)) continue;
    const result = scoreAnswerSet(rubric, set, { reportMissing: false });
    const scores = new Map<string, [string, string] | null>();
    for (const v of result.variants) scores.set(`variant:${v.id}`, v.score === null ? null : [v.score, v.display!]);
    const walk = (n: ScoredNode) => {
      if (!scores.has(n.id)) scores.set(n.id, n.score === null ? null : [n.score, n.display!]);
      n.children.forEach(walk);
    };
    walk(result.root);
    computed.set(k, scores);
  }
  const inconsistencies = checkPublishedConsistency(rubric, published, options);
  const inconsistent = new Set(inconsistencies.map((i) => `${i.country}/${i.year}/${i.node}`));
  for (const i of inconsistencies) {
    diagnostics.push({
      code: 'PUBLISHED_INCONSISTENT',
      severity: 'warning',
      message: `${i.country} ${i.year} ${i.node} is published as ${i.published}, but its own published parts (${i.children.join(', ')}) give ${new D(i.recomputed).toSignificantDigits(6).toFixed()} by the rubric's rule: the published figures contradict each other.`,
      file: i.source.file,
      ...(i.source.line !== undefined ? { line: i.source.line, column: i.source.column ?? 1 } : {}),
      ...(i.source.cell !== undefined ? { path: [i.source.cell] } : {}),
      expected: i.recomputed,
      actual: i.published,
    });
  }
  let compared = 0;
  let agreed = 0;
  const disagreements: PublishedDisagreement[] = [];
  // Did-you-mean for unknown nodes: each distinct name once, a bounded number per table.
  const names = new NameIndex([...rubric.nodes.keys(), ...rubric.variants.map((v) => v.id)]);
  const hints = new Suggestions();
  const limiter = new DiagnosticLimiter(diagnostics);
  for (const p of published) {
    const id = resolve(p.node);
    if (id === undefined) {
      limiter.add('PUBLISHED_UNKNOWN_NODE', p.source.file, () => {
        const hint = hints.didYouMean(p.node, names);
        return {
          code: 'PUBLISHED_UNKNOWN_NODE',
          severity: 'error',
          message: `"${p.node}" is neither a node nor a variant of ${rubric.id}; the score is not compared.`,
          file: p.source.file,
          ...(p.source.line !== undefined ? { line: p.source.line, column: p.source.column ?? 1 } : {}),
          ...(p.source.cell !== undefined ? { path: [p.source.cell] } : {}),
          actual: p.node,
          ...(hint ? { hint } : {}),
        };
      });
      continue;
    }
    compared++;
    const scores = computed.get(key(p.country, p.year));
    const score = scores?.get(id) ?? null;
    let ok = false;
    let computedText: string | null = null;
    if (score) {
      computedText = options.atDisplay ? score[1] : score[0];
      ok = options.atDisplay ? new D(p.value).eq(score[1]) : new D(p.value).minus(score[0]).abs().lte(tolerance);
    }
    if (ok) {
      agreed++;
      continue;
    }
    const d: PublishedDisagreement = {
      country: p.country,
      year: p.year,
      node: p.node,
      published: Number(p.value),
      computed: computedText === null ? null : Number(computedText),
      publishedText: p.value,
      computedText,
      source: p.source,
    };
    if (!scores) d.reason = `no answer set for ${p.country} ${p.year}`;
    else if (!score) d.reason = 'the answers give no score here';
    if (inconsistent.has(`${p.country}/${p.year}/${p.node}`)) d.publisherInconsistent = true;
    disagreements.push(d);
  }
  limiter.finish();
  return { compared, agreed, disagreements, diagnostics, inconsistencies };
}
