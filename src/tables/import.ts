/**
 * Answer sets from tables. Two layouts:
 *
 * - **wide**: one row per country and year, one column per question (id or alias), with
 *   optional columns `<question>.comment`, `.sourceUrl` (or `.url`), `.citations` (JSON),
 *   `.citation` (text), `.answeredBy`, `.reviewedBy`, `.status`, regional answers in
 *   `<question>@<region>`, answer-set columns (`countryName`, `status`, `source` …) and
 *   `metadata.<key>`;
 * - **long**: one row per answer, with columns `country`, `year`, `question`, `answer` and
 *   optionally `region` and the evidence columns (`comment`, `sourceUrl` …).
 *
 * Every problem is a diagnostic naming the cell. Browser-safe: the caller supplies the grid.
 *
 * @module
 */
import { DECIMAL_TEXT_LIMITS, PLAIN_DECIMAL_TEXT, readDecimalText } from '../exact/index.js';
import type { Answer, AnswerSet, AnswerValue, Evidence } from '../answers/types.js';
import type { Diagnostic, Result } from '../diagnostics/index.js';
import { DiagnosticLimiter } from '../diagnostics/limit.js';
import type { QuestionNode, Rubric } from '../rubric/types.js';
import { yamlKeyProblem } from '../source/yaml-source.js';
import { lazyNameIndex, NameIndex, Suggestions } from '../source/suggest.js';
import { ANSWER_FIELDS, RECORDED_SCORE_COLUMN, answerFieldNamed, setFieldNamed, type AnswerField, type SetField } from './fields.js';
import { cellDiagnostic, cellName, type GridCell, type CellGrid, type GridRow } from './grid.js';
import { SKIP_COLUMN, type TableMapping } from './mapping.js';
import { checkDeclaredUnits } from '../units/declared.js';
import { UnitResolver, type DeclaredUnit } from '../units/resolve.js';
import { readCellValue, type SuggestOption } from './values.js';

/** Where row diagnostics go (the import's limiter). */
type DiagnosticSink = { push(d: Diagnostic): void };

/** Options for {@link importAnswerTable}. */
export interface ImportAnswerTableOptions {
  /** Layout; detected from the header by default (a `question` and an `answer` column mean long). */
  layout?: 'wide' | 'long';
  /** 1-based row (CSV: record) of the header; by default the first row with a `country` or `question` column among the first 30. */
  headerRow?: number;
  mapping?: TableMapping;
  /** Country and year for tables that have no such columns (a questionnaire for one country-year). */
  defaults?: { country?: string; year?: number };
  /** Units the country table does not know (territories, regions, cities), e.g. from a units file ({@link loadUnits}); the mapping's `units:` adds to them. */
  units?: readonly DeclaredUnit[];
}

type Column =
  | { kind: 'country' | 'year' | 'question-id' | 'answer' | 'region' | 'ignored' }
  | { kind: 'set'; field: SetField }
  | { kind: 'metadata'; key: string }
  | { kind: 'q'; q: QuestionNode }
  | { kind: 'q-region'; q: QuestionNode; region: string }
  | { kind: 'q-field'; q: QuestionNode; field: AnswerField }
  | { kind: 'q-recorded'; q: QuestionNode }
  | { kind: 'field'; field: AnswerField };

interface Draft {
  set: Record<string, unknown>;
  /** Metadata by key (a map: keys are header text, such as `constructor`). */
  metadata: Map<string, string>;
  answers: Map<string, { value?: AnswerValue; byRegion?: Record<string, AnswerValue>; recordedScore?: string; absent?: boolean; evidence: Evidence & Record<string, unknown> }>;
  where: { grid: CellGrid; cell: GridCell };
}

const norm = (s: string) => s.trim().toLowerCase();
/** Headers the long layout and questionnaires use for columns that carry no data. */
const IGNORED_LONG = new Set(['wording', 'text', 'guidance', 'area', 'options', 'previous answer', 'previous', 'changed', 'changed since', 'score']);

function questionFor(rubric: Rubric, name: string): QuestionNode | undefined {
  const direct = rubric.nodes.get(name) ?? rubric.nodes.get(rubric.aliases.get(name) ?? '');
  if (direct?.kind === 'question') return direct;
  const lower = name.toLowerCase();
  const q = rubric.questions.filter((x) => x.id.toLowerCase() === lower || x.aliases.some((a) => a.toLowerCase() === lower));
  return q.length === 1 ? q[0] : undefined;
}

function classify(rubric: Rubric, header: string, layout: 'wide' | 'long'): Column | undefined {
  const h = header.trim();
  const l = norm(h);
  if (l === SKIP_COLUMN) return { kind: 'ignored' };
  if (l === 'country') return { kind: 'country' };
  if (l === 'year') return { kind: 'year' };
  if (layout === 'long') {
    if (l === 'question') return { kind: 'question-id' };
    if (l === 'answer') return { kind: 'answer' };
    if (l === 'region') return { kind: 'region' };
    if (IGNORED_LONG.has(l) || l.startsWith('previous ') || l.startsWith('changed')) return { kind: 'ignored' };
    const f = answerFieldNamed(h);
    if (f) return { kind: 'field', field: f };
  }
  if (layout === 'wide') {
    const q = questionFor(rubric, h);
    if (q) return { kind: 'q', q };
    const at = h.lastIndexOf('@');
    if (at > 0) {
      const q2 = questionFor(rubric, h.slice(0, at));
      if (q2) return { kind: 'q-region', q: q2, region: h.slice(at + 1).trim().toUpperCase() };
    }
    const dot = h.lastIndexOf('.');
    if (dot > 0) {
      const q3 = questionFor(rubric, h.slice(0, dot));
      if (q3 && h.slice(dot + 1).trim().toLowerCase() === RECORDED_SCORE_COLUMN.toLowerCase()) return { kind: 'q-recorded', q: q3 };
      const f = answerFieldNamed(h.slice(dot + 1));
      if (q3 && f) return { kind: 'q-field', q: q3, field: f };
    }
  }
  if (l.startsWith('metadata.') && /^[A-Za-z][A-Za-z0-9_.-]*$/.test(h.slice('metadata.'.length))) return { kind: 'metadata', key: h.slice('metadata.'.length) };
  const sf = setFieldNamed(h);
  if (sf) return { kind: 'set', field: sf };
  return undefined;
}

/** How many rows are searched for a header when no header row is named. */
const HEADER_SEARCH_ROWS = 30;

/**
 * Header text → column name, from a mapping's `columns` (a map: header text such as
 * `constructor` or `__proto__` is data, never an object's property).
 */
function columnRenames(mapping: TableMapping | undefined): ReadonlyMap<string, string> {
  // Only text renames (a mapping built in code rather than loaded may hold anything).
  return new Map(Object.entries(mapping?.columns ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function detectHeader(grid: CellGrid, renames: ReadonlyMap<string, string>, headerRow: number | undefined): number | undefined {
  const rename = (t: string) => norm(renames.get(t.trim()) ?? t);
  if (headerRow !== undefined) {
    const i = grid.rows.findIndex((r) => r.line === headerRow);
    return i < 0 ? undefined : i;
  }
  for (let i = 0; i < Math.min(grid.rows.length, HEADER_SEARCH_ROWS); i++) {
    const names = grid.rows[i]!.cells.map((c) => (c ? rename(c.text) : ''));
    if (names.includes('country') || (names.includes('question') && names.includes('answer'))) return i;
  }
  return undefined;
}

/**
 * Where a cell the row does not have is reported: its column in a sheet; in CSV text, where
 * columns are characters, the row's last cell (a position inside the file, never past a line).
 */
function missingCell(grid: CellGrid, row: GridRow, i: number): GridCell {
  if (grid.sheet !== undefined) return { text: '', line: row.line, column: i + 1 };
  for (let k = row.cells.length - 1; k >= 0; k--) if (row.cells[k]) return { ...row.cells[k]!, text: '' };
  return { text: '', line: row.line, column: 1 };
}

/** The units of one import: declared units, and cell texts the mapping sends to a unit. */
interface ImportUnits {
  resolver: UnitResolver;
  /** Cell text (trimmed) → unit code, from the mapping's `units:`. */
  cells: ReadonlyMap<string, string>;
}

function readCountry(grid: CellGrid, cell: GridCell | undefined, row: GridRow, diagnostics: DiagnosticSink, hints: Suggestions, units: ImportUnits, fallback?: string): string | undefined {
  const text = cell?.text.trim() ?? fallback ?? '';
  const at = cell ?? { line: row.line, column: 1 };
  if (text === '') {
    diagnostics.push(cellDiagnostic(grid, at, { code: 'TABLE_UNKNOWN_COUNTRY', severity: 'error', message: 'The row names no country.' }));
    return undefined;
  }
  const mapped = units.cells.get(text);
  if (mapped !== undefined) return mapped;
  const found = units.resolver.resolve(text, { hints });
  if ('unit' in found) return found.unit.code;
  diagnostics.push(cellDiagnostic(grid, at, { code: 'TABLE_UNKNOWN_COUNTRY', severity: 'error', message: found.message, actual: text, ...(found.hint ? { hint: found.hint } : {}) }));
  return undefined;
}

/**
 * The units of an import: the declared units of the options and of the mapping's `units:`, and
 * the cell texts the mapping sends to a unit. A mapping entry that names no unit, or a declared
 * unit that clashes with another, is an error at the mapping's key.
 */
function importUnits(mapping: TableMapping | undefined, declared: readonly DeclaredUnit[], diagnostics: Diagnostic[]): ImportUnits {
  const entries = Object.entries(mapping?.units ?? {});
  const file = mapping?.origin?.file ?? 'mapping';
  const where = (path: (string | number)[]) => {
    const pos = mapping?.origin?.locateKey(path);
    return { file, ...(pos ? { line: pos.line, column: pos.column } : {}), path };
  };
  // Units declared in the mapping: the key is an alias, and the default name.
  // (A mapping built in code rather than loaded may hold anything: entries of other shapes are ignored.)
  const declaredHere = (v: unknown): v is { code: string; name?: string; aliases?: string[]; parent?: string } =>
    typeof v === 'object' && v !== null && typeof (v as { code?: unknown }).code === 'string' && ['name', 'parent'].every((k) => ['string', 'undefined'].includes(typeof (v as Record<string, unknown>)[k])) && ((v as { aliases?: unknown }).aliases === undefined || (Array.isArray((v as { aliases?: unknown }).aliases) && (v as { aliases: unknown[] }).aliases.every((a) => typeof a === 'string')));
  const inMapping = entries.flatMap(([key, v]) => (declaredHere(v) ? [{ key, unit: { ...v, name: v.name ?? key, aliases: [key, ...(v.aliases ?? [])] } }] : []));
  const all = [...declared, ...inMapping.map((e) => e.unit)];
  const checked = all.length ? checkDeclaredUnits(all, file, ['units'], () => undefined) : { value: [], diagnostics: [] };
  for (const d of checked.diagnostics) {
    // Problems of a mapping's unit are placed at its key.
    const i = typeof d.path?.[1] === 'number' ? d.path[1] - declared.length : -1;
    diagnostics.push(i >= 0 ? { ...d, ...where(['units', inMapping[i]!.key]) } : d);
  }
  const resolver = new UnitResolver(checked.value ?? declared);
  const cells = new Map<string, string>();
  for (const [key, v] of entries) {
    if (declaredHere(v)) {
      cells.set(key.trim(), v.code);
      continue;
    }
    if (typeof v !== 'string') continue;
    const target = resolver.resolve(v);
    if ('unit' in target) cells.set(key.trim(), target.unit.code);
    else
      diagnostics.push({
        code: 'TABLE_MAPPING_UNKNOWN',
        severity: 'error',
        message: `The mapping sends "${key}" to ${JSON.stringify(v)}, which is not a country or a declared unit.`,
        ...where(['units', key]),
        ...('hint' in target && target.hint ? { hint: target.hint } : {}),
      });
  }
  return { resolver, cells };
}

function readYear(grid: CellGrid, cell: GridCell | undefined, row: GridRow, diagnostics: DiagnosticSink, fallback?: number): number | undefined {
  const text = cell?.text.trim() ?? (fallback !== undefined ? String(fallback) : '');
  const y = /^\d{4}$/.test(text) ? Number(text) : NaN;
  if (Number.isInteger(y) && y >= 1900 && y <= 2200) return y;
  diagnostics.push(cellDiagnostic(grid, cell ?? { line: row.line, column: 1 }, { code: 'TABLE_INVALID_YEAR', severity: 'error', message: `"${text}" is not a year.`, expected: 'a year such as 2019', actual: text }));
  return undefined;
}

type ValueRules = ReadonlyMap<string, Readonly<Record<string, string | number | boolean>>>;

/** A mapping's `values` by question id (a map: ids and cell texts are data, never properties). */
function valueRules(mapping: TableMapping | undefined): ValueRules {
  return new Map(Object.entries(mapping?.values ?? {}));
}

function valueMapFor(rules: ValueRules, q: QuestionNode): ReadonlyMap<string, string | number | boolean> | undefined {
  if (rules.size === 0) return undefined;
  const map = new Map<string, string | number | boolean>();
  for (const id of ['*', q.id, ...q.aliases]) {
    const rule = rules.get(id);
    if (rule === null || typeof rule !== 'object') continue;
    for (const [k, v] of Object.entries(rule)) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') map.set(k.trim().toLowerCase(), v);
  }
  return map.size ? map : undefined;
}

/**
 * A mapping key that matches nothing is an error at the key: a `columns` header that no table
 * has, a `values` question the rubric does not have.
 */
function checkMappingKeys(mapping: TableMapping | undefined, rubric: Rubric, headers: ReadonlySet<string>, hints: Suggestions, report: DiagnosticSink): void {
  if (!mapping) return;
  const file = mapping.origin?.file ?? 'mapping';
  const at = (path: string[]) => {
    const pos = mapping.origin?.locateKey(path);
    return { file, ...(pos ? { line: pos.line, column: pos.column } : {}), path };
  };
  const headerNames = lazyNameIndex(() => headers);
  for (const [key, to] of Object.entries(mapping.columns ?? {})) {
    // (Renames that are not text are ignored, as the import ignores them.)
    if (typeof to !== 'string' || headers.has(key.trim())) continue;
    const hint = hints.didYouMean(key.trim(), headerNames);
    report.push({ code: 'TABLE_MAPPING_UNKNOWN', severity: 'error', message: `The mapping renames the column "${key}", but no table has a column with that header.`, ...at(['columns', key]), ...(hint ? { hint } : {}) });
  }
  const questionNames = lazyNameIndex(() => ['*', ...rubric.questions.map((q) => q.id), ...rubric.aliases.keys()]);
  for (const [key, rule] of Object.entries(mapping.values ?? {})) {
    if (rule === null || typeof rule !== 'object' || key === '*' || questionFor(rubric, key)) continue;
    const hint = hints.didYouMean(key, questionNames);
    report.push({ code: 'TABLE_MAPPING_UNKNOWN', severity: 'error', message: `The mapping has values for "${key}", which is not a question of ${rubric.id} (nor "*" for every question).`, ...at(['values', key]), ...(hint ? { hint } : {}) });
  }
}

/**
 * Reads answer sets from one or more table grids (CSV texts, or the sheets of a workbook) for a
 * rubric. Sets come back sorted by country and year, answers in rubric order; every problem is a
 * diagnostic naming its cell. The sets are not yet validated against the rubric's rules
 * (bands, applicability): that is {@link validateAnswerSet}'s job.
 *
 * @example
 * ```ts
 * import { csvCellGrid, importAnswerTable, type Rubric } from 'policy-index';
 * declare const rubric: Rubric; // with a yes/no question `permit`
 * const grid = csvCellGrid('country,year,permit\nAUT,2019,Yes\n', 'answers.csv').value!;
 * const { value } = importAnswerTable(grid, rubric);
 * value?.[0]?.country;                     // 'AT'
 * value?.[0]?.answers.get('permit')?.value; // 'yes'
 * ```
 */
export function importAnswerTable(grids: CellGrid | readonly CellGrid[], rubric: Rubric, options: ImportAnswerTableOptions = {}): Result<AnswerSet[]> {
  const list = Array.isArray(grids) ? (grids as readonly CellGrid[]) : [grids as CellGrid];
  const diagnostics: Diagnostic[] = [];
  const drafts = new Map<string, Draft>();
  const mapping = options.mapping;
  const headerRow = options.headerRow ?? mapping?.headerRow;
  if (headerRow !== undefined && !(Number.isSafeInteger(headerRow) && headerRow >= 1)) {
    diagnostics.push({
      code: 'TABLE_LAYOUT',
      severity: 'error',
      message: `The header row must be a row number (1 or more), not ${String(headerRow)}.`,
      file: list[0]?.file ?? '<input>',
      line: 1,
      column: 1,
    });
    return { value: [], diagnostics };
  }
  const { country: defaultCountry, year: defaultYear } = options.defaults ?? {};
  if ((defaultCountry !== undefined && typeof defaultCountry !== 'string') || (defaultYear !== undefined && !Number.isSafeInteger(defaultYear))) {
    diagnostics.push({
      code: 'TABLE_LAYOUT',
      severity: 'error',
      message: `The default ${defaultCountry !== undefined && typeof defaultCountry !== 'string' ? 'country must be a text' : 'year must be a whole number'}.`,
      file: list[0]?.file ?? '<input>',
      line: 1,
      column: 1,
    });
    return { value: [], diagnostics };
  }
  const layoutOption = options.layout ?? mapping?.layout;
  if (layoutOption !== undefined && layoutOption !== 'wide' && layoutOption !== 'long') {
    diagnostics.push({ code: 'TABLE_LAYOUT', severity: 'error', message: `The layout must be "wide" or "long", not ${JSON.stringify(String(layoutOption)).slice(0, 80)}.`, file: list[0]?.file ?? '<input>', line: 1, column: 1 });
    return { value: [], diagnostics };
  }
  const renames = columnRenames(mapping);
  // Rows may repeat one problem thousands of times: the first of each code are listed, the rest counted.
  const limiter = new DiagnosticLimiter(diagnostics);
  const report: DiagnosticSink = limiter;
  const rules = valueRules(mapping);
  const valueMaps = new Map<string, ReadonlyMap<string, string | number | boolean> | undefined>();
  const valueMap = (q: QuestionNode) => {
    if (!valueMaps.has(q.id)) valueMaps.set(q.id, valueMapFor(rules, q));
    return valueMaps.get(q.id);
  };
  // Did-you-mean hints: each distinct text looked up once, and a bounded number per import.
  const hints = new Suggestions();
  const units = importUnits(mapping, options.units ?? [], diagnostics);
  const wideColumnNames = lazyNameIndex(() => [...rubric.questions.map((q) => q.id), ...rubric.aliases.keys(), 'country', 'year']);
  const longColumnNames = lazyNameIndex(() => ['country', 'year', 'question', 'answer', 'region', ...ANSWER_FIELDS.map((f) => f.name)]);
  const questionNames = lazyNameIndex(() => [...rubric.questions.map((x) => x.id), ...rubric.aliases.keys()]);
  const optionNames = new Map<string, () => NameIndex>();
  const suggestOption: SuggestOption = (q, text) => {
    let names = optionNames.get(q.id);
    if (!names) optionNames.set(q.id, (names = lazyNameIndex(() => q.options.flatMap((o) => [o.id, o.label]))));
    return hints.suggest(text, names);
  };
  // Tables repeat a few spellings thousands of times: read each (question, text) once.
  const cellCache = new Map<string, Map<string, ReturnType<typeof readCellValue>>>();
  const readCell = (q: QuestionNode, text: string) => {
    let perQuestion = cellCache.get(q.id);
    if (!perQuestion) cellCache.set(q.id, (perQuestion = new Map()));
    let hit = perQuestion.get(text);
    if (hit === undefined) {
      hit = readCellValue(q, text, valueMap(q), suggestOption);
      // Lists are not shared between answer sets.
      if (perQuestion.size < 1000 && !(hit.kind === 'value' && Array.isArray(hit.value))) perQuestion.set(text, hit);
    }
    return hit;
  };
  let anyHeader = false;
  /** Every header text of the tables, for the mapping's `columns` keys. */
  const headerTexts = new Set<string>();
  for (const grid of list) {
    const hi = detectHeader(grid, renames, headerRow);
    if (hi === undefined) {
      const what = grid.sheet !== undefined ? `Sheet "${grid.sheet}"` : 'The table';
      const last = grid.rows[grid.rows.length - 1]?.line ?? 0;
      if (list.length === 1)
        report.push({
          code: 'TABLE_LAYOUT',
          severity: 'error',
          // The position is always inside the table: a header row past its end is named, not pointed at.
          message:
            headerRow === undefined
              ? `${what} has no header row with a "country" column (wide layout) or "question" and "answer" columns (long layout) among its first ${HEADER_SEARCH_ROWS} rows.`
              : last < headerRow
                ? `${what} has ${last === 0 ? 'no rows' : `only ${last} row${last === 1 ? '' : 's'}`}, so row ${headerRow} cannot be its header row.`
                : `${what} has no row ${headerRow} (it is empty), so it cannot be the header row.`,
          file: grid.file,
          line: 1,
          column: 1,
          hint: 'Name the header row with --header-row, or rename the columns in a mapping file.',
        });
      continue;
    }
    anyHeader = true;
    const headerCells = grid.rows[hi]!.cells;
    for (const c of headerCells) if (c) headerTexts.add(c.text.trim());
    const names = headerCells.map((c) => (c ? (renames.get(c.text.trim()) ?? c.text).trim() : ''));
    const layout = layoutOption ?? (names.some((n) => norm(n) === 'question') && names.some((n) => norm(n) === 'answer') ? 'long' : 'wide');
    const columns: (Column | undefined)[] = [];
    const seen = new Map<string, number>();
    names.forEach((name, i) => {
      const cell = headerCells[i];
      if (name === '' || !cell) return;
      const c = classify(rubric, name, layout);
      if (!c) {
        const hint = hints.didYouMean(name, layout === 'wide' ? wideColumnNames : longColumnNames);
        report.push(cellDiagnostic(grid, cell, { code: 'TABLE_UNKNOWN_COLUMN', severity: 'error', message: `The column "${name}" is not a question of ${rubric.id} nor a known column.`, ...(hint ? { hint } : {}) }));
        return;
      }
      // Metadata keys and region codes become keys of the answer-set file: the answer loader must accept them.
      const fileKey = c.kind === 'metadata' ? c.key : c.kind === 'q-region' ? c.region : undefined;
      const keyProblem = fileKey === undefined ? undefined : yamlKeyProblem(fileKey);
      if (keyProblem) {
        report.push(cellDiagnostic(grid, cell, { code: keyProblem.code, severity: 'error', message: `The column "${name.length > 80 ? `${name.slice(0, 80)}…` : name}" would write a key the answer loader refuses: ${keyProblem.message}` }));
        return;
      }
      const key = c.kind === 'q' ? `q:${c.q.id}` : c.kind === 'q-field' ? `f:${c.q.id}.${c.field.name}` : c.kind === 'q-region' ? `r:${c.q.id}@${c.region}` : c.kind === 'q-recorded' ? `rs:${c.q.id}` : c.kind === 'set' ? `s:${c.field.name}` : c.kind === 'metadata' ? `m:${c.key}` : c.kind === 'field' ? `lf:${c.field.name}` : c.kind;
      if (c.kind !== 'ignored' && seen.has(key)) {
        report.push(cellDiagnostic(grid, cell, { code: 'TABLE_DUPLICATE_ROW', severity: 'error', message: `The column "${name}" repeats column ${seen.get(key)! + 1}.` }));
        return;
      }
      seen.set(key, i);
      columns[i] = c;
    });
    const ci = columns.findIndex((c) => c?.kind === 'country');
    const yi = columns.findIndex((c) => c?.kind === 'year');
    const missing = [
      ...(ci < 0 && options.defaults?.country === undefined ? ['country'] : []),
      ...(yi < 0 && options.defaults?.year === undefined ? ['year'] : []),
      ...(layout === 'long' && !columns.some((c) => c?.kind === 'question-id') ? ['question'] : []),
      ...(layout === 'long' && !columns.some((c) => c?.kind === 'answer') ? ['answer'] : []),
    ];
    if (missing.length) {
      report.push({ code: 'TABLE_LAYOUT', severity: 'error', message: `${grid.sheet !== undefined ? `Sheet "${grid.sheet}"` : 'The table'} has no ${missing.join(' and ')} column.`, file: grid.file, line: grid.rows[hi]!.line, column: 1 });
      continue;
    }
    for (const row of grid.rows.slice(hi + 1)) {
      if (row.cells.every((c) => !c || c.text.trim() === '')) continue;
      const country = readCountry(grid, ci >= 0 ? row.cells[ci] : undefined, row, report, hints, units, options.defaults?.country);
      const year = readYear(grid, yi >= 0 ? row.cells[yi] : undefined, row, report, options.defaults?.year);
      if (country === undefined || year === undefined) continue;
      const id = `${country}|${year}`;
      const where = { grid, cell: (ci >= 0 ? row.cells[ci] : row.cells.find(Boolean)) ?? { text: '', line: row.line, column: 1 } };
      let draft = drafts.get(id);
      if (draft && layout === 'wide') {
        report.push(cellDiagnostic(grid, where.cell, { code: 'TABLE_DUPLICATE_ROW', severity: 'error', message: `${country} ${year} already has a row (${cellName(draft.where.grid, draft.where.cell)}).` }));
        continue;
      }
      if (!draft) {
        const declared = units.resolver.declaredUnit(country);
        drafts.set(id, (draft = { set: { country, year, ...(declared ? { countryName: declared.name } : {}) }, metadata: new Map(), answers: new Map(), where }));
      }
      const text = (i: number) => row.cells[i]?.text ?? '';
      const at = (i: number) => row.cells[i] ?? missingCell(grid, row, i);
      const problem = (i: number, message: string, extra: Partial<Diagnostic> = {}) =>
        report.push(cellDiagnostic(grid, at(i), { code: 'TABLE_INVALID_VALUE', severity: 'error', message, actual: text(i), ...extra }));
      const entry = (q: QuestionNode) => {
        let e = draft!.answers.get(q.id);
        if (!e) draft!.answers.set(q.id, (e = { evidence: { citations: [] } }));
        return e;
      };
      const readField = (i: number, field: AnswerField | SetField, apply: (v: unknown) => void) => {
        const r = field.read(text(i));
        if (!r.ok) problem(i, r.message, r.expected ? { expected: r.expected } : {});
        else if (r.value !== undefined) apply(r.value);
      };
      if (layout === 'wide') {
        // Regional cells first, so that an empty answer cell next to regional answers is no `unknown`.
        const regional = new Set<string>();
        columns.forEach((c, i) => {
          if (c?.kind !== 'q-region' || text(i).trim() === '') return;
          const v = readCell(c.q, text(i));
          if (v.kind === 'invalid') return problem(i, v.message, { expected: v.expected, ...(v.hint ? { hint: v.hint } : {}) });
          if (v.kind === 'absent') return;
          const e = entry(c.q);
          (e.byRegion ??= {})[c.region] = v.value;
          regional.add(c.q.id);
        });
        // A recorded score stands for regional answers that are not recorded.
        columns.forEach((c, i) => {
          if (c?.kind !== 'q-recorded' || text(i).trim() === '') return;
          const t = text(i).trim();
          if (!PLAIN_DECIMAL_TEXT.test(t) || !readDecimalText(t).ok) return problem(i, `"${t.length > 40 ? `${t.slice(0, 37)}…` : t}" is not a recorded score (a decimal number such as 75, at most ${DECIMAL_TEXT_LIMITS.maxDigits} digits).`, { expected: 'a decimal number' });
          if (regional.has(c.q.id)) return problem(i, `"${c.q.id}" has both regional answers and a recorded score in this row.`, { hint: 'Give either the regional answers or the recorded score.' });
          entry(c.q).recordedScore = t;
          regional.add(c.q.id);
        });
        columns.forEach((c, i) => {
          if (!c) return;
          switch (c.kind) {
            case 'q': {
              if (regional.has(c.q.id)) {
                if (text(i).trim() !== '') problem(i, `"${c.q.id}" has both an answer and regional answers (or a recorded score) in this row.`, { hint: 'Leave the answer cell empty when the answer differs by region.' });
                return;
              }
              const v = readCell(c.q, text(i));
              if (v.kind === 'invalid') return problem(i, v.message, { expected: v.expected, ...(v.hint ? { hint: v.hint } : {}) });
              if (v.kind === 'absent') entry(c.q).absent = true;
              else entry(c.q).value = v.value;
              return;
            }
            case 'q-recorded':
              return;
            case 'q-field':
              return readField(i, c.field, (v) => c.field.apply(entry(c.q).evidence, v));
            case 'set':
              return readField(i, c.field, (v) => c.field.set(draft!.set, v));
            case 'metadata':
              if (text(i).trim() !== '') draft!.metadata.set(c.key, text(i).trim());
              return;
          }
        });
      } else {
        const qi = columns.findIndex((c) => c?.kind === 'question-id');
        const ai = columns.findIndex((c) => c?.kind === 'answer');
        const ri = columns.findIndex((c) => c?.kind === 'region');
        const qText = text(qi).trim();
        const q = questionFor(rubric, qText);
        if (!q) {
          const hint = hints.didYouMean(qText, questionNames);
          report.push(cellDiagnostic(grid, at(qi), { code: 'TABLE_UNKNOWN_COLUMN', severity: 'error', message: `"${qText}" is not a question of ${rubric.id}.`, ...(hint ? { hint } : {}) }));
          continue;
        }
        const region = ri >= 0 ? text(ri).trim().toUpperCase() : '';
        const regionProblem = region === '' ? undefined : yamlKeyProblem(region);
        if (regionProblem) {
          report.push(cellDiagnostic(grid, at(ri), { code: regionProblem.code, severity: 'error', message: `The region would be a key the answer loader refuses: ${regionProblem.message}` }));
          continue;
        }
        const e = draft.answers.get(q.id);
        if (e && (region === '' || e.value !== undefined || e.byRegion?.[region] !== undefined)) {
          report.push(cellDiagnostic(grid, at(qi), { code: 'TABLE_DUPLICATE_ROW', severity: 'error', message: `${country} ${year} already has an answer to "${q.id}"${region ? ` for ${region}` : ''}.` }));
          continue;
        }
        const v = readCell(q, text(ai));
        if (v.kind === 'invalid') {
          problem(ai, v.message, { expected: v.expected, ...(v.hint ? { hint: v.hint } : {}) });
          continue;
        }
        const target = entry(q);
        if (v.kind === 'absent') target.absent = true;
        else if (region) (target.byRegion ??= {})[region] = v.value;
        else target.value = v.value;
        columns.forEach((c, i) => {
          if (c?.kind === 'field') readField(i, c.field, (val) => c.field.apply(target.evidence, val));
          else if (c?.kind === 'set') readField(i, c.field, (val) => c.field.set(draft!.set, val));
          else if (c?.kind === 'metadata' && text(i).trim() !== '') draft!.metadata.set(c.key, text(i).trim());
        });
      }
    }
  }
  if (anyHeader) checkMappingKeys(mapping, rubric, headerTexts, hints, report);
  if (!anyHeader && list.length > 1) {
    report.push({ code: 'TABLE_LAYOUT', severity: 'error', message: 'No sheet has a header row with a "country" column (wide layout) or "question" and "answer" columns (long layout).', file: list[0]!.file, hint: 'Name the sheet with --sheet and the header row with --header-row.' });
  }
  const order = new Map(rubric.questions.map((q, i) => [q.id, i]));
  const sets: AnswerSet[] = [];
  for (const d of [...drafts.values()].sort((a, b) => (String(a.set.country) < String(b.set.country) ? -1 : String(a.set.country) > String(b.set.country) ? 1 : 0) || Number(a.set.year) - Number(b.set.year))) {
    const answers = new Map<string, Answer>();
    for (const [qid, e] of [...d.answers].sort((a, b) => order.get(a[0])! - order.get(b[0])!)) {
      if (e.absent && e.byRegion === undefined && e.recordedScore === undefined) continue;
      const evidence = e.evidence;
      const given = e.byRegion !== undefined ? { byRegion: e.byRegion } : e.recordedScore !== undefined ? { recordedScore: e.recordedScore, regions: 'not-recorded' as const } : { value: e.value ?? 'unknown' };
      answers.set(qid, { question: qid, ...given, evidence });
    }
    const s = d.set;
    const file = `${s.country}/${s.country}-${s.year}.yaml`;
    sets.push({
      kind: 'answer-set',
      schemaVersion: 1,
      rubric: { id: rubric.id, version: rubric.version },
      country: s.country as string,
      ...(s.countryName !== undefined ? { countryName: s.countryName as string } : {}),
      ...(s.originalCode !== undefined ? { originalCode: s.originalCode as string } : {}),
      year: s.year as number,
      ...(s.referenceDate !== undefined ? { referenceDate: s.referenceDate as string } : {}),
      ...(s.title !== undefined ? { title: s.title as string } : {}),
      ...(s.answeredBy !== undefined ? { answeredBy: s.answeredBy as string } : {}),
      ...(s.reviewedBy !== undefined ? { reviewedBy: s.reviewedBy as string } : {}),
      ...(s.status !== undefined ? { status: s.status as AnswerSet['status'] } : {}),
      ...(s.source !== undefined ? { source: s.source as string } : {}),
      ...(s.citation !== undefined ? { citation: s.citation as string } : {}),
      ...(d.metadata.size ? { metadata: Object.fromEntries(d.metadata) } : {}),
      answers,
      file,
    });
  }
  limiter.finish();
  return { value: sets, diagnostics };
}
