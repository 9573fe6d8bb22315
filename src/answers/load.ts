import type { Diagnostic, Result } from '../diagnostics/index.js';
import { PLAIN_DECIMAL_TEXT } from '../exact/index.js';
import { hasErrors } from '../diagnostics/index.js';
import { located, parseYamlSource, type ParsedSource, type SourceLocator } from '../source/yaml-source.js';
import { Suggestions } from '../source/suggest.js';
import { zodIssuesToDiagnostics } from '../source/zod-diagnostics.js';
import type * as z from 'zod/mini';
import { safeParse } from '../source/zod-schema.js';
import { parseAnswerYamlFast } from './fast-parse.js';
import { isPlainAnswerEntry, isPlainHeader, isPlainSimpleAnswer } from './plain-shape.js';
import { answerEntrySchema, answerSetHeaderSchema, answerSetHeaderShape, simpleAnswerSchema } from './schema.js';
import type { PathSegment } from '../diagnostics/diagnostic.js';
import { recordNumberText } from '../rubric/numbers.js';
import type { Answer, AnswerSet, AnswerValue } from './types.js';
import { Stamp } from '../source/private-slot.js';

/** A plain decimal number as written: digits, optionally a sign and a fraction. */

/**
 * A short answer text (an option id, say) as the engine's one shared copy of that text. Texts
 * read from a file are pieces of the file's text, in its encoding (two bytes per character as
 * soon as the file holds one character beyond Latin-1), and each file has its own: looking them
 * up among the rubric's option ids then compares them character by character, once per answer
 * every time a set is scored. A property key is always the shared copy, so the text goes through
 * one. It no longer holds on to the file's text either.
 */
function sharedText<T>(v: T): T {
  if (typeof v !== 'string' || v.length > 64) return v;
  for (const k in { [v]: 0 }) return k as T;
  return v;
}

/**
 * The locator of an answer set, kept in a private slot of the set: invisible to JSON, keys and
 * equality checks, like a `WeakMap` entry, but far cheaper to make and to collect when sets are
 * read by the ten thousand.
 */
class LocatorSlot extends Stamp {
  #locator: SourceLocator;
  private constructor(target: object, locator: SourceLocator) {
    super(target);
    this.#locator = locator;
  }
  static keep(set: AnswerSet, locator: SourceLocator): void {
    if (#locator in set) (set as unknown as LocatorSlot).#locator = locator;
    else new LocatorSlot(set, locator);
  }
  static read(set: AnswerSet): SourceLocator | undefined {
    return #locator in set ? (set as unknown as LocatorSlot).#locator : undefined;
  }
}

/** The locator of the text an answer set was read from (for positioned diagnostics). */
export function answerSetLocator(set: AnswerSet): SourceLocator | undefined {
  return LocatorSlot.read(set);
}

/** Options for {@link loadAnswerSet}. */
export interface LoadAnswerSetOptions {
  /** Name used in diagnostics (default `answers.yaml`). */
  file?: string;
}

/**
 * Reads an answer set from YAML (or JSON) text and checks its structure. Checking the answers
 * against a rubric is {@link validateAnswerSet}'s job.
 *
 * @example
 * ```ts
 * import { loadAnswerSet } from 'policy-index';
 * const { value } = loadAnswerSet([
 *   'schemaVersion: 1',
 *   'rubric: demo@1.0.0',
 *   'country: CA',
 *   'year: 2019',
 *   'answers:',
 *   '  permit: yes',
 * ].join('\n'));
 * value?.answers.get('permit')?.value; // 'yes'
 * ```
 */
export function loadAnswerSet(text: string, options: LoadAnswerSetOptions = {}): Result<AnswerSet> {
  const file = options.file ?? 'answers.yaml';
  // Most files have a plain shape that a small reader reads far faster than the YAML library;
  // it gives the same data and positions, and leaves every other text to the full parser.
  return answerSetFromSource(parseAnswerYamlFast(text, file) ?? parseYamlSource(text, file), file);
}

/** The answer set in a parsed text (internal: also used to check the fast reader against the full parser). */
export function answerSetFromSource(parsed: ParsedSource, file: string, quickChecks = true): Result<AnswerSet> {
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  if (parsed.value === undefined) return { diagnostics };
  const raw = parsed.value;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    diagnostics.push({ code: 'YAML_NOT_A_MAPPING', severity: 'error', message: 'An answer set must be a mapping of fields.', file, line: 1, column: 1 });
    return { diagnostics };
  }
  // The quick checks accept only what the schemas accept, and leave every problem to them.
  const header = quickChecks && isPlainHeader(raw) ? { success: true as const, data: raw as z.output<typeof answerSetHeaderSchema> } : safeParse(answerSetHeaderSchema, raw);
  if (!header.success) {
    const found = zodIssuesToDiagnostics(header.error.issues, raw, [], parsed.locator, (p) => (p.length === 0 ? Object.keys(answerSetHeaderShape) : []));
    for (const d of found) {
      if (d.code === 'SCHEMA_INVALID_VALUE' && d.path?.length === 1 && d.path[0] === 'country') {
        d.code = 'ANSWERS_INVALID_COUNTRY';
        d.message = `The country "${String((raw as Record<string, unknown>).country)}" is not an ISO 3166-1 alpha-2 code nor a sub-national code such as BE-VLG.`;
      }
    }
    for (const item of found) diagnostics.push(item);
    return { diagnostics };
  }
  const h = header.data;
  const [rubricId, rubricVersion] = h.rubric.split('@') as [string, string];
  const answers = new Map<string, Answer>();
  // File order, even for integer-like ids such as `148` that JavaScript objects list first.
  const order = parsed.keyOrder(['answers'])?.filter((k) => Object.prototype.hasOwnProperty.call(h.answers, k)) ?? Object.keys(h.answers);
  const hints = new Suggestions();
  for (const question of order) {
    const entry = h.answers[question];
    const path = ['answers', question];
    const pos = parsed.locator.locateKey(path);
    const source = { file, line: pos?.line ?? 1, column: pos?.column ?? 1 };
    if (entry !== null && typeof entry === 'object' && !Array.isArray(entry)) {
      const e = quickChecks && isPlainAnswerEntry(entry) ? { success: true as const, data: entry as z.output<typeof answerEntrySchema> } : safeParse(answerEntrySchema, entry);
      if (!e.success) {
        for (const item of zodIssuesToDiagnostics(e.error.issues, entry, path, parsed.locator, (p) => (p.length === 0 ? Object.keys(answerEntrySchema.shape) : []), hints)) diagnostics.push(item);
        continue;
      }
      const v = e.data;
      if (v.score !== undefined) {
        diagnostics.push(
          located(parsed.locator, {
            code: 'ANSWERS_SCORE_TYPED',
            severity: 'error',
            message: `The answer to "${question}" has a \`score\`; scores are derived from answers and never typed in.`,
            path: [...path, 'score'],
          }, { key: true }),
        );
        continue;
      }
      const forms = [v.answer, v.byRegion, v.recordedScore].filter((x) => x !== undefined).length;
      if (forms !== 1) {
        diagnostics.push(
          located(parsed.locator, {
            code: 'ANSWERS_WRONG_TYPE',
            severity: 'error',
            message: `The answer to "${question}" needs exactly one of \`answer\`, \`byRegion\` and \`recordedScore\`.`,
            path,
          }, { key: true }),
        );
        continue;
      }
      if ((v.recordedScore === undefined) !== (v.regions === undefined)) {
        diagnostics.push(
          located(parsed.locator, {
            code: 'ANSWERS_WRONG_TYPE',
            severity: 'error',
            message: v.recordedScore === undefined
              ? `\`regions: not-recorded\` of "${question}" belongs with a \`recordedScore\`.`
              : `The recorded score of "${question}" needs \`regions: not-recorded\`, saying that the regional answers behind it are not recorded.`,
            path: [...path, v.recordedScore === undefined ? 'regions' : 'recordedScore'],
          }, { key: true }),
        );
        continue;
      }
      let recordedScore: string | undefined;
      if (v.recordedScore !== undefined) {
        const written = typeof v.recordedScore === 'number' ? (parsed.numberText([...path, 'recordedScore']) ?? String(v.recordedScore)) : v.recordedScore;
        recordedScore = PLAIN_DECIMAL_TEXT.test(written) ? written : typeof v.recordedScore === 'number' && PLAIN_DECIMAL_TEXT.test(String(v.recordedScore)) ? String(v.recordedScore) : undefined;
        if (recordedScore === undefined) {
          diagnostics.push(located(parsed.locator, { code: 'SCHEMA_INVALID_VALUE', severity: 'error', message: `The recorded score of "${question}" must be a plain decimal number such as 75 or 62.5, not ${written}.`, path: [...path, 'recordedScore'] }));
          continue;
        }
      }
      if (v.byRegion && Object.keys(v.byRegion).length === 0) {
        diagnostics.push(located(parsed.locator, { code: 'ANSWERS_WRONG_TYPE', severity: 'error', message: `\`byRegion\` of "${question}" lists no region.`, path: [...path, 'byRegion'] }));
        continue;
      }
      const evidence: Answer['evidence'] = {
        citations: v.citations ?? [],
        ...(v.comment !== undefined ? { comment: v.comment } : {}),
        ...(v.sourceUrl !== undefined ? { sourceUrl: v.sourceUrl } : {}),
        ...(v.answeredBy !== undefined ? { answeredBy: v.answeredBy } : {}),
        ...(v.reviewedBy !== undefined ? { reviewedBy: v.reviewedBy } : {}),
        ...(v.status !== undefined ? { status: v.status } : {}),
      };
      // One plain value, as most answers are: the same shape as a short answer's, so that the
      // scorer reads every such answer through one shape.
      const full: Answer =
        v.answer !== undefined && v.byRegion === undefined && recordedScore === undefined
          ? { question, value: sharedText(v.answer as AnswerValue), evidence, source }
          : {
              question,
              ...(v.answer !== undefined ? { value: sharedText(v.answer as AnswerValue) } : {}),
              ...(v.byRegion !== undefined ? { byRegion: v.byRegion as Record<string, AnswerValue> } : {}),
              ...(recordedScore !== undefined ? { recordedScore, regions: 'not-recorded' as const } : {}),
              evidence,
              source,
            };
      keepAnswerNumberTexts(parsed, full, path, 'answer');
      answers.set(question, full);
    } else {
      const s = quickChecks && isPlainSimpleAnswer(entry) ? { success: true as const, data: entry as z.output<typeof simpleAnswerSchema> } : safeParse(simpleAnswerSchema, entry);
      if (!s.success) {
        diagnostics.push(
          located(parsed.locator, {
            code: 'ANSWERS_WRONG_TYPE',
            severity: 'error',
            message: `The answer to "${question}" must be an option id, a list of option ids, a number, yes/no, unknown or not-applicable.`,
            path,
            actual: entry === null ? 'null' : typeof entry,
          }),
        );
        continue;
      }
      const simple: Answer = { question, value: sharedText(s.data as AnswerValue), evidence: { citations: [] }, source };
      keepAnswerNumberTexts(parsed, simple, path, undefined);
      answers.set(question, simple);
    }
  }
  const set: AnswerSet = {
    kind: 'answer-set',
    schemaVersion: 1,
    rubric: { id: rubricId, version: rubricVersion },
    country: h.country,
    ...(h.countryName !== undefined ? { countryName: h.countryName } : {}),
    ...(h.originalCode !== undefined ? { originalCode: h.originalCode } : {}),
    year: h.year,
    ...(h.referenceDate !== undefined ? { referenceDate: h.referenceDate } : {}),
    ...(h.title !== undefined ? { title: h.title } : {}),
    ...(h.answeredBy !== undefined ? { answeredBy: h.answeredBy } : {}),
    ...(h.reviewedBy !== undefined ? { reviewedBy: h.reviewedBy } : {}),
    ...(h.status !== undefined ? { status: h.status } : {}),
    ...(h.source !== undefined ? { source: h.source } : {}),
    ...(h.citation !== undefined ? { citation: h.citation } : {}),
    ...(h.metadata !== undefined ? { metadata: h.metadata } : {}),
    answers,
    file,
  };
  LocatorSlot.keep(set, parsed.locator);
  if (h.referenceDate !== undefined && !h.referenceDate.startsWith(String(h.year))) {
    diagnostics.push(located(parsed.locator, { code: 'SCHEMA_INVALID_VALUE', severity: 'error', message: `The reference date ${h.referenceDate} is not in the year ${h.year}.`, path: ['referenceDate'] }));
  }
  if (hasErrors(diagnostics)) return { diagnostics };
  return { value: set, diagnostics };
}

/**
 * Builds an answer set in code (for importers and tests). Plain answers may be given as values.
 *
 * @example
 * ```ts
 * import { createAnswerSet } from 'policy-index';
 * const set = createAnswerSet({ rubric: 'demo@1.0.0', country: 'CA', year: 2019, answers: { permit: 'yes' } });
 * set.answers.size; // 1
 * ```
 */
export function createAnswerSet(input: {
  rubric: string;
  country: string;
  year: number;
  /** Answers by question id; give a Map to keep an order with integer-like ids (`148`). */
  answers: Record<string, AnswerValue | Omit<Answer, 'question'>> | ReadonlyMap<string, AnswerValue | Omit<Answer, 'question'>>;
  file?: string;
  source?: string;
  citation?: string;
  originalCode?: string;
  countryName?: string;
  status?: AnswerSet['status'];
}): AnswerSet {
  const [id, version] = input.rubric.split('@') as [string, string | undefined];
  const answers = new Map<string, Answer>();
  const entries = input.answers instanceof Map ? [...input.answers] : Object.entries(input.answers);
  for (const [q, a] of entries) {
    if (a !== null && typeof a === 'object' && !Array.isArray(a)) answers.set(q, { question: q, ...(a as Omit<Answer, 'question'>) });
    else answers.set(q, { question: q, value: a as AnswerValue, evidence: { citations: [] } });
  }
  return {
    kind: 'answer-set',
    schemaVersion: 1,
    rubric: { id, version: version ?? '0.0.0' },
    country: input.country,
    year: input.year,
    answers,
    file: input.file ?? `${input.country}-${input.year}.yaml`,
    ...(input.source !== undefined ? { source: input.source } : {}),
    ...(input.citation !== undefined ? { citation: input.citation } : {}),
    ...(input.originalCode !== undefined ? { originalCode: input.originalCode } : {}),
    ...(input.countryName !== undefined ? { countryName: input.countryName } : {}),
    ...(input.status !== undefined ? { status: input.status } : {}),
  };
}

/**
 * Records the written text of number answers (`value`, and each region's number), so that
 * bands compare `9007199254740993` or `0.30000000000000001` exactly rather than as doubles.
 */
function keepAnswerNumberTexts(parsed: { numberText: (path: PathSegment[]) => string | undefined }, answer: Answer, path: PathSegment[], valueKey: string | undefined): void {
  if (typeof answer.value === 'number') recordNumberText(answer, 'value', answer.value, parsed.numberText(valueKey === undefined ? path : [...path, valueKey]));
  if (answer.byRegion) {
    for (const [region, v] of Object.entries(answer.byRegion)) if (typeof v === 'number') recordNumberText(answer.byRegion, region, v, parsed.numberText([...path, 'byRegion', region]));
  }
}
