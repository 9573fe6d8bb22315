/**
 * Outcome data: reading long CSV, wide CSV and YAML files against a framework, and validating
 * every value (unknown indicators and cohorts, duplicates, non-numbers, values impossible for
 * the declared unit, values that look like another unit, country codes).
 *
 * @module
 */
import { z } from 'zod';
import type { Diagnostic, PathSegment, Result } from '../diagnostics/index.js';
import { capDiagnostics, MAX_LISTED_DIAGNOSTICS } from '../diagnostics/limit.js';
import { readCsvRecords, type CsvRecord } from '../source/csv.js';
import { normaliseCountryCode, type NormalisedCountryCode } from '../units/countries.js';
import { located, parseYamlSource } from '../source/yaml-source.js';
import { columnKey, detectOutcomeLayout, requiredColumns } from './layouts.js';
import { lazyNameIndex, Suggestions, type NameIndex } from '../source/suggest.js';
import { describeValue, zodIssuesToDiagnostics } from '../source/zod-diagnostics.js';
import type { OutcomeDataset, OutcomeFramework, OutcomeIndicator, OutcomeLayout, OutcomeObservation } from './types.js';
import { MISSING_TOKENS, parseDecimalText, UNIT_BOUNDS } from './units.js';

/**
 * One input text: its name (used in diagnostics and to tell CSV from YAML) and its content.
 *
 * @example
 * ```ts
 * import type { OutcomeFile } from 'policy-index';
 * const file: OutcomeFile = { name: 'panel.csv', text: 'country,year,indicator,cohort,value\n' };
 * ```
 */
export interface OutcomeFile {
  name: string;
  text: string;
}

/**
 * Options for {@link loadOutcomeData}.
 *
 * @example
 * ```ts
 * import type { OutcomeLoadOptions } from 'policy-index';
 * const options: OutcomeLoadOptions = { layout: 'eurostat-wide' };
 * ```
 */
export interface OutcomeLoadOptions {
  /** Read every CSV file with this layout id instead of detecting one from the header. */
  layout?: string;
  /** Force the format instead of deciding by file extension (`.csv` → CSV, `.yaml`/`.yml` → YAML, else by content). */
  format?: 'csv' | 'yaml';
}

/**
 * Counts describing what {@link loadOutcomeData} read.
 *
 * @example
 * ```ts
 * import { parseOutcomeFramework, loadOutcomeData, ZARAGOZA_FRAMEWORK_YAML } from 'policy-index';
 * const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML).value!;
 * const csv = 'country,year,indicator,cohort,value\nAT,2019,employment-rate,native,76\nAT,2019,employment-rate,non-eu-born,60\n';
 * const { summary } = loadOutcomeData([{ name: 'a.csv', text: csv }], framework);
 * [summary.valid, summary.invalid]; // [2, 0]
 * ```
 */
export interface OutcomeLoadSummary {
  files: { name: string; format: 'csv' | 'yaml'; layout?: string; records: number; observations: number }[];
  observations: number;
  valid: number;
  suspect: number;
  invalid: number;
  /** Records or entries that yielded no observation at all (unknown indicator, bad year …). */
  rejectedRecords: number;
}

/**
 * What {@link loadOutcomeData} returns: the dataset (when the framework allowed reading) and a summary.
 *
 * @example
 * ```ts
 * import { parseOutcomeFramework, loadOutcomeData, ZARAGOZA_FRAMEWORK_YAML } from 'policy-index';
 * const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML).value!;
 * const csv = 'country,year,indicator,cohort,value\nAT,2019,employment-rate,native,76\nAT,2019,employment-rate,non-eu-born,60\n';
 * const dataset = loadOutcomeData([{ name: 'a.csv', text: csv }], framework).value!;
 * // loadOutcomeData returns { value, diagnostics, summary }
 * ```
 */
export interface OutcomeLoadResult extends Result<OutcomeDataset> {
  summary: OutcomeLoadSummary;
}

interface Reader {
  framework: OutcomeFramework;
  file: string;
  diagnostics: Diagnostic[];
  drafts: OutcomeObservation[];
  /** For each draft, the record it came from (see {@link recordBase}). */
  records: number[];
  /** Added to a CSV line or YAML entry number to make its record id (see {@link recordBase}). */
  recordBase: number;
  rejected: number;
  countryNotes: Map<string, { n: NormalisedCountryCode; line: number; column: number; count: number; path?: PathSegment[] }>;
  indicators: Map<string, OutcomeIndicator>;
  indicatorIds: readonly string[];
  /** "Did you mean" hints of the file (see {@link hintFor}). */
  hints: Suggestions;
  /** Candidate names by list (see {@link hintFor}). */
  hintLists: Map<string, () => NameIndex>;
  /** Country codes already normalised, by their text (rows repeat them). */
  countries: Map<string, NormalisedCountryCode>;
  /** Labels already resolved, by label map and text (rows repeat them). */
  labels: WeakMap<object, Map<string, string | undefined>>;
  /** The framework's cohort ids. */
  cohortIds: readonly string[];
  cohortSet: ReadonlySet<string>;
}

/** Most distinct texts a file keeps in its caches of country codes and labels. */
const MAX_CACHED = 10_000;
const NO_LABELS: Record<string, string> = {};

/** {@link resolveLabel}, remembered per label map and text. */
function resolveLabelCached(reader: Reader, map: Record<string, string>, ids: readonly string[], label: string): string | undefined {
  let cache = reader.labels.get(map);
  if (!cache) reader.labels.set(map, (cache = new Map()));
  if (cache.has(label)) return cache.get(label);
  const id = resolveLabel(map, ids, label);
  if (cache.size < MAX_CACHED) cache.set(label, id);
  return id;
}

/**
 * A "did you mean" hint, worked out once per distinct text of a file (rows repeat their labels)
 * and for a bounded number of texts per file; `list` names the candidate list.
 */
function hintFor(reader: Reader, list: string, text: string, candidates: () => Iterable<string>): string | undefined {
  let names = reader.hintLists.get(list);
  if (!names) reader.hintLists.set(list, (names = lazyNameIndex(candidates)));
  return reader.hints.didYouMean(text, names);
}

function detectFormat(file: OutcomeFile): 'csv' | 'yaml' {
  const lower = file.name.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.tsv') || lower.endsWith('.txt')) return 'csv';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  const firstLine = file.text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return firstLine.includes(',') && !firstLine.includes(': ') ? 'csv' : 'yaml';
}

function noteCountry(reader: Reader, n: NormalisedCountryCode, line: number, column: number, path?: PathSegment[]): void {
  if (n.kind === 'country') return;
  const note = reader.countryNotes.get(n.code);
  if (note) note.count++;
  else reader.countryNotes.set(n.code, { n, line, column, count: 1, ...(path ? { path } : {}) });
}

function flushCountryNotes(reader: Reader): void {
  for (const { n, line, column, count, path } of reader.countryNotes.values()) {
    const what = n.kind === 'aggregate' ? `an aggregate${n.name ? ` (${n.name})` : ''}` : n.kind === 'region' ? `a region of ${n.name ?? n.parent}` : 'not a known country code';
    reader.diagnostics.push({
      code: 'OUTCOME_COUNTRY_CODE',
      severity: n.kind === 'unknown' ? 'warning' : 'info',
      message: `"${n.original}" is ${what}; its ${count} value${count === 1 ? ' is' : 's are'} kept apart from country results.`,
      file: reader.file,
      line,
      column,
      ...(path ? { path } : {}),
      actual: n.original,
      ...(n.kind === 'unknown' ? { hint: 'Use an ISO 3166-1 alpha-2 code (Eurostat\'s EL and UK are accepted).' } : {}),
    });
  }
}

function resolveLabel(map: Record<string, string>, ids: Iterable<string>, label: string): string | undefined {
  const trimmed = label.trim();
  if (Object.prototype.hasOwnProperty.call(map, trimmed)) return map[trimmed];
  for (const id of ids) if (id === trimmed) return id;
  const lower = trimmed.toLowerCase();
  for (const [k, v] of Object.entries(map)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/**
 * A value and where it was written. A CSV field (`CsvField`) is one as it is; YAML values
 * carry their data path too.
 */
interface Cell {
  value: string;
  line: number;
  column: number;
  /** Where the cell's text ends, when known. */
  endLine?: number;
  endColumn?: number;
  path?: PathSegment[];
}

/** Adds one value (after the record's country, year and indicator are known) as a draft observation. */
function addValue(
  reader: Reader,
  record: number,
  country: NormalisedCountryCode,
  year: number,
  indicator: OutcomeIndicator,
  cohort: string,
  cell: Cell,
): void {
  if (MISSING_TOKENS.has(cell.value.trim())) return;
  const at = () => ({ file: reader.file, line: cell.line, column: cell.column, ...(cell.endLine !== undefined && cell.endColumn !== undefined ? { endLine: cell.endLine, endColumn: cell.endColumn } : {}), ...(cell.path ? { path: cell.path } : {}) });
  if (!indicator.cohorts.includes(cohort)) {
    const hint = hintFor(reader, `cohorts of ${indicator.id}`, cohort, () => indicator.cohorts);
    reader.diagnostics.push({
      code: 'OUTCOME_UNKNOWN_COHORT',
      severity: 'error',
      message: `Indicator "${indicator.id}" has no cohort "${cohort}".`,
      ...at(),
      expected: indicator.cohorts.join(', '),
      actual: cohort,
      ...(hint ? { hint } : {}),
    });
    return;
  }
  const parsed = parseDecimalText(cell.value);
  // The same keys in the same order as OutcomeObservation documents them.
  const draft: OutcomeObservation = {
    country: country.code,
    countryKind: country.kind,
    originalCountry: country.original,
    year,
    indicator: indicator.id,
    cohort,
    value: parsed?.value ?? Number.NaN,
    text: parsed?.text ?? cell.value,
    status: 'valid',
    problems: [],
    file: reader.file,
    line: cell.line,
    column: cell.column,
  };
  if (!parsed) {
    reader.diagnostics.push({
      code: 'OUTCOME_NOT_A_NUMBER',
      severity: 'error',
      message: `The value of ${indicator.id} for ${cohort} is not a number.`,
      ...at(),
      expected: 'a number with a dot as decimal separator, or an empty cell for missing',
      actual: JSON.stringify(cell.value),
    });
    draft.status = 'invalid';
    draft.problems.push('OUTCOME_NOT_A_NUMBER');
  } else {
    const { min, max } = indicator.range;
    if ((min !== null && parsed.value < min) || (max !== null && parsed.value > max)) {
      const range = max === null ? `${min ?? '−∞'} up` : `${min ?? '−∞'} to ${max}`;
      reader.diagnostics.push({
        code: 'OUTCOME_IMPOSSIBLE_VALUE',
        severity: 'error',
        message: `${parsed.text} is impossible for ${indicator.id} (${cohort}, ${country.original} ${year}): it must be ${UNIT_BOUNDS[indicator.unit].label.replace(/ \(.*\)$/, '')} from ${range}.`,
        ...at(),
        expected: `${range} (${indicator.unit})`,
        actual: parsed.text,
        hint: 'Check the unit of the source; counts (e.g. thousands of persons) are often mixed up with rates. The other values of the same row are kept out too.',
      });
      draft.status = 'invalid';
      draft.problems.push('OUTCOME_IMPOSSIBLE_VALUE');
    }
  }
  reader.drafts.push(draft);
  reader.records.push(record);
}

function readCountry(reader: Reader, cell: Cell): NormalisedCountryCode | undefined {
  if (cell.value.trim() === '') {
    reader.diagnostics.push({ code: 'OUTCOME_COUNTRY_CODE', severity: 'error', message: 'The country is empty.', file: reader.file, line: cell.line, column: cell.column, ...(cell.path ? { path: cell.path } : {}) });
    return undefined;
  }
  let n = reader.countries.get(cell.value);
  if (!n) {
    n = normaliseCountryCode(cell.value);
    if (reader.countries.size < MAX_CACHED) reader.countries.set(cell.value, n);
  }
  noteCountry(reader, n, cell.line, cell.column, cell.path);
  return n;
}

function readYear(reader: Reader, cell: Cell): number | undefined {
  const t = cell.value.trim();
  if (/^\d{4}$/.test(t)) return Number(t);
  reader.diagnostics.push({
    code: 'OUTCOME_NOT_A_NUMBER',
    severity: 'error',
    message: `The year ${JSON.stringify(cell.value)} is not a four-digit year.`,
    file: reader.file,
    line: cell.line,
    column: cell.column,
    ...(cell.path ? { path: cell.path } : {}),
    expected: 'a year such as 2019',
    actual: JSON.stringify(cell.value),
  });
  return undefined;
}

function readIndicator(reader: Reader, layout: OutcomeLayout | undefined, cell: Cell): OutcomeIndicator | undefined {
  const id = resolveLabelCached(reader, layout?.indicatorLabels ?? NO_LABELS, reader.indicatorIds, cell.value);
  const indicator = id === undefined ? undefined : reader.indicators.get(id);
  if (indicator) return indicator;
  const hint = hintFor(reader, `indicators ${layout?.id ?? ''}`, cell.value.trim(), () => [...reader.indicators.keys(), ...Object.keys(layout?.indicatorLabels ?? {})]);
  reader.diagnostics.push({
    code: 'OUTCOME_UNKNOWN_INDICATOR',
    severity: 'error',
    message: `The framework declares no indicator "${cell.value.trim()}".`,
    file: reader.file,
    line: cell.line,
    column: cell.column,
    ...(cell.path ? { path: cell.path } : {}),
    actual: cell.value,
    ...(hint ? { hint } : { hint: layout ? `Map the label under indicatorLabels of layout "${layout.id}".` : 'Use an indicator id of the framework.' }),
  });
  return undefined;
}

/**
 * Reads a CSV text record by record (see {@link readCsvRecords}): the header picks the layout,
 * then each record becomes values at once, so that the records' fields are never all alive.
 * The diagnostics come in the order of reading the whole text first: the CSV parser's, then
 * the header's, then the records'.
 */
function readCsv(reader: Reader, text: string, options: OutcomeLoadOptions): { layout?: string | undefined; records: number } {
  const shared = reader.diagnostics;
  reader.diagnostics = [];
  let sawHeader = false;
  let rows: CsvRowReader | undefined;
  const { diagnostics, records } = readCsvRecords(text, { file: reader.file }, (record, index) => {
    if (index > 0) rows?.read(record);
    else {
      sawHeader = true;
      rows = csvRowReader(reader, record, options);
    }
  });
  const own = reader.diagnostics;
  reader.diagnostics = shared;
  for (const item of diagnostics) shared.push(item);
  for (const item of own) shared.push(item);
  if (!sawHeader) return { records: 0 };
  return rows ? { layout: rows.layout, records: records - 1 } : { records: records - 1 };
}

/** Reads the records of a CSV text with a layout. */
interface CsvRowReader {
  layout: string;
  read(record: CsvRecord): void;
}

/** The layout for a CSV header (given or detected), or undefined when there is none (reported). */
function csvRowReader(reader: Reader, header: CsvRecord, options: OutcomeLoadOptions): CsvRowReader | undefined {
  const names = header.fields.map((f) => f.value);
  let layout: OutcomeLayout | undefined;
  if (options.layout) {
    layout = reader.framework.layouts.find((l) => l.id === options.layout);
    if (!layout) {
      reader.diagnostics.push({
        code: 'OUTCOME_NO_LAYOUT',
        severity: 'error',
        message: `The framework declares no layout "${options.layout}".`,
        file: reader.file,
        line: 1,
        column: 1,
        expected: reader.framework.layouts.map((l) => l.id).join(', '),
      });
      return undefined;
    }
    const present = new Set(names.map(columnKey));
    const missing = requiredColumns(layout).filter((c) => !present.has(columnKey(c)));
    for (const column of missing) {
      reader.diagnostics.push({ code: 'CSV_MISSING_COLUMN', severity: 'error', message: `Layout "${layout.id}" needs a column "${column}", which the header lacks.`, file: reader.file, line: header.line, column: 1, expected: column });
    }
    if (missing.length > 0) return undefined;
  } else {
    const detection = detectOutcomeLayout(reader.framework, names);
    layout = detection.layout;
    if (!layout) {
      const best = detection.fits[0];
      reader.diagnostics.push({
        code: 'OUTCOME_NO_LAYOUT',
        severity: 'error',
        message: 'The header matches none of the column layouts of the framework.',
        file: reader.file,
        line: header.line,
        column: 1,
        actual: names.join(','),
        ...(best ? { hint: `Closest layout: "${best.layout.id}", which lacks ${best.missing.map((m) => `"${m}"`).join(', ')}.` } : {}),
      });
      return undefined;
    }
  }
  const index = new Map<string, number>();
  names.forEach((name, i) => {
    if (!index.has(columnKey(name))) index.set(columnKey(name), i);
  });
  const col = (name: string | undefined): number | undefined => (name === undefined ? undefined : index.get(columnKey(name)));
  const known = new Set([...requiredColumns(layout), ...layout.ignoreColumns, ...(layout.format === 'wide' ? Object.keys(layout.cohortColumns) : [])].map(columnKey));
  header.fields.forEach((f) => {
    if (!known.has(columnKey(f.value))) {
      reader.diagnostics.push({
        code: 'OUTCOME_UNKNOWN_COLUMN',
        severity: 'warning',
        message: `The column "${f.value}" is not part of layout "${layout.id}" and is ignored.`,
        file: reader.file,
        line: f.line,
        column: f.column,
        hint: layout.format === 'wide' ? 'Map it to a cohort under cohortColumns, or list it under ignoreColumns.' : 'List it under ignoreColumns.',
      });
    }
  });
  const countryCol = col(layout.columns.country)!;
  const yearCol = col(layout.columns.year)!;
  const indicatorCol = col(layout.columns.indicator);
  const fixedIndicator = layout.indicator ? reader.indicators.get(layout.indicator) : undefined;
  const cohortCol = layout.format === 'long' ? col(layout.columns.cohort)! : -1;
  const valueCol = layout.format === 'long' ? col(layout.columns.value)! : -1;
  // Records with another field count than the header are skipped, so every column is there.
  const cell = (record: CsvRecord, i: number): Cell => record.fields[i] ?? { value: '', line: record.line, column: 1 };
  const wideColumns = layout.format === 'wide' ? Object.entries(layout.cohortColumns).map(([name, cohort]) => [col(name), cohort, name] as const).filter((e): e is readonly [number, string, string] => e[0] !== undefined) : [];

  const fieldCount = header.fields.length;
  const lay = layout;
  const read = (record: CsvRecord): void => {
    if (record.fields.length !== fieldCount) {
      reader.rejected++;
      return; // reported as CSV_SYNTAX
    }
    const recordKey = reader.recordBase + record.line;
    const country = readCountry(reader, cell(record, countryCol));
    const year = readYear(reader, cell(record, yearCol));
    const indicator = fixedIndicator ?? (indicatorCol !== undefined ? readIndicator(reader, lay, cell(record, indicatorCol)) : undefined);
    if (!country || year === undefined || !indicator) {
      reader.rejected++;
      return;
    }
    if (lay.format === 'long') {
      const cohortCell = cell(record, cohortCol);
      const special = lay.cohortLabelsByIndicator && Object.prototype.hasOwnProperty.call(lay.cohortLabelsByIndicator, indicator.id) ? lay.cohortLabelsByIndicator[indicator.id] : undefined;
      const cohort =
        (special ? resolveLabelCached(reader, special, [], cohortCell.value) : undefined) ??
        resolveLabelCached(reader, lay.cohortLabels, reader.cohortIds, cohortCell.value) ??
        cohortCell.value.trim();
      if (!reader.cohortSet.has(cohort)) {
        const hint = hintFor(reader, `cohorts ${lay.id}`, cohort, () => [...reader.framework.cohorts.map((c) => c.id), ...Object.keys(lay.cohortLabels)]);
        reader.diagnostics.push({
          code: 'OUTCOME_UNKNOWN_COHORT',
          severity: 'error',
          message: `The framework declares no cohort "${cohortCell.value.trim()}".`,
          file: reader.file,
          line: cohortCell.line,
          column: cohortCell.column,
          actual: cohortCell.value,
          ...(hint ? { hint } : { hint: `Map the label under cohortLabels of layout "${lay.id}".` }),
        });
        reader.rejected++;
        return;
      }
      addValue(reader, recordKey, country, year, indicator, cohort, cell(record, valueCol));
    } else {
      const special = lay.cohortColumnsByIndicator && Object.prototype.hasOwnProperty.call(lay.cohortColumnsByIndicator, indicator.id) ? lay.cohortColumnsByIndicator[indicator.id] : undefined;
      for (const [i, general, name] of wideColumns) {
        const cohort = special && Object.prototype.hasOwnProperty.call(special, name) ? special[name]! : general;
        const c = cell(record, i);
        if (MISSING_TOKENS.has(c.value.trim())) continue;
        addValue(reader, recordKey, country, year, indicator, cohort, c);
      }
    }
  };
  return { layout: lay.id, read };
}

const scalar = z.union([z.number(), z.string(), z.null()]);
const entrySchema = z
  .strictObject({
    country: z.string().min(1),
    year: z.number().int().min(1000).max(9999),
    indicator: z.string().min(1),
    cohort: z.string().min(1).optional(),
    value: scalar.optional(),
    values: z.record(z.string(), scalar).optional(),
    note: z.string().optional(),
  })
  .refine((e) => (e.values === undefined) !== (e.value === undefined), { message: 'give either `cohort` and `value`, or `values`' })
  .refine((e) => e.value === undefined || e.cohort !== undefined, { message: '`value` needs a `cohort`', path: ['cohort'] });

const dataSchema = z.looseObject({
  schemaVersion: z.literal(1).optional(),
  framework: z.string().optional(),
  observations: z.array(z.unknown()),
});

function readYaml(reader: Reader, text: string): { layout?: string | undefined; records: number } {
  const parsed = parseYamlSource(text, reader.file);
  for (const item of parsed.diagnostics) reader.diagnostics.push(item);
  if (parsed.value === undefined || parsed.diagnostics.some((d) => d.severity === 'error')) return { records: 0 };
  const data = parsed.value;
  const top = dataSchema.safeParse(data);
  if (!top.success) {
    for (const item of zodIssuesToDiagnostics(top.error.issues, data, [], parsed.locator)) reader.diagnostics.push(item);
    return { records: 0 };
  }
  const allowed = new Set(['schemaVersion', 'framework', 'observations', 'title', 'description', 'source']);
  for (const key of Object.keys(data as object)) {
    if (!allowed.has(key)) {
      const hint = hintFor(reader, 'top-level fields', key, () => allowed);
      reader.diagnostics.push(located(parsed.locator, { code: 'SCHEMA_UNKNOWN_FIELD', severity: 'error', message: `Unknown field "${key}".`, path: [key], ...(hint ? { hint } : {}) }, { key: true }));
    }
  }
  if (top.data.framework !== undefined && top.data.framework !== reader.framework.id) {
    reader.diagnostics.push(
      located(parsed.locator, {
        code: 'OUTCOME_FRAMEWORK_REFERENCE',
        severity: 'warning',
        message: `The data name the framework "${top.data.framework}" but are read with "${reader.framework.id}".`,
        path: ['framework'],
        expected: reader.framework.id,
        actual: top.data.framework,
      }),
    );
  }
  const at = (path: PathSegment[]): { line: number; column: number; endLine?: number; endColumn?: number } => {
    const r = parsed.locator.locate(path);
    return r ? { line: r.line, column: r.column, endLine: r.endLine, endColumn: r.endColumn } : { line: 1, column: 1 };
  };
  top.data.observations.forEach((raw, i) => {
    const base: PathSegment[] = ['observations', i];
    const entry = entrySchema.safeParse(raw);
    if (!entry.success) {
      for (const item of zodIssuesToDiagnostics(entry.error.issues, raw, base, parsed.locator, () => ['country', 'year', 'indicator', 'cohort', 'value', 'values', 'note'], reader.hints)) reader.diagnostics.push(item);
      reader.rejected++;
      return;
    }
    const e = entry.data;
    const cellAt = (field: PathSegment[], value: unknown): Cell => ({ value: value === null ? '' : String(value), ...at([...base, ...field]), path: [...base, ...field] });
    const country = readCountry(reader, cellAt(['country'], e.country));
    const indicator = readIndicator(reader, undefined, cellAt(['indicator'], e.indicator));
    if (!country || !indicator) {
      reader.rejected++;
      return;
    }
    const values: [string, unknown, PathSegment[]][] =
      e.values !== undefined ? Object.entries(e.values).map(([cohort, v]) => [cohort, v, ['values', cohort]]) : [[e.cohort!, e.value, ['value']]];
    for (const [cohortLabel, value, field] of values) {
      const cohort = cohortLabel.trim();
      if (!reader.framework.cohorts.some((c) => c.id === cohort)) {
        const hint = hintFor(reader, 'cohorts', cohort, () => reader.framework.cohorts.map((c) => c.id));
        reader.diagnostics.push(
          located(parsed.locator, {
            code: 'OUTCOME_UNKNOWN_COHORT',
            severity: 'error',
            message: `The framework declares no cohort "${cohort}".`,
            path: [...base, ...(e.values !== undefined ? field : ['cohort'])],
            actual: describeValue(cohortLabel),
            ...(hint ? { hint } : {}),
          }, { key: e.values !== undefined }),
        );
        continue;
      }
      addValue(reader, reader.recordBase + i, country, e.year, indicator, cohort, cellAt(field, value));
    }
  });
  return { records: top.data.observations.length };
}

/**
 * Numbers the distinct countries, years, indicators, cohorts and files of the drafts from 0 in
 * order of first appearance, so that the checks below key their maps by small integers.
 */
function internDrafts(drafts: readonly OutcomeObservation[]) {
  const n = drafts.length;
  const country = new Int32Array(n);
  const year = new Int32Array(n);
  const indicator = new Int32Array(n);
  const cohort = new Int32Array(n);
  const file = new Int32Array(n);
  const countries = new Map<string, number>();
  const years = new Map<number, number>();
  const indicators = new Map<string, number>();
  const cohorts = new Map<string, number>();
  const files = new Map<string, number>();
  const id = <T>(map: Map<T, number>, value: T): number => {
    let i = map.get(value);
    if (i === undefined) map.set(value, (i = map.size));
    return i;
  };
  for (let k = 0; k < n; k++) {
    const d = drafts[k]!;
    country[k] = id(countries, d.country);
    year[k] = id(years, d.year);
    indicator[k] = id(indicators, d.indicator);
    cohort[k] = id(cohorts, d.cohort);
    file[k] = id(files, d.file);
  }
  return { country, year, indicator, cohort, file, countries: countries.size, years: years.size, indicators: indicators.size, cohorts: cohorts.size, files: files.size };
}

/** Whether a key made of ids below these counts fits in one exact number. */
const fitsOneNumber = (...sizes: number[]): boolean => sizes.reduce((p, s) => p * Math.max(s, 1), 1) <= Number.MAX_SAFE_INTEGER;

/**
 * Marks duplicates, unit breaks and share-like rows across all drafts. `records[k]` is the
 * record of `drafts[k]` (one CSV line or YAML entry of one file name).
 */
function validateTogether(framework: OutcomeFramework, drafts: readonly OutcomeObservation[], records: readonly number[], diagnostics: Diagnostic[], unmade: Map<Diagnostic, number>): void {
  const mark = (d: OutcomeObservation, status: 'invalid' | 'suspect', code: string): void => {
    if (status === 'invalid' || d.status === 'valid') d.status = status;
    // A new array of the right length: most values get one problem here, and an empty array
    // grown by push would keep room for many more.
    if (!d.problems.includes(code)) d.problems = d.problems.length === 0 ? [code] : [...d.problems, code];
  };
  const impossibleValue = (d: OutcomeObservation): boolean => d.problems.length > 0 && d.problems.includes('OUTCOME_IMPOSSIBLE_VALUE');
  const n = drafts.length;
  const ids = internDrafts(drafts);

  // Duplicates: same country, year, indicator and cohort.
  const oneNumber = fitsOneNumber(ids.countries, ids.years, ids.indicators, ids.cohorts);
  const seen = new Map<number | string, number>();
  const listed = new Int32Array(ids.files);
  /** Per file: the one duplicate diagnostic made beyond the listing limit (see capDiagnostics). */
  const beyond: (Diagnostic | undefined)[] = [];
  for (let k = 0; k < n; k++) {
    const key = oneNumber
      ? ((ids.country[k]! * ids.years + ids.year[k]!) * ids.indicators + ids.indicator[k]!) * ids.cohorts + ids.cohort[k]!
      : `${ids.country[k]},${ids.year[k]},${ids.indicator[k]},${ids.cohort[k]}`;
    const f = seen.get(key);
    if (f === undefined) {
      seen.set(key, k);
      continue;
    }
    const d = drafts[k]!;
    const first = drafts[f]!;
    const same = first.text === d.text || first.value === d.value;
    const fi = ids.file[k]!;
    const count = ++listed[fi]!;
    // Beyond the listing limit only the count and the first position matter (see capDiagnostics).
    if (count > MAX_LISTED_DIAGNOSTICS) {
      const made = beyond[fi];
      if (made) unmade.set(made, unmade.get(made)! + 1);
      else {
        const placeholder: Diagnostic = { code: 'OUTCOME_DUPLICATE_ROW', severity: 'error', message: '', file: d.file, line: d.line, column: d.column };
        beyond[fi] = placeholder;
        unmade.set(placeholder, 0);
        diagnostics.push(placeholder);
      }
    } else diagnostics.push({
      code: 'OUTCOME_DUPLICATE_ROW',
      severity: 'error',
      message: `A second value for ${d.country} ${d.year} ${d.indicator} ${d.cohort}${same ? ' (the same value)' : ` (${d.text}; the first is ${first.text})`}.`,
      file: d.file,
      line: d.line,
      column: d.column,
      hint: `The first is at ${first.file}:${first.line}.`,
    });
    mark(d, 'invalid', 'OUTCOME_DUPLICATE_ROW');
    if (!same) mark(first, 'invalid', 'OUTCOME_DUPLICATE_ROW');
  }

  // One record (a wide CSV row) holds values in one unit: when one of its values is impossible,
  // the record's other values are in the same wrong unit and are kept out too.
  const impossibleRecords = new Set<number>();
  for (let k = 0; k < n; k++) if (impossibleValue(drafts[k]!)) impossibleRecords.add(records[k]!);
  if (impossibleRecords.size === 0) return markShares(framework, drafts, ids, diagnostics, mark);
  const sizes = new Map<number, number>();
  for (let k = 0; k < n; k++) {
    const r = records[k]!;
    if (impossibleRecords.has(r)) sizes.set(r, (sizes.get(r) ?? 0) + 1);
  }
  for (let k = 0; k < n; k++) {
    const r = records[k]!;
    if (impossibleRecords.has(r) && sizes.get(r)! > 1) mark(drafts[k]!, 'invalid', 'OUTCOME_IMPOSSIBLE_VALUE');
  }

  // Unit breaks: within one file, indicator and year, most country records impossible. Only
  // blocks with at least three records holding an impossible value can be one.
  const blockNumber = fitsOneNumber(ids.files, ids.indicators, ids.years);
  const blockKey = (k: number): number | string =>
    blockNumber ? (ids.file[k]! * ids.indicators + ids.indicator[k]!) * ids.years + ids.year[k]! : `${ids.file[k]},${ids.indicator[k]},${ids.year[k]}`;
  const impossibleByBlock = new Map<number | string, Set<number>>();
  for (let k = 0; k < n; k++) {
    const d = drafts[k]!;
    if (d.countryKind !== 'country' || !impossibleValue(d)) continue;
    const key = blockKey(k);
    const set = impossibleByBlock.get(key);
    if (set) set.add(records[k]!);
    else impossibleByBlock.set(key, new Set([records[k]!]));
  }
  const candidates = new Set<number | string>();
  for (const [key, set] of impossibleByBlock) if (set.size >= 3) candidates.add(key);
  if (candidates.size > 0) {
    // In order of each block's first country value, as every block would be listed.
    const blocks = new Map<number | string, Map<number, OutcomeObservation[]>>();
    for (let k = 0; k < n; k++) {
      const d = drafts[k]!;
      if (d.countryKind !== 'country') continue;
      const key = blockKey(k);
      if (!candidates.has(key)) continue;
      let byRecord = blocks.get(key);
      if (!byRecord) blocks.set(key, (byRecord = new Map()));
      const list = byRecord.get(records[k]!);
      if (list) list.push(d);
      else byRecord.set(records[k]!, [d]);
    }
    for (const byRecord of blocks.values()) {
      const groups = [...byRecord.values()];
      const impossible = groups.filter((g) => g.some(impossibleValue));
      if (impossible.length < 3 || impossible.length / groups.length < framework.checks.unitBreakShare) continue;
      const isImpossible = new Set(impossible);
      const sample = impossible[0]![0]!;
      const indicator = framework.indicators.find((i) => i.id === sample.indicator)!;
      for (const group of groups) {
        if (isImpossible.has(group)) continue;
        const first = group[0]!;
        if (group.every((d) => d.status === 'invalid')) continue;
        diagnostics.push({
          code: 'OUTCOME_UNIT_BREAK',
          severity: 'error',
          message: `The ${first.indicator} values of ${first.originalCountry} ${first.year} are possible, but ${impossible.length} of the ${groups.length} country rows of ${first.year} in this file are impossible for ${indicator.unit}, so these are taken to be in the same wrong unit.`,
          file: first.file,
          line: first.line,
          column: first.column,
          actual: group.map((d) => `${d.cohort}=${d.text}`).join(', '),
          hint: 'Compare with another edition of the source; pass keepInvalid to use the values anyway.',
        });
        for (const d of group) mark(d, 'invalid', 'OUTCOME_UNIT_BREAK');
      }
    }
  }
  markShares(framework, drafts, ids, diagnostics, mark);
}

/** Shares: cohort values of one country-year adding up to 100 in most records of an indicator. */
function markShares(
  framework: OutcomeFramework,
  drafts: readonly OutcomeObservation[],
  ids: ReturnType<typeof internDrafts>,
  diagnostics: Diagnostic[],
  mark: (d: OutcomeObservation, status: 'invalid' | 'suspect', code: string) => void,
): void {
  /** The values of one country and year: the first, how many, and their sum in file order. */
  interface Row { first: OutcomeObservation; n: number; sum: number }
  /** The values of one file and indicator, by country and year. */
  interface Group { rows: Map<number | string, Row>; values: number; minLine: number; maxLine: number }
  const groupNumber = fitsOneNumber(ids.files, ids.indicators);
  const rowNumber = fitsOneNumber(ids.countries, ids.years);
  const groupKey = (k: number): number | string => (groupNumber ? ids.file[k]! * ids.indicators + ids.indicator[k]! : `${ids.file[k]},${ids.indicator[k]}`);
  const groups = new Map<number | string, Group>();
  for (let k = 0; k < drafts.length; k++) {
    const d = drafts[k]!;
    if (d.status === 'invalid') continue;
    const gk = groupKey(k);
    let g = groups.get(gk);
    if (!g) groups.set(gk, (g = { rows: new Map(), values: 0, minLine: d.line, maxLine: d.line }));
    g.values++;
    if (d.line < g.minLine) g.minLine = d.line;
    if (d.line > g.maxLine) g.maxLine = d.line;
    const rk = rowNumber ? ids.country[k]! * ids.years + ids.year[k]! : `${ids.country[k]},${ids.year[k]}`;
    const row = g.rows.get(rk);
    if (row) {
      row.n++;
      row.sum += d.value;
    } else g.rows.set(rk, { first: d, n: 1, sum: 0 + d.value });
  }
  const tolerance = framework.checks.sharesTolerance;
  const flagged = new Set<number | string>();
  for (const [gk, g] of groups) {
    let multi = 0;
    let shares = 0;
    let earliest: Row | undefined; // the share row whose first value has the smallest line (the first such row on ties)
    for (const row of g.rows.values()) {
      if (row.n < 2) continue;
      multi++;
      if (Math.abs(row.sum - 100) > tolerance) continue;
      shares++;
      if (!earliest || row.first.line < earliest.first.line) earliest = row;
    }
    if (shares < 5 || shares / multi < framework.checks.sharesRowShare) continue;
    const first = earliest!.first;
    const indicator = framework.indicators.find((i) => i.id === first.indicator)!;
    diagnostics.push({
      code: 'OUTCOME_UNIT_MISMATCH',
      severity: 'warning',
      message: `${indicator.id} is declared in ${indicator.unit}, but in ${shares} of ${multi} rows of this file with several cohorts the cohort values add up to 100 ± ${tolerance}, as shares of a whole do; its ${g.values} values (lines ${g.minLine}–${g.maxLine}) are kept out of results.`,
      file: first.file,
      line: first.line,
      column: first.column,
      expected: `${indicator.unit} for each cohort`,
      actual: 'cohort shares adding up to 100',
      hint: 'Convert the shares to the declared unit with the cohorts\' population, or pass keepInvalid to use them anyway.',
    });
    flagged.add(gk);
  }
  if (flagged.size === 0) return;
  for (let k = 0; k < drafts.length; k++) {
    const d = drafts[k]!;
    if (d.status !== 'invalid' && flagged.has(groupKey(k))) mark(d, 'suspect', 'OUTCOME_UNIT_MISMATCH');
  }
}

/** Record ids of one file name and format are `base + n`, n being a CSV line or YAML entry (below 2^30: a string is shorter). */
const RECORD_STRIDE = 2 ** 30;

/**
 * The record id base of a file: records are told apart by file name, format and line (or entry
 * number), so two files of the same name and format share a base; others lie
 * {@link RECORD_STRIDE} apart. Ids stay exact integers for fewer than 2^23 distinct names.
 */
function recordBase(slots: Map<string, number>, format: 'csv' | 'yaml', name: string): number {
  const key = `${format}\u0000${name}`;
  let slot = slots.get(key);
  if (slot === undefined) slots.set(key, (slot = slots.size));
  return slot * RECORD_STRIDE;
}

/**
 * Reads outcome files (tidy long CSV, wide CSV or YAML) against a framework and validates
 * them together: unknown indicators and cohorts, duplicate values (same country, year,
 * cohort and indicator, also across files), non-numbers, values impossible for the declared
 * unit, years where most country rows are impossible (a unit break), indicators whose cohort
 * values add up to 100 (shares, not rates), and country codes (normalised through the shared
 * table; aggregates and regions are kept but flagged). CSV diagnostics carry the CSV line
 * (header = line 1) and column of the cell.
 *
 * Observations keep a `status`; only `valid` ones enter gaps, trends and comparisons unless
 * `keepInvalid` is passed to those functions.
 *
 * @example
 * ```ts
 * import { parseOutcomeFramework, loadOutcomeData, ZARAGOZA_FRAMEWORK_YAML } from 'policy-index';
 * const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML).value!;
 * const csv = 'country,year,indicator,cohort,value\nAT,2019,employment-rate,native,76.1\nAT,2019,employment-rate,non-eu-born,140\n';
 * const { value, diagnostics } = loadOutcomeData([{ name: 'a.csv', text: csv }], framework);
 * diagnostics[0]; // { code: 'OUTCOME_IMPOSSIBLE_VALUE', line: 3, column: 37, … }
 * value!.observations.filter((o) => o.status === 'valid').length; // 1
 * ```
 */
export function loadOutcomeData(files: readonly OutcomeFile[], framework: OutcomeFramework, options: OutcomeLoadOptions = {}): OutcomeLoadResult {
  const diagnostics: Diagnostic[] = [];
  const drafts: OutcomeObservation[] = [];
  const records: number[] = [];
  const summaryFiles: OutcomeLoadSummary['files'] = [];
  let rejected = 0;
  const indicators = new Map(framework.indicators.map((i) => [i.id, i]));
  const indicatorIds = [...indicators.keys()];
  const cohortIds = framework.cohorts.map((c) => c.id);
  const cohortSet = new Set(cohortIds);
  const recordSlots = new Map<string, number>();
  for (const file of files) {
    const format = options.format ?? detectFormat(file);
    const reader: Reader = { framework, file: file.name, diagnostics, drafts: [], records: [], recordBase: recordBase(recordSlots, format, file.name), rejected: 0, countryNotes: new Map(), indicators, indicatorIds, hints: new Suggestions(), hintLists: new Map(), countries: new Map(), labels: new WeakMap(), cohortIds, cohortSet };
    const read = format === 'csv' ? readCsv(reader, file.text, options) : readYaml(reader, file.text);
    flushCountryNotes(reader);
    for (const item of reader.drafts) drafts.push(item);
    for (const item of reader.records) records.push(item);
    rejected += reader.rejected;
    const layout = 'layout' in read ? read.layout : undefined;
    summaryFiles.push({ name: file.name, format, ...(layout ? { layout } : {}), records: read.records, observations: reader.drafts.length });
  }
  const unmade = new Map<Diagnostic, number>();
  validateTogether(framework, drafts, records, diagnostics, unmade);
  capDiagnostics(diagnostics, unmade);
  const observations = drafts;
  const dataset = {
    kind: 'outcome-dataset',
    framework: { id: framework.id, version: framework.version },
    files: files.map((f) => f.name),
    observations,
  } as const;
  let valid = 0;
  let suspect = 0;
  let invalid = 0;
  for (const o of observations) {
    if (o.status === 'valid') valid++;
    else if (o.status === 'suspect') suspect++;
    else if (o.status === 'invalid') invalid++;
  }
  return {
    value: dataset as unknown as OutcomeDataset,
    diagnostics,
    summary: { files: summaryFiles, observations: observations.length, valid, suspect, invalid, rejectedRecords: rejected },
  };
}
