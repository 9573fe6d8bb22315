/**
 * Outcome data: reading long CSV, wide CSV and YAML files against a framework, and validating
 * every value (unknown indicators and cohorts, duplicates, non-numbers, values impossible for
 * the declared unit, values that look like another unit, country codes).
 *
 * @module
 */
import { z } from 'zod';
import type { Diagnostic, PathSegment, Result } from '../diagnostics/index.js';
import { parseCsv, type CsvField, type CsvRecord } from '../source/csv.js';
import { normaliseCountryCode, type NormalisedCountryCode } from '../source/countries.js';
import { located, parseYamlSource } from '../source/yaml-source.js';
import { columnKey, detectOutcomeLayout, requiredColumns } from './layouts.js';
import { didYouMean } from '../source/suggest.js';
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

interface Draft extends OutcomeObservation {
  /** Groups the values of one record (one CSV line, one YAML entry). */
  record: string;
}

interface Reader {
  framework: OutcomeFramework;
  file: string;
  diagnostics: Diagnostic[];
  drafts: Draft[];
  rejected: number;
  countryNotes: Map<string, { n: NormalisedCountryCode; line: number; column: number; count: number; path?: PathSegment[] }>;
  indicators: Map<string, OutcomeIndicator>;
  indicatorIds: readonly string[];
  /** "Did you mean" hints already worked out, by list and text (see {@link hintFor}). */
  hints: Map<string, string | undefined>;
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

/** Most distinct texts a file gets a "did you mean" hint for; a file with more goes without. */
const MAX_HINTS = 2_000;

/** A "did you mean" hint, worked out once per distinct text of a file (rows repeat their labels). */
function hintFor(reader: Reader, list: string, text: string, candidates: () => Iterable<string>): string | undefined {
  const key = `${list}\u0000${text}`;
  if (reader.hints.has(key)) return reader.hints.get(key);
  if (reader.hints.size >= MAX_HINTS) return undefined;
  const hint = didYouMean(text, candidates());
  reader.hints.set(key, hint);
  return hint;
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

interface Cell {
  text: string;
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
  record: string,
  country: NormalisedCountryCode,
  year: number,
  indicator: OutcomeIndicator,
  cohort: string,
  cell: Cell,
): void {
  if (MISSING_TOKENS.has(cell.text.trim())) return;
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
  const parsed = parseDecimalText(cell.text);
  const draft: Draft = {
    record,
    country: country.code,
    countryKind: country.kind,
    originalCountry: country.original,
    year,
    indicator: indicator.id,
    cohort,
    value: parsed?.value ?? Number.NaN,
    text: parsed?.text ?? cell.text,
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
      actual: JSON.stringify(cell.text),
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
}

function readCountry(reader: Reader, cell: Cell): NormalisedCountryCode | undefined {
  if (cell.text.trim() === '') {
    reader.diagnostics.push({ code: 'OUTCOME_COUNTRY_CODE', severity: 'error', message: 'The country is empty.', file: reader.file, line: cell.line, column: cell.column, ...(cell.path ? { path: cell.path } : {}) });
    return undefined;
  }
  let n = reader.countries.get(cell.text);
  if (!n) {
    n = normaliseCountryCode(cell.text);
    if (reader.countries.size < MAX_CACHED) reader.countries.set(cell.text, n);
  }
  noteCountry(reader, n, cell.line, cell.column, cell.path);
  return n;
}

function readYear(reader: Reader, cell: Cell): number | undefined {
  const t = cell.text.trim();
  if (/^\d{4}$/.test(t)) return Number(t);
  reader.diagnostics.push({
    code: 'OUTCOME_NOT_A_NUMBER',
    severity: 'error',
    message: `The year ${JSON.stringify(cell.text)} is not a four-digit year.`,
    file: reader.file,
    line: cell.line,
    column: cell.column,
    ...(cell.path ? { path: cell.path } : {}),
    expected: 'a year such as 2019',
    actual: JSON.stringify(cell.text),
  });
  return undefined;
}

function readIndicator(reader: Reader, layout: OutcomeLayout | undefined, cell: Cell): OutcomeIndicator | undefined {
  const id = resolveLabelCached(reader, layout?.indicatorLabels ?? NO_LABELS, reader.indicatorIds, cell.text);
  const indicator = id === undefined ? undefined : reader.indicators.get(id);
  if (indicator) return indicator;
  const hint = hintFor(reader, `indicators ${layout?.id ?? ''}`, cell.text.trim(), () => [...reader.indicators.keys(), ...Object.keys(layout?.indicatorLabels ?? {})]);
  reader.diagnostics.push({
    code: 'OUTCOME_UNKNOWN_INDICATOR',
    severity: 'error',
    message: `The framework declares no indicator "${cell.text.trim()}".`,
    file: reader.file,
    line: cell.line,
    column: cell.column,
    ...(cell.path ? { path: cell.path } : {}),
    actual: cell.text,
    ...(hint ? { hint } : { hint: layout ? `Map the label under indicatorLabels of layout "${layout.id}".` : 'Use an indicator id of the framework.' }),
  });
  return undefined;
}

function readCsv(reader: Reader, text: string, options: OutcomeLoadOptions): { layout?: string | undefined; records: number } {
  const { value: doc, diagnostics } = parseCsv(text, { file: reader.file });
  for (const item of diagnostics) reader.diagnostics.push(item);
  const header = doc.header;
  if (!header) return { records: 0 };
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
      return { records: doc.records.length };
    }
    const present = new Set(names.map(columnKey));
    const missing = requiredColumns(layout).filter((c) => !present.has(columnKey(c)));
    for (const column of missing) {
      reader.diagnostics.push({ code: 'CSV_MISSING_COLUMN', severity: 'error', message: `Layout "${layout.id}" needs a column "${column}", which the header lacks.`, file: reader.file, line: header.line, column: 1, expected: column });
    }
    if (missing.length > 0) return { records: doc.records.length };
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
      return { records: doc.records.length };
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
  const cell = (record: CsvRecord, i: number): Cell => {
    const f: CsvField | undefined = record.fields[i];
    return f ? { text: f.value, line: f.line, column: f.column, ...(f.endLine !== undefined && f.endColumn !== undefined ? { endLine: f.endLine, endColumn: f.endColumn } : {}) } : { text: '', line: record.line, column: 1 };
  };
  const wideColumns = layout.format === 'wide' ? Object.entries(layout.cohortColumns).map(([name, cohort]) => [col(name), cohort, name] as const).filter((e): e is readonly [number, string, string] => e[0] !== undefined) : [];

  for (const record of doc.records) {
    if (record.fields.length !== header.fields.length) {
      reader.rejected++;
      continue; // reported as CSV_SYNTAX
    }
    const recordKey = `${reader.file}:${record.line}`;
    const country = readCountry(reader, cell(record, countryCol));
    const year = readYear(reader, cell(record, yearCol));
    const indicator = fixedIndicator ?? (indicatorCol !== undefined ? readIndicator(reader, layout, cell(record, indicatorCol)) : undefined);
    if (!country || year === undefined || !indicator) {
      reader.rejected++;
      continue;
    }
    if (layout.format === 'long') {
      const cohortCell = cell(record, col(layout.columns.cohort)!);
      const special = layout.cohortLabelsByIndicator && Object.prototype.hasOwnProperty.call(layout.cohortLabelsByIndicator, indicator.id) ? layout.cohortLabelsByIndicator[indicator.id] : undefined;
      const cohort =
        (special ? resolveLabelCached(reader, special, [], cohortCell.text) : undefined) ??
        resolveLabelCached(reader, layout.cohortLabels, reader.cohortIds, cohortCell.text) ??
        cohortCell.text.trim();
      if (!reader.cohortSet.has(cohort)) {
        const hint = hintFor(reader, `cohorts ${layout.id}`, cohort, () => [...reader.framework.cohorts.map((c) => c.id), ...Object.keys(layout.cohortLabels)]);
        reader.diagnostics.push({
          code: 'OUTCOME_UNKNOWN_COHORT',
          severity: 'error',
          message: `The framework declares no cohort "${cohortCell.text.trim()}".`,
          file: reader.file,
          line: cohortCell.line,
          column: cohortCell.column,
          actual: cohortCell.text,
          ...(hint ? { hint } : { hint: `Map the label under cohortLabels of layout "${layout.id}".` }),
        });
        reader.rejected++;
        continue;
      }
      addValue(reader, recordKey, country, year, indicator, cohort, cell(record, col(layout.columns.value)!));
    } else {
      const special = layout.cohortColumnsByIndicator && Object.prototype.hasOwnProperty.call(layout.cohortColumnsByIndicator, indicator.id) ? layout.cohortColumnsByIndicator[indicator.id] : undefined;
      for (const [i, general, name] of wideColumns) {
        const cohort = special && Object.prototype.hasOwnProperty.call(special, name) ? special[name]! : general;
        const c = cell(record, i);
        if (MISSING_TOKENS.has(c.text.trim())) continue;
        addValue(reader, recordKey, country, year, indicator, cohort, c);
      }
    }
  }
  return { layout: layout.id, records: doc.records.length };
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
      const hint = didYouMean(key, allowed);
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
      for (const item of zodIssuesToDiagnostics(entry.error.issues, raw, base, parsed.locator, () => ['country', 'year', 'indicator', 'cohort', 'value', 'values', 'note'])) reader.diagnostics.push(item);
      reader.rejected++;
      return;
    }
    const e = entry.data;
    const cellAt = (field: PathSegment[], value: unknown): Cell => ({ text: value === null ? '' : String(value), ...at([...base, ...field]), path: [...base, ...field] });
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
      addValue(reader, `${reader.file}#${i}`, country, e.year, indicator, cohort, cellAt(field, value));
    }
  });
  return { records: top.data.observations.length };
}

/** Most diagnostics of one code listed for one file; the rest are counted in one more. */
const MAX_LISTED_DIAGNOSTICS = 1_000;

/**
 * Keeps the first {@link MAX_LISTED_DIAGNOSTICS} diagnostics of each code and file (in place)
 * and adds one that counts the rest, at the position of the first one left out.
 */
function capDiagnostics(diagnostics: Diagnostic[]): void {
  const counts = new Map<string, number>();
  const over = new Map<string, { first: Diagnostic; n: number }>();
  let w = 0;
  for (let r = 0; r < diagnostics.length; r++) {
    const d = diagnostics[r]!;
    const key = `${d.file ?? ''}\u0000${d.code}`;
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    if (n <= MAX_LISTED_DIAGNOSTICS) diagnostics[w++] = d;
    else {
      const o = over.get(key);
      if (o) o.n++;
      else over.set(key, { first: d, n: 1 });
    }
  }
  diagnostics.length = w;
  for (const { first, n } of over.values()) {
    diagnostics.push({
      code: first.code,
      severity: first.severity,
      message: `${n} more ${first.code} problem${n === 1 ? '' : 's'} in this file ${n === 1 ? 'is' : 'are'} not listed; the first ${MAX_LISTED_DIAGNOSTICS} are.`,
      ...(first.file !== undefined ? { file: first.file } : {}),
      ...(first.line !== undefined ? { line: first.line } : {}),
      ...(first.column !== undefined ? { column: first.column } : {}),
    });
  }
}

/** Marks duplicates, unit breaks and share-like rows across all drafts. */
function validateTogether(framework: OutcomeFramework, drafts: Draft[], diagnostics: Diagnostic[]): void {
  const mark = (d: Draft, status: 'invalid' | 'suspect', code: string): void => {
    if (status === 'invalid' || d.status === 'valid') d.status = status;
    if (!d.problems.includes(code)) d.problems.push(code);
  };

  // Duplicates: same country, year, indicator and cohort.
  const seen = new Map<string, Draft>();
  const duplicates = new Map<string, number>();
  for (const d of drafts) {
    const key = `${d.country}\u0000${d.year}\u0000${d.indicator}\u0000${d.cohort}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, d);
      continue;
    }
    const same = first.text === d.text || first.value === d.value;
    const listed = (duplicates.get(d.file) ?? 0) + 1;
    duplicates.set(d.file, listed);
    // Beyond the listing limit only the count matters (see capDiagnostics).
    if (listed > MAX_LISTED_DIAGNOSTICS) diagnostics.push({ code: 'OUTCOME_DUPLICATE_ROW', severity: 'error', message: '', file: d.file, line: d.line, column: d.column });
    else diagnostics.push({
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
  const byRecord = new Map<string, Draft[]>();
  for (const d of drafts) {
    const list = byRecord.get(d.record);
    if (list) list.push(d);
    else byRecord.set(d.record, [d]);
  }
  for (const group of byRecord.values()) {
    if (group.length > 1 && group.some((d) => d.problems.includes('OUTCOME_IMPOSSIBLE_VALUE'))) {
      for (const d of group) mark(d, 'invalid', 'OUTCOME_IMPOSSIBLE_VALUE');
    }
  }

  // Unit breaks: within one file, indicator and year, most country records impossible.
  const blocks = new Map<string, Map<string, Draft[]>>();
  for (const d of drafts) {
    if (d.countryKind !== 'country') continue;
    const key = `${d.file}\u0000${d.indicator}\u0000${d.year}`;
    let records = blocks.get(key);
    if (!records) blocks.set(key, (records = new Map()));
    const list = records.get(d.record);
    if (list) list.push(d);
    else records.set(d.record, [d]);
  }
  for (const records of blocks.values()) {
    const groups = [...records.values()];
    const impossible = groups.filter((g) => g.some((d) => d.problems.includes('OUTCOME_IMPOSSIBLE_VALUE')));
    if (impossible.length < 3 || impossible.length / groups.length < framework.checks.unitBreakShare) continue;
    const sample = impossible[0]![0]!;
    const indicator = framework.indicators.find((i) => i.id === sample.indicator)!;
    for (const group of groups) {
      if (impossible.includes(group)) continue;
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

  // Shares: cohort values of one country-year adding up to 100 in most records of an indicator.
  const byIndicator = new Map<string, Map<string, Draft[]>>();
  for (const d of drafts) {
    if (d.status === 'invalid') continue;
    const key = `${d.file}\u0000${d.indicator}`;
    let rows = byIndicator.get(key);
    if (!rows) byIndicator.set(key, (rows = new Map()));
    const rowKey = `${d.country}\u0000${d.year}`;
    const list = rows.get(rowKey);
    if (list) list.push(d);
    else rows.set(rowKey, [d]);
  }
  const tolerance = framework.checks.sharesTolerance;
  for (const rows of byIndicator.values()) {
    const multi = [...rows.values()].filter((r) => r.length >= 2);
    const shares = multi.filter((r) => Math.abs(r.reduce((s, d) => s + d.value, 0) - 100) <= tolerance);
    if (shares.length < 5 || shares.length / multi.length < framework.checks.sharesRowShare) continue;
    const first = shares.reduce((a, b) => (a[0]!.line <= b[0]!.line ? a : b))[0]!;
    const indicator = framework.indicators.find((i) => i.id === first.indicator)!;
    const all = [...rows.values()].flat();
    const lines = [...new Set(all.map((d) => d.line))].sort((a, b) => a - b);
    diagnostics.push({
      code: 'OUTCOME_UNIT_MISMATCH',
      severity: 'warning',
      message: `${indicator.id} is declared in ${indicator.unit}, but in ${shares.length} of ${multi.length} rows of this file with several cohorts the cohort values add up to 100 ± ${tolerance}, as shares of a whole do; its ${all.length} values (lines ${lines[0]}–${lines[lines.length - 1]}) are kept out of results.`,
      file: first.file,
      line: first.line,
      column: first.column,
      expected: `${indicator.unit} for each cohort`,
      actual: 'cohort shares adding up to 100',
      hint: 'Convert the shares to the declared unit with the cohorts\' population, or pass keepInvalid to use them anyway.',
    });
    for (const d of all) mark(d, 'suspect', 'OUTCOME_UNIT_MISMATCH');
  }
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
  const drafts: Draft[] = [];
  const summaryFiles: OutcomeLoadSummary['files'] = [];
  let rejected = 0;
  const indicators = new Map(framework.indicators.map((i) => [i.id, i]));
  const indicatorIds = [...indicators.keys()];
  const cohortIds = framework.cohorts.map((c) => c.id);
  const cohortSet = new Set(cohortIds);
  for (const file of files) {
    const reader: Reader = { framework, file: file.name, diagnostics, drafts: [], rejected: 0, countryNotes: new Map(), indicators, indicatorIds, hints: new Map(), countries: new Map(), labels: new WeakMap(), cohortIds, cohortSet };
    const format = options.format ?? detectFormat(file);
    const read = format === 'csv' ? readCsv(reader, file.text, options) : readYaml(reader, file.text);
    flushCountryNotes(reader);
    for (const item of reader.drafts) drafts.push(item);
    rejected += reader.rejected;
    const layout = 'layout' in read ? read.layout : undefined;
    summaryFiles.push({ name: file.name, format, ...(layout ? { layout } : {}), records: read.records, observations: reader.drafts.length });
  }
  validateTogether(framework, drafts, diagnostics);
  capDiagnostics(diagnostics);
  const observations: OutcomeObservation[] = drafts.map(({ record: _record, ...o }) => o);
  const dataset = {
    kind: 'outcome-dataset',
    framework: { id: framework.id, version: framework.version },
    files: files.map((f) => f.name),
    observations,
  } as const;
  const count = (s: OutcomeObservation['status']): number => observations.filter((o) => o.status === s).length;
  return {
    value: dataset as unknown as OutcomeDataset,
    diagnostics,
    summary: { files: summaryFiles, observations: observations.length, valid: count('valid'), suspect: count('suspect'), invalid: count('invalid'), rejectedRecords: rejected },
  };
}

/**
 * Options shared by the computations that read a dataset.
 *
 * @example
 * ```ts
 * import type { OutcomeSelectionOptions } from 'policy-index';
 * const options: OutcomeSelectionOptions = { include: ['country', 'aggregate'], fromYear: 2015 };
 * ```
 */
export interface OutcomeSelectionOptions {
  /** Use suspect and invalid values too (they are flagged in results). Default false. */
  keepInvalid?: boolean;
  /** Which kinds of units to include (default: only countries). */
  include?: readonly ('country' | 'aggregate' | 'region' | 'unknown')[];
  /** Only these indicators. */
  indicators?: readonly string[];
  /** Only these countries (any accepted code, e.g. `EL`). */
  countries?: readonly string[];
  /** Only years from … to … (inclusive). */
  fromYear?: number;
  toYear?: number;
}

/**
 * The observations of a dataset that computations use: valid values of countries by default.
 *
 * @example
 * ```ts
 * import { parseOutcomeFramework, loadOutcomeData, selectOutcomeObservations, ZARAGOZA_FRAMEWORK_YAML } from 'policy-index';
 * const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML).value!;
 * const csv = 'country,year,indicator,cohort,value\nEL,2019,employment-rate,native,60\nEU27_2020,2019,employment-rate,native,73\n';
 * const data = loadOutcomeData([{ name: 'a.csv', text: csv }], framework).value!;
 * selectOutcomeObservations(data).map((o) => o.country); // ['GR']
 * ```
 */
export function selectOutcomeObservations(dataset: OutcomeDataset, options: OutcomeSelectionOptions = {}): OutcomeObservation[] {
  const include = new Set(options.include ?? ['country']);
  const indicators = options.indicators ? new Set(options.indicators) : undefined;
  const countries = options.countries ? new Set(options.countries.map((c) => normaliseCountryCode(c).code)) : undefined;
  return dataset.observations.filter(
    (o) =>
      (options.keepInvalid || o.status === 'valid') &&
      include.has(o.countryKind) &&
      (!indicators || indicators.has(o.indicator)) &&
      (!countries || countries.has(o.country)) &&
      (options.fromYear === undefined || o.year >= options.fromYear) &&
      (options.toYear === undefined || o.year <= options.toYear),
  );
}
