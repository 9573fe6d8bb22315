/**
 * Pins the public API. Changing what `policy-index` or `policy-index/node` exports must change
 * this file too, deliberately. The core (`src/core.ts`, built as `policy-index/browser`) is a
 * part of `policy-index`: the same names, the same values.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import * as nodeApi from '../src/node/index.js';
import * as coreApi from '../src/core.js';
import { ROOT } from './engine-helpers.js';

const ENTRY_POINTS = { 'src/index.ts': api, 'src/node/index.ts': nodeApi, 'src/core.ts': coreApi } as const;

/** Every file reachable from an entry through `export … from` statements, entry first. */
function reachableFiles(entry: string, seen = new Set<string>()): string[] {
  if (seen.has(entry)) return [];
  seen.add(entry);
  const text = readFileSync(join(ROOT, entry), 'utf8');
  const out = [entry];
  for (const m of text.matchAll(/export\s*(?:\*|\{[^}]*\})\s*from\s*'(\.[^']+)'/g)) {
    out.push(...reachableFiles(join(dirname(entry), m[1]!.replace(/\.js$/, '.ts')), seen));
  }
  return out;
}

/** Runtime name → file that declares it. */
function definingFiles(entry: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of reachableFiles(entry)) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const m of text.matchAll(/export\s+(?:async\s+)?(?:function\*?|const|class|let)\s+([A-Za-z_$][\w$]*)/g)) if (!out.has(m[1]!)) out.set(m[1]!, file);
  }
  return out;
}

/** Files of the core engine, whose exports must all be documented with an example. */
const CORE = /^src\//;

/** The TSDoc comment right before `export function name` / `export const name` in a file. */
function tsdocOf(file: string, name: string): string | undefined {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const decl = new RegExp(`(/\\*\\*(?:(?!\\*/)[\\s\\S])*\\*/)\\s*export\\s+(?:async\\s+)?(?:function\\*?|const|class)\\s+${name}\\b`);
  return decl.exec(text)?.[1];
}

/** Every name (values and types) a module exports, as the TypeScript compiler sees it. */
function exportedNames(files: readonly string[]): Map<string, string[]> {
  const roots = files.map((f) => join(ROOT, f));
  const program = ts.createProgram(roots, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  return new Map(
    files.map((f, i) => {
      const symbol = checker.getSymbolAtLocation(program.getSourceFile(roots[i]!)!)!;
      return [f, checker.getExportsOfModule(symbol).map((s) => s.name).sort()];
    }),
  );
}

describe('the public export list', () => {
  const names = exportedNames(Object.keys(ENTRY_POINTS));

  it('policy-index', () => {
    expect(names.get('src/index.ts')).toEqual([
      'ASSOCIATION_NOTE',
      'AUDIT_LEVELS',
      'Aggregation',
      'Answer',
      'AnswerChange',
      'AnswerSet',
      'AnswerStatus',
      'AnswerTable',
      'AnswerValue',
      'AreaCard',
      'AreaDifference',
      'AuditFlag',
      'AuditFlagKind',
      'AuditLevel',
      'AuditNode',
      'AuditOptions',
      'AuditProblem',
      'AuditResult',
      'AuditThresholds',
      'AverageScore',
      'BuildScorecardOptions',
      'BuildSiteOptions',
      'CANONICAL_OUTCOME_LAYOUT',
      'CONTENT_SECURITY_POLICY',
      'CellGrid',
      'ChangeOptions',
      'ChangeReport',
      'ChangedAnswerSide',
      'ChartCategory',
      'ChartOptions',
      'ChartSeries',
      'ChartSeriesInput',
      'ChildHandling',
      'ChoiceRule',
      'Citation',
      'ComparableTrend',
      'ComparableTrendOptions',
      'ComparableTrendPoint',
      'Comparison',
      'CompiledRubric',
      'ConditionValue',
      'CorrelationFigure',
      'CorrelationResult',
      'CountryCodeKind',
      'CountryRecord',
      'CsvDocument',
      'CsvParseOptions',
      'DEFAULT_MAX_EVALUATIONS',
      'DEFAULT_MEMORY_BUDGET',
      'DEFAULT_VERIFY_TOLERANCE',
      'DIAGNOSTIC_CODES',
      'DecisionRow',
      'DeclaredUnit',
      'DefaultYearOptions',
      'Derivation',
      'Diagnostic',
      'DiagnosticCode',
      'DiagnosticCodeInfo',
      'DiffRubricsOptions',
      'DisplayRule',
      'EffectiveWeight',
      'EvaluationPlan',
      'Evidence',
      'ExactAverage',
      'Figure',
      'FormatAnswerSetOptions',
      'FormatOptions',
      'FractionValue',
      'GridCell',
      'GridRow',
      'GroupAudit',
      'GroupNode',
      'GroupPca',
      'HtmlOptions',
      'ImpactStep',
      'ImportAnswerTableOptions',
      'IndexModel',
      'IndexModelOptions',
      'IndexRow',
      'InputIndices',
      'JsonSchemaName',
      'LineChartOptions',
      'LineSeriesInput',
      'LoadAnswerSetOptions',
      'LoadRubricOptions',
      'LoadedUncertaintySpec',
      'M49Region',
      'MatchedRow',
      'MembershipGroup',
      'MigratedAnswerSet',
      'MigratedText',
      'MigrationNote',
      'MigrationPlan',
      'MigrationRule',
      'MigrationStep',
      'MissingPolicy',
      'MissingRule',
      'Moments',
      'MultipleScoring',
      'NamedPeerGroup',
      'NodeCard',
      'NodeCorrelations',
      'NodeKind',
      'NodeStatistics',
      'NodeStatus',
      'NormalisedCountryCode',
      'OUTCOME_AREAS',
      'OUTCOME_UNITS',
      'OutcomeArea',
      'OutcomeBrand',
      'OutcomeChecks',
      'OutcomeCohort',
      'OutcomeCommandOptions',
      'OutcomeDataset',
      'OutcomeDirection',
      'OutcomeEntry',
      'OutcomeFile',
      'OutcomeFramework',
      'OutcomeGapCommandOptions',
      'OutcomeGapCommandResult',
      'OutcomeGapDefinition',
      'OutcomeGapKind',
      'OutcomeGapOptions',
      'OutcomeGapPoint',
      'OutcomeGapRow',
      'OutcomeGapTable',
      'OutcomeIndicator',
      'OutcomeLayout',
      'OutcomeLayoutColumns',
      'OutcomeLayoutDetection',
      'OutcomeLayoutFit',
      'OutcomeLoadOptions',
      'OutcomeLoadResult',
      'OutcomeLoadSummary',
      'OutcomeLongLayout',
      'OutcomeMissingGap',
      'OutcomeObservation',
      'OutcomeObservationStatus',
      'OutcomeSelectionOptions',
      'OutcomeSeriesPoint',
      'OutcomeSource',
      'OutcomeTrendCommandOptions',
      'OutcomeTrendOptions',
      'OutcomeTrendRow',
      'OutcomeTrendTable',
      'OutcomeUnit',
      'OutcomeValidationSummary',
      'OutcomeWideLayout',
      'OverallCard',
      'PALETTE',
      'PUBLISHED_COLUMNS',
      'ParseLimits',
      'ParsedSource',
      'PathSegment',
      'PeerAverageOptions',
      'PeerAverages',
      'PeerCandidate',
      'PeerGroup',
      'PeerSegment',
      'PlanMethod',
      'PlanUnits',
      'PolicyOutcomeOptions',
      'PolicyOutcomePair',
      'PolicyOutcomeSvgOptions',
      'PolicyOutcomeView',
      'PolicyValue',
      'PublishedCell',
      'PublishedColumns',
      'PublishedDisagreement',
      'PublishedInconsistency',
      'PublishedValue',
      'QuestionNode',
      'QuestionType',
      'RankOf',
      'RankOptions',
      'RankedEntry',
      'Ranking',
      'ReadPublishedOptions',
      'RegionCombine',
      'ResolvePeersOptions',
      'ResolveUnitOptions',
      'ResolvedPeers',
      'ResolvedUnit',
      'Result',
      'RobustnessBudget',
      'RobustnessDisplay',
      'Rounding',
      'Rubric',
      'RubricChange',
      'RubricChangeKind',
      'RubricDiff',
      'RubricImpact',
      'RubricNode',
      'RubricOption',
      'RubricVariant',
      'ScoreBand',
      'ScoreDelta',
      'ScoreFigure',
      'ScoreOptions',
      'ScoreResult',
      'ScoreTotals',
      'Scorecard',
      'ScorecardContext',
      'ScorecardContextOptions',
      'ScorecardJsonOptions',
      'ScoredAnswer',
      'ScoredNode',
      'SensitivityOptions',
      'SensitivityResult',
      'Severity',
      'SiblingCorrelation',
      'SideBySide',
      'SideBySideCell',
      'SideBySideRow',
      'SiteFile',
      'SiteFormat',
      'SourceLocator',
      'SourcePosition',
      'SourceRange',
      'SpecProblem',
      'Spread',
      'StepEffect',
      'StrengthsOptions',
      'TableMapping',
      'TrendLine',
      'TrendLineSegment',
      'TrendRow',
      'UNIT_BOUNDS',
      'UncertainInput',
      'UncertaintyContext',
      'UncertaintyResult',
      'UncertaintySpec',
      'UnitAvailability',
      'UnitImpact',
      'UnitLookup',
      'UnitResolver',
      'UnitUncertainty',
      'ValidateOptions',
      'VariantChoices',
      'VariantScore',
      'VerifyPublishedOptions',
      'VerifyPublishedResult',
      'ZARAGOZA_FRAMEWORK_YAML',
      'analyseSensitivity',
      'analyseUncertainty',
      'answerTable',
      'answerTableCsv',
      'auditCsv',
      'auditHtml',
      'auditIndex',
      'auditJson',
      'auditText',
      'barChartSvg',
      'buildIndexModel',
      'buildPolicyOutcomeView',
      'buildScorecard',
      'buildSite',
      'checkPublishedConsistency',
      'codeFrame',
      'commonVariant',
      'comparableTrend',
      'comparableVariant',
      'compileEvaluationPlan',
      'compileRubric',
      'computeChange',
      'computeGaps',
      'computeOutcomeGaps',
      'computeOutcomeTrendRows',
      'computeTrends',
      'countriesInRegion',
      'countryName',
      'countryRecord',
      'createAnswerSet',
      'createScorecardContext',
      'csvCellGrid',
      'csvField',
      'defaultIndexYear',
      'defaultYear',
      'detectOutcomeLayout',
      'diagnosticDocsUrl',
      'diagnosticsToJson',
      'diffRubrics',
      'effectiveWeights',
      'escapeControlCharacters',
      'escapeHtml',
      'escapeMarkdown',
      'euMembers',
      'exactMean',
      'explainScore',
      'findCountry',
      'findOutcomeIndicator',
      'findScoredNode',
      'formatAnswerSet',
      'formatDiagnostics',
      'formatPath',
      'gapSeries',
      'groupMembers',
      'hasCompleteScore',
      'hasErrors',
      'importAnswerTable',
      'isEuMember',
      'isOecdMember',
      'isPeer',
      'jsonSchemaFor',
      'lineChartSvg',
      'loadAnswerSet',
      'loadOutcomeData',
      'loadPeerGroup',
      'loadRubric',
      'loadTableMapping',
      'loadUncertaintySpec',
      'loadUnits',
      'm49Regions',
      'migrateAnswerSet',
      'migrateAnswerText',
      'normaliseCountryCode',
      'outcomeEntrySchema',
      'outcomeFrameworkSchema',
      'parseCsv',
      'parseMigrationMapping',
      'parseOutcomeFramework',
      'parseYamlSource',
      'pearsonCorrelation',
      'peerAverage',
      'peerMembers',
      'peerSegments',
      'planMigration',
      'planUnitsFromResults',
      'prepareUncertainty',
      'previousAnswerSet',
      'radarChartSvg',
      'rankBy',
      'rankResults',
      'readPublishedCsv',
      'readPublishedRows',
      'renderIndexHtml',
      'renderIndexJson',
      'renderIndexMarkdown',
      'renderOutcomeGapsCsv',
      'renderOutcomeGapsJson',
      'renderOutcomeGapsText',
      'renderOutcomeTrends',
      'renderOutcomeValidationSummary',
      'renderPolicyOutcomeSvg',
      'renderPolicyOutcomeText',
      'renderScorecardHtml',
      'renderScorecardJson',
      'renderScorecardMarkdown',
      'resolvePeers',
      'restoreCsvFormulaText',
      'roundFigure',
      'safeUrl',
      'scoreAll',
      'scoreAnswerSet',
      'scoreTotals',
      'scorecardJsonSchema',
      'scorecardSchema',
      'selectOutcomeObservations',
      'sensitivityCsv',
      'sensitivityHtml',
      'sensitivityText',
      'sideBySide',
      'sortDiagnostics',
      'spearmanCorrelation',
      'strengthsAndWeaknesses',
      'suggest',
      'sumExact',
      'trendLines',
      'trendRows',
      'uncertaintyCsv',
      'uncertaintyHtml',
      'uncertaintyText',
      'updateAnswerSetText',
      'validateAnswerSet',
      'validateOutcomeFiles',
      'verifyPublishedScores',
    ]);
  });

  it('policy-index/node', () => {
    expect(names.get('src/node/index.ts')).toEqual([
      'AnswerTableFile',
      'ImportMipexOptions',
      'InputFiles',
      'MAX_FILE_BYTES',
      'MAX_FOLDER_DEPTH',
      'MAX_FOLDER_ENTRIES',
      'MIPEX_2020_CITATION',
      'MIPEX_SUBNATIONAL_UNITS',
      'MipexImportResult',
      'MipexSheetCount',
      'OutputFile',
      'OutputGuard',
      'PARALLEL_THRESHOLD',
      'ParallelOptions',
      'PublishedScore',
      'QuestionnaireOptions',
      'ReadAnswerTableOptions',
      'ReadFileOptions',
      'ReadPublishedXlsxOptions',
      'SubnationalUnit',
      'VERIFY_TOLERANCE',
      'VerifyDisagreement',
      'VerifySheetCount',
      'VerifyWorkbookOptions',
      'VerifyWorkbookResult',
      'WriteAnswerSetFilesOptions',
      'WriteAnswerSetFilesResult',
      'WriteMipexOptions',
      'WriteMipexResult',
      'WriteOutputFilesOptions',
      'WriteOutputFilesResult',
      'analyseSensitivityParallel',
      'analyseUncertaintyParallel',
      'answerTableXlsx',
      'bundledOutcomeDataPath',
      'bundledRubricPath',
      'checkOutputFolder',
      'checkOutputPath',
      'expandAnswerPaths',
      'importMipexWorkbook',
      'importParsedMipexWorkbook',
      'isSafePathPart',
      'loadAnswerSetFile',
      'loadAnswerSetFiles',
      'loadRubricFile',
      'outputGuard',
      'outputPath',
      'packageRoot',
      'packageVersion',
      'questionnaireXlsx',
      'readAnswerTableFile',
      'readFileBytes',
      'readPublishedXlsx',
      'readTextFile',
      'renderMipexFiles',
      'resolveRubricIndex',
      'sampleScoresParallel',
      'verifyWorkbook',
      'writeAnswerSetFiles',
      'writeMipexAnswerSets',
      'writeOutputFiles',
      'xlsxCellGrids',
    ]);
  });

  it('policy-index/browser: the core, every name of it exported by policy-index as well', () => {
    expect(Object.keys(coreApi).sort()).toEqual([
      'codeFrame',
      'compileRubric',
      'createAnswerSet',
      'diagnosticDocsUrl',
      'diagnosticsToJson',
      'escapeControlCharacters',
      'explainScore',
      'findScoredNode',
      'formatDiagnostics',
      'formatPath',
      'hasErrors',
      'loadAnswerSet',
      'loadRubric',
      'parseYamlSource',
      'scoreAnswerSet',
      'scoreTotals',
      'sortDiagnostics',
      'suggest',
      'validateAnswerSet',
    ]);
    for (const name of names.get('src/core.ts')!) expect(names.get('src/index.ts'), 'policy-index').toContain(name);
    for (const [name, value] of Object.entries(coreApi)) expect((api as Record<string, unknown>)[name], name).toBe(value);
  });

  it('every runtime export is in the pinned list', () => {
    for (const [entry, mod] of Object.entries(ENTRY_POINTS)) {
      for (const name of Object.keys(mod)) expect(names.get(entry), entry).toContain(name);
    }
  });
});

describe('TSDoc', () => {
  for (const [entry, mod] of Object.entries(ENTRY_POINTS)) {
    it(`every exported function of the core in ${entry} has TSDoc with an @example`, () => {
      const files = definingFiles(entry);
      const missing: string[] = [];
      const elsewhere: string[] = [];
      for (const [name, value] of Object.entries(mod)) {
        if (typeof value !== 'function') continue;
        const file = files.get(name);
        expect(file, `${name} is declared somewhere`).toBeDefined();
        const doc = tsdocOf(file!, name);
        if (!doc || !doc.includes('@example')) (CORE.test(file!) ? missing : elsewhere).push(`${name} (${file})`);
      }
      expect(missing).toEqual([]);
      // Exports outside the core without an example are listed here for their owners; this
      // list only ever shrinks.
      if (elsewhere.length) console.info(`Exports of ${entry} without an @example outside the core:\n  ${elsewhere.join('\n  ')}`);
    });
  }

  it('exported constants have TSDoc', () => {
    for (const [entry, mod] of Object.entries(ENTRY_POINTS)) {
      const files = definingFiles(entry);
      for (const [name, value] of Object.entries(mod)) {
        if (typeof value === 'function') continue;
        const file = files.get(name)!;
        if (!CORE.test(file)) continue;
        expect(tsdocOf(file, name), `${name} in ${file}`).toBeDefined();
      }
    }
  });
});
