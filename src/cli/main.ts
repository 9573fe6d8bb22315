/**
 * The `policy-index` command line. `main(argv)` runs one command and resolves to its exit
 * code; only the binary wrapper (`bin.ts`) sets the process exit code.
 *
 * @module
 */
import { formatDiagnostics } from '../diagnostics/index.js';
import { escapeControlCharacters } from '../diagnostics/format.js';
import { explainCommand } from './explain.js';
import { runCommand, type AnyCommand } from './command.js';
import { packageVersion, UsageError, type CliIO, type ExitCode } from './io.js';
import { didYouMeanAny } from '../source/suggest.js';
import { compareCommand } from './compare.js';
import { reportCommand } from './report.js';
import { scoreCommand } from './score.js';
import { scorecardCommand } from './scorecard.js';
import { validateCommand } from './validate.js';
import { importMipexCommand } from './import-mipex.js';
import { verifyWorkbookCommand } from './verify-workbook.js';
import { exportTableCommand, importTableCommand, questionnaireCommand } from './tables.js';
import { verifyCommand } from './verify.js';
import { outcomesCompareCommand, outcomesGapsCommand, outcomesValidateCommand } from './outcomes.js';
import { trendCommand } from './trend.js';
import { diffAnswersCommand, diffRubricCommand, migrateCommand } from './editions.js';
import { sensitivityCommand, uncertaintyCommand } from './robustness.js';
import { auditCommand } from './audit.js';

/** Every command, in the order `--help` lists them: each a typed definition (see `command.ts`). */
export const COMMANDS: readonly AnyCommand[] = [
  validateCommand,
  scoreCommand,
  explainCommand,
  scorecardCommand,
  compareCommand,
  reportCommand,
  importMipexCommand,
  verifyWorkbookCommand,
  importTableCommand,
  exportTableCommand,
  questionnaireCommand,
  verifyCommand,
  outcomesValidateCommand,
  outcomesGapsCommand,
  outcomesCompareCommand,
  diffRubricCommand,
  migrateCommand,
  trendCommand,
  diffAnswersCommand,
  uncertaintyCommand,
  sensitivityCommand,
  auditCommand,
];

/** The first paragraph of a command's help (its usage lines), for error messages. */
export function shortUsage(command: { help: string }): string {
  const usage = command.help.split(/\n\s*\n/)[0] ?? '';
  return usage.startsWith('Usage:') ? usage + '\n' : '';
}

/** The top-level help text. */
export function mainHelp(): string {
  const width = COMMANDS.reduce((w, c) => Math.max(w, c.name.length), 0);
  return [
    'Usage: policy-index <command> [options]',
    '',
    'Build and run normative policy indices: check rubrics and answer sets, score them exactly,',
    'explain scores, and publish scorecards.',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options (every command):',
    '  -h, --help     show help (also: policy-index <command> --help)',
    '  -v, --version  show the version',
    '  -q, --quiet    errors only',
    '  --verbose      every diagnostic, none cut short',
    '  --format json  a JSON document on standard output (every command that prints a result)',
    '',
    'Exit codes: 0 clean, 1 diagnostics with errors, 2 usage or internal error.',
  ].join('\n');
}

/**
 * Runs the CLI with the given arguments (without `node` and the script name).
 *
 * @example
 * ```ts
 * import { main } from './main.js';
 * const out: string[] = [];
 * const code = await main(['--version'], { stdout: (s) => out.push(s), stderr: () => {}, cwd: process.cwd() });
 * // code === 0
 * ```
 */
export async function main(argv: string[], io?: Partial<CliIO>): Promise<ExitCode> {
  const full: CliIO = {
    stdout: io?.stdout ?? ((s) => void process.stdout.write(s)),
    stderr: io?.stderr ?? ((s) => void process.stderr.write(s)),
    cwd: io?.cwd ?? process.cwd(),
    isTTY: io?.isTTY ?? (io?.stderr ? false : Boolean(process.stderr.isTTY)),
  };
  const [first, ...rest] = argv;
  const mainUsage = 'Usage: policy-index <command> [options]\nRun policy-index --help for the list of commands.\n';
  if (first === '-h' || first === '--help' || first === 'help') {
    if (first === 'help' && rest[0]) return main([...rest, '--help'], full);
    full.stdout(mainHelp() + '\n');
    return 0;
  }
  if (first === undefined) {
    full.stderr(`policy-index: no command given.\n${mainUsage}`);
    return 2;
  }
  // `--version` is accepted everywhere (before a `--` that ends the options).
  const optionsEnd = argv.indexOf('--');
  const ownArgs = optionsEnd < 0 ? argv : argv.slice(0, optionsEnd);
  if (first === '-v' || ownArgs.includes('--version')) {
    full.stdout(packageVersion() + '\n');
    return 0;
  }
  let name = first;
  let args = rest;
  // Two-word commands, e.g. `outcomes validate`.
  if (!COMMANDS.some((c) => c.name === name) && rest[0] && COMMANDS.some((c) => c.name === `${first} ${rest[0]}`)) {
    name = `${first} ${rest[0]}`;
    args = rest.slice(1);
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    const group = COMMANDS.filter((c) => c.name.startsWith(first + ' '));
    if (group.length) {
      const subs = group.map((c) => c.name.slice(first.length + 1));
      const width = group.reduce((w, c) => Math.max(w, c.name.length), 0);
      const usage = [`Usage: policy-index ${first} <${subs.join('|')}> [options]`, '', ...group.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`)].join('\n') + '\n';
      if (rest[0] === '--help' || rest[0] === '-h') {
        full.stdout(usage);
        return 0;
      }
      const problem =
        rest[0] === undefined
          ? `policy-index ${first}: a subcommand is needed.`
          : rest[0].startsWith('-')
            ? `policy-index ${first}: unknown option "${rest[0]}" before the subcommand.`
            : `policy-index ${first}: unknown subcommand "${rest[0]}".${didYouMeanAny(rest[0], subs)}`;
      full.stderr(`${escapeControlCharacters(problem)}\n${usage}`);
      return 2;
    }
    const names = [...new Set(COMMANDS.map((c) => c.name.split(' ')[0]!))];
    // Text from argv is escaped like diagnostics: none of it may drive the terminal.
    full.stderr(`${escapeControlCharacters(`policy-index: unknown command "${first}".${didYouMeanAny(first, names)}`)}\n${mainUsage}`);
    return 2;
  }
  try {
    return await runCommand(command, args, full);
  } catch (error) {
    if (error instanceof UsageError) {
      full.stderr(`policy-index ${command.name}: ${escapeControlCharacters(error.message)}\n${shortUsage(command)}Run policy-index ${command.name} --help for all options.\n`);
      return 2;
    }
    full.stderr(
      formatDiagnostics([{ code: 'INTERNAL_ERROR', severity: 'error', message: `policy-index ${command.name} failed unexpectedly: ${(error as Error)?.message ?? String(error)}` }], { summary: false }) + '\n',
    );
    return 2;
  }
}
