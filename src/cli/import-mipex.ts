import { resolve } from 'node:path';
import { hasErrors } from '../diagnostics/index.js';
import { importMipexWorkbook } from '../node/mipex/import.js';
import { writeMipexAnswerSets } from '../node/mipex/write.js';
import { defineCommand } from './command.js';
import { FORMAT_TEXT_JSON, RUBRIC_OPTION, RUBRIC_TEXT } from './options.js';
import { diagnosticsJson, displayPath, loadRubricArg, printDiagnostics } from './shared.js';

/** `policy-index import-mipex`. */
export const importMipexCommand = defineCommand({
  name: 'import-mipex',
  summary: 'import the MIPEX workbook into answer sets',
  description: `Imports the MIPEX core-set workbook (MIPEX 2020, mipex.eu): writes one YAML answer set per
country and year (<dir>/<CC>/<CC>-<year>.yaml) and published-scores.json, the strand,
composite and overall scores the workbook publishes. Reruns give identical files; files the
import did not write are never replaced.`,
  positionals: [{ name: 'workbook.xlsx', description: 'the MIPEX core-set workbook' }],
  options: {
    out: { type: 'string', placeholder: 'dir', required: true, description: 'folder to write to' },
    rubric: { ...RUBRIC_OPTION, description: `the MIPEX rubric: ${RUBRIC_TEXT}`, default: 'mipex-2020', defaultText: undefined },
    format: { ...FORMAT_TEXT_JSON, description: 'output format; json: a summary with the diagnostics, on standard output' },
  },
  examples: [{ command: 'policy-index import-mipex MIPEX2020.xlsx --out answers' }],
  exitCodes: '0 imported without errors, 1 errors found, 2 usage error.',
  json: '{ "workbook", "sha256", "rubric", "out", "answerSets", "countries", "published", "filesWritten", "diagnostics": [...] }',
  run: async ({ options: values, positionals }, io) => {
  const format = values.format;
  const loaded = loadRubricArg(io, values.rubric);
  if (!loaded.value) {
    printDiagnostics(io, loaded.diagnostics, loaded.sources);
    return 1;
  }
  const rubric = loaded.value;
  const workbook = resolve(io.cwd, positionals['workbook.xlsx']);
  const result = await importMipexWorkbook(workbook, { rubric, file: displayPath(io.cwd, workbook) });
  const out = resolve(io.cwd, values.out);
  const wrote = result.workbook.sha256 === '' ? { written: [], diagnostics: [] } : writeMipexAnswerSets(result, out, { protect: rubric.files.map((f) => resolve(io.cwd, f)) });
  const diagnostics = [...loaded.diagnostics, ...result.diagnostics, ...wrote.diagnostics];
  const summary = {
    workbook: displayPath(io.cwd, workbook),
    sha256: result.workbook.sha256,
    rubric: result.rubric,
    out: displayPath(io.cwd, out),
    answerSets: result.answerSets.length,
    countries: new Set(result.answerSets.map((s) => s.country)).size,
    published: result.published.length,
    filesWritten: wrote.written.length,
  };
  if (format === 'json') io.stdout(JSON.stringify({ ...summary, diagnostics: diagnosticsJson(diagnostics, io.cwd) }, null, 2) + '\n');
  else {
    printDiagnostics(io, diagnostics);
    io.stdout(
      `Imported ${summary.answerSets} answer sets for ${summary.countries} countries and ${summary.published} published scores from ${summary.workbook}\n` +
        `(sha256 ${summary.sha256}); wrote ${summary.filesWritten} files to ${summary.out}.\n`,
    );
  }
  return hasErrors(diagnostics) ? 1 : 0;
  },
});
