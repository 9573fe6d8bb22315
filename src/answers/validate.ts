import type { Diagnostic, Severity } from '../diagnostics/index.js';
import { located } from '../source/yaml-source.js';
import { lazyNameIndex, Suggestions } from '../source/suggest.js';
import type { QuestionNode, Rubric } from '../rubric/types.js';
import { answerSetLocator } from './load.js';
import { interpretAnswer, ValueMemo, type InterpretedAnswer } from './interpret.js';
import type { Answer, AnswerSet } from './types.js';

/** Whether a question applies, given the other answers. */
export type Applicability = 'applies' | 'does-not-apply' | 'undetermined';

/**
 * An answer set resolved against a rubric: each question's answer and what it means, by the
 * question's index in `rubric.questions` (arrays, not maps: scoring resolves every answer of
 * every set, and filling maps was most of that work).
 */
export interface ResolvedAnswers {
  /** The compiled rubric the answers were resolved with. */
  index: CompiledQuestions;
  /** By question index: the answer (aliases resolved), if any. */
  answers: (Answer | undefined)[];
  /** By question index: the interpretation (only for valid answers). */
  interpreted: (InterpretedAnswer | undefined)[];
  /** By question index: 1 when the answer is one plain value (no regions, no recorded score), else 0. */
  plain: number[];
  /** By question index: whether the question applies. */
  applicability: Applicability[];
  diagnostics: Diagnostic[];
}

/**
 * What answering a rubric needs of it, compiled once: where each question id is in
 * `rubric.questions`, what each question's applicability depends on, and each question's memo
 * of answer interpretations. The scorer's compiled rubric (`CompiledRubric`) extends it.
 *
 * A compiled form describes the rubric as it was when compiled: a rubric whose data is edited in
 * memory afterwards is compiled again.
 */
export class CompiledQuestions {
  /** The rubric compiled. */
  readonly rubric: Rubric;
  /** Its questions, in rubric order (the indices below are into this list). */
  readonly questions: readonly QuestionNode[];
  /** Question id → index in `questions`. */
  readonly byId: ReadonlyMap<string, number>;
  /** By question index: its id. */
  readonly ids: readonly string[];
  /** For each question: the index of the question its applicability depends on (-1: none or not a question), and the option ids that make it apply. */
  readonly dependsOn: readonly number[];
  readonly wanted: readonly (ReadonlySet<string> | undefined)[];
  /** By question index: the interpretations of its plain values made so far. */
  readonly memos: readonly ValueMemo[];
  constructor(rubric: Rubric) {
    const questions = rubric.questions;
    const byId = new Map<string, number>();
    questions.forEach((q, i) => byId.set(q.id, i));
    this.rubric = rubric;
    this.questions = questions;
    this.byId = byId;
    this.ids = questions.map((q) => q.id);
    this.dependsOn = questions.map((q) => (q.appliesWhen ? byId.get(q.appliesWhen.question) ?? -1 : -1));
    this.wanted = questions.map((q) => (q.appliesWhen ? new Set(q.appliesWhen.in.map((v) => (typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v)))) : undefined));
    this.memos = questions.map(() => new ValueMemo());
  }
}

/** The compiled form given, or a new one of the rubric given (not remembered: the scorer's compiled rubric is). */
function compiledQuestions(rubric: Rubric | CompiledQuestions): CompiledQuestions {
  return 'byId' in rubric ? rubric : new CompiledQuestions(rubric);
}

/** Options for {@link validateAnswerSet}. */
export interface ValidateOptions {
  /** Report questions without any answer (default true). */
  reportMissing?: boolean;
}

/**
 * Resolves an answer set against a rubric: maps ids and aliases, interprets every answer,
 * works out applicability, and reports every problem as a positioned diagnostic.
 */
export function resolveAnswers(index: CompiledQuestions, set: AnswerSet, options: ValidateOptions = {}): ResolvedAnswers {
  const { rubric, memos, questions } = index;
  const locator = answerSetLocator(set);
  const diagnostics: Diagnostic[] = [];
  const at = (severity: Severity, code: Diagnostic['code'], message: string, path: (string | number)[], extra: Partial<Diagnostic> = {}, key = false) => {
    const d = located(locator, { code, severity, message, path, ...extra }, { key });
    if (!locator) d.file = set.file;
    diagnostics.push(d);
  };
  if (set.rubric.id !== rubric.id) {
    at('error', 'ANSWERS_RUBRIC_MISMATCH', `The answers were written for the rubric "${set.rubric.id}", not "${rubric.id}".`, ['rubric'], { expected: `${rubric.id}@${rubric.version}`, actual: `${set.rubric.id}@${set.rubric.version}` });
  } else if (set.rubric.version !== rubric.version) {
    at('warning', 'ANSWERS_VERSION_MISMATCH', `The answers were written for ${rubric.id}@${set.rubric.version}; the loaded rubric is version ${rubric.version}.`, ['rubric'], { expected: rubric.version, actual: set.rubric.version });
  }
  const Q = questions.length;
  const answers = new Array<Answer | undefined>(Q).fill(undefined);
  const interpreted = new Array<InterpretedAnswer | undefined>(Q).fill(undefined);
  const plain = new Array<number>(Q).fill(0);
  const { ids } = index;
  // Answer sets are mostly written in the rubric's order: each key is first compared with the id
  // of the question after the one answered before, and looked up only when it is another.
  let next = 0;
  // Did-you-mean for unknown keys: a bounded number per answer set, each distinct key once.
  const hints = new Suggestions();
  const questionIds = lazyNameIndex(() => questions.map((q) => q.id));
  for (const [key, answer] of set.answers) {
    let i = next < Q && ids[next] === key ? next : index.byId.get(key);
    if (i === undefined) {
      const id = rubric.nodes.has(key) ? key : rubric.aliases.get(key);
      const node = id === undefined ? undefined : rubric.nodes.get(id);
      if (!node) {
        const hint = hints.didYouMean(key, questionIds);
        at('error', 'ANSWERS_UNKNOWN_QUESTION', `The rubric ${rubric.id} has no question "${key}".`, ['answers', key], hint ? { hint } : {}, true);
        continue;
      }
      if (node.kind !== 'question') {
        at('error', 'ANSWERS_NOT_A_QUESTION', `"${key}" is a composite ${node.kind}; its score is derived from its parts (${node.children.map((c) => c.id).join(', ')}).`, ['answers', key], {}, true);
        continue;
      }
      i = index.byId.get(node.id)!;
    }
    next = i + 1;
    const node = questions[i]!;
    if (answers[i] !== undefined) {
      at('error', 'ANSWERS_DUPLICATE', `"${key}" answers "${node.id}", which is already answered.`, ['answers', key], {}, true);
      continue;
    }
    answers[i] = answer;
    // A plain string answer, as most are: its interpretation straight from the question's memo.
    const v = answer.value;
    let meaning: InterpretedAnswer | undefined;
    if (v !== undefined && answer.byRegion === undefined && answer.recordedScore === undefined) {
      plain[i] = 1;
      if (typeof v === 'string' && v.charCodeAt(0) !== 0) meaning = memos[i]!.get(v);
    }
    meaning ??= interpretAnswer(node, answer, memos[i]);
    if (meaning.status === 'invalid') {
      at('error', meaning.problem.code, meaning.problem.message, ['answers', key, ...(answer.byRegion ? ['byRegion'] : answer.recordedScore !== undefined ? ['recordedScore'] : typeof set.answers.get(key) === 'object' && locator?.locate(['answers', key, 'answer']) ? ['answer'] : [])], {
        ...(meaning.problem.expected !== undefined ? { expected: meaning.problem.expected } : {}),
        ...(meaning.problem.actual !== undefined ? { actual: meaning.problem.actual } : {}),
        ...(meaning.problem.hint !== undefined ? { hint: meaning.problem.hint } : {}),
      });
      continue;
    }
    interpreted[i] = meaning;
  }
  const applicability = new Array<Applicability | undefined>(Q).fill(undefined);
  const decide = (i: number, depth = 0): Applicability => {
    const known = applicability[i];
    if (known) return known;
    let result: Applicability = 'applies';
    const dep = index.dependsOn[i]!;
    if (dep >= 0 && depth < 64) {
      const depApplies = decide(dep, depth + 1);
      const meaning = interpreted[dep];
      if (depApplies === 'does-not-apply' || meaning?.status === 'not-applicable') result = 'does-not-apply';
      else if (!meaning || meaning.status !== 'answered') result = 'undetermined';
      else {
        const wanted = index.wanted[i]!;
        result = meaning.optionIds.some((o) => wanted.has(o)) ? 'applies' : 'does-not-apply';
      }
    }
    applicability[i] = result;
    return result;
  };
  const reportMissing = options.reportMissing ?? true;
  for (let i = 0; i < Q; i++) {
    const q = questions[i]!;
    const applies = decide(i);
    const meaning = interpreted[i];
    if (applies === 'does-not-apply' && meaning && meaning.status === 'answered') {
      at('warning', 'ANSWERS_NOT_APPLICABLE_ANSWERED', `"${q.id}" does not apply because of the answer to "${q.appliesWhen!.question}", yet it is answered; the answer is ignored.`, ['answers', q.id], {}, true);
    }
    if (meaning?.status === 'not-applicable' && !q.appliesWhen && q.notApplicable === 'omit') {
      at('warning', 'ANSWERS_NOT_APPLICABLE_UNEXPECTED', `"${q.id}" is marked not-applicable, but the rubric declares no condition under which it would not apply.`, ['answers', q.id], {}, true);
    }
    if (answers[i] === undefined && applies !== 'does-not-apply' && reportMissing) {
      const d: Diagnostic = { code: 'ANSWERS_MISSING', severity: 'warning', message: `"${q.id}" (${q.title}) has no answer.`, file: locator?.file ?? set.file, line: 1, column: 1, path: ['answers', q.id], hint: 'Answer it, or write `unknown` if the information is not available.' };
      const pos = locator?.locateKey(['answers']);
      if (pos) Object.assign(d, pos);
      diagnostics.push(d);
    }
  }
  return { index, answers, interpreted, plain, applicability: applicability as Applicability[], diagnostics };
}

/**
 * Checks an answer set against a rubric and returns every problem found: unknown question ids
 * (with a suggestion), invalid options, wrong value types, missing answers, answers to
 * questions that do not apply, and rubric id or version mismatches.
 * `rubric` may be a compiled rubric (`compileRubric`), to check many answer sets with one
 * compiled form.
 *
 * @example
 * ```ts
 * import { loadRubric, loadAnswerSet, validateAnswerSet } from 'policy-index';
 * declare const rubricText: string, answersText: string;
 * const rubric = loadRubric(rubricText).value!;
 * const answers = loadAnswerSet(answersText).value!;
 * const problems = validateAnswerSet(rubric, answers);
 * ```
 */
export function validateAnswerSet(rubric: Rubric | CompiledQuestions, set: AnswerSet, options: ValidateOptions = {}): Diagnostic[] {
  return resolveAnswers(compiledQuestions(rubric), set, options).diagnostics;
}
