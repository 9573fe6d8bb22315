/**
 * Outcome indicators: a separate model from policy rubrics and answers. An outcome framework
 * declares descriptive indicators of how migrants fare (employment, education, social
 * inclusion, active citizenship — the EU "Zaragoza" set), measured per cohort, with gaps
 * between cohorts. Outcome data are read from CSV (long or wide) and YAML, validated, and
 * turned into gaps and trends. Nothing here produces a score, and no outcome type is
 * assignable to a policy answer set or score input.
 *
 * Every export below is documented with a runnable example at its definition.
 *
 * @module
 */
export {
  OUTCOME_AREAS,
  OUTCOME_UNITS,
  type OutcomeArea,
  type OutcomeUnit,
  type OutcomeDirection,
  type OutcomeGapKind,
  type OutcomeCohort,
  type OutcomeGapDefinition,
  type OutcomeSource,
  type OutcomeIndicator,
  type OutcomeLayoutColumns,
  type OutcomeLongLayout,
  type OutcomeWideLayout,
  type OutcomeLayout,
  type OutcomeFramework,
  type OutcomeChecks,
  type OutcomeBrand,
  type OutcomeObservationStatus,
  type OutcomeObservation,
  type OutcomeDataset,
  type OutcomeGapRow,
  type OutcomeMissingGap,
  type OutcomeGapTable,
  type OutcomeTrendRow,
  type OutcomeTrendTable,
} from './types.js';
export { UNIT_BOUNDS } from './units.js';
export { parseOutcomeFramework, findOutcomeIndicator, outcomeFrameworkSchema, CANONICAL_OUTCOME_LAYOUT } from './framework.js';
export { detectOutcomeLayout, type OutcomeLayoutFit, type OutcomeLayoutDetection } from './layouts.js';
export {
  loadOutcomeData,
  type OutcomeFile,
  type OutcomeLoadOptions,
  type OutcomeLoadSummary,
  type OutcomeLoadResult,
} from './data.js';
export { selectOutcomeObservations, type OutcomeSelectionOptions } from './select.js';
export { computeGaps, computeTrends, gapSeries, type OutcomeGapOptions, type OutcomeTrendOptions, type OutcomeGapPoint } from './gaps.js';
export { ZARAGOZA_FRAMEWORK_YAML } from './zaragoza.js';
export {
  validateOutcomeFiles,
  computeOutcomeGaps,
  computeOutcomeTrendRows,
  type OutcomeValidationSummary,
  type OutcomeCommandOptions,
  type OutcomeGapCommandOptions,
  type OutcomeGapCommandResult,
  type OutcomeTrendCommandOptions,
} from './commands.js';
