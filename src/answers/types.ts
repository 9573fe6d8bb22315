/**
 * Answer sets: what experts say about one country's law in one year.
 *
 * @module
 */

/** A single answer value, as written. */
export type AnswerValue = string | number | boolean | readonly string[];

/** Review state. */
export type AnswerStatus = 'draft' | 'reviewed' | 'final';

/** A legal source supporting an answer. */
export interface Citation {
  act?: string;
  article?: string;
  url?: string;
  note?: string;
}

/** Evidence attached to an answer. */
export interface Evidence {
  citations: readonly Citation[];
  comment?: string;
  sourceUrl?: string;
  answeredBy?: string;
  reviewedBy?: string;
  status?: AnswerStatus;
}

/** One answer. Exactly one of `value`, `byRegion` and `recordedScore` is set. */
export interface Answer {
  question: string;
  /** The answer; `'unknown'` and `'not-applicable'` are explicit non-answers. */
  value?: AnswerValue;
  /** Answers that differ by region, keyed by region code. */
  byRegion?: Readonly<Record<string, AnswerValue>>;
  /**
   * The score a source records for the unit when only the combination of its sub-national
   * answers is known (a decimal string such as `'75'`); set together with `regions`.
   */
  recordedScore?: string;
  /** With `recordedScore`: which region gave which answer is not recorded. */
  regions?: 'not-recorded';
  evidence: Evidence;
  /** Where the answer was written. */
  source?: { file: string; line: number; column: number };
}

/**
 * The answers for one country (or sub-national unit) in one reference year, for one rubric
 * id@version. One file holds one answer set; a country's history is a folder of files.
 */
export interface AnswerSet {
  readonly kind: 'answer-set';
  schemaVersion: 1;
  rubric: { id: string; version: string };
  country: string;
  countryName?: string;
  originalCode?: string;
  year: number;
  referenceDate?: string;
  title?: string;
  answeredBy?: string;
  reviewedBy?: string;
  status?: AnswerStatus;
  source?: string;
  citation?: string;
  /** Free facts about the unit (region, income group …), for peer groups; never scored. */
  metadata?: Readonly<Record<string, string | number | boolean>>;
  /** Answers by question id, in file order. */
  answers: ReadonlyMap<string, Answer>;
  /** Name of the file the set was read from. */
  file: string;
}
