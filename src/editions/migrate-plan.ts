/**
 * How answers written for one edition carry over to the next: the plan (pure data), and the
 * plan applied to an in-memory answer set. The YAML-preserving rewrite of answer files is in
 * `migrate-document.ts` and follows the same plan.
 *
 * @module
 */
import type { Answer, AnswerSet, AnswerValue } from '../answers/types.js';
import type { MigrationRule, QuestionNode, Rubric } from '../rubric/types.js';

/** What happens to one question of the new edition. */
export interface MigrationStep {
  /** Question id in the new edition. */
  question: string;
  /** Key of the answer it takes over, or undefined for a new question. */
  from?: string;
  /** Old option id → new option id, applied to the value. */
  options: Readonly<Record<string, string>>;
  /** Why a person should look at the carried-over answer, if they should. */
  review?: string;
  /** Whether the question is new in this edition (no counterpart in the previous rubric, when that is known). */
  isNew: boolean;
}

/** The migration plan of one answer set. */
export interface MigrationPlan {
  steps: MigrationStep[];
  /** Answer keys no question of the new edition takes over. */
  dropped: string[];
  /** Whether the target is a different edition than the answer set's (`rubric:` differs). */
  newEdition: boolean;
}

/**
 * Plans the migration of answers with keys `keys` (in file order) to `rubric`. `rules` are the
 * rubric's `migrate:` block plus any mapping file's rules (the mapping file wins).
 *
 * @example
 * ```ts
 * import { planMigration, type Rubric } from 'policy-index';
 * declare const v2: Rubric;
 * const plan = planMigration(v2, ['q-old', 'q-kept'], { id: v2.id, version: '1.0.0' });
 * plan.steps.filter((s) => s.review).map((s) => s.question);
 * ```
 */
export function planMigration(rubric: Rubric, keys: readonly string[], written: { id: string; version: string }, extraRules: readonly MigrationRule[] = [], previous?: Rubric): MigrationPlan {
  const present = new Set(keys);
  const rules = new Map<string, MigrationRule>();
  for (const r of [...(rubric.migrate ?? []), ...extraRules]) rules.set(r.question, { ...rules.get(r.question), ...r });
  const used = new Map<string, string[]>();
  const steps: MigrationStep[] = [];
  for (const q of rubric.questions) {
    const rule = rules.get(q.id);
    const candidates = [rule?.from, q.id, ...(q.replaces ?? []), ...q.aliases].filter((k): k is string => k !== undefined);
    const from = candidates.find((k) => present.has(k));
    const isNew = previous ? !candidates.some((k) => previous.nodes.has(k) || previous.aliases.has(k)) : true;
    const step: MigrationStep = { question: q.id, isNew, ...(from !== undefined ? { from } : {}), options: rule?.options ?? {}, ...(rule?.review && from !== undefined ? { review: rule.review } : {}) };
    if (from !== undefined) used.set(from, [...(used.get(from) ?? []), q.id]);
    steps.push(step);
  }
  for (const s of steps) {
    if (s.from === undefined || s.review) continue;
    const takers = used.get(s.from)!;
    if (takers.length > 1) s.review = `one answer (${s.from}) now answers ${takers.length} questions (${takers.join(', ')}); check each`;
  }
  const taken = new Set(used.keys());
  return { steps, dropped: keys.filter((k) => !taken.has(k)), newEdition: written.id !== rubric.id || written.version !== rubric.version };
}

/** A value with option ids mapped; flags option ids the question does not have. */
export function mapValue(q: QuestionNode, value: AnswerValue, map: Readonly<Record<string, string>>): { value: AnswerValue; unknownOptions: string[] } {
  const ids = new Set(q.options.map((o) => o.id));
  const one = (v: string) => map[v] ?? v;
  const special = (v: unknown) => v === 'unknown' || v === 'not-applicable';
  if (Array.isArray(value)) {
    const mapped = value.map(one);
    return { value: mapped, unknownOptions: q.options.length ? mapped.filter((v) => !ids.has(v)) : [] };
  }
  if (typeof value === 'string' && !special(value)) {
    const v = one(value);
    return { value: v, unknownOptions: q.options.length && (q.type === 'single-choice' || q.type === 'multiple-choice') && !ids.has(v) ? [v] : [] };
  }
  return { value, unknownOptions: [] };
}

/** The outcome of migrating an answer set in memory. */
export interface MigratedAnswerSet {
  set: AnswerSet;
  plan: MigrationPlan;
}

/**
 * Carries an answer set over to `rubric` in memory (for scoring under a new edition). New
 * questions get `unknown` answers with status `draft`.
 *
 * @example
 * ```ts
 * import { migrateAnswerSet, scoreAnswerSet, type AnswerSet, type Rubric } from 'policy-index';
 * declare const v2: Rubric, answers2024: AnswerSet;
 * const { set, plan } = migrateAnswerSet(v2, answers2024);
 * scoreAnswerSet(v2, set);
 * ```
 */
export function migrateAnswerSet(rubric: Rubric, set: AnswerSet, extraRules: readonly MigrationRule[] = [], previous?: Rubric): MigratedAnswerSet {
  const plan = planMigration(rubric, [...set.answers.keys()], set.rubric, extraRules, previous);
  const answers = new Map<string, Answer>();
  for (const s of plan.steps) {
    const q = rubric.nodes.get(s.question) as QuestionNode;
    const old = s.from !== undefined ? set.answers.get(s.from) : undefined;
    if (!old) {
      if (!s.isNew) continue;
      answers.set(s.question, { question: s.question, value: 'unknown', evidence: { citations: [], status: 'draft' } });
      continue;
    }
    const value = old.value !== undefined ? mapValue(q, old.value, s.options).value : undefined;
    const byRegion = old.byRegion ? Object.fromEntries(Object.entries(old.byRegion).map(([k, v]) => [k, mapValue(q, v, s.options).value])) : undefined;
    answers.set(s.question, { ...old, question: s.question, ...(value !== undefined ? { value } : {}), ...(byRegion ? { byRegion } : {}) });
  }
  return { set: { ...set, rubric: { id: rubric.id, version: rubric.version }, answers }, plan };
}
