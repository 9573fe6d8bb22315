/**
 * The core of policy-index: load and validate rubrics and answer sets, score, explain, and the
 * diagnostics. A page that needs only these imports this entry (`policy-index/browser` is its
 * single-file build); everything here is exported by `policy-index` as well.
 *
 * @packageDocumentation
 */
// Diagnostics
export type { Diagnostic, Severity, PathSegment, Result } from './diagnostics/diagnostic.js';
export { hasErrors, formatPath, sortDiagnostics } from './diagnostics/diagnostic.js';
export type { DiagnosticCode } from './diagnostics/codes.js';
export type { FormatOptions } from './diagnostics/format.js';
export { formatDiagnostics, diagnosticsToJson, codeFrame, diagnosticDocsUrl } from './diagnostics/format.js';
export { escapeControlCharacters } from './diagnostics/format.js';
// Sources
export type { SourceRange, SourceLocator, ParsedSource, ParseLimits } from './source/yaml-source.js';
export { parseYamlSource } from './source/yaml-source.js';
export { suggest } from './source/suggest.js';
// Rubrics
export type {
  Rubric,
  RubricNode,
  GroupNode,
  QuestionNode,
  RubricOption,
  RubricVariant,
  Aggregation,
  DecisionRow,
  ConditionValue,
  MissingRule,
  MissingPolicy,
  NodeKind,
  QuestionType,
  RegionCombine,
  Rounding,
  ScoreBand,
  ChoiceRule,
  MultipleScoring,
  SourcePosition,
  MigrationRule,
} from './rubric/types.js';
export type { LoadRubricOptions } from './rubric/load.js';
export { loadRubric } from './rubric/load.js';
// Answers
export type { AnswerSet, Answer, AnswerValue, AnswerStatus, Citation, Evidence } from './answers/types.js';
export type { LoadAnswerSetOptions } from './answers/load.js';
export { loadAnswerSet, createAnswerSet } from './answers/load.js';
export type { ValidateOptions } from './answers/validate.js';
export { validateAnswerSet } from './answers/validate.js';
// Scoring
export type { ScoreResult, ScoredNode, ScoredAnswer, VariantScore, Figure, NodeStatus, ChildHandling, MatchedRow } from './scoring/types.js';
export type { ScoreOptions, ScoreTotals, ScoreFigure } from './scoring/score.js';
export { scoreAnswerSet, scoreTotals, findScoredNode } from './scoring/score.js';
export type { CompiledRubric } from './scoring/compile.js';
export { compileRubric } from './scoring/compile.js';
export { explainScore } from './scoring/explain.js';
