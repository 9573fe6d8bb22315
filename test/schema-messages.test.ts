// The rubric and answer-set schemas (zod/mini, src/source/zod-schema.ts): diagnostics quote zod's
// English messages whatever the host configured, and metadata sits on copies of shared schemas.
import * as z from 'zod/mini';
import { en } from 'zod/locales';
import { afterEach, describe, expect, it } from 'vitest';
import { loadAnswerSet } from '../src/answers/load.js';
import { loadRubric } from '../src/rubric/load.js';
import { jsonSchemaFor } from '../src/schemas/json-schema.js';

const RUBRIC = `schemaVersion: 1
id: demo
version: 1.0.0
title: ""
display: { precision: 20 }
areas:
  - id: a
    title: A
    indicators:
      - { id: q, title: Q, type: yes-no, scores: { yes: 100, no: 0 } }
`;
const ANSWERS = 'schemaVersion: 1\nrubric: demo\ncountry: FR\nyear: 1800\nanswers: {}\n';

const messages = () => [
  ...loadRubric(RUBRIC, { file: 'rubric.yaml' }).diagnostics.map((d) => `${d.code} ${d.line}:${d.column} ${d.message}`),
  ...loadAnswerSet(ANSWERS, { file: 'answers.yaml' }).diagnostics.map((d) => `${d.code} ${d.line}:${d.column} ${d.message}`),
];

const EXPECTED = [
  'SCHEMA_INVALID_VALUE 5:23 Invalid value: Too big: expected number to be <=12.',
  'SCHEMA_INVALID_VALUE 4:8 Invalid value: Too small: expected string to have >=1 characters.',
  'SCHEMA_INVALID_VALUE 2:9 Invalid value: rubric id@version, e.g. mipex-2020@1.0.0.',
  'SCHEMA_INVALID_VALUE 4:7 Invalid value: Too small: expected number to be >=1900.',
];

describe('schema diagnostics quote zod in English, whatever zod is configured to say', () => {
  afterEach(() => {
    z.config({ customError: undefined });
    z.config(en());
  });

  it('with zod as it comes', () => {
    expect(messages().sort()).toEqual([...EXPECTED].sort());
  });

  it('after a page set another locale and its own error map', () => {
    z.config(z.locales.de());
    z.config({ customError: () => 'page message' });
    expect(messages().sort()).toEqual([...EXPECTED].sort());
  });
});

describe('metadata on a copy', () => {
  it('the JSON Schema describes a shared field where it is used, not everywhere', () => {
    const rubric = jsonSchemaFor('rubric') as { $defs?: unknown; properties: Record<string, { description?: string }> };
    // `id` carries the id schema's own description; `appliesWhen.question` its own, on a copy.
    expect(rubric.properties['id']!.description).toBe('A stable identifier: letters, digits, `_`, `-`, `.`; unique within the rubric.');
    expect(JSON.stringify(rubric)).toContain('"description":"The question this one depends on."');
  });
});
