/**
 * Turns one answer into a score on the rubric scale, per the question's kind.
 *
 * @module
 */
import type { DiagnosticCode } from '../diagnostics/index.js';
import type { QuestionNode, ScoreBand } from '../rubric/types.js';
import { exactNumber, numberText } from '../rubric/numbers.js';
import { didYouMean } from '../source/suggest.js';
import { add, div, DECIMAL_TEXT_LIMITS, fromDecimalText, fromNumber, cmp, toDec, ZERO, type Exact } from '../exact/index.js';
import type { Answer, AnswerValue } from './types.js';

/** A problem with one answer value. */
export interface AnswerProblem {
  code: DiagnosticCode;
  message: string;
  expected?: string;
  actual?: string;
  hint?: string;
}

/** What a single (non-regional) value means for a question. */
export type InterpretedValue =
  | { status: 'answered'; score: Exact; label: string; optionIds: readonly string[]; matched?: string }
  | { status: 'unknown' }
  | { status: 'not-applicable' }
  | { status: 'invalid'; problem: AnswerProblem };

/** What a whole answer (possibly regional) means for a question. */
export type InterpretedAnswer =
  | {
      status: 'answered';
      score: Exact;
      label: string;
      optionIds: readonly string[];
      matched?: string;
      regions?: readonly { region: string; score: Exact; label: string; optionIds: readonly string[] }[];
      /** The score is the one recorded for the unit; the regional answers behind it are not recorded. */
      regionsNotRecorded?: true;
    }
  | { status: 'unknown' }
  | { status: 'not-applicable' }
  | { status: 'invalid'; problem: AnswerProblem };

const describe = (v: unknown) => (Array.isArray(v) ? `[${v.join(', ')}]` : JSON.stringify(v));

/** Whether the exact value `x` lies in the band, its bounds read exactly as written in the rubric. */
function inBand(b: ScoreBand, x: Exact): boolean {
  return (b.min === undefined || cmp(x, exactNumber(b, 'min', b.min)) >= 0) && (b.max === undefined || cmp(x, exactNumber(b, 'max', b.max)) <= 0);
}

/** The exact value of a number answer: its written text when the loader kept it, else the number. */
function exactAnswer(value: number, text: string | undefined): Exact {
  return (text !== undefined ? fromDecimalText(text) : undefined) ?? fromNumber(value);
}

function bandLabel(b: ScoreBand): string {
  if (b.label) return b.label;
  if (b.min !== undefined && b.max !== undefined) return b.min === b.max ? `${b.min}` : `${b.min}–${b.max}`;
  if (b.min !== undefined) return `${b.min} or more`;
  if (b.max !== undefined) return `up to ${b.max}`;
  return 'any value';
}

/**
 * The interpretations of plain values of one question, remembered as they are made: scoring
 * looks answers up by the hundred thousand, and most are one of a few option ids. Owned by a
 * compiled rubric (see `CompiledQuestions` in `./validate.ts`), made for a question whose data
 * no longer changes: a rubric edited in memory is compiled again, with new memos. At most
 * {@link ValueMemo.LIMIT} values are kept, so that hostile answers cannot grow it without bound.
 */
export class ValueMemo {
  static readonly LIMIT = 1000;
  readonly #values = new Map<string | number | boolean, InterpretedValue>();
  /**
   * The interpretation remembered under `key`: for a string answer that does not start with
   * NUL, the string itself (a list of ids has its own key), once {@link interpretValue} has made it.
   */
  get(key: string | number | boolean): InterpretedValue | undefined {
    return this.#values.get(key);
  }
  /** Remembers an interpretation (while there is room). */
  keep(key: string | number | boolean, value: InterpretedValue): void {
    if (this.#values.size < ValueMemo.LIMIT) this.#values.set(key, value);
  }
}

/** An answer naming no option of the question, with the nearest option id (or label) as a hint. */
function invalidOption(q: QuestionNode, value: string, optionIds: readonly string[]): InterpretedValue {
  const near = didYouMean(value, optionIds) ?? (() => {
    // Typed as a label: point at the option it names.
    const byLabel = q.options.find((o) => o.label.toLowerCase() === value.trim().toLowerCase());
    return byLabel ? `"${value}" is the label of the option \`${byLabel.id}\`; write the id.` : undefined;
  })();
  return { status: 'invalid', problem: { code: 'ANSWERS_INVALID_OPTION', message: `"${value}" is not an option of "${q.id}".`, expected: optionIds.join(', '), actual: value, ...(near !== undefined ? { hint: near } : {}) } };
}

/**
 * Interprets one plain value (not regional). With a memo (the question's, from its compiled
 * rubric), results for plain values are remembered there.
 */
export function interpretValue(q: QuestionNode, value: AnswerValue, text?: string, memo?: ValueMemo): InterpretedValue {
  if (!memo) return interpretUncached(q, value, text);
  let key: string | number | boolean;
  if (Array.isArray(value)) {
    // A list of option ids is cached under NUL, its length, NUL and its ids joined by NUL (lists
    // of other items, or of ids holding a NUL, are interpreted uncached); a plain string answer
    // never starts with NUL here.
    if (value.length > 64 || !value.every((v) => typeof v === 'string' && !v.includes('\0'))) return interpretUncached(q, value);
    key = `\0${value.length}\0${value.join('\0')}`;
  } else {
    // A number written with more digits than its double holds is interpreted from its text, uncached.
    if (typeof value === 'number' && text !== undefined && text !== String(value)) return interpretUncached(q, value, text);
    // A string starting with NUL would share a key with a list: uncached.
    if (typeof value === 'string' && value.startsWith('\0')) return interpretUncached(q, value);
    key = value as string | number | boolean;
  }
  let hit = memo.get(key);
  if (!hit) {
    hit = interpretUncached(q, value);
    memo.keep(key, hit);
  }
  return hit;
}

function interpretUncached(q: QuestionNode, value: AnswerValue, text?: string): InterpretedValue {
  if (value === 'unknown') return { status: 'unknown' };
  if (value === 'not-applicable') return { status: 'not-applicable' };
  const optionIds = q.options.map((o) => o.id);
  const wrong = (expected: string): InterpretedValue => ({
    status: 'invalid',
    problem: { code: 'ANSWERS_WRONG_TYPE', message: `"${q.id}" is a ${q.type} question; ${describe(value)} is not a valid answer.`, expected, actual: describe(value) },
  });
  switch (q.type) {
    case 'single-choice': {
      if (typeof value !== 'string') return wrong('one option id: ' + optionIds.join(', '));
      const opt = q.options.find((o) => o.id === value);
      if (!opt) return invalidOption(q, value, optionIds);
      return { status: 'answered', score: exactNumber(opt, 'score', opt.score), label: opt.label, optionIds: [opt.id] };
    }
    case 'yes-no': {
      const yes = value === true || value === 'yes';
      const no = value === false || value === 'no';
      if (!yes && !no) return wrong('yes or no');
      const opt = q.options.find((o) => o.id === (yes ? 'yes' : 'no'))!;
      return { status: 'answered', score: exactNumber(opt, 'score', opt.score), label: opt.label, optionIds: [opt.id] };
    }
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return wrong('a number' + (q.unit ? ` (${q.unit})` : ''));
      const x = exactAnswer(value, text);
      const range = q.range;
      if ((range?.min !== undefined && cmp(x, exactNumber(range, 'min', range.min)) < 0) || (range?.max !== undefined && cmp(x, exactNumber(range, 'max', range.max)) > 0)) {
        return { status: 'invalid', problem: { code: 'ANSWERS_NUMBER_OUT_OF_RANGE', message: `${value} is outside the valid range of "${q.id}".`, expected: `${q.range?.min ?? '−∞'}–${q.range?.max ?? '∞'}`, actual: String(value) } };
      }
      const band = (q.bands ?? []).find((b) => inBand(b, x));
      if (!band) return { status: 'invalid', problem: { code: 'ANSWERS_NUMBER_OUT_OF_RANGE', message: `${value} falls in no score band of "${q.id}".`, actual: String(value) } };
      return { status: 'answered', score: exactNumber(band, 'score', band.score), label: `${value}${q.unit ? ' ' + q.unit : ''}`, optionIds: [], matched: bandLabel(band) };
    }
    case 'multiple-choice': {
      const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : undefined;
      if (!list || list.some((v) => typeof v !== 'string')) return wrong('a list of option ids: ' + optionIds.join(', '));
      const bad = list.find((v) => !optionIds.includes(v));
      if (bad !== undefined) return invalidOption(q, bad, optionIds);
      const checked = [...new Set(list)];
      const ordered = q.options.filter((o) => checked.includes(o.id));
      const label = ordered.length ? ordered.map((o) => o.label).join('; ') : 'none of the options';
      const scoring = q.scoring ?? { method: 'sum' as const };
      if (scoring.method === 'sum') {
        const score = ordered.reduce<Exact>((s, o) => add(s, exactNumber(o, 'score', o.score)), ZERO);
        return { status: 'answered', score, label, optionIds: ordered.map((o) => o.id) };
      }
      if (scoring.method === 'count') {
        const count = fromNumber(ordered.length);
        const band = scoring.bands.find((b) => inBand(b, count));
        if (!band) return { status: 'invalid', problem: { code: 'ANSWERS_NUMBER_OUT_OF_RANGE', message: `${ordered.length} checked option(s) fall in no band of "${q.id}".` } };
        return { status: 'answered', score: exactNumber(band, 'score', band.score), label, optionIds: ordered.map((o) => o.id), matched: `${ordered.length} checked (${bandLabel(band)})` };
      }
      const ids = new Set(ordered.map((o) => o.id));
      const idx = scoring.rules.findIndex(
        (r) => (r.all ?? []).every((x) => ids.has(x)) && (r.any === undefined || r.any.some((x) => ids.has(x))) && (r.none ?? []).every((x) => !ids.has(x)),
      );
      if (idx < 0) {
        if (scoring.default === undefined) return { status: 'invalid', problem: { code: 'ANSWERS_INVALID_OPTION', message: `No scoring rule of "${q.id}" matches the checked options and there is no default.` } };
        return { status: 'answered', score: exactNumber(scoring, 'default', scoring.default), label, optionIds: ordered.map((o) => o.id), matched: 'default' };
      }
      const rule = scoring.rules[idx]!;
      return { status: 'answered', score: exactNumber(rule, 'score', rule.score), label, optionIds: ordered.map((o) => o.id), matched: rule.label ?? `rule ${idx + 1}` };
    }
  }
}

/**
 * Interprets an answer, combining regional answers by the question's rule.
 *
 * @example
 * ```ts
 * // A single-choice question scored 100/50/0, answered differently in two regions:
 * // byRegion: { 'BE-VLG': 'full', 'BE-WAL': 'partial' } → mean 75.
 * ```
 */
export function interpretAnswer(q: QuestionNode, answer: Answer, memo?: ValueMemo): InterpretedAnswer {
  if (answer.recordedScore !== undefined) return interpretRecorded(q, answer.recordedScore);
  if (answer.byRegion === undefined) return interpretValue(q, answer.value!, typeof answer.value === 'number' ? numberText(answer, 'value', answer.value) : undefined, memo);
  const parts: { region: string; score: Exact; label: string; optionIds: readonly string[] }[] = [];
  for (const region of Object.keys(answer.byRegion).sort()) {
    const given = answer.byRegion[region]!;
    const v = interpretValue(q, given, typeof given === 'number' ? numberText(answer.byRegion, region, given) : undefined, memo);
    if (v.status === 'invalid') return { status: 'invalid', problem: { ...v.problem, message: `Region ${region}: ${v.problem.message}` } };
    if (v.status !== 'answered') continue;
    parts.push({ region, score: v.score, label: v.label, optionIds: v.optionIds });
  }
  if (parts.length === 0) return { status: 'unknown' };
  let score: Exact;
  if (q.regions === 'minimum') score = parts.reduce((m, p) => (cmp(p.score, m) < 0 ? p.score : m), parts[0]!.score);
  else if (q.regions === 'maximum') score = parts.reduce((m, p) => (cmp(p.score, m) > 0 ? p.score : m), parts[0]!.score);
  else score = div(parts.reduce<Exact>((s, p) => add(s, p.score), ZERO), fromNumber(parts.length));
  const label = parts.map((p) => `${p.region}: ${p.label}`).join('; ');
  return { status: 'answered', score, label, optionIds: [...new Set(parts.flatMap((p) => p.optionIds))], regions: parts };
}

/** The least and greatest score one (non-regional) answer to `q` can have, or `undefined` when they cannot be listed. */
function answerScoreRange(q: QuestionNode): [Exact, Exact] | undefined {
  let scores: number[];
  if (q.type === 'number') scores = (q.bands ?? []).map((b) => b.score);
  else if (q.type === 'multiple-choice') {
    const scoring = q.scoring ?? { method: 'sum' as const };
    if (scoring.method === 'sum') {
      const lo = q.options.reduce<Exact>((s, o) => (o.score < 0 ? add(s, fromNumber(o.score)) : s), ZERO);
      const hi = q.options.reduce<Exact>((s, o) => (o.score > 0 ? add(s, fromNumber(o.score)) : s), ZERO);
      return [lo, hi];
    }
    scores = scoring.method === 'count' ? scoring.bands.map((b) => b.score) : [...scoring.rules.map((r) => r.score), ...(scoring.default !== undefined ? [scoring.default] : [])];
  } else scores = q.options.map((o) => o.score);
  if (scores.length === 0 || scores.some((x) => !Number.isFinite(x))) return undefined;
  const exact = scores.map(fromNumber);
  return [exact.reduce((m, x) => (cmp(x, m) < 0 ? x : m)), exact.reduce((m, x) => (cmp(x, m) > 0 ? x : m))];
}

/** The text a scorecard shows for a recorded score whose regional answers are not recorded. */
export function recordedScoreLabel(score: string): string {
  return `${score}: mean of regional answers; which region gave which is not recorded`;
}

function interpretRecorded(q: QuestionNode, text: string): InterpretedAnswer {
  const score = fromDecimalText(text);
  if (!score) {
    const shown = text.length > 40 ? `${text.slice(0, 37)}…` : text;
    return { status: 'invalid', problem: { code: 'SCHEMA_INVALID_VALUE', message: `The recorded score of "${q.id}" must be a plain decimal number of at most ${DECIMAL_TEXT_LIMITS.maxDigits} digits, not ${shown}.`, actual: shown } };
  }
  const range = answerScoreRange(q);
  if (range && (cmp(score, range[0]) < 0 || cmp(score, range[1]) > 0)) {
    return {
      status: 'invalid',
      problem: {
        code: 'ANSWERS_RECORDED_SCORE_OUT_OF_RANGE',
        message: `The recorded score ${text} of "${q.id}" lies outside the scores its answers can have, so no combination of regional answers gives it.`,
        expected: `${toDec(range[0]).toFixed()}–${toDec(range[1]).toFixed()}`,
        actual: text,
      },
    };
  }
  const label = q.regions === 'mean' ? recordedScoreLabel(text) : `${text}: ${q.regions} of regional answers; which region gave which is not recorded`;
  return { status: 'answered', score, label, optionIds: [], regionsNotRecorded: true };
}
