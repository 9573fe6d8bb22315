/**
 * Options and checks shared by several commands, defined once: the `--format` choices (`text`
 * is the name of the human-readable output everywhere), the rubric argument, the error for an
 * input with no answer set in it, and reading a YAML file named by an option.
 *
 * @module
 */
import { resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/index.js';
import { readTextFile } from '../node/files.js';
import type { CliIO } from './io.js';
import type { OptionDef } from './command.js';
import { displayPath } from './shared.js';

/** `--format text|json`, text by default. */
export const FORMAT_TEXT_JSON = { type: 'enum', values: ['text', 'json'], default: 'text', description: 'output format' } as const satisfies OptionDef;

/** What a rubric argument accepts. */
export const RUBRIC_TEXT = 'a rubric file, a folder with index.yaml, or the id of a bundled rubric (e.g. mipex-2020; a misspelled id gets a suggestion)';

/** `--rubric <rubric>`, for commands that find the rubric from the answer sets when it is not given. */
export const RUBRIC_OPTION = {
  type: 'string',
  placeholder: 'rubric',
  description: `${RUBRIC_TEXT}`,
  defaultText: 'the rubric the answer sets name, when it is bundled',
} as const satisfies OptionDef;

/** The error for an input (a folder, a list of paths) that holds no answer set. */
export function noAnswerSets(where?: string): Diagnostic {
  return {
    code: 'CLI_USAGE',
    severity: 'error',
    message: `No answer sets found${where ? ` in "${where}"` : ''}: give answer files (.yaml) or folders that hold them.`,
    ...(where ? { file: where } : {}),
  };
}

/**
 * Reads a YAML file named by an option (`--mapping`, `--spec` …) and parses it with `parse`.
 * The file's text is kept for code frames; a file that cannot be read is a diagnostic.
 */
export function readYamlOption<R extends { value?: unknown; diagnostics: Diagnostic[] }>(
  io: CliIO,
  value: string,
  parse: (text: string, file: string) => R,
): { value?: NonNullable<R['value']>; diagnostics: Diagnostic[]; sources: Record<string, string>; path: string; shown: string; parsed?: R } {
  const path = resolve(io.cwd, value);
  const shown = displayPath(io.cwd, path);
  const text = readTextFile(path, shown);
  if (text.value === undefined) return { diagnostics: text.diagnostics, sources: {}, path, shown };
  const parsed = parse(text.value, shown);
  return { ...(parsed.value !== undefined && parsed.value !== null ? { value: parsed.value as NonNullable<R['value']> } : {}), diagnostics: [...text.diagnostics, ...parsed.diagnostics], sources: { [shown]: text.value }, path, shown, parsed };
}
