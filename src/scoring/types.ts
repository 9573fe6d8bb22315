/**
 * Score results: plain data, scores as strings (exact) and numbers, never Decimal objects.
 *
 * @module
 */
import type { Diagnostic } from '../diagnostics/index.js';
import type { AnswerValue, Evidence } from '../answers/types.js';
import type { MissingPolicy, NodeKind, Rounding } from '../rubric/types.js';

/** Whether a node has a score. */
export type NodeStatus = 'scored' | 'missing' | 'not-applicable';

/** How a child entered its parent's score. */
export type ChildHandling =
  | 'included'
  | 'omitted-missing'
  | 'counted-as-minimum'
  | 'omitted-not-applicable'
  | 'scored-not-applicable'
  | 'table-input'
  | 'not-in-variant'
  | 'label-only';

/** The answer behind a question's score. */
export interface ScoredAnswer {
  status: 'answered' | 'unknown' | 'not-applicable' | 'missing' | 'invalid' | 'does-not-apply';
  value?: AnswerValue;
  byRegion?: Readonly<Record<string, AnswerValue>>;
  /** The score the source records when the regional answers behind it are not recorded (exact decimal string). */
  recordedScore?: string;
  /** With `recordedScore`: which region gave which answer is not recorded. */
  regionsNotRecorded?: true;
  /** The answer in words (option labels). */
  label?: string;
  optionIds?: readonly string[];
  /** Band or rule that gave the score, for number and rule-scored questions. */
  matched?: string;
  regions?: readonly { region: string; score: string; label: string }[];
  evidence?: Evidence;
  source?: { file: string; line: number; column: number };
}

/** The decision-table row that gave a node its score. */
export interface MatchedRow {
  /** 0-based row index, or -1 for the table's default. */
  index: number;
  label?: string;
  when: Readonly<Record<string, unknown>>;
}

/**
 * A score, or a figure derived from scores (a mean, a peer average, a point of a trend), as it
 * leaves the library: plain data in three forms, all null when there is none. The one declaration
 * of this shape: every score-carrying type extends it.
 */
export interface Figure {
  /** Exact decimal string (terminating fractions in full, others to 60 significant digits), or null. */
  score: string | null;
  /** Rounded for display as the rubric declares, or null. */
  display: string | null;
  /** As a JavaScript number (for charts), or null. */
  value: number | null;
}

/** One node of a score tree. */
export interface ScoredNode extends Figure {
  id: string;
  kind: NodeKind;
  level: NodeKind;
  title: string;
  status: NodeStatus;
  /** Why the node has no score, or how a special score came about. */
  reason?: string;
  /** Aggregation method (group nodes). */
  method?: string;
  matchedRow?: MatchedRow;
  /** Declared weight within the parent. */
  weight: string;
  /** Normalised share of this node in its parent's score, or null when it did not enter linearly. */
  effectiveWeight: string | null;
  /** Share of the top score this node carries (product of effective weights), or null. */
  shareOfTop: string | null;
  /** How this node entered its parent's score. */
  handling: ChildHandling;
  /** Missing-data bookkeeping of a group node. */
  missing?: { policy: MissingPolicy; minShare: number; present: number; total: number };
  dimension?: string;
  answer?: ScoredAnswer;
  children: ScoredNode[];
}

/** The top score of one variant. */
export interface VariantScore extends Figure {
  id: string;
  title: string;
  status: NodeStatus;
  reason?: string;
  areas: readonly string[];
}

/** The full result of scoring one answer set. */
export interface ScoreResult {
  rubric: { id: string; version: string; title: string };
  country: string;
  year: number;
  /** The variant the root score belongs to. */
  variant: string;
  /** Every variant's top score. */
  variants: VariantScore[];
  /** The score tree; its root carries the chosen variant's score. */
  root: ScoredNode;
  /** Problems found while validating and scoring. */
  diagnostics: Diagnostic[];
  /** Display precision declared by the rubric. */
  precision: number;
  /** Display rounding declared by the rubric. */
  rounding: Rounding;
}
