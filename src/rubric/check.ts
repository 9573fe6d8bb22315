/**
 * Semantic checks of a compiled rubric: ids, references, weights, scores, tables, cycles.
 *
 * @module
 */
import type { Diagnostic, DiagnosticCode, PathSegment, Severity } from '../diagnostics/index.js';
import { located, type SourceLocator } from '../source/yaml-source.js';
import { lazyNameIndex, NameIndex, Suggestions } from '../source/suggest.js';
import type { Frame } from './load.js';
import { cmp as compareRatios, exactString, ONE, sub as minus, type Ratio } from '../exact/index.js';
import { declaredScale, ScoreRanges } from './range.js';
import { exactNumber } from './numbers.js';
import type { ConditionValue, DecisionRow, GroupNode, QuestionNode, Rubric, RubricNode, ScoreBand } from './types.js';

/** Words that cannot be option ids because answers use them. */
export const RESERVED_ANSWER_WORDS = ['unknown', 'not-applicable'] as const;

interface CheckContext {
  frames: ReadonlyMap<RubricNode, Frame>;
  rootLocator: SourceLocator;
  /**
   * Whether loading already reported errors. A group without children then comes from
   * children that failed to load (already reported), so it is not reported again.
   */
  priorErrors?: boolean;
}

const MAX_COMBINATIONS = 20_000;

/** Reports a problem at a path below a place of the rubric (a node, a decision table). */
type TableReport = (code: DiagnosticCode, sub: PathSegment[], message: string, extra?: { severity?: Severity; hint?: string | undefined; expected?: string; actual?: string; key?: boolean }) => void;

/** Values a decision-table input can take, when they can be listed. */
function inputDomain(node: RubricNode): { key: string; score: number }[] | undefined {
  if (node.kind !== 'question') return undefined;
  if (node.type === 'single-choice' || node.type === 'yes-no') return node.options.map((o) => ({ key: o.id, score: o.score }));
  return undefined;
}

/** The condition a row sets on an input, or undefined (a wildcard) when the row does not name it. */
export function rowCondition(row: DecisionRow, input: string): ConditionValue | undefined {
  return Object.prototype.hasOwnProperty.call(row.when, input) ? row.when[input] : undefined;
}

/** An exact score as scoring holds it: a fraction of big integers (or a decimal object). */
export type ExactScore = { readonly n: bigint; readonly d: bigint } | { cmp(other: string): number };

const fractions = new Map<string, { n: bigint; d: bigint } | null>();
/** A plain decimal text as n / 10^k (not reduced), or null; cached, since decision tables compare with the same few texts for every answer set. */
function writtenFraction(written: string): { n: bigint; d: bigint } | null {
  let t = fractions.get(written);
  if (t !== undefined) return t;
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(written);
  if (m) {
    const frac = m[3] ?? '';
    t = { n: (m[1] ? -1n : 1n) * BigInt(m[2]! + frac), d: 10n ** BigInt(frac.length) };
  } else t = null;
  if (fractions.size >= 10_000) fractions.clear();
  fractions.set(written, t);
  return t;
}

/** The shortest decimal text of a double (what an author wrote for it). */
function decimalOf(x: number): string {
  const s = String(x);
  if (!/e/i.test(s)) return s;
  // Exponent forms (1e-7, 1e21): spell out the digits.
  const [mant, exp] = s.split(/e/i) as [string, string];
  const neg = mant.startsWith('-');
  const [int, frac = ''] = mant.replace('-', '').split('.');
  const digits = int! + frac;
  const point = int!.length + Number(exp);
  const out = point <= 0 ? `0.${'0'.repeat(-point)}${digits}` : point >= digits.length ? digits + '0'.repeat(point - digits.length) : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return (neg ? '-' : '') + out;
}

/** A decision-table condition made ready for matching many values: see {@link compileCondition}. */
export interface CompiledCondition {
  /** No condition, or `*`: every value matches. */
  readonly any: boolean;
  /** `missing`: only a value that is absent matches. */
  readonly missing: boolean;
  /** The option ids listed. */
  readonly keys: readonly string[];
  /** The scores listed: the number, the text it was written as, and that text as an exact fraction (null if it is not a plain decimal). */
  readonly scores: readonly { readonly c: number; readonly written: string; readonly t: { n: bigint; d: bigint } | null }[];
}

/**
 * A row's condition on one input, made ready for matching: its items, the texts its scores were
 * written as (`texts`, from the rubric source; else the number's shortest decimal) and their
 * exact fractions, worked out once for a table that is matched for every answer set.
 */
export function compileCondition(cond: ConditionValue | undefined, texts?: (index: number, written: number) => string | undefined): CompiledCondition {
  if (cond === undefined || cond === '*') return { any: true, missing: false, keys: [], scores: [] };
  if (cond === 'missing') return { any: false, missing: true, keys: [], scores: [] };
  const items = Array.isArray(cond) ? cond : [cond];
  const keys: string[] = [];
  const scores: { c: number; written: string; t: { n: bigint; d: bigint } | null }[] = [];
  items.forEach((c, i) => {
    if (typeof c !== 'number') keys.push(c);
    else {
      const written = texts?.(Array.isArray(cond) ? i : -1, c) ?? (Number.isInteger(c) && Number.isSafeInteger(c) ? String(c) : decimalOf(c));
      scores.push({ c, written, t: writtenFraction(written) });
    }
  });
  return { any: false, missing: false, keys, scores };
}

/**
 * Does an input, given as option id and score (or missing), meet a compiled condition? Scores
 * are compared exactly: an exact input score against the text the condition's number was written
 * as, a plain number against the number.
 */
export function compiledConditionMatches(cc: CompiledCondition, value: { key?: string; score?: number | ExactScore } | undefined): boolean {
  if (cc.any) return true;
  if (cc.missing) return value === undefined;
  if (value === undefined) return false;
  const { key, score } = value;
  if (key !== undefined) for (const k of cc.keys) if (k === key) return true;
  if (score === undefined) return false;
  for (const s of cc.scores) {
    if (typeof score === 'number') {
      if (score === s.c) return true;
    } else if ('n' in score) {
      if (s.t !== null && score.n * s.t.d === s.t.n * score.d) return true;
    } else if (score.cmp(s.written) === 0) return true;
  }
  return false;
}

/**
 * Checks a compiled rubric and returns every problem as a positioned diagnostic.
 * Called by `loadRubric`; exposed for tools that build rubrics in code.
 */
export function checkRubric(rubric: Rubric, context: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  // Did-you-mean: each distinct text once, a bounded number per rubric.
  const hints = new Suggestions();
  const near = (text: string, names: Iterable<string>) => hints.didYouMean(text, () => new NameIndex(names));
  const questionIds = lazyNameIndex(() => rubric.questions.map((x) => x.id));
  const report = (
    code: DiagnosticCode,
    node: RubricNode | undefined,
    sub: PathSegment[],
    message: string,
    extra: { severity?: Severity; hint?: string; expected?: string; actual?: string; key?: boolean } = {},
  ): void => {
    const frame = node ? context.frames.get(node) : undefined;
    const locator = frame?.locator ?? context.rootLocator;
    const path = [...(frame?.path ?? []), ...sub];
    const { key, severity, ...rest } = extra;
    out.push(located(locator, { code, severity: severity ?? 'error', message, path, ...rest }, { key: key ?? false }));
  };
  const { min, max } = rubric.scale;
  const ranges = new ScoreRanges(rubric);
  const inScale = (n: number) => Number.isFinite(n) && n >= min && n <= max;
  const checkScoreAt = (at: TableReport, sub: PathSegment[], score: number, what: string) => {
    if (!inScale(score)) at('RUBRIC_SCORE_OUT_OF_SCALE', sub, `The ${what} score ${score} is outside the scale ${min}–${max}.`, { expected: `${min}–${max}`, actual: String(score) });
  };
  const checkScore = (node: RubricNode, sub: PathSegment[], score: number, what: string) => {
    if (!inScale(score)) checkScoreAt((code, path, message, extra) => report(code, node, path, message, extra), sub, score, what);
  };

  // ── ids ──
  const seen = new Map<string, RubricNode>();
  const all: RubricNode[] = [];
  const walk = (n: RubricNode) => {
    all.push(n);
    n.children.forEach(walk);
  };
  walk(rubric.root);
  for (const n of all) {
    const prev = seen.get(n.id);
    if (prev) {
      report('RUBRIC_DUPLICATE_ID', n, ['id'], `The id "${n.id}" is already used by the ${prev.kind} declared at ${prev.source.file}:${prev.source.line}.`);
    } else seen.set(n.id, n);
  }
  for (const n of all) {
    n.aliases.forEach((a, i) => {
      if (seen.has(a) && seen.get(a) !== n) report('RUBRIC_DUPLICATE_ID', n, ['aliases', i], `The alias "${a}" is also the id of another node.`);
    });
  }

  for (const n of all) {
    // ── weights ──
    if (n !== rubric.root && (!Number.isFinite(n.weight) || n.weight <= 0)) {
      report('RUBRIC_INVALID_WEIGHT', n, ['weight'], `The weight of "${n.id}" must be a finite number greater than 0.`, { actual: String(n.weight) });
    }
    if (n.kind === 'question') checkQuestion(n);
    else checkGroup(n);
  }

  function checkQuestion(q: QuestionNode): void {
    const need = (field: string, present: boolean) => {
      if (!present) report('SCHEMA_MISSING_FIELD', q, [], `A ${q.type} question needs \`${field}\`.`, { hint: `Add \`${field}\` to question "${q.id}".` });
      return present;
    };
    if (q.type === 'single-choice' || q.type === 'multiple-choice') {
      if (need('options', q.options.length > 0)) {
        const ids = new Set<string>();
        q.options.forEach((o, i) => {
          if (ids.has(o.id)) report('RUBRIC_OPTION_DUPLICATE', q, ['options', i, 'id'], `Question "${q.id}" has two options with id "${o.id}".`);
          ids.add(o.id);
          if ((RESERVED_ANSWER_WORDS as readonly string[]).includes(o.id)) report('RUBRIC_RESERVED_ID', q, ['options', i, 'id'], `"${o.id}" is reserved for answers and cannot be an option id.`);
          checkScore(q, ['options', i, 'score'], o.score, 'option');
        });
      }
    }
    if (q.type === 'single-choice' || q.type === 'yes-no' || q.type === 'number') {
      if (q.scoring) report('SCHEMA_INVALID_VALUE', q, ['scoring'], `\`scoring\` applies only to multiple-choice questions.`, { key: true });
    }
    if (q.type === 'multiple-choice') {
      const scoring = q.scoring ?? { method: 'sum' as const };
      if (scoring.method === 'sum') {
        const hi = q.options.reduce((s, o) => s + Math.max(0, o.score), 0);
        const lo = q.options.reduce((s, o) => s + Math.min(0, o.score), 0);
        if (hi > max || lo < min) report('RUBRIC_MULTIPLE_CHOICE_RANGE', q, ['options'], `Summing the checked options of "${q.id}" can give ${hi > max ? hi : lo}, outside the scale ${min}–${max}.`);
      } else if (scoring.method === 'count') {
        checkBands(q, ['scoring', 'bands'], scoring.bands, { min: 0, max: q.options.length });
      } else {
        const ids = new Set(q.options.map((o) => o.id));
        scoring.rules.forEach((r, i) => {
          checkScore(q, ['scoring', 'rules', i, 'score'], r.score, 'rule');
          for (const k of ['all', 'any', 'none'] as const) {
            r[k]?.forEach((id, j) => {
              if (!ids.has(id)) report('RUBRIC_UNKNOWN_REFERENCE', q, ['scoring', 'rules', i, k, j], `Rule refers to option "${id}", which "${q.id}" does not have.`, { hint: near(id, ids) ?? `Options: ${[...ids].join(', ')}` });
            });
          }
        });
        if (scoring.default !== undefined) checkScore(q, ['scoring', 'default'], scoring.default, 'default');
      }
    }
    if (q.type === 'number' && need('bands', !!q.bands?.length)) {
      checkBands(q, ['bands'], q.bands!, q.range ?? {});
    }
    if (q.type === 'yes-no' && need('scores', !!q.scores)) {
      checkScore(q, ['scores', 'yes'], q.scores!.yes, 'yes');
      checkScore(q, ['scores', 'no'], q.scores!.no, 'no');
    }
    if (q.type !== 'number' && q.bands) report('SCHEMA_INVALID_VALUE', q, ['bands'], '`bands` applies only to number questions.', { key: true });
    if (q.notApplicable !== 'omit') checkScore(q, ['notApplicable', 'score'], q.notApplicable.score, 'not-applicable');
    if (q.appliesWhen) {
      const target = rubric.nodes.get(q.appliesWhen.question);
      if (!target) {
        report('RUBRIC_UNKNOWN_REFERENCE', q, ['appliesWhen', 'question'], `"${q.id}" depends on "${q.appliesWhen.question}", which does not exist.`, { hint: hints.didYouMean(q.appliesWhen.question, questionIds) });
      } else if (target.kind !== 'question') {
        report('RUBRIC_APPLICABILITY', q, ['appliesWhen', 'question'], `"${q.id}" depends on "${target.id}", which is not a question.`);
      } else if (target === q) {
        report('RUBRIC_CYCLE', q, ['appliesWhen', 'question'], `"${q.id}" cannot depend on itself.`);
      } else if (target.type !== 'number') {
        const allowed = new Set(target.options.map((o) => o.id));
        q.appliesWhen.in.forEach((v, i) => {
          const key = typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v);
          if (!allowed.has(key)) report('RUBRIC_APPLICABILITY', q, ['appliesWhen', 'in', i], `"${target.id}" has no answer "${key}".`, { expected: [...allowed].join(', ') });
        });
      }
    }
  }

  function checkBands(q: QuestionNode, sub: PathSegment[], bands: readonly ScoreBand[], range: { min?: number; max?: number }): void {
    // Bounds are compared exactly, as written (integers beyond 2^53, long decimals), never as doubles.
    const exact = (owner: object, field: 'min' | 'max', v: number | undefined): Ratio | undefined => (v === undefined ? undefined : exactNumber(owner, field, v));
    const isWhole = (x: Ratio) => x.d === 1n;
    const bounds = bands.map((b, i) => ({ b, i, min: exact(b, 'min', b.min), max: exact(b, 'max', b.max) }));
    bounds.forEach(({ b, i, min, max }) => {
      checkScore(q, [...sub, i, 'score'], b.score, 'band');
      if (min && max && compareRatios(min, max) > 0) report('SCHEMA_INVALID_VALUE', q, [...sub, i], `Band ${i + 1} of "${q.id}" has min ${b.min} above max ${b.max}.`);
    });
    // Open lower bounds first, then by exact lower bound.
    const sorted = [...bounds].sort((x, y) => (x.min === undefined ? (y.min === undefined ? 0 : -1) : y.min === undefined ? 1 : compareRatios(x.min, y.min)));
    for (let k = 1; k < sorted.length; k++) {
      const prev = sorted[k - 1]!;
      const cur = sorted[k]!;
      if (prev.max === undefined || cur.min === undefined || compareRatios(cur.min, prev.max) <= 0) {
        report('RUBRIC_BANDS_OVERLAP', q, [...sub, cur.i], `Band ${cur.i + 1} of "${q.id}" overlaps band ${prev.i + 1}.`);
        continue;
      }
      if (compareRatios(minus(cur.min, prev.max), ONE) > 0 || !isWhole(cur.min) || !isWhole(prev.max)) {
        report('RUBRIC_BANDS_GAP', q, [...sub, cur.i], `Values between ${prev.b.max} and ${cur.b.min} fall in no band of "${q.id}".`, { severity: 'warning' });
      }
    }
    const lowest = sorted[0];
    // The highest upper bound; a band open above covers every value, so there is no gap at the top.
    const openAbove = sorted.some((s) => s.max === undefined);
    let highest: (typeof sorted)[number] | undefined;
    if (!openAbove) for (const s of sorted) if (!highest || compareRatios(s.max!, highest.max!) > 0) highest = s;
    const rangeMin = exact(range, 'min', range.min);
    const rangeMax = exact(range, 'max', range.max);
    if (rangeMin && lowest?.min && compareRatios(lowest.min, rangeMin) > 0) report('RUBRIC_BANDS_GAP', q, sub, `Values from ${range.min} to below ${lowest.b.min} fall in no band of "${q.id}".`, { severity: 'warning' });
    if (rangeMax && highest?.max && compareRatios(highest.max, rangeMax) < 0) report('RUBRIC_BANDS_GAP', q, sub, `Values above ${highest.b.max} up to ${range.max} fall in no band of "${q.id}".`, { severity: 'warning' });
  }

  function checkGroup(g: GroupNode): void {
    if (g.children.length === 0) {
      if (!context.priorErrors) report('RUBRIC_EMPTY_NODE', g, [], `"${g.id}" has no children to aggregate.`);
      return;
    }
    const agg = g.aggregation;
    if (agg.method === 'geometric-mean' && min < 0) report('RUBRIC_GEOMETRIC_NEGATIVE', g, ['aggregation'], `"${g.id}" uses a geometric mean on a scale that allows negative scores.`);
    if ((agg.method === 'mean' || agg.method === 'weighted-mean') && agg.over === 'indicators' && g.kind !== 'area' && g.kind !== 'index') {
      report('SCHEMA_INVALID_VALUE', g, ['aggregation', 'over'], '`over: indicators` is only meaningful on an area.');
    }
    // The rubric's own table is checked as the variants that use it.
    // The rubric's own sum is checked as the variants that use it.
    if (agg.method === 'sum') {
      if (g !== rubric.root) checkSum(g, agg);
    }
    else {
      // A multiplier counts only where a node's points are summed (at the root: in a variant that sums its areas).
      const summed = g === rubric.root && rubric.variants.some((v) => v.aggregation.method === 'sum');
      for (const c of g.children) {
        if (c.multiplier !== undefined && !summed) report('SCHEMA_INVALID_VALUE', c, ['multiplier'], `\`multiplier\` of "${c.id}" applies only when its parent sums its parts (\`aggregation: sum\`), which "${g.id}" does not.`, { key: true });
      }
    }
    if (agg.method === 'decision-table' && g !== rubric.root) checkTable(g, g.children, agg, (code, sub, message, extra) => report(code, g, ['aggregation', ...sub], message, extra));
  }

  /** A `sum`'s declared scale must hold every total its parts can produce; `at` reports at a path below the aggregation. */
  function checkSum(g: GroupNode, agg: Extract<GroupNode['aggregation'], { method: 'sum' }>): void {
    checkSumScale(g.id, g, agg, (code, sub, message, extra) => report(code, g, ['aggregation', ...sub], message, extra));
  }
  function checkSumScale(id: string, parts: Pick<GroupNode, 'children' | 'missing'>, agg: Extract<GroupNode['aggregation'], { method: 'sum' }>, at: TableReport): void {
    const declared = declaredScale(agg);
    if (!declared) return;
    const can = ranges.sumRange(parts);
    if (compareRatios(declared.min, can.min) > 0 || compareRatios(declared.max, can.max) < 0) {
      const span = (r: { min: Ratio; max: Ratio }) => `${exactString(r.min)}–${exactString(r.max)}`;
      at('RUBRIC_SUM_SCALE', ['scale'], `The scale ${span(declared)} declared for the sum "${id}" cannot hold the totals its parts can produce, ${span(can)}.`, { expected: `a scale from at most ${exactString(can.min)} to at least ${exactString(can.max)}`, actual: span(declared) });
    }
  }

  /**
   * Checks the decision table `agg` of `owner` (a group, or a variant), whose parts are
   * `children`; `at` reports a problem at a path below the table.
   */
  function checkTable(owner: { id: string }, children: readonly RubricNode[], agg: Extract<GroupNode['aggregation'], { method: 'decision-table' }>, at: TableReport): void {
    const g = owner;
    const partWord = 'kind' in owner ? 'a child' : 'an area';
    const byId = new Map(children.map((c) => [c.id, c]));
    const inputs: RubricNode[] = [];
    agg.inputs.forEach((id, i) => {
      const c = byId.get(id);
      if (!c) at('RUBRIC_DECISION_TABLE_INPUT', ['inputs', i], `Decision-table input "${id}" is not ${partWord} of "${g.id}".`, { hint: near(id, byId.keys()) ?? `${partWord === 'a child' ? 'Children' : 'Areas'}: ${[...byId.keys()].join(', ')}` });
      else inputs.push(c);
    });
    const inputIds = new Set(agg.inputs);
    agg.rows.forEach((row, r) => {
      checkScoreAt(at, ['rows', r, 'score'], row.score, 'decision-table');
      for (const [key, cond] of Object.entries(row.when)) {
        if (!inputIds.has(key)) {
          at('RUBRIC_DECISION_TABLE_INPUT', ['rows', r, 'when', key], `Row ${r + 1} tests "${key}", which is not an input of the table.`, { hint: near(key, inputIds), key: true });
          continue;
        }
        const input = byId.get(key);
        const domain = input ? inputDomain(input) : undefined;
        const items = cond === '*' || cond === 'missing' ? [] : Array.isArray(cond) ? cond : [cond];
        for (const item of items) {
          if (typeof item === 'string') {
            if (!domain) at('RUBRIC_DECISION_TABLE_INPUT', ['rows', r, 'when', key], `Row ${r + 1} tests "${key}" for the option "${item}", but "${key}" has no options; test its score instead.`);
            else if (!domain.some((d) => d.key === item)) at('RUBRIC_DECISION_TABLE_INPUT', ['rows', r, 'when', key], `"${key}" has no option "${item}".`, { expected: domain.map((d) => d.key).join(', '), hint: near(item, domain.map((d) => d.key)) });
          } else if (domain && !domain.some((d) => d.score === item)) {
            at('RUBRIC_DECISION_TABLE_INPUT', ['rows', r, 'when', key], `No option of "${key}" scores ${item}.`, { expected: [...new Set(domain.map((d) => d.score))].join(', '), severity: 'warning' });
          }
        }
      }
    });
    if (agg.default !== undefined) checkScoreAt(at, ['default'], agg.default, 'default');
    // Coverage: enumerate answer combinations when every input has a finite domain.
    const domains = inputs.map(inputDomain);
    if (inputs.length !== agg.inputs.length || domains.some((d) => !d)) return;
    const total = domains.reduce((p, d) => p * d!.length, 1);
    if (total > MAX_COMBINATIONS) return;
    const used = new Set<number>();
    const uncovered: string[] = [];
    const combo: { key: string; score: number }[] = [];
    // Each row's conditions compiled once, not once per combination.
    const compiled = agg.rows.map((row) => inputs.map((inp) => compileCondition(rowCondition(row, inp.id))));
    const visit = (k: number): void => {
      if (k === inputs.length) {
        const idx = compiled.findIndex((conds) => conds.every((c, j) => compiledConditionMatches(c, combo[j])));
        if (idx >= 0) used.add(idx);
        else if (agg.default === undefined) uncovered.push(inputs.map((inp, j) => `${inp.id}=${combo[j]!.key}`).join(', '));
        return;
      }
      for (const v of domains[k]!) {
        combo[k] = v;
        visit(k + 1);
      }
    };
    visit(0);
    if (uncovered.length) {
      const shown = uncovered.slice(0, 5).join('; ');
      at('RUBRIC_DECISION_TABLE_UNCOVERED', ['rows'], `${uncovered.length} answer combination(s) of "${g.id}" match no row: ${shown}${uncovered.length > 5 ? '; …' : ''}.`, { severity: 'warning', hint: 'Add rows, a final row of wildcards, or a `default`.' });
    }
    agg.rows.forEach((_, r) => {
      if (!used.has(r)) {
        const onlyMissing = Object.values(agg.rows[r]!.when).some((c) => c === 'missing');
        if (!onlyMissing) at('RUBRIC_DECISION_TABLE_UNREACHABLE_ROW', ['rows', r], `Row ${r + 1} of "${g.id}" never matches: earlier rows catch every combination it covers.`, { severity: 'warning' });
      }
    });
  }

  // ── applicability cycles ──
  const deps = new Map<string, string>();
  for (const q of rubric.questions) if (q.appliesWhen) deps.set(q.id, q.appliesWhen.question);
  const reportedCycle = new Set<string>();
  for (const start of deps.keys()) {
    const trail: string[] = [start];
    let cur = deps.get(start);
    while (cur !== undefined) {
      if (cur === start) {
        if (!trail.some((t) => reportedCycle.has(t)) && trail.length > 1) {
          trail.forEach((t) => reportedCycle.add(t));
          report('RUBRIC_CYCLE', rubric.nodes.get(start), ['appliesWhen', 'question'], `Applicability conditions form a cycle: ${[...trail, start].join(' → ')}.`);
        }
        break;
      }
      if (trail.includes(cur)) break;
      trail.push(cur);
      cur = deps.get(cur);
    }
  }

  // ── variants ──
  const areaIds = new Set(rubric.root.children.map((a) => a.id));
  const variantIds = new Set<string>();
  const inVariant = new Set<string>();
  let defaults = 0;
  rubric.variants.forEach((v, i) => {
    const at = (sub: PathSegment[], code: DiagnosticCode, message: string, hint?: string) =>
      out.push(located(context.rootLocator, { code, severity: 'error', message, path: ['variants', i, ...sub], ...(hint ? { hint } : {}) }));
    if (variantIds.has(v.id)) at(['id'], 'RUBRIC_VARIANT', `Two variants are called "${v.id}".`);
    variantIds.add(v.id);
    if (v.default) defaults++;
    const mine = new Set<string>();
    v.areas.forEach((a, j) => {
      if (!areaIds.has(a)) at(['areas', j], 'RUBRIC_UNKNOWN_REFERENCE', `Variant "${v.id}" names the area "${a}", which does not exist.`, near(a, areaIds));
      if (mine.has(a)) at(['areas', j], 'RUBRIC_VARIANT', `Variant "${v.id}" lists the area "${a}" twice.`);
      mine.add(a);
      inVariant.add(a);
    });
  });
  // A variant's decision table reads its areas.
  const areasById = new Map(rubric.root.children.map((a) => [a.id, a]));
  // A variant that sums its areas: its declared scale must hold what they can add up to.
  rubric.variants.forEach((v, i) => {
    const agg = v.aggregation;
    if (agg.method !== 'decision-table' && agg.method !== 'sum') return;
    const own: PathSegment[] = ['variants', i, 'aggregation'];
    const base = context.rootLocator.locate(own) ? own : ['aggregation'];
    const areas = v.areas.map((id) => areasById.get(id)).filter((a): a is RubricNode => a !== undefined);
    const at: TableReport = (code, sub, message, extra = {}) => {
      const { key, severity, ...rest } = extra;
      out.push(located(context.rootLocator, { code, severity: severity ?? 'error', message, path: [...base, ...sub], ...rest }, { key: key ?? false }));
    };
    if (agg.method === 'sum') checkSumScale(v.id, { children: areas, missing: v.missing }, agg, at);
    else checkTable(v, areas, agg, at);
  });
  if (defaults > 1) out.push(located(context.rootLocator, { code: 'RUBRIC_VARIANT', severity: 'error', message: 'More than one variant is marked `default: true`.', path: ['variants'] }));
  for (const a of rubric.root.children) {
    if (!inVariant.has(a.id)) report('RUBRIC_UNREACHABLE_NODE', a, ['id'], `The area "${a.id}" is in no variant, so it never reaches a top score.`, { severity: 'warning' });
  }
  return out;
}
