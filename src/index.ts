/**
 * policy-index: build and run normative policy indices in the style of MIPEX.
 *
 * Everything exported here is browser-safe: no file system, no process. File loaders live in
 * `policy-index/node`.
 *
 * @packageDocumentation
 */
// Diagnostics
export type { Diagnostic, Severity, PathSegment, Result } from './diagnostics/diagnostic.js';
export { hasErrors, formatPath, sortDiagnostics } from './diagnostics/diagnostic.js';
export type { DiagnosticCode, DiagnosticCodeInfo } from './diagnostics/codes.js';
export { DIAGNOSTIC_CODES } from './diagnostics/codes.js';
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
// Country codes and CSV (shared by answers and outcomes)
export type { CountryCodeKind, NormalisedCountryCode } from './units/countries.js';
export { normaliseCountryCode, isEuMember, euMembers, countryName } from './units/countries.js';
export type { CsvDocument, CsvParseOptions } from './source/csv.js';
export { parseCsv, csvField, restoreCsvFormulaText } from './source/csv.js';
// JSON Schemas of the file formats
export type { JsonSchemaName } from './schemas/json-schema.js';
export { jsonSchemaFor } from './schemas/json-schema.js';
// Outcome indicators: a separate model, never part of a policy score
export type { OutcomeArea, OutcomeUnit, OutcomeDirection, OutcomeGapKind, OutcomeCohort, OutcomeGapDefinition, OutcomeSource, OutcomeIndicator, OutcomeLayoutColumns, OutcomeLongLayout, OutcomeWideLayout, OutcomeLayout, OutcomeFramework, OutcomeChecks, OutcomeBrand, OutcomeObservationStatus, OutcomeObservation, OutcomeDataset, OutcomeGapRow, OutcomeMissingGap, OutcomeGapTable, OutcomeTrendRow, OutcomeTrendTable, OutcomeLayoutFit, OutcomeLayoutDetection, OutcomeFile, OutcomeLoadOptions, OutcomeLoadSummary, OutcomeLoadResult, OutcomeSelectionOptions, OutcomeGapOptions, OutcomeTrendOptions, OutcomeGapPoint, OutcomeValidationSummary, OutcomeCommandOptions, OutcomeGapCommandOptions, OutcomeGapCommandResult, OutcomeTrendCommandOptions } from './outcomes/index.js';
export { OUTCOME_AREAS, OUTCOME_UNITS, UNIT_BOUNDS, parseOutcomeFramework, findOutcomeIndicator, outcomeFrameworkSchema, CANONICAL_OUTCOME_LAYOUT, detectOutcomeLayout, loadOutcomeData, selectOutcomeObservations, computeGaps, computeTrends, gapSeries, ZARAGOZA_FRAMEWORK_YAML, validateOutcomeFiles, computeOutcomeGaps, computeOutcomeTrendRows } from './outcomes/index.js';
export { renderOutcomeGapsText, renderOutcomeGapsCsv, renderOutcomeGapsJson, renderOutcomeTrends, renderOutcomeValidationSummary } from './report/outcome-tables.js';
// Policy–outcome view (association, not effect)
export type { PolicyValue, OutcomeSeriesPoint, PolicyOutcomeOptions, PolicyOutcomePair, CorrelationResult, PolicyOutcomeView } from './analysis/policy-outcome.js';
export type { PolicyOutcomeSvgOptions } from './report/policy-outcome.js';
export { pearsonCorrelation, spearmanCorrelation } from './analysis/correlation.js';
export { buildPolicyOutcomeView, ASSOCIATION_NOTE } from './analysis/policy-outcome.js';
export { renderPolicyOutcomeSvg, renderPolicyOutcomeText } from './report/policy-outcome.js';
// Scorecards, comparisons, change attribution
export type { Scorecard, NodeCard, AreaCard, OverallCard, Comparison, Derivation, OutcomeEntry, ChartSeries, ScorecardContext, ScorecardContextOptions, BuildScorecardOptions, IndexModel, IndexRow, IndexModelOptions, ChartCategory, ChartSeriesInput, ChartOptions, LineSeriesInput, LineChartOptions, HtmlOptions, ScorecardJsonOptions, SiteFile, SiteFormat, BuildSiteOptions, Ranking, RankedEntry, RankOptions, PeerGroup, NamedPeerGroup, PeerAverages, PeerAverageOptions, AverageScore, AreaDifference, StrengthsOptions, DisplayRule, RankOf, ChangeReport, AnswerChange, ChangeOptions, ScoreDelta, ChangedAnswerSide, ComparableTrend, ComparableTrendOptions, ComparableTrendPoint, ExactAverage, FractionValue } from './report/index.js';
export { scorecardSchema, scorecardJsonSchema, outcomeEntrySchema, createScorecardContext, buildScorecard, buildIndexModel, defaultIndexYear, barChartSvg, radarChartSvg, lineChartSvg, PALETTE, renderScorecardHtml, renderIndexHtml, CONTENT_SECURITY_POLICY, renderScorecardMarkdown, renderIndexMarkdown, renderScorecardJson, renderIndexJson, escapeHtml, escapeMarkdown, safeUrl, buildSite, scoreAll, isPeer, rankResults, rankBy, peerAverage, peerMembers, strengthsAndWeaknesses, computeChange, sumExact, previousAnswerSet, commonVariant, comparableTrend, exactMean } from './report/index.js';
// Answer-set writer, answer tables, country metadata and peer groups
export type { FormatAnswerSetOptions } from './answers/format.js';
export { formatAnswerSet, updateAnswerSetText } from './answers/format.js';
export type { GridCell, GridRow, CellGrid } from './tables/grid.js';
export { csvCellGrid } from './tables/grid.js';
export type { TableMapping } from './tables/mapping.js';
export { loadTableMapping } from './tables/mapping.js';
export type { ImportAnswerTableOptions } from './tables/import.js';
export { importAnswerTable } from './tables/import.js';
export type { AnswerTable } from './tables/export.js';
export { answerTable, answerTableCsv } from './tables/export.js';
export type { CountryRecord, M49Region, MembershipGroup } from './units/countries.js';
export { countryRecord, m49Regions, countriesInRegion, groupMembers, isOecdMember, findCountry } from './units/countries.js';
export type { ResolvedPeers, PeerCandidate, ResolvePeersOptions } from './units/peers.js';
export { resolvePeers, loadPeerGroup } from './units/peers.js';
export type { DeclaredUnit, ResolvedUnit, UnitLookup, ResolveUnitOptions } from './units/resolve.js';
export { UnitResolver } from './units/resolve.js';
export { loadUnits } from './units/declared.js';
// Verification against published scores, for any index
export type { PublishedValue, PublishedColumns, PublishedCell, ReadPublishedOptions } from './analysis/verify/published.js';
export { readPublishedCsv, readPublishedRows, PUBLISHED_COLUMNS } from './analysis/verify/published.js';
export type { PublishedDisagreement, PublishedInconsistency, VerifyPublishedResult, VerifyPublishedOptions } from './analysis/verify/verify.js';
export { verifyPublishedScores, checkPublishedConsistency, DEFAULT_VERIFY_TOLERANCE } from './analysis/verify/verify.js';
// Editions: rubric diff, answer migration
export type { RubricDiff, RubricChange, RubricChangeKind, StepEffect, UnitImpact, ImpactStep, RubricImpact, DiffRubricsOptions } from './editions/rubric-diff.js';
export { diffRubrics } from './editions/rubric-diff.js';
export type { MigrationStep, MigrationPlan, MigratedAnswerSet } from './editions/migrate-plan.js';
export { planMigration, migrateAnswerSet } from './editions/migrate-plan.js';
export type { MigrationNote, MigratedText } from './editions/migrate-document.js';
export { migrateAnswerText } from './editions/migrate-document.js';
export { parseMigrationMapping } from './editions/mapping.js';
export type { MigrationRule } from './rubric/types.js';
export type { SideBySide, SideBySideRow, SideBySideCell } from './editions/side-by-side.js';
export { sideBySide } from './editions/side-by-side.js';
export type { TrendRow, PeerSegment, TrendLineSegment, TrendLine } from './analysis/trend.js';
export { trendRows, peerSegments, trendLines } from './analysis/trend.js';
export type { VariantChoices, DefaultYearOptions } from './analysis/comparable.js';
export { comparableVariant, defaultYear, hasCompleteScore } from './analysis/comparable.js';
// Robustness: uncertainty and sensitivity of ranks under the builders' choices
export type { EvaluationPlan, PlanUnits, PlanMethod } from './analysis/robustness/plan.js';
export { compileEvaluationPlan, planUnitsFromResults } from './analysis/robustness/plan.js';
export type { UncertaintySpec, UncertainInput, UncertaintyContext, SpecProblem } from './analysis/robustness/context.js';
export { prepareUncertainty } from './analysis/robustness/context.js';
export type { EffectiveWeight } from './analysis/robustness/effective-weights.js';
export { effectiveWeights } from './analysis/robustness/effective-weights.js';
export type { Spread, UnitUncertainty, UncertaintyResult } from './analysis/robustness/uncertainty.js';
export { analyseUncertainty } from './analysis/robustness/uncertainty.js';
export type { SensitivityOptions, InputIndices, SensitivityResult } from './analysis/robustness/sensitivity.js';
export { analyseSensitivity } from './analysis/robustness/sensitivity.js';
export type { RobustnessBudget } from './analysis/robustness/budget.js';
export { DEFAULT_MAX_EVALUATIONS, DEFAULT_MEMORY_BUDGET } from './analysis/robustness/budget.js';
export type { LoadedUncertaintySpec } from './analysis/robustness/spec.js';
export { loadUncertaintySpec } from './analysis/robustness/spec.js';
export type { RobustnessDisplay } from './report/robustness.js';
export { roundFigure, uncertaintyText, uncertaintyCsv, uncertaintyHtml, sensitivityText, sensitivityCsv, sensitivityHtml } from './report/robustness.js';
// Statistical audit: statistics, availability, correlations, Cronbach's alpha, principal components
export type { AuditLevel, AuditOptions, AuditThresholds, AuditNode, NodeStatistics, CorrelationFigure, NodeCorrelations, SiblingCorrelation, GroupPca, GroupAudit, UnitAvailability, AuditFlagKind, AuditFlag, AuditResult, AuditProblem } from './analysis/audit/audit.js';
export type { Moments } from './analysis/audit/moments.js';
export { auditIndex, AUDIT_LEVELS } from './analysis/audit/audit.js';
export { auditText, auditCsv, auditJson, auditHtml } from './report/audit.js';
