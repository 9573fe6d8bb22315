/**
 * The mapping file of an answer-table import: renames columns and values, and may fix the
 * layout, sheet and header row, so that a spreadsheet made elsewhere imports unchanged.
 *
 * @module
 */
import { z } from 'zod';
import type { Diagnostic, Result } from '../diagnostics/index.js';
import { parseYamlSource } from '../source/yaml-source.js';
import { zodIssuesToDiagnostics } from '../source/zod-diagnostics.js';

const mappingSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    layout: z.enum(['wide', 'long']).optional().meta({ description: 'Table layout; detected from the header when absent.' }),
    sheet: z.string().optional().meta({ description: 'Worksheet to read (xlsx); by default every sheet with a recognisable header.' }),
    headerRow: z.int().min(1).optional().meta({ description: '1-based row of the header; detected when absent.' }),
    columns: z
      .record(z.string(), z.string())
      .optional()
      .meta({ description: 'Header text → column name the importer knows (`country`, `year`, a question id, `<question>.comment` …).' }),
    values: z
      .record(z.string(), z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])))
      .optional()
      .meta({ description: 'Per question id (or `*` for every question): cell text → answer (an option id, a number, `yes`/`no`, `unknown`). Matching ignores case.' }),
  })
  .meta({ title: 'TableMapping', description: 'How the columns and values of an answer table map onto a rubric.' });

/** A checked mapping file. */
export type TableMapping = z.infer<typeof mappingSchema>;

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
 * const { value } = loadTableMapping('schemaVersion: 1\ncolumns: { Land: country, Jahr: year }\nvalues: { "*": { Ja: "yes", Nein: "no" } }\n');
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
  return { value: r.data, diagnostics };
}
