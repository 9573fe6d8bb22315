/**
 * The compiled rubric: a checked, immutable tree ready for scoring.
 *
 * @module
 */
import type { Rounding } from '../exact/index.js';

/** Display rounding modes (owned by the exact-number module). */
export type { Rounding };

/** Levels of the rubric tree. */
export type NodeKind = 'index' | 'area' | 'dimension' | 'indicator' | 'question';
/** Kinds of questions. */
export type QuestionType = 'single-choice' | 'multiple-choice' | 'number' | 'yes-no';
/** What a node does with children that have no score. */
export type MissingPolicy = 'omit' | 'minimum' | 'fail';
/** How regional answers are combined. */
export type RegionCombine = 'mean' | 'minimum' | 'maximum';

/** A resolved missing-data rule. */
export interface MissingRule {
  policy: MissingPolicy;
  /** Least share (0–1) of children, by count, that must be scored. */
  minShare: number;
}

/** A decision-table condition value. */
export type ConditionValue = '*' | 'missing' | number | string | readonly (number | string)[];

/** One row of a decision table. */
export interface DecisionRow {
  when: Readonly<Record<string, ConditionValue>>;
  score: number;
  label?: string;
}

/** A resolved aggregation. */
export type Aggregation =
  | { method: 'mean' | 'weighted-mean'; over: 'children' | 'indicators' }
  | { method: 'geometric-mean' | 'minimum' | 'maximum' }
  | { method: 'sum'; scale?: { min: number; max: number } }
  | { method: 'decision-table'; inputs: readonly string[]; rows: readonly DecisionRow[]; default?: number };

/** An option of a choice question. */
export interface RubricOption {
  id: string;
  label: string;
  score: number;
  description?: string;
}

/** A score band of a number question (or of a count of checked options). Bounds are inclusive. */
export interface ScoreBand {
  min?: number;
  max?: number;
  score: number;
  label?: string;
}

/** A rule of a multiple-choice question scored by rules. */
export interface ChoiceRule {
  all?: readonly string[];
  any?: readonly string[];
  none?: readonly string[];
  score: number;
  label?: string;
}

/** How a multiple-choice question is scored. */
export type MultipleScoring =
  | { method: 'sum' }
  | { method: 'count'; bands: readonly ScoreBand[] }
  | { method: 'rules'; rules: readonly ChoiceRule[]; default?: number };

/** Where a node was declared. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

interface NodeBase {
  id: string;
  /** Level in the tree. Leaves are always `question`; see `level`. */
  kind: NodeKind;
  /** Level a reader sees: a question placed directly in an area or dimension is an `indicator` answered directly. */
  level: NodeKind;
  title: string;
  description?: string;
  aliases: readonly string[];
  /** Ids of previous-edition nodes this node replaces (`replaces:`), when declared. */
  replaces?: readonly string[];
  /** Declared weight within the parent (default 1). */
  weight: number;
  /** Signed factor of this node's score in a parent that sums its parts (`sum`), when declared (default 1). */
  multiplier?: number;
  /** Dimension label, when dimensions are labels rather than levels. */
  dimension?: string;
  notes?: string;
  /** Short name for chart labels and compact headers (areas). */
  shortTitle?: string;
  parentId?: string;
  /** Ids from the root down to this node, itself included. */
  ancestry: readonly string[];
  source: SourcePosition;
}

/** A node that aggregates children. */
export interface GroupNode extends NodeBase {
  kind: 'index' | 'area' | 'dimension' | 'indicator';
  aggregation: Aggregation;
  missing: MissingRule;
  children: readonly RubricNode[];
}

/** A leaf: what an expert answers. */
export interface QuestionNode extends NodeBase {
  kind: 'question';
  type: QuestionType;
  text?: string;
  guidance?: string;
  options: readonly RubricOption[];
  scoring?: MultipleScoring;
  bands?: readonly ScoreBand[];
  unit?: string;
  range?: { min?: number; max?: number };
  scores?: { yes: number; no: number };
  appliesWhen?: { question: string; in: readonly (string | number | boolean)[] };
  notApplicable: 'omit' | { score: number };
  regions: RegionCombine;
  children: readonly never[];
}

/** Any node of a compiled rubric. */
export type RubricNode = GroupNode | QuestionNode;

/** A named selection of areas for the top score. */
export interface RubricVariant {
  id: string;
  title: string;
  description?: string;
  areas: readonly string[];
  default: boolean;
  aggregation: Aggregation;
  missing: MissingRule;
}

/** The words reports use for a rubric: unit nouns, what a high score means, an outcome framework. */
export interface RubricReportWords {
  unitNoun?: string;
  unitNounPlural?: string;
  highMeans?: string;
  shortTitle?: string;
  outcomeFramework?: string;
}

/** A loaded and checked rubric. */
export interface Rubric {
  schemaVersion: 1;
  id: string;
  version: string;
  title: string;
  description?: string;
  citation?: string;
  license?: string;
  authors: readonly string[];
  scale: { min: number; max: number };
  display: { precision: number; rounding: Rounding };
  /** The words reports use for this index (see {@link RubricReportWords}). */
  report?: RubricReportWords;
  missing: MissingRule;
  regions: RegionCombine;
  /** The index node: its children are the areas. Its id is the rubric id. */
  root: GroupNode;
  /** Every node by id. */
  nodes: ReadonlyMap<string, RubricNode>;
  /** Alias → node id. */
  aliases: ReadonlyMap<string, string>;
  /** Every question, in rubric order. */
  questions: readonly QuestionNode[];
  variants: readonly RubricVariant[];
  /** The variant used when none is named. */
  defaultVariant: string;
  /** Rules for carrying answers over from the previous edition (`migrate:`), when declared. */
  migrate?: readonly MigrationRule[];
  /** Files the rubric was read from, index file first. */
  files: readonly string[];
}

/** A rule of a rubric's `migrate:` block. */
export interface MigrationRule {
  question: string;
  from?: string;
  options?: Readonly<Record<string, string>>;
  review?: string;
}
