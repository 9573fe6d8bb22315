// Runs the diagnostic examples of src/docs/diagnostic-examples.ts with the CLI, each in an empty
// temporary folder, and captures what it prints (the CLI's own text format). Used by
// scripts/build-docs.ts for the diagnostic pages and by test/diagnostic-examples.test.ts.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main } from '../src/cli/main.js';
import type { DiagnosticCode } from '../src/diagnostics/codes.js';
import { DIAGNOSTIC_EXAMPLES, DIAGNOSTICS_WITHOUT_EXAMPLE, type DiagnosticExample } from '../src/docs/diagnostic-examples.js';
import type { DiagnosticPageExample } from '../src/docs/reference.js';

/** What the CLI printed for an example. */
export interface ExampleRun {
  exitCode: number;
  /** stdout and stderr as printed, with the temporary folder's path removed. */
  output: string;
  /** The codes of the diagnostics in the output, in order. */
  codes: string[];
  /** Severity of each reported code (the first time it is reported). */
  severities: Map<string, string>;
}

/** Headline of a formatted diagnostic: `file:line:col severity CODE message` (position optional). */
const HEADLINE = /(?:^|\s)(error|warning|info) ([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b/;

/** Writes the example's files into a fresh folder, runs the command there and captures the output. */
export async function runDiagnosticExample(example: DiagnosticExample): Promise<ExampleRun> {
  const dir = mkdtempSync(join(tmpdir(), 'policy-index-example-'));
  const saved = process.env.POLICY_INDEX_DOCS_URL;
  // No "see: <docs url>" lines: the output is shown on the very page they would point to.
  process.env.POLICY_INDEX_DOCS_URL = '';
  try {
    for (const [name, text] of Object.entries(example.files)) {
      const file = join(dir, name);
      mkdirSync(dirname(file), { recursive: true });
      if (example.utf16?.includes(name)) writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
      else writeFileSync(file, text);
    }
    const chunks: string[] = [];
    const write = (s: string) => void chunks.push(s);
    const exitCode = await main([...example.argv], { stdout: write, stderr: write, cwd: dir, isTTY: false });
    const output = chunks.join('').split(dir + '/').join('').split(dir).join('.');
    const codes: string[] = [];
    const severities = new Map<string, string>();
    for (const line of output.split('\n')) {
      const m = HEADLINE.exec(line);
      if (!m) continue;
      codes.push(m[2]!);
      if (!severities.has(m[2]!)) severities.set(m[2]!, m[1]!);
    }
    return { exitCode, output, codes, severities };
  } finally {
    if (saved === undefined) delete process.env.POLICY_INDEX_DOCS_URL;
    else process.env.POLICY_INDEX_DOCS_URL = saved;
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A shell-like rendering of the command line. */
export function commandLine(argv: readonly string[]): string {
  return ['policy-index', ...argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))].join(' ');
}

/** Lines of more than 150 characters (code frames of generated, very long inputs) cut with `…`. */
function shortenLines(text: string): string {
  return text
    .split('\n')
    .map((l) => (l.length > 150 ? `${l.slice(0, 149)}…` : l))
    .join('\n');
}

/** For each code: its example with the output the CLI really prints, or why it has none. */
export async function diagnosticExamplePages(): Promise<Map<DiagnosticCode, DiagnosticPageExample>> {
  const pages = new Map<DiagnosticCode, DiagnosticPageExample>();
  for (const [code, example] of Object.entries(DIAGNOSTIC_EXAMPLES) as [DiagnosticCode, DiagnosticExample][]) {
    const run = await runDiagnosticExample(example);
    if (!run.codes.includes(code)) throw new Error(`the example of ${code} does not report it; it printed:\n${run.output}`);
    pages.set(code, {
      note: example.note,
      files: Object.keys(example.files).filter((name) => !name.endsWith('/keep.txt')).map((name) => ({
        name,
        text: example.shown?.[name] ?? example.files[name]!,
        utf16: example.utf16?.includes(name) ?? false,
      })),
      command: commandLine(example.argv),
      output: shortenLines(run.output.trimEnd()),
    });
  }
  for (const [code, reason] of Object.entries(DIAGNOSTICS_WITHOUT_EXAMPLE) as [DiagnosticCode, string][]) pages.set(code, { reason });
  return pages;
}
