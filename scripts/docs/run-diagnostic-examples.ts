// Runs the diagnostic examples of scripts/docs/diagnostic-examples.ts with the CLI, each in an empty
// temporary folder, and captures what it prints (the CLI's own text format). Used by
// scripts/build-docs.ts for the diagnostic pages and by test/diagnostic-examples.test.ts.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tinyXlsx } from '../../test/helpers/tiny-xlsx.js';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main } from '../../src/cli/main.js';
import type { DiagnosticCode } from '../../src/diagnostics/codes.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { DIAGNOSTIC_EXAMPLES, DIAGNOSTICS_WITHOUT_EXAMPLE, type DiagnosticExample, type DiagnosticExampleCall } from './diagnostic-examples.js';
import { computeGaps, formatDiagnostics, loadAnswerSet, loadOutcomeData, loadPeerGroup, loadRubric, parseOutcomeFramework, scoreAnswerSet } from '../../src/index.js';
import type { DiagnosticPageExample } from './reference.js';

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

function codesOf(output: string): { codes: string[]; severities: Map<string, string> } {
  const codes: string[] = [];
  const severities = new Map<string, string>();
  for (const line of output.split('\n')) {
    const m = HEADLINE.exec(line);
    if (!m) continue;
    codes.push(m[2]!);
    if (!severities.has(m[2]!)) severities.set(m[2]!, m[1]!);
  }
  return { codes, severities };
}

/** Headline of a formatted diagnostic: `file:line:col severity CODE message` (position optional). */
const HEADLINE = /(?:^|\s)(error|warning|info) ([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b/;

/** The diagnostics of a library call on the example's files (read from memory). */
function callLibrary(call: DiagnosticExampleCall, files: Readonly<Record<string, string>>): Diagnostic[] {
  const text = (name: string) => files[name] ?? '';
  switch (call.fn) {
    case 'scoreAnswerSet': {
      const rubric = loadRubric(text('rubric.yaml'), { file: 'rubric.yaml' });
      const answers = loadAnswerSet(text('answers.yaml'), { file: 'answers.yaml' });
      if (!rubric.value || !answers.value) return [...rubric.diagnostics, ...answers.diagnostics];
      return scoreAnswerSet(rubric.value, answers.value, { variant: call.variant }).diagnostics;
    }
    case 'computeGaps':
    case 'loadOutcomeData': {
      const framework = parseOutcomeFramework(text('framework.yaml'), 'framework.yaml');
      if (!framework.value) return framework.diagnostics;
      const data = loadOutcomeData([{ name: 'data.csv', text: text('data.csv') }], framework.value, call.fn === 'loadOutcomeData' ? { layout: call.layout } : {});
      if (call.fn === 'loadOutcomeData' || !data.value) return data.diagnostics;
      return [...data.diagnostics, ...computeGaps(framework.value, data.value).diagnostics];
    }
    case 'loadPeerGroup':
      return loadPeerGroup(text('peers.yaml'), 'peers.yaml').diagnostics;
  }
}

/** The library call as TypeScript, as a page shows it. */
export function callSnippet(call: DiagnosticExampleCall): string {
  const read = (names: string[]) => names.map((n) => `const ${n.replace(/\..*$/, '').replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}Text = readFileSync('${n}', 'utf8');`);
  const show = 'console.log(formatDiagnostics(diagnostics, { sources }));';
  switch (call.fn) {
    case 'scoreAnswerSet':
      return [
        "import { formatDiagnostics, loadAnswerSet, loadRubric, scoreAnswerSet } from 'policy-index';",
        ...read(['rubric.yaml', 'answers.yaml']),
        "const rubric = loadRubric(rubricText, { file: 'rubric.yaml' }).value!;",
        "const answers = loadAnswerSet(answersText, { file: 'answers.yaml' }).value!;",
        `const { diagnostics } = scoreAnswerSet(rubric, answers, { variant: '${call.variant}' });`,
        "const sources = { 'rubric.yaml': rubricText, 'answers.yaml': answersText };",
        show,
      ].join('\n');
    case 'computeGaps':
    case 'loadOutcomeData':
      return [
        `import { ${call.fn === 'computeGaps' ? 'computeGaps, ' : ''}formatDiagnostics, loadOutcomeData, parseOutcomeFramework } from 'policy-index';`,
        ...read(['framework.yaml', 'data.csv']),
        "const framework = parseOutcomeFramework(frameworkText, 'framework.yaml').value!;",
        call.fn === 'computeGaps'
          ? "const data = loadOutcomeData([{ name: 'data.csv', text: dataText }], framework);\nconst { diagnostics } = computeGaps(framework, data.value!);"
          : `const { diagnostics } = loadOutcomeData([{ name: 'data.csv', text: dataText }], framework, { layout: '${call.layout}' });`,
        "const sources = { 'framework.yaml': frameworkText, 'data.csv': dataText };",
        show,
      ].join('\n');
    case 'loadPeerGroup':
      return [
        "import { formatDiagnostics, loadPeerGroup } from 'policy-index';",
        ...read(['peers.yaml']),
        "const { diagnostics } = loadPeerGroup(peersText, 'peers.yaml');",
        "const sources = { 'peers.yaml': peersText };",
        show,
      ].join('\n');
  }
}

/** Writes the example's files into a fresh folder, runs the command there and captures the output. */
export async function runDiagnosticExample(example: DiagnosticExample): Promise<ExampleRun> {
  if (example.call) {
    const diagnostics = callLibrary(example.call, example.files);
    const output = formatDiagnostics(diagnostics, { sources: { ...example.files } });
    return { exitCode: diagnostics.some((d) => d.severity === 'error') ? 1 : 0, output, ...codesOf(output) };
  }
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
    for (const [name, sheets] of Object.entries(example.workbooks ?? {})) {
      writeFileSync(join(dir, name), tinyXlsx(sheets.map((w) => ({ name: w.sheet, cells: { ...w.cells } }))));
    }
    for (const [name, target] of Object.entries(example.links ?? {})) {
      const link = join(dir, name);
      mkdirSync(dirname(link), { recursive: true });
      symlinkSync(target, link);
    }
    const chunks: string[] = [];
    const write = (s: string) => void chunks.push(s);
    const exitCode = await main([...(example.argv ?? [])], { stdout: write, stderr: write, cwd: dir, isTTY: false });
    const output = chunks.join('').split(dir + '/').join('').split(dir).join('.');
    return { exitCode, output, ...codesOf(output) };
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
      files: [
        ...Object.keys(example.files).filter((name) => !name.endsWith('/keep.txt')).map((name) => ({
          name,
          text: example.shown?.[name] ?? example.files[name]!,
          utf16: example.utf16?.includes(name) ?? false,
        })),
        ...Object.entries(example.workbooks ?? {}).map(([name, sheets]) => ({
          name,
          text: sheets.map((w) => [`sheet ${w.sheet}:`, ...Object.entries(w.cells).map(([ref, v]) => `  ${ref}: ${typeof v === 'string' ? JSON.stringify(v) : v}`)].join('\n')).join('\n'),
          utf16: false,
        })),
        ...Object.entries(example.links ?? {}).map(([name, target]) => ({ name, text: `(a symbolic link to ${target})`, utf16: false })),
      ],
      ...(example.call ? { command: callSnippet(example.call), language: 'ts' as const } : { command: commandLine(example.argv ?? []), language: 'sh' as const }),
      output: shortenLines(run.output.trimEnd()),
    });
  }
  for (const [code, reason] of Object.entries(DIAGNOSTICS_WITHOUT_EXAMPLE) as [DiagnosticCode, string][]) pages.set(code, { reason });
  return pages;
}
