/**
 * JSON Schema documents for rubric, area and answer-set files, exported from the same zod
 * schemas the loaders use, so editors and the format reference never drift from the code.
 *
 * @module
 */
import { z } from 'zod';
import { rubricJsonSchemaModel } from '../rubric/schema.js';
import { answerSetJsonSchemaModel } from '../answers/schema.js';
import { tableMappingSchemaModel } from '../tables/mapping.js';
import { peerGroupSchemaModel } from '../units/peers.js';

/**
 * Names of the JSON Schema documents this package ships (`schemas/<name>.schema.json`): rubric
 * index files, area files, answer sets, the mapping file of `import-table --mapping` and the
 * peer-group file of `--peers <file>`.
 */
export type JsonSchemaName = 'rubric' | 'area' | 'answers' | 'table-mapping' | 'peer-group';

/** Every {@link JsonSchemaName}, in the order the build writes them. */
export const JSON_SCHEMA_NAMES: readonly JsonSchemaName[] = ['rubric', 'area', 'answers', 'table-mapping', 'peer-group'];

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
  const schema =
    name === 'rubric' ? model.rubric : name === 'area' ? model.areaFile : name === 'answers' ? answerSetJsonSchemaModel() : name === 'table-mapping' ? tableMappingSchemaModel() : peerGroupSchemaModel();
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', cycles: 'ref' }) as Record<string, unknown>;
  return { $id: `https://policy-index.dev/schemas/${name}.schema.json`, ...json };
}
