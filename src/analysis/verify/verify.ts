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
import { add, cmp, decimalTextValue, exactString, significantString, fromNumber, geometricMean, ratio, readDecimalText, sub, weightedMean, ZERO, type Exact, type Ratio } from '../../exact/index.js';
import { exactNumber } from '../../rubric/numbers.js';
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

/** How many published scores a verification compared, and how many of them it reproduced. */
export interface VerifyCounts {
  /** Published scores compared. */
  compared: number;
  /** Of those, the ones reproduced within the tolerance. */
  agreed: number;
}

/**
 * A published score that the computed score does not reproduce: what every verification
 * reports of it (`verify` against a table, `verify-workbook` against the MIPEX workbook).
 */
export interface VerifyDisagreement {
  country: string;
  year: number;
  /** The node or variant id as published (a MIPEX code such as `c` or `bb28`, or a variant id such as `with-health`). */
  node: string;
  /** The published value as a number (nearest double of the value as written). */
  published: number;
  /** The computed score as a number, or `null` when nothing is computed (no answers, no score). */
  computed: number | null;
}

/** A published score that the computed score does not reproduce, with the exact texts and the published value's source. */
export interface PublishedDisagreement extends VerifyDisagreement {
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
export interface VerifyPublishedResult extends VerifyCounts {
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

/** A published value read by the one decimal grammar: its exact value and the places written. */
type ReadValue = { value: Ratio; places: number };

/** Reads every published value once; a value outside the grammar or its limits is absent from the map. */
function readValues(published: readonly PublishedValue[]): Map<PublishedValue, ReadValue> {
  const out = new Map<PublishedValue, ReadValue>();
  for (const p of published) {
    const r = typeof p.value === 'string' ? readDecimalText(p.value) : undefined;
    if (r?.ok) out.set(p, { value: r.value, places: r.places });
  }
  return out;
}

/** Half a unit in the last decimal place written (`52.78` → 0.005; `53` → 0.5; `5e1` → 5). */
function halfUnit(places: number): Ratio {
  return places >= 0 ? ratio(5n, 10n ** BigInt(places + 1)) : ratio(5n * 10n ** BigInt(-places - 1));
}

const magnitude = (x: Exact): Exact => (cmp(x, ZERO) < 0 ? sub(ZERO, x) : x);

/** The tolerance option as an exact value, or the problem with it. */
function readTolerance(given: unknown): { ok: true; value: Ratio } | { ok: false; message: string } {
  if (given === undefined) return { ok: true, value: (readDecimalText(DEFAULT_VERIFY_TOLERANCE) as { value: Ratio }).value };
  if (typeof given === 'number') {
    return Number.isFinite(given) && given >= 0 ? { ok: true, value: fromNumber(given) } : { ok: false, message: `The tolerance ${String(given)} is not a finite non-negative number.` };
  }
  if (typeof given !== 'string') return { ok: false, message: `The tolerance must be a decimal text or a number, not ${given === null ? 'null' : typeof given}.` };
  const r = readDecimalText(given);
  if (!r.ok) return { ok: false, message: `The tolerance: ${r.message}` };
  if (r.value.n < 0n) return { ok: false, message: `The tolerance "${given.trim()}" is negative.` };
  return { ok: true, value: r.value };
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
  const tol = readTolerance(options.tolerance);
  if (!tol.ok) return [];
  return consistency(rubric, published, tol.value, readValues(published));
}

function consistency(rubric: Rubric, published: readonly PublishedValue[], tolerance: Ratio, read: ReadonlyMap<PublishedValue, ReadValue>): PublishedInconsistency[] {
  const resolve = resolver(rubric);
  const byUnit = new Map<string, Map<string, PublishedValue>>();
  for (const p of published) {
    const id = resolve(p.node);
    if (id === undefined || !read.has(p)) continue;
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
    const xs = values.map((v) => read.get(v!)!.value);
    const weights = children.map((c) => exactNumber(c, 'weight', c.weight));
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
    const widest = values.reduce<Ratio>((s, v) => { const h = halfUnit(read.get(v!)!.places); return cmp(h, s) > 0 ? h : s; }, ZERO);
    const slack = add(add(tolerance, halfUnit(read.get(parent)!.places)), widest);
    if (cmp(magnitude(sub(x, read.get(parent)!.value)), slack) <= 0) return;
    out.push({
      country: parent.country,
      year: parent.year,
      node: parent.node,
      published: parent.value,
      recomputed: exactString(x),
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
  const diagnostics: Diagnostic[] = [];
  const tol = readTolerance(options.tolerance);
  if (!tol.ok) {
    diagnostics.push({ code: 'PUBLISHED_INVALID_OPTION', severity: 'error', message: `${tol.message} Nothing was compared.`, path: ['tolerance'], actual: String(options.tolerance), expected: 'a non-negative decimal number such as 0.005 or 1e-9' });
    return { compared: 0, agreed: 0, disagreements: [], diagnostics, inconsistencies: [] };
  }
  const tolerance = tol.value;
  // Every published value through the one decimal grammar, once; one outside it or its limits is
  // a diagnostic at its cell and is not compared.
  const read = readValues(published);
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
  const inconsistencies = consistency(rubric, published, tolerance, read);
  const inconsistent = new Set(inconsistencies.map((i) => `${i.country}/${i.year}/${i.node}`));
  for (const i of inconsistencies) {
    diagnostics.push({
      code: 'PUBLISHED_INCONSISTENT',
      severity: 'warning',
      message: `${i.country} ${i.year} ${i.node} is published as ${i.published}, but its own published parts (${i.children.join(', ')}) give ${significantString(decimalTextValue(i.recomputed), 6)} by the rubric's rule: the published figures contradict each other.`,
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
    const value = read.get(p);
    if (value === undefined) {
      const r = typeof p.value === 'string' ? readDecimalText(p.value) : undefined;
      diagnostics.push({
        code: 'PUBLISHED_INVALID_VALUE',
        severity: 'error',
        message: `${r && !r.ok ? r.message : 'The published value is not a decimal text.'} The score is not compared.`,
        file: p.source.file,
        ...(p.source.line !== undefined ? { line: p.source.line, column: p.source.column ?? 1 } : {}),
        ...(p.source.cell !== undefined ? { path: [p.source.cell] } : {}),
        actual: typeof p.value === 'string' ? (p.value.length > 80 ? `${p.value.slice(0, 77)}…` : p.value) : String(p.value),
        ...(r && !r.ok ? { expected: r.expected } : {}),
      });
      continue;
    }
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
      ok = options.atDisplay ? cmp(value.value, decimalTextValue(score[1])) === 0 : cmp(magnitude(sub(value.value, decimalTextValue(score[0]))), tolerance) <= 0;
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
