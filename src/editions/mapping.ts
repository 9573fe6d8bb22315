/**
 * Migration mapping files: a YAML file with a `migrate:` list of the same rules a rubric's
 * `migrate:` block takes, checked against the same schema.
 *
 * @module
 */
import * as z from 'zod/mini';
import type { Diagnostic } from '../diagnostics/index.js';
import { migrationRuleSchema } from '../rubric/schema.js';
import type { MigrationRule } from '../rubric/types.js';
import { parseYamlSource } from '../source/yaml-source.js';
import { zodIssuesToDiagnostics } from '../source/zod-diagnostics.js';
import { safeParse } from '../source/zod-schema.js';

/** Schema of a migration mapping file. */
export const migrationMappingSchema = z.strictObject({ $schema: z.optional(z.string()), migrate: z.array(migrationRuleSchema()) });

/**
 * Reads a migration mapping file's text; diagnostics carry file, line and column.
 *
 * @example
 * ```ts
 * import { parseMigrationMapping } from 'policy-index';
 * parseMigrationMapping('migrate:\n  - { question: q2, from: q1, options: { a: b } }\n', 'mapping.yaml').value?.[0]?.from; // 'q1'
 * ```
 */
export function parseMigrationMapping(text: string, file = '<mapping>'): { value?: MigrationRule[]; diagnostics: Diagnostic[] } {
  const parsed = parseYamlSource(text, file);
  if (parsed.value === undefined) return { diagnostics: parsed.diagnostics };
  const r = safeParse(migrationMappingSchema, parsed.value);
  if (!r.success) return { diagnostics: [...parsed.diagnostics, ...zodIssuesToDiagnostics(r.error.issues, parsed.value, [], parsed.locator)] };
  return { value: r.data.migrate.map((m) => ({ question: m.question, ...(m.from !== undefined ? { from: m.from } : {}), ...(m.options !== undefined ? { options: m.options } : {}), ...(m.review !== undefined ? { review: m.review } : {}) })), diagnostics: parsed.diagnostics };
}
