/**
 * A minimal input for every diagnostic code: the files and the command line (or, for codes the
 * command line reports otherwise, the library call) that make policy-index report it. The documentation build runs each example with the CLI and shows
 * the real output on the code's page; test/diagnostic-examples.test.ts checks that each
 * example still reports its code. Codes no file can trigger are listed with the reason in
 * {@link DIAGNOSTICS_WITHOUT_EXAMPLE}.
 *
 * @module
 */
import type { DiagnosticCode } from '../../src/diagnostics/codes.js';

/**
 * A library call an example makes instead of a command, for codes the command line reports
 * differently (as a usage error or a table status): the files are read from memory.
 */
export type DiagnosticExampleCall =
  /** `scoreAnswerSet` of `answers.yaml` with the rubric `rubric.yaml`, with `variant`. */
  | { fn: 'scoreAnswerSet'; variant: string }
  /** `computeGaps` of `data.csv` under the outcome framework `framework.yaml`. */
  | { fn: 'computeGaps' }
  /** `loadOutcomeData` of `data.csv` under `framework.yaml`, read with the given layout. */
  | { fn: 'loadOutcomeData'; layout: string }
  /** `loadPeerGroup` of `peers.yaml`. */
  | { fn: 'loadPeerGroup' };

/** One example: files written into an empty folder, and the command run there (or a library call). */
export interface DiagnosticExample {
  /** File name (relative to the folder) → text. */
  files: Readonly<Record<string, string>>;
  /** The arguments after `policy-index`. */
  argv?: readonly string[];
  /** The library call, when the example is not a command. */
  call?: DiagnosticExampleCall;
  /** Text shown for a file instead of its content (for generated, very long files). */
  shown?: Readonly<Record<string, string>>;
  /** Symbolic links made after the files: link name (relative to the folder) → the target it points to, as written in the link. */
  links?: Readonly<Record<string, string>>;
  /** .xlsx workbooks made from cells (file name → its sheets, each cells by A1 reference). */
  workbooks?: Readonly<Record<string, readonly { sheet: string; cells: Readonly<Record<string, string | number>> }[]>>;
  /** Files written as UTF-16 (little-endian, with a byte-order mark) instead of UTF-8. */
  utf16?: readonly string[];
  /** One sentence on what the example does, shown above it. */
  note?: string;
}

// ── Building blocks ────────────────────────────────────────────────────────────

const HEADER = 'schemaVersion: 1\nid: demo\nversion: 1.0.0\ntitle: Demo index\n';

const PERMIT = `      - id: permit
        title: Work permit
        type: single-choice
        options:
          - { id: never, label: Never, score: 0 }
          - { id: later, label: After a year, score: 50 }
          - { id: at-once, label: At once, score: 100 }
`;
const VOTE = `      - id: vote
        title: Local vote
        type: yes-no
        scores: { yes: 100, no: 0 }
`;

/** A rubric with one area `work` holding the given indicators (default: `permit` and `vote`). */
const rubric = (indicators = PERMIT + VOTE, header = '', areasAfter = '') =>
  `${HEADER}${header}areas:\n  - id: work\n    title: Work\n    indicators:\n${indicators}${areasAfter}`;

const answers = (lines = '  permit: at-once\n  vote: yes\n', head = 'rubric: demo@1.0.0\ncountry: NL\nyear: 2024\n') =>
  `schemaVersion: 1\n${head}answers:\n${lines}`;

const validate = (...files: string[]) => ['validate', ...files];

/** A decision table over `permit` and `vote` with the given rows. */
const table = (rows: string, extra = '') =>
  rubric(`      - id: access
        title: Access
        aggregation:
          method: decision-table
          inputs: [permit, vote]
${extra}          rows:
${rows}        questions:
${(PERMIT + VOTE).replace(/^/gm, '    ')}`);

const FRAMEWORK = `schemaVersion: 1
id: demo-outcomes
version: 1.0.0
title: Demo outcomes
cohorts:
  - { id: native, title: Native-born }
  - { id: foreign, title: Foreign-born }
indicators:
  - id: employment-rate
    area: employment
    title: Employment rate
    definition: Share of people aged 20-64 in work.
    unit: percent
    direction: higher-is-better
    cohorts: [native, foreign]
    gaps:
      - { id: gap, kind: difference-pp, cohort: foreign, reference: native }
      - { id: ratio, kind: ratio, cohort: foreign, reference: native }
    source: { publisher: Demo statistics office }
`;
const outcomes = (rows: string, framework = FRAMEWORK) => ({
  files: { 'framework.yaml': framework, 'data.csv': `country,year,indicator,cohort,value\n${rows}` },
  argv: ['outcomes', 'validate', 'data.csv', '--framework', 'framework.yaml'],
});

const published = (rows: string) => ({
  files: { 'rubric.yaml': rubric(), 'answers.yaml': answers(), 'published.csv': rows },
  argv: ['verify', 'rubric.yaml', 'answers.yaml', '--published', 'published.csv'],
});

const importTable = (csv: string) => ({
  files: { 'rubric.yaml': rubric(), 'table.csv': csv },
  argv: ['import-table', 'table.csv', '--rubric', 'rubric.yaml', '--out', 'out'],
});

/**
 * The cells of a small country sheet in the layout the MIPEX importer reads: the overall-score
 * block and one strand block (code `f`) with one indicator (`fa98`) answered for 2019. The
 * other strands are missing, so every such workbook also reports `IMPORT_LAYOUT`.
 */
const sheetCells = (extra: Record<string, string | number> = {}): Record<string, string | number> => ({
  A1: 'Overall Scores', A2: 'Year', B2: 'Overall Score (with health)', A3: 2019, B3: 50,
  A5: 'Policy strand', B5: 'Citizenship Strand', A6: 'Indicator', A7: 'Sub-indicator', A8: 'Title', A9: 'Description', A10: 'Answer options',
  B6: 'f', E6: 'fa98',
  A11: 'Year', B11: 'Score', C11: 'Comments', D11: 'Year', E11: 'Score', F11: 'Comments',
  A12: 2019, B12: 100, D12: 2019, E12: 100,
  ...extra,
});
const workbook = (sheets: { sheet: string; cells: Record<string, string | number> }[], note: string): DiagnosticExample => ({
  files: {},
  workbooks: { 'workbook.xlsx': sheets },
  argv: ['import-mipex', 'workbook.xlsx', '--out', 'out'],
  note,
});

// ── The examples ───────────────────────────────────────────────────────────────

/** The example of each code that a file can trigger. */
export const DIAGNOSTIC_EXAMPLES: Readonly<Partial<Record<DiagnosticCode, DiagnosticExample>>> = {
  YAML_SYNTAX: { files: { 'rubric.yaml': `${HEADER}areas: [unclosed\n` }, argv: validate('rubric.yaml') },
  YAML_DUPLICATE_KEY: { files: { 'rubric.yaml': rubric().replace('title: Demo index\n', 'title: Demo index\ntitle: Other title\n') }, argv: validate('rubric.yaml') },
  YAML_FORBIDDEN_KEY: { files: { 'rubric.yaml': rubric().replace('title: Demo index\n', 'title: Demo index\n__proto__: { polluted: true }\n') }, argv: validate('rubric.yaml') },
  YAML_TOO_DEEP: { files: { 'rubric.yaml': `${HEADER}notes: ${'['.repeat(80)}${']'.repeat(80)}\n` }, argv: validate('rubric.yaml') },
  YAML_ALIAS_LIMIT: {
    files: { 'rubric.yaml': 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n' },
    argv: validate('rubric.yaml'),
  },
  YAML_NOT_A_MAPPING: { files: { 'rubric.yaml': '- just\n- a list\n' }, argv: validate('rubric.yaml') },
  YAML_UNSUPPORTED_KEY: { files: { 'rubric.yaml': `${HEADER}? [a, b]\n: value\n` }, argv: validate('rubric.yaml') },
  YAML_MULTIPLE_DOCUMENTS: { files: { 'rubric.yaml': `${rubric()}---\n${rubric()}` }, argv: validate('rubric.yaml') },
  YAML_TOO_MANY_ENTRIES: {
    files: { 'answers.yaml': answers(`  permit: at-once\nnotes: [${'1,'.repeat(100_000)}1]\n`) },
    shown: { 'answers.yaml': answers('  permit: at-once\n') + 'notes: [1, 1, 1, …]   # a list of 100,001 entries\n' },
    argv: validate('answers.yaml'),
  },
  YAML_KEY_TOO_LONG: { files: { 'answers.yaml': answers(`  ${'q'.repeat(1001)}: yes\n`) }, shown: { 'answers.yaml': answers('  qqqq…q: yes   # a key of 1,001 characters\n') }, argv: validate('answers.yaml') },
  FILE_NOT_FOUND: { files: { 'rubric.yaml': `${HEADER}areas:\n  - include: areas/work.yaml\n` }, argv: validate('rubric.yaml'), note: 'The index file includes an area file that does not exist.' },
  FILE_TOO_LARGE: {
    files: { 'answers.yaml': answers(`  permit: at-once\n# ${'x'.repeat(1_000_000)}\n`) },
    shown: { 'answers.yaml': answers('  permit: at-once\n') + '# xxxx…   (a comment that makes the file longer than 1,000,000 characters)\n' },
    argv: validate('answers.yaml'),
  },
  FILE_UTF16: { files: { 'answers.yaml': answers() }, utf16: ['answers.yaml'], argv: validate('answers.yaml'), note: 'A valid answer set, saved as UTF-16.' },
  FILE_NOT_REGULAR: { files: {}, argv: validate('/dev/null'), note: 'A device given where a file is expected (on Linux and macOS).' },
  FOLDER_LINK_SKIPPED: { files: { 'answers/NL-2024.yaml': answers() }, links: { 'answers/again': '.' }, argv: validate('answers'), note: 'A link in the answers folder leads back to the folder itself.' },
  OUTPUT_OUTSIDE_FOLDER: {
    files: { 'rubric.yaml': rubric(), 'table.csv': 'country,year,permit,vote\nNL,2024,at-once,yes\n', 'elsewhere/keep.txt': '' },
    links: { 'out/NL': '../elsewhere' },
    argv: ['import-table', 'table.csv', '--rubric', 'rubric.yaml', '--out', 'out'],
    note: 'In the output folder, `NL` is a link to a folder outside it; the answer set for NL would be written through it.',
  },
  FOLDER_TOO_DEEP: {
    files: { [`answers/${'sub/'.repeat(17)}NL-2024.yaml`]: answers() },
    shown: { [`answers/${'sub/'.repeat(17)}NL-2024.yaml`]: '(an answer set, 18 folders below answers/)' },
    argv: validate('answers'),
  },
  PATH_OUTSIDE_RUBRIC: { files: { 'rubric.yaml': `${HEADER}areas:\n  - include: ../elsewhere/work.yaml\n` }, argv: validate('rubric.yaml') },
  INCLUDE_CYCLE: { files: { 'rubric.yaml': `${HEADER}areas:\n  - include: rubric.yaml\n` }, argv: validate('rubric.yaml'), note: 'The index file includes itself.' },
  SCHEMA_INVALID_TYPE: { files: { 'rubric.yaml': rubric().replace('title: Demo index', 'title: [Demo, index]') }, argv: validate('rubric.yaml') },
  SCHEMA_MISSING_FIELD: { files: { 'rubric.yaml': rubric().replace('title: Demo index\n', '') }, argv: validate('rubric.yaml') },
  SCHEMA_UNKNOWN_FIELD: { files: { 'rubric.yaml': rubric().replace('title: Demo index\n', 'title: Demo index\ntitel: typo\n') }, argv: validate('rubric.yaml') },
  SCHEMA_INVALID_VALUE: { files: { 'rubric.yaml': rubric().replace('type: yes-no', 'type: yes-or-no') }, argv: validate('rubric.yaml') },
  SCHEMA_VERSION_UNSUPPORTED: { files: { 'rubric.yaml': rubric().replace('schemaVersion: 1', 'schemaVersion: 2') }, argv: validate('rubric.yaml') },
  RUBRIC_DUPLICATE_ID: { files: { 'rubric.yaml': rubric(PERMIT + VOTE.replace('id: vote', 'id: permit')) }, argv: validate('rubric.yaml') },
  RUBRIC_UNKNOWN_REFERENCE: { files: { 'rubric.yaml': rubric(undefined, '', 'variants:\n  - { id: all, title: All areas, areas: [work, health] }\n') }, argv: validate('rubric.yaml') },
  RUBRIC_INVALID_WEIGHT: { files: { 'rubric.yaml': rubric(PERMIT + VOTE + '        weight: -1\n') }, argv: validate('rubric.yaml') },
  RUBRIC_SCORE_OUT_OF_SCALE: { files: { 'rubric.yaml': rubric(PERMIT + VOTE.replace('yes: 100', 'yes: 150')) }, argv: validate('rubric.yaml') },
  RUBRIC_EMPTY_NODE: { files: { 'rubric.yaml': `${HEADER}areas:\n  - id: work\n    title: Work\n` }, argv: validate('rubric.yaml'), note: 'The area has neither dimensions nor indicators.' },
  RUBRIC_DECISION_TABLE_INPUT: { files: { 'rubric.yaml': table('            - { when: { permit: soon }, score: 100 }\n', '          default: 0\n') }, argv: validate('rubric.yaml'), note: '`soon` is not an option of `permit`.' },
  RUBRIC_DECISION_TABLE_UNCOVERED: { files: { 'rubric.yaml': table('            - { when: { permit: at-once, vote: yes }, score: 100 }\n') }, argv: validate('rubric.yaml') },
  RUBRIC_DECISION_TABLE_UNREACHABLE_ROW: { files: { 'rubric.yaml': table("            - { when: { permit: '*' }, score: 50 }\n            - { when: { permit: at-once }, score: 100 }\n") }, argv: validate('rubric.yaml') },
  RUBRIC_CYCLE: {
    files: { 'rubric.yaml': rubric(PERMIT + '        appliesWhen: { question: vote, in: [yes] }\n' + VOTE + '        appliesWhen: { question: permit, in: [at-once] }\n') },
    argv: validate('rubric.yaml'),
  },
  RUBRIC_UNREACHABLE_NODE: {
    files: { 'rubric.yaml': rubric(undefined, '', `  - id: family\n    title: Family\n    indicators:\n${VOTE.replace('id: vote', 'id: reunion')}variants:\n  - { id: work-only, title: Work only, areas: [work] }\n`) },
    argv: validate('rubric.yaml'),
  },
  RUBRIC_OPTION_DUPLICATE: { files: { 'rubric.yaml': rubric(PERMIT.replace('id: later', 'id: never') + VOTE) }, argv: validate('rubric.yaml') },
  RUBRIC_RESERVED_ID: { files: { 'rubric.yaml': rubric(PERMIT.replace('id: later', 'id: unknown') + VOTE) }, argv: validate('rubric.yaml') },
  RUBRIC_BANDS_OVERLAP: {
    files: { 'rubric.yaml': rubric('      - id: wait\n        title: Waiting time\n        type: number\n        unit: years\n        bands:\n          - { max: 2, score: 100 }\n          - { min: 1, score: 0 }\n') },
    argv: validate('rubric.yaml'),
  },
  RUBRIC_BANDS_GAP: {
    files: { 'rubric.yaml': rubric('      - id: wait\n        title: Waiting time\n        type: number\n        unit: years\n        range: { min: 0, max: 10 }\n        bands:\n          - { max: 2, score: 100 }\n          - { min: 5, score: 0 }\n') },
    argv: validate('rubric.yaml'),
  },
  RUBRIC_MULTIPLE_CHOICE_RANGE: { files: { 'rubric.yaml': rubric(PERMIT.replace('single-choice', 'multiple-choice') + VOTE) }, argv: validate('rubric.yaml'), note: 'Checking `after a year` and `at once` together sums to 150.' },
  RUBRIC_APPLICABILITY: { files: { 'rubric.yaml': rubric(PERMIT + VOTE + '        appliesWhen: { question: permit, in: [sometimes] }\n') }, argv: validate('rubric.yaml') },
  RUBRIC_VARIANT: { files: { 'rubric.yaml': rubric(undefined, '', 'variants:\n  - { id: a, title: A, areas: [work], default: true }\n  - { id: b, title: B, areas: [work], default: true }\n') }, argv: validate('rubric.yaml') },
  RUBRIC_OUTCOME_REFERENCE: { files: { 'rubric.yaml': rubric(PERMIT + VOTE + '        outcome: employment-rate\n') }, argv: validate('rubric.yaml') },
  RUBRIC_GEOMETRIC_NEGATIVE: { files: { 'rubric.yaml': rubric(undefined, 'scale: { min: -100, max: 100 }\n').replace('    title: Work\n', '    title: Work\n    aggregation: geometric-mean\n') }, argv: validate('rubric.yaml') },
  RUBRIC_SUM_SCALE: { files: { 'rubric.yaml': rubric().replace('    title: Work\n', '    title: Work\n    aggregation: { method: sum, scale: { min: 0, max: 100 } }\n') }, argv: validate('rubric.yaml') },
  ANSWERS_RUBRIC_MISMATCH: { files: { 'rubric.yaml': rubric(), 'answers.yaml': answers(undefined, 'rubric: other@1.0.0\ncountry: NL\nyear: 2024\n') }, argv: ['score', 'rubric.yaml', 'answers.yaml'] },
  ANSWERS_RUBRIC_NOT_CHECKED: { files: { 'answers.yaml': answers() }, argv: validate('answers.yaml'), note: 'The answer set is checked without its rubric.' },
  ANSWERS_VERSION_MISMATCH: { files: { 'rubric.yaml': rubric(), 'answers.yaml': answers(undefined, 'rubric: demo@0.9.0\ncountry: NL\nyear: 2024\n') }, argv: validate('rubric.yaml', 'answers.yaml') },
  ANSWERS_INVALID_COUNTRY: { files: { 'answers.yaml': answers(undefined, 'rubric: demo@1.0.0\ncountry: Netherlands\nyear: 2024\n') }, argv: validate('answers.yaml') },
  ANSWERS_UNKNOWN_QUESTION: { files: { 'rubric.yaml': rubric(), 'answers.yaml': answers('  permit: at-once\n  vote: yes\n  health: yes\n') }, argv: validate('rubric.yaml', 'answers.yaml') },
  ANSWERS_NOT_A_QUESTION: { files: { 'rubric.yaml': rubric(), 'answers.yaml': answers('  permit: at-once\n  vote: yes\n  work: 100\n') }, argv: validate('rubric.yaml', 'answers.yaml') },
  ANSWERS_INVALID_OPTION: { files: { 'rubric.yaml': rubric(), 'answers.yaml': answers('  permit: soon\n  vote: yes\n') }, argv: validate('rubric.yaml', 'answers.yaml') },
  ANSWERS_WRONG_TYPE: { files: { 'rubric.yaml': rubric(), 'answers.yaml': answers('  permit: [later, at-once]\n  vote: yes\n') }, argv: validate('rubric.yaml', 'answers.yaml') },
  ANSWERS_NUMBER_OUT_OF_RANGE: {
    files: { 'rubric.yaml': rubric('      - id: wait\n        title: Waiting time\n        type: number\n        unit: years\n        range: { min: 0, max: 10 }\n        bands:\n          - { min: 0, max: 10, score: 100 }\n'), 'answers.yaml': answers('  wait: 12\n') },
    argv: validate('rubric.yaml', 'answers.yaml'),
  },
  ANSWERS_RECORDED_SCORE_OUT_OF_RANGE: { files: { 'rubric.yaml': rubric(), 'answers.yaml': answers('  permit: { recordedScore: 120, regions: not-recorded }\n  vote: yes\n') }, argv: validate('rubric.yaml', 'answers.yaml') },
  ANSWERS_MISSING: { files: { 'rubric.yaml': rubric(), 'answers.yaml': answers('  permit: at-once\n') }, argv: validate('rubric.yaml', 'answers.yaml') },
  ANSWERS_NOT_APPLICABLE_ANSWERED: {
    files: { 'rubric.yaml': rubric(PERMIT + VOTE + '        appliesWhen: { question: permit, in: [at-once] }\n'), 'answers.yaml': answers('  permit: never\n  vote: yes\n') },
    argv: validate('rubric.yaml', 'answers.yaml'),
  },
  ANSWERS_NOT_APPLICABLE_UNEXPECTED: { files: { 'rubric.yaml': rubric(), 'answers.yaml': answers('  permit: at-once\n  vote: not-applicable\n') }, argv: validate('rubric.yaml', 'answers.yaml') },
  ANSWERS_DUPLICATE: {
    files: { 'rubric.yaml': rubric(PERMIT + '        aliases: [work-permit]\n' + VOTE), 'answers.yaml': answers('  permit: at-once\n  work-permit: never\n  vote: yes\n') },
    argv: validate('rubric.yaml', 'answers.yaml'),
    note: '`work-permit` is another name of `permit`, so the question is answered twice.',
  },
  ANSWERS_SCORE_TYPED: { files: { 'rubric.yaml': rubric(), 'answers.yaml': answers('  permit: { answer: at-once, score: 100 }\n  vote: yes\n') }, argv: validate('rubric.yaml', 'answers.yaml') },
  CSV_SYNTAX: importTable('country,year,permit,vote\nNL,2024,"at-once,yes\n'),
  SCORE_MISSING_DATA: { files: { 'rubric.yaml': rubric(undefined, 'missing: { policy: fail }\n'), 'answers.yaml': answers('  permit: unknown\n  vote: yes\n') }, argv: ['score', 'rubric.yaml', 'answers.yaml'] },
  SCORE_NO_TABLE_ROW: { files: { 'rubric.yaml': table('            - { when: { permit: at-once, vote: yes }, score: 100 }\n'), 'answers.yaml': answers('  permit: never\n  vote: no\n') }, argv: ['score', 'rubric.yaml', 'answers.yaml'] },
  SCORE_NODE_UNKNOWN: { files: { 'rubric.yaml': rubric(), 'answers.yaml': answers() }, argv: ['explain', 'rubric.yaml', 'answers.yaml', 'health'] },
  OUTCOME_UNKNOWN_INDICATOR: outcomes('NL,2019,income,native,30000\n'),
  OUTCOME_UNKNOWN_COHORT: outcomes('NL,2019,employment-rate,moon-born,70\n'),
  OUTCOME_DUPLICATE_ROW: outcomes('NL,2019,employment-rate,native,78\nNL,2019,employment-rate,native,79\n'),
  OUTCOME_NOT_A_NUMBER: outcomes('NL,2019,employment-rate,native,n/a%\n'),
  OUTCOME_IMPOSSIBLE_VALUE: outcomes('NL,2019,employment-rate,native,178\n'),
  OUTCOME_COUNTRY_CODE: outcomes('QQ,2019,employment-rate,native,73\n'),
  OUTCOME_UNIT_BREAK: { ...outcomes('NL,2019,employment-rate,native,78\nBE,2019,employment-rate,native,178\nDE,2019,employment-rate,native,185\nFR,2019,employment-rate,native,190\n'), note: 'Three of the four country rows of 2019 are impossible percentages, so the fourth is taken to be in the same wrong unit.' },
  OUTCOME_UNIT_MISMATCH: {
    ...outcomes(['NL', 'BE', 'DE', 'FR', 'AT'].map((c, i) => `${c},2019,employment-rate,native,${60 + i}\n${c},2019,employment-rate,foreign,${40 - i}\n`).join('')),
    note: 'In every country the two cohorts add up to 100: shares of a whole, not employment rates.',
  },
  OUTCOME_UNKNOWN_COLUMN: {
    ...outcomes(''),
    files: {
      'framework.yaml': `${FRAMEWORK}layouts:\n  - id: office-long\n    format: long\n    columns: { country: Land, year: Jahr, indicator: Indikator, cohort: Gruppe, value: Wert }\n`,
      'data.csv': 'Land,Jahr,Indikator,Gruppe,Wert,Fussnote\nNL,2019,employment-rate,native,78,b\n',
    },
    note: 'The framework declares a column layout; the file has a column the layout does not name.',
  },
  CSV_LIMIT: {
    ...outcomes(''),
    files: { 'framework.yaml': FRAMEWORK, 'data.csv': `country,year,indicator,cohort,value${',extra'.repeat(10_000)}\nNL,2019,employment-rate,native,78\n` },
    shown: { 'data.csv': 'country,year,indicator,cohort,value,extra,extra,extra,…   (a header of 10,005 fields)\nNL,2019,employment-rate,native,78\n' },
  },
  OUTCOME_NO_LAYOUT: { ...outcomes(''), files: { 'framework.yaml': FRAMEWORK, 'data.csv': 'land,jahr,wert\nNL,2019,78\n' } },
  OUTCOME_FRAMEWORK_REFERENCE: outcomes('NL,2019,employment-rate,native,78\n', FRAMEWORK.replace('reference: native', 'reference: natives')),
  TABLE_LAYOUT: importTable('land,jahr\nNL,2024\n'),
  TABLE_UNKNOWN_COLUMN: importTable('country,year,permit,vote,health\nNL,2024,at-once,yes,yes\n'),
  TABLE_INVALID_VALUE: importTable('country,year,permit,vote\nNL,2024,soon,yes\n'),
  TABLE_UNKNOWN_COUNTRY: importTable('country,year,permit,vote\nAtlantis,2024,at-once,yes\n'),
  TABLE_MAPPING_UNKNOWN: {
    files: { 'rubric.yaml': rubric(), 'table.csv': 'Land,year,permit,vote\nNL,2024,at-once,yes\n', 'mapping.yaml': 'schemaVersion: 1\ncolumns: { Land: country, Notes: skip }\n' },
    argv: ['import-table', 'table.csv', '--rubric', 'rubric.yaml', '--mapping', 'mapping.yaml', '--out', 'out'],
    note: 'The mapping skips a column `Notes` that the table does not have.',
  },
  UNITS_INVALID: {
    files: { 'rubric.yaml': rubric(), 'table.csv': 'country,year,permit,vote\nNorthern Cyprus,2024,at-once,yes\n', 'mapping.yaml': 'schemaVersion: 1\nunits:\n  Northern Cyprus: { code: XC, parent: Atlantis }\n' },
    argv: ['import-table', 'table.csv', '--rubric', 'rubric.yaml', '--mapping', 'mapping.yaml', '--out', 'out'],
    note: 'The mapping declares a unit whose parent is neither a country nor a declared unit.',
  },
  TABLE_INVALID_YEAR: importTable('country,year,permit,vote\nNL,twenty,at-once,yes\n'),
  TABLE_DUPLICATE_ROW: importTable('country,year,permit,vote\nNL,2024,at-once,yes\nNL,2024,at-once,yes\n'),
  PUBLISHED_MISSING_COLUMN: published('country,year,value\nNL,2024,100\n'),
  PUBLISHED_INVALID_VALUE: published('country,year,node,value\nNL,2024,work,high\n'),
  PUBLISHED_DUPLICATE: published('country,year,node,value\nNL,2024,work,100\nNL,2024,work,100\n'),
  PUBLISHED_UNKNOWN_NODE: published('country,year,node,value\nNL,2024,health,100\n'),
  PUBLISHED_INCONSISTENT: published('country,year,node,value\nNL,2024,work,100\nNL,2024,permit,100\nNL,2024,vote,0\n'),
  IMPORT_UNREADABLE: { files: { 'workbook.xlsx': 'not a workbook\n' }, argv: ['import-mipex', 'workbook.xlsx', '--out', 'out'] },
  OUTPUT_IS_INPUT: { files: { 'rubric.yaml': rubric(), 'answers.yaml': answers() }, argv: ['scorecard', 'answers.yaml', '--rubric', 'rubric.yaml', '--out', 'answers.yaml'] },
  ROBUSTNESS_SPEC_INVALID: { files: { 'rubric.yaml': rubric(), 'answers.yaml': answers(), 'spec.yaml': 'aggregations:\n  - { node: health, methods: [mean, minimum] }\n' }, argv: ['uncertainty', 'rubric.yaml', 'answers.yaml', '--spec', 'spec.yaml'] },
  ROBUSTNESS_OVER_BUDGET: { files: { 'rubric.yaml': rubric(), 'answers.yaml': answers(), 'spec.yaml': 'samples: 10000000\nweights:\n  - { level: area, noise: 0.25 }\n' }, argv: ['uncertainty', 'rubric.yaml', 'answers.yaml', '--spec', 'spec.yaml', '--max-evaluations', '1000000'] },
  SCORE_VARIANT_UNKNOWN: { files: { 'rubric.yaml': rubric(), 'answers.yaml': answers() }, call: { fn: 'scoreAnswerSet', variant: 'without-work' }, note: 'The command line reports an unknown `--variant` as a usage error; the library reports this code.' },
  OUTCOME_MISSING_COHORT: { files: outcomes('NL,2019,employment-rate,native,78\n').files, call: { fn: 'computeGaps' }, note: '`policy-index outcomes gaps` shows such a gap as missing in its table; the library reports this code beside the gaps.' },
  OUTCOME_GAP_UNDEFINED: { files: outcomes('NL,2019,employment-rate,native,0\nNL,2019,employment-rate,foreign,60\n').files, call: { fn: 'computeGaps' }, note: '`policy-index outcomes gaps` leaves the ratio out of its table; the library reports this code beside the gaps.' },
  CSV_MISSING_COLUMN: { files: { 'framework.yaml': FRAMEWORK, 'data.csv': 'country,year,indicator,cohort\nNL,2019,employment-rate,native\n' }, call: { fn: 'loadOutcomeData', layout: 'policy-index-long' }, note: 'The data are read with a layout named by its id; the command line picks the layout from the header instead and reports `OUTCOME_NO_LAYOUT`.' },
  PEERS_UNKNOWN: { files: { 'peers.yaml': 'schemaVersion: 1\nid: north-sea\ntitle: North Sea countries\nmembers: [NL, BE, Atlantis]\n' }, call: { fn: 'loadPeerGroup' }, note: 'The command line (`--peers peers.yaml`) reports this as a usage error naming the same position.' },
  IMPORT_LAYOUT: workbook([{ sheet: 'CA', cells: sheetCells() }], 'A country sheet with the overall scores and one strand; the blocks of the other strands are missing.'),
  IMPORT_LAYOUT_DRIFT: workbook([{ sheet: 'CA', cells: sheetCells({ D11: '' }) }], 'The `Year` heading before a `Score` heading is blank.'),
  IMPORT_SHEET_NOT_A_COUNTRY: workbook([{ sheet: 'Notes', cells: sheetCells() }], 'A sheet whose name is neither a country code nor a declared sub-national unit.'),
  IMPORT_LIMIT: workbook([{ sheet: 'CA', cells: sheetCells({ ZZZ1: 1 }) }], 'A cell in column ZZZ, beyond the last column a worksheet can have.'),
  IMPORT_UNKNOWN_CODE: workbook([{ sheet: 'CA', cells: sheetCells({ E6: 'zz99' }) }], 'An indicator code that the rubric does not have.'),
  IMPORT_UNEXPLAINED_VALUE: workbook([{ sheet: 'CA', cells: sheetCells({ E12: 37 }) }], 'An indicator score (37) that no option of the question has.'),
  IMPORT_REGIONAL_ANSWER: workbook([{ sheet: 'BE', cells: sheetCells({ E12: 75 }) }], 'A score between two options, for a country with declared regional answers.'),
  IMPORT_JUNK_CELL: workbook([{ sheet: 'CA', cells: sheetCells({ E12: 'see the comment' }) }], 'Text where an indicator score is expected.'),
  IMPORT_UNPUBLISHED_YEAR: workbook([{ sheet: 'CA', cells: sheetCells({ A13: 2018, D13: 2018, E13: 100 }) }], 'An indicator value for 2018, a year the sheet publishes no strand score for.'),
  OUTPUT_NOT_A_FOLDER: {
    files: { 'rubric.yaml': rubric(), 'table.csv': 'country,year,permit,vote\nNL,2024,at-once,yes\n', 'out': 'notes\n' },
    argv: ['import-table', 'table.csv', '--rubric', 'rubric.yaml', '--out', 'out'],
    note: '`out` is a file, not a folder.',
  },
  OUTPUT_EXISTS: {
    files: { 'rubric.yaml': rubric(), 'answers.yaml': answers(), 'table.csv': 'a table written by hand\n' },
    argv: ['export-table', 'rubric.yaml', 'answers.yaml', '--out', 'table.csv'],
    note: '`table.csv` exists and `--force` is not given.',
  },
  MIGRATION_TARGET_ANSWERED: {
    files: {
      'rubric-v2.yaml': rubric().replace('version: 1.0.0', 'version: 2.0.0'),
      'mapping.yaml': 'migrate:\n  - { question: vote, from: permit }\n',
      'answers.yaml': answers('  permit: yes\n  vote: yes\n'),
    },
    argv: ['migrate', 'answers.yaml', '--to', 'rubric-v2.yaml', '--mapping', 'mapping.yaml', '--out', 'out'],
    note: 'The mapping moves the answer to `permit` onto `vote`, which the file answers already.',
  },
  OUTPUT_NOT_A_FILE: { files: { 'rubric.yaml': rubric(), 'answers.yaml': answers(), 'ranking.csv/keep.txt': '' }, argv: ['compare', 'answers.yaml', '--rubric', 'rubric.yaml', '--format', 'csv', '--out', 'ranking.csv'], note: '`ranking.csv` is an existing folder.' },
};

/** Codes that no input file can trigger, with the reason. */
export const DIAGNOSTICS_WITHOUT_EXAMPLE: Readonly<Partial<Record<DiagnosticCode, string>>> = {
  CLI_WOULD_OVERWRITE_INPUT: 'No longer reported: an output that is an input is reported as `OUTPUT_IS_INPUT`.',
  CLI_USAGE: 'The command line prints its usage mistakes (an unknown option, a missing argument, a country or year without answers) as a usage message with exit code 2, not as a diagnostic with a file position.',
  FOLDER_TOO_MANY_FILES: 'It needs a folder with more than 100,000 entries; no single file triggers it.',
  OUTPUT_WRITE_FAILED: 'It comes from the file system refusing a write (no permission, a full disk), not from any input.',
  PUBLISHED_INVALID_OPTION: 'It reports an option given to the library function `verifyPublishedScores` (the command line refuses a bad `--tolerance` as a usage error); no file triggers it.',
  INTERNAL_ERROR: 'It reports a fault inside policy-index; no valid or invalid input is meant to cause it.',
  TABLE_XLSX_UNAVAILABLE: 'It depends on the installation, not on a file: it appears when the optional `exceljs` package is not installed and an .xlsx file is read or written.',
  IMPORT_PUBLISHED_MISMATCH: 'This version never reports it: a published score that differs from the computed one is listed among the disagreements of `verify-workbook` (and `verify`), not as an import diagnostic.',
  IMPORT_FORMULA_ANSWER: 'It needs a workbook whose answer cell holds a formula with a cached value, which the small workbooks made for these examples (plain values only) do not have.',
};
