/**
 * The CLI reference page, generated from the command definitions (`src/cli/command.ts`): the
 * one convention every command follows, then per command its usage, arguments, options with
 * their types and defaults, the shape of its JSON output, examples and exit codes. Used by
 * `npm run docs`.
 *
 * @module
 */
import { allOptions, defaultShown, optionSyntax, positionalSyntax, usageLine, type AnyCommand, type OptionDef } from '../../src/cli/command.js';

/** Text for a Markdown table cell: pipes escaped, no raw tags, one line. */
const cell = (s: string) => s.replace(/\s+/g, ' ').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').trim();

/** Prose with `<` and `>` outside code spans written as entities (typedoc passes HTML through). */
const prose = (s: string) =>
  s
    .split('`')
    .map((part, i) => (i % 2 ? part : part.replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('`');

function typeText(o: OptionDef): string {
  if (o.type === 'enum') return (o.values ?? []).map((v) => `\`${v}\``).join(', ');
  if (o.type === 'number') return `${o.integer ? 'whole number' : 'number'}${o.min !== undefined && o.max !== undefined ? ` ${o.min}–${o.max}` : ''}`;
  return o.type === 'boolean' ? 'flag' : 'text';
}

/** The convention shared by every command, with its reasons. */
export const CLI_CONVENTIONS = `## Conventions

Every command is one typed definition: the same parser reads its arguments, and its \`--help\`
text and this page are generated from it, so they cannot disagree.

- **Usage errors exit 2 and write nothing.** An unknown flag (with the closest flag named: *Did
  you mean --country?*), a flag without its value, a value outside the allowed list, a number out
  of range or a wrong number of arguments is reported on standard error with the command's usage
  line; no output file is written and standard output stays empty. Exit code 1 means the inputs
  have errors (diagnostics), 0 that there were none. This is the split \`gh\` and \`npm\` make
  between a mistyped command and a failed run, so scripts can tell them apart.
- **\`--format\`**: \`text\` is the name of the human-readable output in every command that has one,
  and its default. \`table\`, the earlier name in \`score\`, \`uncertainty\` and \`sensitivity\`, is
  still accepted. Commands whose output is a document have that document as default (\`scorecard\`:
  html, \`trend\` and \`export-table\`: csv).
- **\`--format json\`** is accepted by every command that prints a result, and prints one JSON
  document on standard output (the shape is listed under each command). For a command that
  writes a binary file (\`questionnaire\`), it prints a summary of what was written. \`report\` is
  the one exception in kind: it writes a site, and its \`--format\` lists the site's file formats
  (\`--format json\` writes the JSON scorecards). Diagnostics in JSON output are part of the
  document; in text output they go to standard error. A run that stops before its document (a
  rubric that does not load, say) leaves standard output empty and exits 1, its diagnostics on
  standard error. Like \`gh --json\` and \`vitest
  --reporter=json\`, the JSON document is the stable, scriptable form; text may change.
- **\`--quiet\`** (\`-q\`) prints errors only: no warnings, notes, progress lines or summary line.
  **\`--verbose\`** prints every diagnostic: text output otherwise lists at most 20 of one code
  and counts the rest. Both mean the same in every command (as \`npm --silent\` / \`--loglevel\`);
  they exclude each other.
- **Summary lines count warnings by code.** The line a successful run ends with on standard
  error (files checked, files written) adds its warnings counted by code
  (*2 warnings: ANSWERS_RUBRIC_NOT_CHECKED ×2*); the individual warnings are printed above it,
  all of them with \`--verbose\`, none with \`--quiet\`.
- **Empty input is an error.** Answer-set arguments (files or folders) that hold no answer set
  are reported (*No answer sets found*) with exit code 1 by every command that reads answer sets,
  rather than an empty table that looks like a result.
- **Rubrics**: wherever a rubric is taken (an argument or \`--rubric\`), a path to a rubric file, a
  folder with \`index.yaml\`, or the id of a bundled rubric (\`mipex-2020\`) is accepted; a
  misspelled id gets a suggestion. Commands that take the rubric as their first argument keep
  doing so; commands that read answer sets alone find the rubric the answer sets name.
- **Outputs never overwrite inputs**, and the \`--out\` of commands that write files is checked
  in full before anything is written.
- \`--help\` (\`-h\`) and \`--version\` work in every command; \`policy-index help <command>\` is the
  same as \`<command> --help\`.
`;

/** The section of one command. */
export function commandSection(c: AnyCommand): string {
  const lines = [`## ${c.name}`, '', cell(c.summary) + '.', '', '```text', usageLine(c), ...(c.usage ?? []), '```', '', prose(c.description.trim()), ''];
  if (c.positionals.length) {
    lines.push('| Argument | Description |', '| --- | --- |');
    for (const p of c.positionals as AnyCommand['positionals']) lines.push(`| \`${positionalSyntax(p)}\` | ${cell(p.description)}${p.required === false ? ' (optional)' : ''} |`);
    lines.push('');
  }
  lines.push('| Option | Values | Default | Description |', '| --- | --- | --- | --- |');
  for (const [name, o] of Object.entries(allOptions(c))) {
    const names = [optionSyntax(name, o), ...(o.aliases ?? []).map((a) => `--${a}`)].map((n) => `\`${n}\``).join(', ');
    const extra = [o.required ? 'required' : '', o.repeatable ? 'repeatable' : '', Object.keys(o.valueAliases ?? {}).length ? `also: ${Object.entries(o.valueAliases!).map(([a, v]) => `\`${a}\` = \`${v}\``).join(', ')}` : '']
      .filter(Boolean)
      .join('; ');
    const d = defaultShown(o);
    lines.push(`| ${names} | ${cell(typeText(o))} | ${d === undefined ? '' : cell(d)} | ${cell(o.description)}${extra ? ` (${cell(extra)})` : ''} |`);
  }
  lines.push('');
  if (c.json) lines.push(`**\`--format json\`**: ${c.json.startsWith('{') ? `\`${c.json}\`` : cell(c.json)}`, '');
  if (c.notes) lines.push(prose(c.notes.trim()), '');
  if (c.examples?.length) {
    lines.push('Examples:', '', '```sh');
    for (const e of c.examples) lines.push(...(e.description ? [`# ${e.description}`] : []), e.command);
    lines.push('```', '');
  }
  lines.push(`Exit codes: ${prose(c.exitCodes)}`, '');
  return lines.join('\n');
}

/** The CLI reference page. */
export function cliReferencePage(mainHelp: string, commands: readonly AnyCommand[]): string {
  return [
    '---',
    'title: CLI reference',
    'group: Reference',
    '---',
    '',
    '# CLI reference',
    '',
    'Generated from the command definitions, like each command\'s `--help`.',
    '',
    '```text',
    mainHelp,
    '```',
    '',
    CLI_CONVENTIONS,
    ...commands.map(commandSection),
  ].join('\n');
}
