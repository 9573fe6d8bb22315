/**
 * The mapping file of an answer-table import: renames columns and values, skips columns, maps
 * or declares the units of the country column, and may fix the layout, sheet and header row,
 * so that a spreadsheet made elsewhere imports unchanged. A key that matches nothing (a header
 * no sheet has, a question the rubric lacks) is an error of the import, never ignored.
 *
 * @module
 */
import { z } from 'zod';
import type { Diagnostic, Result } from '../diagnostics/index.js';
import { parseYamlSource } from '../source/yaml-source.js';
import { zodIssuesToDiagnostics } from '../source/zod-diagnostics.js';
import { declaredUnitSchema } from '../units/declared.js';

/** The column name that leaves a column out of the import (`columns: { Notes: skip }`). */
export const SKIP_COLUMN = 'skip';

const mappingSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    layout: z.enum(['wide', 'long']).optional().meta({ description: 'Table layout; detected from the header when absent.' }),
    sheet: z.string().optional().meta({ description: 'Worksheet to read (xlsx); by default every sheet with a recognisable header.' }),
    headerRow: z.int().min(1).optional().meta({ description: '1-based row of the header; detected when absent.' }),
    columns: z
      .record(z.string(), z.string())
      .optional()
      .meta({ description: 'Header text → column name the importer knows (`country`, `year`, a question id, `<question>.comment` …), or `skip` to leave the column out. A header that no sheet has is an error.' }),
    values: z
      .record(z.string(), z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])))
      .optional()
      .meta({ description: 'Per question id (or `*` for every question): cell text → answer (an option id, a number, `yes`/`no`, `unknown`). Matching ignores case. A question the rubric does not have is an error.' }),
    units: z
      .record(z.string(), z.union([z.string(), declaredUnitSchema.partial({ name: true })]))
      .optional()
      .meta({
        description:
          'Cell text of the country column → a unit: the code or name of a country or a declared unit (`"Kosovo*": XK`), or a unit declared here (`Quebec: { code: CA-QC, name: Québec, parent: CA }`; the name defaults to the cell text). Declared units win over the built-in country names.',
      }),
  })
  .meta({ title: 'TableMapping', description: 'How the columns and values of an answer table map onto a rubric.' });

/** A checked mapping file; `origin` (set by {@link loadTableMapping}) places diagnostics about its keys. */
export type TableMapping = z.infer<typeof mappingSchema> & { origin?: MappingOrigin };

/** Where a loaded mapping came from: its file, and the position of each key. */
export interface MappingOrigin {
  file: string;
  /** Position of the key at a path such as `['columns', 'Land']`. */
  locateKey(path: readonly (string | number)[]): { line: number; column: number } | undefined;
}

/** The JSON-Schema model of the mapping file. */
export function tableMappingSchemaModel() {
  return mappingSchema;
}

/**
 * Reads and checks a mapping file (YAML).
 *
 * @example
 * ```ts
 * import { loadTableMapping } from 'policy-index';
 * const { value } = loadTableMapping('schemaVersion: 1\ncolumns: { Land: country, Jahr: year, Notizen: skip }\nvalues: { "*": { Ja: "yes", Nein: "no" } }\nunits: { "Kosovo*": XK }\n');
 * value?.columns?.Land; // 'country'
 * ```
 */
export function loadTableMapping(text: string, file = 'mapping.yaml'): Result<TableMapping> {
  const parsed = parseYamlSource(text, file);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  if (parsed.value === undefined) return { diagnostics };
  const r = mappingSchema.safeParse(parsed.value);
  if (!r.success) {
    for (const item of zodIssuesToDiagnostics(r.error.issues, parsed.value, [], parsed.locator, (p) => (p.length === 0 ? Object.keys(mappingSchema.shape) : []))) diagnostics.push(item);
    return { diagnostics };
  }
  const locator = parsed.locator;
  return { value: { ...r.data, origin: { file, locateKey: (path) => locator.locateKey(path) } }, diagnostics };
}
