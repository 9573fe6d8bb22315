/**
 * A small, independent reference scorer for tests. It reads the rubric and answers as plain
 * YAML data (not through the library) and follows the rules of the format documentation:
 * decimal.js with 100 significant digits, so its results can be compared with the library's
 * 60-digit results to far more places than any display shows.
 */
import { Decimal } from 'decimal.js';
import { parse } from 'yaml';

export const R = Decimal.clone({ precision: 100, rounding: Decimal.ROUND_HALF_EVEN });
export type RD = InstanceType<typeof R>;

type Raw = Record<string, any>;
/** A reference value: a score, no score (`missing`), or does not apply (`na`). */
export type RefValue = { kind: 'score'; v: RD; keys: string[] } | { kind: 'missing' } | { kind: 'na' };

export interface RefResult {
  nodes: Map<string, RefValue>;
  variants: Map<string, RefValue>;
}

const missing: RefValue = { kind: 'missing' };
const na: RefValue = { kind: 'na' };
const score = (v: RD | number, keys: string[] = []): RefValue => ({ kind: 'score', v: new R(v), keys });

/** Reads a rubric index text plus included files into one raw tree. */
export function readRawRubric(index: string, files: Record<string, string> = {}): Raw {
  const raw = parse(index) as Raw;
  raw.areas = (raw.areas as Raw[]).map((a) => (a.include ? (parse(files[a.include]!) as Raw) : a));
  return raw;
}

function childrenOf(n: Raw): Raw[] {
  return (n.dimensions ?? n.indicators ?? n.questions ?? []) as Raw[];
}

function inBand(b: Raw, x: number): boolean {
  return (b.min === undefined || x >= b.min) && (b.max === undefined || x <= b.max);
}

/** Scores one plain answer value of a question (no regions). */
function valueScore(q: Raw, v: unknown): RefValue {
  if (v === 'unknown') return missing;
  if (v === 'not-applicable') return na;
  switch (q.type) {
    case 'yes-no': {
      const yes = v === true || v === 'yes';
      return score(yes ? q.scores.yes : q.scores.no, [yes ? 'yes' : 'no']);
    }
    case 'single-choice': {
      const o = (q.options as Raw[]).find((x) => x.id === v)!;
      return score(o.score, [o.id]);
    }
    case 'number':
      return score((q.bands as Raw[]).find((b) => inBand(b, v as number))!.score);
    case 'multiple-choice': {
      const checked = new Set(Array.isArray(v) ? (v as string[]) : [v as string]);
      const opts = (q.options as Raw[]).filter((o) => checked.has(o.id));
      const method = q.scoring?.method ?? 'sum';
      const keys = opts.map((o) => o.id as string);
      if (method === 'sum') return score(opts.reduce<RD>((s, o) => s.plus(o.score as number), new R(0)), keys);
      if (method === 'count') return score((q.scoring.bands as Raw[]).find((b) => inBand(b, opts.length))!.score, keys);
      const rule = (q.scoring.rules as Raw[]).find(
        (r) => (r.all ?? []).every((x: string) => checked.has(x)) && (r.any === undefined || r.any.some((x: string) => checked.has(x))) && (r.none ?? []).every((x: string) => !checked.has(x)),
      );
      return score(rule ? rule.score : q.scoring.default, keys);
    }
  }
  throw new Error(`unknown type ${q.type}`);
}

function answerOf(entry: unknown): { value?: unknown; byRegion?: Record<string, unknown> } | undefined {
  if (entry === undefined) return undefined;
  if (entry !== null && typeof entry === 'object' && !Array.isArray(entry)) {
    const e = entry as { answer?: unknown; byRegion?: Record<string, unknown> };
    return e.byRegion ? { byRegion: e.byRegion } : { value: e.answer };
  }
  return { value: entry };
}

/**
 * Scores raw answers (the `answers` mapping of an answer set) with a raw rubric.
 */
export function referenceScore(rubric: Raw, answers: Record<string, unknown>): RefResult {
  const nodes = new Map<string, RefValue>();
  const questions = new Map<string, Raw>();
  const walk = (n: Raw) => {
    if (n.type) questions.set(n.id, n);
    childrenOf(n).forEach(walk);
  };
  (rubric.areas as Raw[]).forEach(walk);
  const min = new R(rubric.scale?.min ?? 0);
  const rubricRegions = rubric.regions ?? 'mean';

  const questionValue = (q: Raw): RefValue => {
    // Applicability first.
    if (q.appliesWhen) {
      const dep = questionValue(questions.get(q.appliesWhen.question)!);
      const wanted = (q.appliesWhen.in as unknown[]).map((x) => (x === true ? 'yes' : x === false ? 'no' : String(x)));
      const applies = dep.kind === 'score' ? dep.keys.some((k) => wanted.includes(k)) : dep.kind === 'na' ? false : undefined;
      if (applies === false) return q.notApplicable?.score !== undefined ? score(q.notApplicable.score) : na;
    }
    const a = answerOf(answers[q.id]);
    if (!a) return missing;
    let v: RefValue;
    if (a.byRegion) {
      const parts = Object.values(a.byRegion).map((x) => valueScore(q, x)).filter((x): x is Extract<RefValue, { kind: 'score' }> => x.kind === 'score');
      if (parts.length === 0) return missing;
      const rule = q.regions ?? rubricRegions;
      const vals = parts.map((p) => p.v);
      const combined = rule === 'minimum' ? R.min(...vals) : rule === 'maximum' ? R.max(...vals) : vals.reduce((s, x) => s.plus(x), new R(0)).div(vals.length);
      v = score(combined, [...new Set(parts.flatMap((p) => p.keys))]);
    } else v = valueScore(q, a.value);
    if (v.kind === 'na' && q.notApplicable?.score !== undefined) return score(q.notApplicable.score);
    return v;
  };

  const method = (agg: unknown): string => (agg === undefined ? 'mean' : typeof agg === 'string' ? agg : (agg as Raw).method);

  const combine = (agg: unknown, parts: { node: Raw; value: RefValue }[], rule: { policy: string; minShare: number }): RefValue => {
    const m = method(agg);
    if (m === 'decision-table') {
      const t = agg as Raw;
      const inputs: string[] = t.inputs ?? parts.map((p) => p.node.id);
      const value = (id: string) => parts.find((p) => p.node.id === id)!.value;
      if (parts.every((p) => p.value.kind === 'na')) return na;
      const matches = (cond: unknown, v: RefValue): boolean => {
        if (cond === undefined || cond === '*') return true;
        if (cond === 'missing') return v.kind !== 'score';
        if (v.kind !== 'score') return false;
        const items = Array.isArray(cond) ? cond : [cond];
        return items.some((c) => (typeof c === 'number' ? v.v.eq(c) : v.keys.length === 1 && v.keys[0] === c));
      };
      const row = (t.rows as Raw[]).find((r) => inputs.every((id) => matches(Object.hasOwn(r.when, id) ? r.when[id] : undefined, value(id))));
      if (row) return score(row.score);
      if (inputs.some((id) => value(id).kind !== 'score')) return missing;
      return t.default !== undefined ? score(t.default) : missing;
    }
    const applicable = parts.filter((p) => p.value.kind !== 'na');
    if (applicable.length === 0) return na;
    const scored = applicable.filter((p) => p.value.kind === 'score');
    const nMissing = applicable.length - scored.length;
    if (scored.length === 0) return missing;
    if (nMissing > 0 && rule.policy === 'fail') return missing;
    if (scored.length / applicable.length < rule.minShare) return missing;
    const terms = (rule.policy === 'minimum' ? applicable : scored).map((p) => ({
      w: new R(m === 'weighted-mean' || m === 'geometric-mean' ? (p.node.weight ?? 1) : 1),
      v: p.value.kind === 'score' ? p.value.v : min,
    }));
    const sumW = terms.reduce((s, t) => s.plus(t.w), new R(0));
    if (m === 'minimum') return score(R.min(...terms.map((t) => t.v)));
    if (m === 'maximum') return score(R.max(...terms.map((t) => t.v)));
    if (m === 'geometric-mean') {
      if (terms.some((t) => t.v.isZero())) return score(0);
      return score(R.exp(terms.reduce((s, t) => s.plus(t.w.times(R.ln(t.v))), new R(0)).div(sumW)));
    }
    return score(terms.reduce((s, t) => s.plus(t.w.times(t.v)), new R(0)).div(sumW));
  };

  const rootMissing = { policy: rubric.missing?.policy ?? 'omit', minShare: rubric.missing?.minShare ?? 0 };
  const merge = (base: { policy: string; minShare: number }, over: Raw | undefined) => ({ policy: over?.policy ?? base.policy, minShare: over?.minShare ?? base.minShare });

  const nodeValue = (n: Raw, rule: { policy: string; minShare: number }): RefValue => {
    let v: RefValue;
    if (n.type) v = questionValue(n);
    else {
      const mine = merge(rule, n.missing);
      const parts = childrenOf(n).map((c) => ({ node: c, value: nodeValue(c, mine) }));
      v = combine(n.aggregation, parts, mine);
    }
    nodes.set(n.id, v);
    return v;
  };
  const areaValues = new Map<string, { node: Raw; value: RefValue }>();
  for (const a of rubric.areas as Raw[]) areaValues.set(a.id, { node: a, value: nodeValue(a, rootMissing) });
  const variants = new Map<string, RefValue>();
  const declared = (rubric.variants as Raw[] | undefined) ?? [{ id: 'all', areas: [...areaValues.keys()] }];
  for (const v of declared) {
    variants.set(v.id, combine(v.aggregation ?? rubric.aggregation, (v.areas as string[]).map((id) => areaValues.get(id)!), merge(rootMissing, v.missing)));
  }
  return { nodes, variants };
}

/** Rounds a reference value for display like the rubric declares. */
export function refDisplay(v: RD, precision: number, rounding: 'half-up' | 'half-even' | 'half-down' | 'up' | 'down'): string {
  const mode = { 'half-up': R.ROUND_HALF_UP, 'half-even': R.ROUND_HALF_EVEN, 'half-down': R.ROUND_HALF_DOWN, up: R.ROUND_UP, down: R.ROUND_DOWN }[rounding];
  return v.toFixed(precision, mode);
}
