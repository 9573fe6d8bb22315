/**
 * The single table of diagnostic codes. Documentation pages are generated from it, so every
 * code that any part of the library can emit must be listed here with a summary and a fix.
 *
 * @module
 */
import type { Severity } from './diagnostic.js';

/** What the documentation says about one diagnostic code. */
export interface DiagnosticCodeInfo {
  /** The severity the code is normally reported with. */
  severity: Severity;
  /** What the code means, in one sentence. */
  summary: string;
  /** How to make it go away. */
  fix: string;
  /** Which kind of input the code is about. */
  area: 'yaml' | 'rubric' | 'answers' | 'scoring' | 'outcomes' | 'import' | 'cli';
  /** A minimal input that triggers the code (YAML unless noted). The reference pages show fuller examples, run at build time (scripts/docs/diagnostic-examples.ts). */
  example?: string;
  /**
   * Set when the code is no longer reported: the code reported instead. A code keeps its one
   * meaning for good, so a retired code stays in the table (and its page in the docs) and is
   * never given to another problem.
   */
  replacedBy?: string;
}

const table = {
  // ── YAML and files ──────────────────────────────────────────────────────────
  YAML_SYNTAX: {
    severity: 'error', area: 'yaml',
    summary: 'The text is not well-formed YAML.',
    fix: 'Correct the indentation, quoting or bracket at the reported position.',
    example: 'id: demo\ntitle: [unclosed',
  },
  YAML_DUPLICATE_KEY: {
    severity: 'error', area: 'yaml',
    summary: 'A mapping has the same key twice, so one of the values would be silently lost.',
    fix: 'Remove or rename one of the two keys.',
    example: 'id: demo\nid: other',
  },
  YAML_FORBIDDEN_KEY: {
    severity: 'error', area: 'yaml',
    summary: 'A key such as `__proto__`, `constructor` or `prototype` could tamper with objects and is refused.',
    fix: 'Rename the key.',
    example: '__proto__: { polluted: true }',
  },
  YAML_TOO_DEEP: {
    severity: 'error', area: 'yaml',
    summary: 'The document nests deeper than the allowed limit.',
    fix: 'Flatten the structure; rubrics never need more than a few dozen levels.',
  },
  YAML_ALIAS_LIMIT: {
    severity: 'error', area: 'yaml',
    summary: 'Anchors and aliases expand to more nodes than allowed (an "alias bomb").',
    fix: 'Write the repeated content out, or use fewer nested aliases.',
    example: 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
  },
  YAML_NOT_A_MAPPING: {
    severity: 'error', area: 'yaml',
    summary: 'The document should be a mapping of keys to values but is something else.',
    fix: 'Start the file with `key: value` lines.',
    example: '- just\n- a list',
  },
  YAML_UNSUPPORTED_KEY: {
    severity: 'error', area: 'yaml',
    summary: 'A mapping key is not a plain string or number.',
    fix: 'Use plain scalar keys.',
    example: '? [a, b]\n: value',
  },
  YAML_MULTIPLE_DOCUMENTS: {
    severity: 'error', area: 'yaml',
    summary: 'The file holds more than one YAML document (`---` separators); only one is allowed.',
    fix: 'Split the documents into separate files.',
  },
  FILE_NOT_FOUND: {
    severity: 'error', area: 'yaml',
    summary: 'A file named on the command line or in a rubric does not exist or cannot be read.',
    fix: 'Check the path; paths in rubric files are relative to the file that names them.',
  },
  FILE_TOO_LARGE: {
    severity: 'error', area: 'yaml',
    summary: 'An input file is larger than the safety limit.',
    fix: 'Split the input; rubric and answer files are normally a few hundred kilobytes at most.',
  },
  PATH_OUTSIDE_RUBRIC: {
    severity: 'error', area: 'rubric',
    summary: 'An included file path leaves the rubric folder (absolute path or `..`).',
    fix: 'Keep every area file inside the folder of the rubric index file.',
    example: 'schemaVersion: 1\nid: demo\nversion: 1.0.0\ntitle: Demo\nareas:\n  - include: ../../etc/passwd',
  },
  INCLUDE_CYCLE: {
    severity: 'error', area: 'rubric',
    summary: 'Rubric files include each other in a circle.',
    fix: 'Remove one of the includes.',
  },
  // ── Rubric structure ────────────────────────────────────────────────────────
  SCHEMA_INVALID_TYPE: {
    severity: 'error', area: 'rubric',
    summary: 'A field has a value of the wrong type.',
    fix: 'Use the type named under "expected"; the format reference lists every field.',
    example: 'schemaVersion: 1\nid: demo\nversion: 1.0.0\ntitle: 42',
  },
  SCHEMA_MISSING_FIELD: {
    severity: 'error', area: 'rubric',
    summary: 'A required field is missing.',
    fix: 'Add the field named in the message.',
    example: 'schemaVersion: 1\nversion: 1.0.0',
  },
  SCHEMA_UNKNOWN_FIELD: {
    severity: 'error', area: 'rubric',
    summary: 'A field is not part of the format (often a typo).',
    fix: 'Remove the field or correct its spelling; the hint suggests the closest known field.',
    example: 'schemaVersion: 1\nid: demo\nversion: 1.0.0\ntitel: Demo',
  },
  SCHEMA_INVALID_VALUE: {
    severity: 'error', area: 'rubric',
    summary: 'A value has the right type but is not allowed (out of range, bad format, not one of the choices).',
    fix: 'Use a value that satisfies the constraint given under "expected".',
    example: 'schemaVersion: 1\nid: Demo Index\nversion: one',
  },
  SCHEMA_VERSION_UNSUPPORTED: {
    severity: 'error', area: 'rubric',
    summary: 'The file declares a `schemaVersion` this version of policy-index does not read.',
    fix: 'Use `schemaVersion: 1`, or upgrade policy-index.',
  },
  RUBRIC_DUPLICATE_ID: {
    severity: 'error', area: 'rubric',
    summary: 'Two nodes of the rubric share one id; ids must be unique across the whole rubric.',
    fix: 'Rename one of them (or declare the old code as an `alias`).',
  },
  RUBRIC_UNKNOWN_REFERENCE: {
    severity: 'error', area: 'rubric',
    summary: 'A reference (variant area, decision-table input, applicability condition) names an id that does not exist.',
    fix: 'Correct the id; the hint suggests the closest existing one.',
  },
  RUBRIC_INVALID_WEIGHT: {
    severity: 'error', area: 'rubric',
    summary: 'A weight is not a finite number greater than zero.',
    fix: 'Use a positive number; weights are normalised within their parent node, so only ratios matter.',
    example: 'schemaVersion: 1\nid: demo\nversion: 1.0.0\ntitle: Demo\nareas:\n  - id: work\n    title: Work\n    weight: 0\n    indicators:\n      - { id: permit, title: Permit, type: yes-no, scores: { yes: 100, no: 0 } }',
  },
  RUBRIC_SCORE_OUT_OF_SCALE: {
    severity: 'error', area: 'rubric',
    summary: 'An option, band, table or default score lies outside the rubric scale.',
    fix: 'Keep every score between `scale.min` and `scale.max`.',
  },
  RUBRIC_EMPTY_NODE: {
    severity: 'error', area: 'rubric',
    summary: 'A group node has no children to aggregate.',
    fix: 'Add children or turn the node into a question.',
  },
  RUBRIC_DECISION_TABLE_INPUT: {
    severity: 'error', area: 'rubric',
    summary: 'A decision-table condition refers to something that is not an input of the table, or tests an option that input does not have.',
    fix: 'Use only the node\'s own children as inputs, and only their option ids or scores as values.',
  },
  RUBRIC_DECISION_TABLE_UNCOVERED: {
    severity: 'warning', area: 'rubric',
    summary: 'Some combination of input answers matches no row of a decision table and there is no default.',
    fix: 'Add a row for the combination shown, a catch-all row of wildcards, or a `default`.',
  },
  RUBRIC_DECISION_TABLE_UNREACHABLE_ROW: {
    severity: 'warning', area: 'rubric',
    summary: 'A decision-table row can never match because earlier rows catch every combination it covers.',
    fix: 'Move the row up or remove it.',
  },
  RUBRIC_CYCLE: {
    severity: 'error', area: 'rubric',
    summary: 'Applicability conditions or references form a cycle.',
    fix: 'Make sure no question depends, directly or indirectly, on itself.',
  },
  RUBRIC_UNREACHABLE_NODE: {
    severity: 'warning', area: 'rubric',
    summary: 'An area is not used by any variant, so it never reaches a top score.',
    fix: 'Add the area to a variant or remove it.',
  },
  RUBRIC_OPTION_DUPLICATE: {
    severity: 'error', area: 'rubric',
    summary: 'Two options of one question share an id.',
    fix: 'Give each option its own id.',
  },
  RUBRIC_RESERVED_ID: {
    severity: 'error', area: 'rubric',
    summary: 'An id uses a word reserved for answers (`unknown`, `not-applicable`, `yes`, `no` as option ids of choice questions).',
    fix: 'Choose another id.',
  },
  RUBRIC_BANDS_OVERLAP: {
    severity: 'error', area: 'rubric',
    summary: 'Number bands overlap, so one value would have two scores.',
    fix: 'Make the bands disjoint (both `min` and `max` are inclusive).',
  },
  RUBRIC_BANDS_GAP: {
    severity: 'warning', area: 'rubric',
    summary: 'Number bands leave a gap inside the valid range; a value there cannot be scored.',
    fix: 'Extend a band to cover the gap.',
  },
  RUBRIC_MULTIPLE_CHOICE_RANGE: {
    severity: 'error', area: 'rubric',
    summary: 'A multiple-choice question can produce a score outside the scale (e.g. the sum of all options is above the maximum).',
    fix: 'Lower option scores or use count bands or rules instead of a sum.',
  },
  RUBRIC_APPLICABILITY: {
    severity: 'error', area: 'rubric',
    summary: 'An applicability condition is malformed: it must depend on a question and name values that question can take.',
    fix: 'Point `appliesWhen.question` to a question and list its option ids (or yes/no).',
  },
  RUBRIC_VARIANT: {
    severity: 'error', area: 'rubric',
    summary: 'A variant is malformed (no areas, duplicate areas, or more than one default).',
    fix: 'List each area once and mark at most one variant `default: true`.',
  },
  RUBRIC_OUTCOME_REFERENCE: {
    severity: 'error', area: 'rubric',
    summary: 'A rubric tries to use an outcome indicator; outcomes describe results and never enter a normative policy score.',
    fix: 'Remove the outcome reference; show outcomes beside scores with the outcomes commands instead.',
    example: 'outcome: employment-rate-gap',
  },
  RUBRIC_GEOMETRIC_NEGATIVE: {
    severity: 'error', area: 'rubric',
    summary: 'A geometric mean is declared on a scale that allows negative scores.',
    fix: 'Use a scale whose minimum is 0 or more, or another aggregation.',
  },
  RUBRIC_SUM_SCALE: {
    severity: 'error', area: 'rubric',
    summary: 'The scale declared for a `sum` node cannot hold every total its parts can produce (with their multipliers).',
    fix: 'Widen the declared `scale` to the range the message gives, or leave `scale` out to use that range.',
  },
  // ── Answer sets ─────────────────────────────────────────────────────────────
  ANSWERS_RUBRIC_MISMATCH: {
    severity: 'error', area: 'answers',
    summary: 'The answer set was written for another rubric id than the one it is scored with.',
    fix: 'Score it with the rubric it names, or correct its `rubric` field.',
  },
  ANSWERS_RUBRIC_NOT_CHECKED: {
    severity: 'warning', area: 'answers',
    summary: 'An answer set was checked on its own, without its rubric: the rubric it names was neither given, bundled nor found next to it.',
    fix: 'Pass the rubric with `--rubric <path>`, or keep the rubric in a `rubric/` folder beside the answers.',
  },
  ANSWERS_VERSION_MISMATCH: {
    severity: 'warning', area: 'answers',
    summary: 'The answer set names another version of the rubric than the one loaded.',
    fix: 'Re-check the answers against the loaded version and update the `rubric` field.',
  },
  ANSWERS_INVALID_COUNTRY: {
    severity: 'error', area: 'answers',
    summary: 'The country is not an ISO 3166-1 alpha-2 code nor a sub-national code of the form `CC-XXX`.',
    fix: 'Use a code such as `CA`, `GB` or `BE-VLG`.',
  },
  ANSWERS_UNKNOWN_QUESTION: {
    severity: 'error', area: 'answers',
    summary: 'An answer is given for a question id that the rubric does not have.',
    fix: 'Correct the id; the hint suggests the closest question id.',
  },
  ANSWERS_NOT_A_QUESTION: {
    severity: 'error', area: 'answers',
    summary: 'An answer is given for a composite node, whose score is derived from its parts.',
    fix: 'Answer the node\'s questions instead; scores are always derived, never typed in.',
  },
  ANSWERS_INVALID_OPTION: {
    severity: 'error', area: 'answers',
    summary: 'An answer names an option id that the question does not have.',
    fix: 'Use one of the option ids listed under "expected".',
  },
  ANSWERS_WRONG_TYPE: {
    severity: 'error', area: 'answers',
    summary: 'The answer has the wrong type for its question kind (e.g. a list for a single-choice question).',
    fix: 'Single choice: one option id; multiple choice: a list of option ids; number: a number; yes/no: yes or no.',
  },
  ANSWERS_NUMBER_OUT_OF_RANGE: {
    severity: 'error', area: 'answers',
    summary: 'A number answer lies outside the question\'s valid range or in no band.',
    fix: 'Check the value and its unit.',
  },
  ANSWERS_RECORDED_SCORE_OUT_OF_RANGE: {
    severity: 'error', area: 'answers',
    summary: 'A recorded score of regional answers lies outside the scores the question\'s answers can have, so no combination of regional answers gives it.',
    fix: 'Check the recorded score against the question\'s option scores.',
  },
  ANSWERS_MISSING: {
    severity: 'warning', area: 'answers',
    summary: 'A question has no answer at all; say `unknown` explicitly if the information is not available.',
    fix: 'Add an answer, `unknown`, or `not-applicable`.',
  },
  ANSWERS_NOT_APPLICABLE_ANSWERED: {
    severity: 'warning', area: 'answers',
    summary: 'A question is answered although its applicability condition says it does not apply.',
    fix: 'Remove the answer or mark it `not-applicable`, or correct the answer it depends on.',
  },
  ANSWERS_NOT_APPLICABLE_UNEXPECTED: {
    severity: 'warning', area: 'answers',
    summary: 'A question is marked `not-applicable` although the rubric declares no condition under which it would not apply.',
    fix: 'Give a real answer or `unknown`.',
  },
  ANSWERS_DUPLICATE: {
    severity: 'error', area: 'answers',
    summary: 'Two answer sets (or two rows) give an answer for the same country, year and question.',
    fix: 'Keep one of them.',
  },
  ANSWERS_SCORE_TYPED: {
    severity: 'error', area: 'answers',
    summary: 'An answer set contains a `score` field; scores are derived from answers and never typed in.',
    fix: 'Remove the score and give the answer (option id, number or yes/no) instead.',
    example: 'schemaVersion: 1\nrubric: demo@1.0.0\ncountry: CA\nyear: 2024\nanswers:\n  permit:\n    answer: yes\n    score: 100',
  },
  CSV_SYNTAX: {
    severity: 'error', area: 'answers',
    summary: 'A CSV line could not be read (unbalanced quotes, wrong number of fields).',
    fix: 'Correct the quoting or the number of separators on that line.',
  },
  CSV_MISSING_COLUMN: {
    severity: 'error', area: 'answers',
    summary: 'A required CSV column is missing from the header.',
    fix: 'Add the column or map an existing column to it.',
  },
  MIGRATION_TARGET_ANSWERED: {
    severity: 'error', area: 'answers',
    summary: 'A migration moves an answer onto a question that the answer file already answers; the file would have the same key twice, so it is not written.',
    fix: 'Remove one of the two answers from the file, or correct the `migrate:` rule that moves the answer.',
  },
  // ── Scoring ─────────────────────────────────────────────────────────────────
  SCORE_MISSING_DATA: {
    severity: 'warning', area: 'scoring',
    summary: 'A node could not be scored because too little of its data is present, or its missing-data rule is `fail`.',
    fix: 'Answer the missing questions, or relax the node\'s `missing` rule if the methodology allows it.',
  },
  SCORE_NO_TABLE_ROW: {
    severity: 'warning', area: 'scoring',
    summary: 'No decision-table row matched the answers and the table has no default.',
    fix: 'Add a row or a default to the table.',
  },
  SCORE_VARIANT_UNKNOWN: {
    severity: 'error', area: 'scoring',
    summary: 'The requested variant does not exist in the rubric.',
    fix: 'Use one of the variant ids the rubric declares.',
  },
  SCORE_NODE_UNKNOWN: {
    severity: 'error', area: 'scoring',
    summary: 'The requested node id does not exist in the rubric.',
    fix: 'Use an id from the rubric; the hint suggests the closest one.',
  },
  // ── Outcomes ────────────────────────────────────────────────────────────────
  OUTCOME_UNKNOWN_INDICATOR: {
    severity: 'error', area: 'outcomes',
    summary: 'Outcome data name an indicator the framework does not declare.',
    fix: 'Correct the indicator id or add it to the framework.',
  },
  OUTCOME_UNKNOWN_COHORT: {
    severity: 'error', area: 'outcomes',
    summary: 'Outcome data name a cohort the framework does not declare for that indicator.',
    fix: 'Correct the cohort or map the column to a declared cohort.',
  },
  OUTCOME_DUPLICATE_ROW: {
    severity: 'error', area: 'outcomes',
    summary: 'Two rows give a value for the same country, year, cohort and indicator.',
    fix: 'Keep one of them.',
  },
  OUTCOME_NOT_A_NUMBER: {
    severity: 'error', area: 'outcomes',
    summary: 'A value is not a finite number.',
    fix: 'Use a plain number with a dot as decimal separator, or leave the cell empty for missing.',
  },
  OUTCOME_IMPOSSIBLE_VALUE: {
    severity: 'error', area: 'outcomes',
    summary: 'A value is impossible for the indicator\'s declared unit (e.g. a percentage above 100).',
    fix: 'Check the unit of the source; counts or shares are often mixed up with rates.',
  },
  OUTCOME_UNIT_MISMATCH: {
    severity: 'warning', area: 'outcomes',
    summary: 'A row\'s values look like a different unit than the indicator declares (e.g. shares that add up to 100 instead of rates).',
    fix: 'Check the source table and convert the values to the declared unit.',
  },
  OUTCOME_COUNTRY_CODE: {
    severity: 'warning', area: 'outcomes',
    summary: 'A country code is an aggregate, a region or unknown, and is kept apart from country results.',
    fix: 'Nothing to fix for aggregates; correct unknown codes.',
  },
  OUTCOME_MISSING_COHORT: {
    severity: 'info', area: 'outcomes',
    summary: 'A gap cannot be computed because one of its cohorts has no value.',
    fix: 'Nothing to fix; the gap is reported as missing rather than guessed.',
  },
  OUTCOME_UNIT_BREAK: {
    severity: 'error', area: 'outcomes',
    summary: 'Most rows of one indicator and year in a file are impossible for the declared unit, so the other country rows of that year are taken to be in the same wrong unit.',
    fix: 'Check the source for that year; a table often switches from rates to counts at a series break.',
  },
  OUTCOME_UNKNOWN_COLUMN: {
    severity: 'warning', area: 'outcomes',
    summary: 'A CSV column is not part of the layout the file was read with, and is ignored.',
    fix: 'Map the column to a cohort in the framework\'s layout, or list it under `ignoreColumns`.',
  },
  OUTCOME_NO_LAYOUT: {
    severity: 'error', area: 'outcomes',
    summary: 'The header of a CSV file matches none of the column layouts the outcome framework declares.',
    fix: 'Rename the columns, or declare a layout for the file in the framework.',
  },
  OUTCOME_FRAMEWORK_REFERENCE: {
    severity: 'error', area: 'outcomes',
    summary: 'An outcome framework declares an id twice, or refers to a cohort, indicator or unit rule that does not fit.',
    fix: 'Declare each id once and refer only to declared cohorts and indicators.',
    example: 'cohorts: [{ id: native, title: Native-born }]\nindicators:\n  - id: x\n    cohorts: [native, martian]',
  },
  OUTCOME_GAP_UNDEFINED: {
    severity: 'info', area: 'outcomes',
    summary: 'A ratio gap cannot be computed because the reference cohort\'s value is zero.',
    fix: 'Nothing to fix; the gap is reported as missing.',
  },
  // ── Workbook import ─────────────────────────────────────────────────────────
  IMPORT_UNREADABLE: {
    severity: 'error', area: 'import',
    summary: 'The workbook could not be opened as an .xlsx file.',
    fix: 'Check that the file is an Excel workbook (not .xls or .csv) and not damaged.',
  },
  IMPORT_LAYOUT: {
    severity: 'error', area: 'import',
    summary: 'A sheet does not have the expected block layout, so part of it could not be read.',
    fix: 'Compare the sheet with the layout described in the import guide.',
  },
  IMPORT_UNKNOWN_CODE: {
    severity: 'error', area: 'import',
    summary: 'A workbook column carries an indicator code that the rubric does not know.',
    fix: 'Add the code as an alias in the rubric, or correct the workbook.',
  },
  IMPORT_UNEXPLAINED_VALUE: {
    severity: 'error', area: 'import',
    summary: 'A cell value is not the score of any option, nor of any combination of regional answers.',
    fix: 'Check the cell; the rubric may lack an option, or the cell may hold a typo.',
  },
  IMPORT_REGIONAL_ANSWER: {
    severity: 'warning', area: 'import',
    summary: 'A cell value is no single option\'s score but is explained as the combination of differing regional answers.',
    fix: 'Review the regional answers the importer recorded, and replace them with the real regional answers if known.',
  },
  IMPORT_JUNK_CELL: {
    severity: 'warning', area: 'import',
    summary: 'A cell where a score is expected holds text or another value that is not a number.',
    fix: 'Correct the cell; it is treated as missing.',
  },
  IMPORT_PUBLISHED_MISMATCH: {
    severity: 'error', area: 'import',
    summary: 'A score published in the workbook differs from the score computed from its answers.',
    fix: 'Check the workbook\'s formula or the answers it is computed from.',
  },
  IMPORT_LAYOUT_DRIFT: {
    severity: 'info', area: 'import',
    summary: 'A sheet departs from the usual layout (a missing heading, a code in the sub-indicator row, a mistyped year) in a way the importer works around.',
    fix: 'Nothing is needed; correct the sheet if you maintain the workbook.',
  },
  IMPORT_UNPUBLISHED_YEAR: {
    severity: 'info', area: 'import',
    summary: 'Answer cells hold values in a year for which the workbook publishes no score for their strand; they are not imported.',
    fix: 'Nothing is needed if the values are placeholders; otherwise give the strand a score in that year so that its answers are imported.',
  },
  IMPORT_FORMULA_ANSWER: {
    severity: 'warning', area: 'import',
    summary: 'A cell where an answer is expected holds a formula; its cached value is imported as the answer.',
    fix: 'Replace the formula by the answer\'s score.',
  },
  // ── Answer tables and peer groups ───────────────────────────────────────────
  TABLE_LAYOUT: {
    severity: 'error', area: 'import',
    summary: 'An answer table has no header row with the columns it needs (country and year, or question and answer for the long layout).',
    fix: 'Give the table a header row such as `country,year,<question id>…`, or name the sheet and header row with `--sheet` and `--header-row`.',
    example: 'CSV: nation,when,permit\nAT,2019,Yes',
  },
  TABLE_UNKNOWN_COLUMN: {
    severity: 'error', area: 'import',
    summary: 'A column of an answer table is neither a question id or alias of the rubric nor a known evidence or answer-set column.',
    fix: 'Rename the column (a mapping file can do it), or remove it.',
    example: 'CSV: country,year,permitt\nAT,2019,Yes',
  },
  TABLE_INVALID_VALUE: {
    severity: 'error', area: 'import',
    summary: 'A cell of an answer table matches no option id, option label or accepted spelling of the question.',
    fix: 'Write one of the options (the diagnostic lists them), or map the value in a mapping file.',
    example: 'CSV: country,year,permit\nAT,2019,Maybe',
  },
  TABLE_UNKNOWN_COUNTRY: {
    severity: 'error', area: 'import',
    summary: 'A country cell is not a code (ISO alpha-2, alpha-3, numeric, or an agency code such as EL or KSV) or name the country table knows, or denotes an aggregate.',
    fix: 'Write the country as an ISO code.',
    example: 'CSV: country,year,permit\nAtlantis,2019,Yes',
  },
  TABLE_MAPPING_UNKNOWN: {
    severity: 'error', area: 'import',
    summary: 'A key of the mapping file matches nothing: a `columns` header no sheet has, a `values` entry for a question the rubric does not have, or a `units` entry for a unit that is not known.',
    fix: 'Correct the key (the hint names the closest one), or remove the entry; write `skip` to leave a column out.',
    example: 'columns: { Permitt: permit }',
  },
  UNITS_INVALID: {
    severity: 'error', area: 'import',
    summary: 'A declared unit (units file or mapping `units:`) repeats a code, name or alias, or names a parent that is neither a country nor a declared unit.',
    fix: 'Give each unit its own code, name and aliases, and a parent the country table or the file knows.',
    example: 'units:\n  - { code: XC, name: Northern Cyprus, parent: Atlantis }',
  },
  TABLE_INVALID_YEAR: {
    severity: 'error', area: 'import',
    summary: 'A year cell is not a whole year between 1900 and 2200.',
    fix: 'Write the reference year as four digits.',
    example: 'CSV: country,year,permit\nAT,last year,Yes',
  },
  TABLE_DUPLICATE_ROW: {
    severity: 'error', area: 'import',
    summary: 'Two rows (or two long-layout records) give the same answer for the same country and year.',
    fix: 'Keep one of them.',
    example: 'CSV: country,year,permit\nAT,2019,Yes\nAUT,2019,No',
  },
  TABLE_XLSX_UNAVAILABLE: {
    severity: 'error', area: 'import',
    summary: 'Writing .xlsx files needs the optional `exceljs` package, which is not installed.',
    fix: 'Run `npm install exceljs`, or write CSV instead.',
  },
  PEERS_UNKNOWN: {
    severity: 'error', area: 'cli',
    summary: 'A peer group names a code, region, group or metadata key that is not known, so the group would be empty or wrong.',
    fix: 'Follow the suggestion: use eu, oecd, region:<m49 code>, meta:<key>=<value>, a group file, or country codes.',
    example: 'members: [Atlantis]',
  },
  // ── Published scores ────────────────────────────────────────────────────────
  PUBLISHED_MISSING_COLUMN: {
    severity: 'error', area: 'import',
    summary: 'A published-scores table lacks one of its columns (country, year, node, value).',
    fix: 'Name the columns `country,year,node,value`, or give their names with the column options of `policy-index verify`.',
  },
  PUBLISHED_INVALID_VALUE: {
    severity: 'error', area: 'import',
    summary: 'A row of a published-scores table has an unknown country code, a year that is not a year, no node, or a value that is not a number (or has more than 400 digits or an exponent beyond ±400).',
    fix: 'Correct the cell the diagnostic names.',
  },
  PUBLISHED_DUPLICATE: {
    severity: 'error', area: 'import',
    summary: 'A published-scores table gives the same country, year and node twice.',
    fix: 'Keep one of the two rows.',
  },
  PUBLISHED_UNKNOWN_NODE: {
    severity: 'error', area: 'import',
    summary: 'A published score names a node that is neither a node id, an alias nor a variant of the rubric.',
    fix: 'Use the rubric\'s node or variant id, or add the publisher\'s code as an alias in the rubric.',
  },
  PUBLISHED_INVALID_OPTION: {
    severity: 'error', area: 'import',
    summary: 'An option of the verification against published scores is not valid, such as a tolerance that is not a non-negative decimal number within the limits of the decimal grammar.',
    fix: 'Give the tolerance as a non-negative decimal number such as `0.005` or `1e-9` (or a finite non-negative number).',
  },
  PUBLISHED_INCONSISTENT: {
    severity: 'warning', area: 'import',
    summary: 'A published parent score contradicts its own published children under the rubric\'s aggregation: the publisher\'s figures disagree with each other, whatever the answers.',
    fix: 'Nothing to fix in the rubric or the answers on this account; report the inconsistency to the publisher, and expect the computed score to differ from the published parent.',
  },
  // ── Input limits ────────────────────────────────────────────────────────────
  YAML_TOO_MANY_ENTRIES: {
    severity: 'error', area: 'yaml',
    summary: 'A mapping or list has more entries than the safety limit (100,000).',
    fix: 'Split the input into several files; real rubrics and answer sets are far smaller.',
  },
  YAML_KEY_TOO_LONG: {
    severity: 'error', area: 'yaml',
    summary: 'A mapping key is longer than the safety limit (1,000 characters).',
    fix: 'Use a short id as the key and put long text in a value.',
  },
  CSV_LIMIT: {
    severity: 'error', area: 'outcomes',
    summary: 'A CSV text exceeds a safety limit (rows, columns or field length); reading stops there.',
    fix: 'Split the file, or check that it really is the CSV file meant (quotes left open make one huge field).',
  },
  IMPORT_LIMIT: {
    severity: 'error', area: 'import',
    summary: 'A workbook exceeds a safety limit (size, inflated size, compression ratio, zip entries, rows, columns or cells); it is not read further.',
    fix: 'Check that the file is the workbook meant; a real MIPEX workbook is a few megabytes and far below every limit.',
  },
  // ── CLI ─────────────────────────────────────────────────────────────────────
  CLI_USAGE: {
    severity: 'error', area: 'cli',
    summary: 'The command line is not valid (unknown command or option, missing argument).',
    fix: 'Run the command with `--help`.',
  },
  CLI_WOULD_OVERWRITE_INPUT: {
    severity: 'error', area: 'cli',
    summary: 'An output path would overwrite one of the command\'s input files (no longer reported: see `OUTPUT_IS_INPUT`).',
    fix: 'Choose another output path.',
    replacedBy: 'OUTPUT_IS_INPUT',
  },
  ROBUSTNESS_SPEC_INVALID: {
    severity: 'error', area: 'cli',
    summary: 'An uncertainty spec (flags or YAML) names something the rubric does not have, or a value out of range.',
    fix: 'Use node ids and levels of the rubric, weight noise from 0 to below 1, and aggregations mean, weighted-mean, geometric-mean, minimum or maximum.',
    example: 'weights:\n  - { node: no-such-area, noise: 0.25 }',
  },
  ROBUSTNESS_OVER_BUDGET: {
    severity: 'error', area: 'cli',
    summary: 'An uncertainty or sensitivity run would take more unit evaluations, or keep more memory, than its budget allows; it is refused before it starts, with the figures.',
    fix: 'Use fewer samples (or bootstrap resamples), or raise the budget with `--max-evaluations` or `--memory-mib` (options `maxEvaluations`, `memoryBudget`).',
    example: 'samples: 10000000',
  },
  INTERNAL_ERROR: {
    severity: 'error', area: 'cli',
    summary: 'Something went wrong inside policy-index itself.',
    fix: 'Please report it with the input that caused it.',
  },
  // ── Files read and written ──────────────────────────────────────────────────
  FILE_NOT_REGULAR: {
    severity: 'error', area: 'yaml',
    summary: 'An input is not a regular file (a named pipe, socket or device such as `/dev/zero`), so it is not read.',
    fix: 'Name a regular file; copy the data into a file first if it comes from a pipe.',
  },
  FILE_UTF16: {
    severity: 'error', area: 'yaml',
    summary: 'A text file is encoded as UTF-16; policy-index reads UTF-8 text only.',
    fix: 'Save the file as UTF-8 (most editors offer it under "Save as" or "Encoding").',
  },
  FOLDER_LINK_SKIPPED: {
    severity: 'warning', area: 'yaml',
    summary: 'A symbolic link in a searched folder points outside that folder, or back into a folder already searched, so it is not followed.',
    fix: 'Name the linked folder on the command line if it is meant to be read, or remove the link.',
  },
  FOLDER_TOO_DEEP: {
    severity: 'warning', area: 'yaml',
    summary: 'A folder lies deeper below a searched folder than the nesting limit (16 levels); its files are not read.',
    fix: 'Move the files up, or name the deep folder on the command line.',
  },
  FOLDER_TOO_MANY_FILES: {
    severity: 'error', area: 'yaml',
    summary: 'A folder search met more entries than the limit (100,000); the rest are not read.',
    fix: 'Name a smaller folder.',
  },
  OUTPUT_OUTSIDE_FOLDER: {
    severity: 'error', area: 'cli',
    summary: 'An output file would be written outside the output folder (a `..`, an absolute name, or a symbolic link leading out); nothing is written there.',
    fix: 'Remove the symbolic link from the output folder, or correct the name the output path is built from.',
  },
  OUTPUT_NOT_A_FILE: {
    severity: 'error', area: 'cli',
    summary: 'An output path names an existing folder, a named pipe or a device where a file is to be written, or ends with a slash where a file name is expected.',
    fix: 'Give a file name (without a trailing slash) that is not an existing folder.',
  },
  OUTPUT_NOT_A_FOLDER: {
    severity: 'error', area: 'cli',
    summary: 'The output folder (`--out`) is a file, a named pipe, a symbolic link to nothing or to itself, or lies below a file, so no folder can be made there.',
    fix: 'Name a folder that exists or can be made; remove the link or rename the file that stands in the way.',
  },
  OUTPUT_EXISTS: {
    severity: 'error', area: 'cli',
    summary: 'An output file exists already (or one run would write the same file twice); it is replaced only with `--force`.',
    fix: 'Pass `--force` to replace the file, or choose another output path.',
  },
  OUTPUT_IS_INPUT: {
    severity: 'error', area: 'cli',
    summary: 'An output path is one of the input files (by path, by a symbolic link or by a hard link), so writing it would overwrite an input; it is refused even with `--force`.',
    fix: 'Choose another output path.',
  },
  OUTPUT_WRITE_FAILED: {
    severity: 'error', area: 'cli',
    summary: 'An output file could not be written (no permission, disk full, or a file where a folder is needed).',
    fix: 'Check the output folder: it must be writable, and no file may stand where a sub-folder is created.',
  },
  IMPORT_SHEET_NOT_A_COUNTRY: {
    severity: 'error', area: 'import',
    summary: 'A workbook sheet is named neither by a known country code nor by a sub-national code of the form `CC-XXX`, so it is not imported.',
    fix: 'Rename the sheet to the ISO 3166-1 alpha-2 code of its country (or the ISO 3166-2 code of its region, such as `BE-VLG`).',
  },
} as const satisfies Record<string, DiagnosticCodeInfo>;

/** Every diagnostic code policy-index can report. */
export type DiagnosticCode = keyof typeof table;

/**
 * The table of all diagnostic codes with their meaning and fix; the documentation's
 * diagnostic reference is generated from it.
 *
 * @example
 * ```ts
 * import { DIAGNOSTIC_CODES } from 'policy-index';
 * DIAGNOSTIC_CODES.YAML_DUPLICATE_KEY.severity; // 'error'
 * ```
 */
export const DIAGNOSTIC_CODES: Readonly<Record<DiagnosticCode, DiagnosticCodeInfo>> = table;
