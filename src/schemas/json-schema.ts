/**
 * JSON Schema documents for rubric, area and answer-set files, exported from the same zod
 * schemas the loaders use, so editors and the format reference never drift from the code.
 *
 * @module
 */
import { z } from 'zod';
import { rubricJsonSchemaModel } from '../rubric/schema.js';
import { answerSetJsonSchemaModel } from '../answers/schema.js';

/** Names of the JSON Schema documents this package ships. */
export type JsonSchemaName = 'rubric' | 'area' | 'answers';

/**
 * Builds a JSON Schema (draft 2020-12) for one file kind.
 *
 * @example
 * ```ts
 * import { jsonSchemaFor } from 'policy-index';
 * const schema = jsonSchemaFor('rubric');
 * schema.title; // 'Rubric'
 * ```
 */
export function jsonSchemaFor(name: JsonSchemaName): Record<string, unknown> {
  const model = rubricJsonSchemaModel();
  const schema = name === 'rubric' ? model.rubric : name === 'area' ? model.areaFile : answerSetJsonSchemaModel();
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', cycles: 'ref' }) as Record<string, unknown>;
  return { $id: `https://policy-index.dev/schemas/${name}.schema.json`, ...json };
}
