// Builds the documentation site into site/ (git-ignored): guides from docs/guides, reference
// pages generated from the code (formats, diagnostics, rubrics, CLI), the TypeScript API
// reference (typedoc), and the playground (scripts/playground.ts).
//
//   npm run docs            (builds the package first)
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Application } from 'typedoc';
import { cliReferencePage, diagnosticPages, fieldsTable, formatReferencePage, rubricPage } from '../src/docs/reference.js';
import { loadRubricFile } from '../src/node/files.js';
import { COMMANDS, mainHelp } from '../src/cli/main.js';
import { outcomeFrameworkSchema } from '../src/outcomes/index.js';
import { buildPlayground } from './playground.js';

const root = process.cwd();
const generated = join(root, 'docs', 'generated');
const out = join(root, 'site');

function step(message: string): void {
  process.stderr.write(`docs: ${message}\n`);
}

rmSync(generated, { recursive: true, force: true });
mkdirSync(join(generated, 'diagnostics'), { recursive: true });
mkdirSync(join(generated, 'rubrics'), { recursive: true });

step('format reference');
const outcomeSection = [
  '# Outcome frameworks',
  fieldsTable('Outcome framework', outcomeFrameworkSchema, 'Declares outcome indicators (how migrants fare), their units, cohorts and gap definitions, and the column layouts of data files. Outcomes are a separate model: they are never part of a policy score.'),
];
writeFileSync(join(generated, 'format-reference.md'), formatReferencePage(outcomeSection));

step('diagnostic reference');
for (const page of diagnosticPages()) writeFileSync(join(generated, page.file), page.content);

step('rubric pages');
const rubricDocs: string[] = [];
const rubricDirs = [
  ...readdirSync(join(root, 'rubrics'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, 'rubrics', d.name, 'index.yaml')))
    .map((d) => join(root, 'rubrics', d.name)),
  join(root, 'examples', 'demo', 'rubric'),
];
for (const dir of rubricDirs) {
  const r = loadRubricFile(dir);
  if (!r.value) {
    process.stderr.write(`docs: cannot load ${dir}\n`);
    process.exitCode = 1;
    continue;
  }
  const file = join(generated, 'rubrics', `${r.value.id}.md`);
  writeFileSync(file, rubricPage(r.value));
  rubricDocs.push(file);
}
writeFileSync(
  join(generated, 'rubrics.md'),
  ['---', 'title: Shipped rubrics', 'group: Reference', 'children:', ...rubricDocs.map((f) => `  - ./rubrics/${f.split('/').pop()}`), '---', '', '# Shipped rubrics', '', 'One page per rubric: its tree, every question with its options and scores, weights and each question\'s share of the top score, decision tables, and variants.', ''].join('\n'),
);

step('CLI reference');
writeFileSync(join(generated, 'cli-reference.md'), cliReferencePage(mainHelp(), COMMANDS));

writeFileSync(
  join(generated, 'playground.md'),
  ['---', 'title: Playground', 'group: Guides', '---', '', '# Playground', '', 'Edit a rubric and an answer set in your browser and see diagnostics and the score tree as you type. It runs the same code as the library, in the page: the diagnostics read as the command line prints them (with hint and code frame), are marked in the editor and link to their page in the diagnostic reference, and the score tree shows each node\'s weight, aggregation and, for a decision table, the row that matched. While the answers have errors the score is shown as provisional, not comparable. Start from the demo rubric or from one MIPEX strand; the page works offline, also when the site is opened from disk.', '', '<a href="../playground/index.html">Open the playground</a>', ''].join('\n'),
);

step('typedoc');
const guides = readdirSync(join(root, 'docs', 'guides')).filter((f) => f.endsWith('.md')).sort().map((f) => join('docs', 'guides', f));
const app = await Application.bootstrapWithPlugins({
  entryPoints: ['src/index.ts', 'src/node/index.ts'],
  tsconfig: 'tsconfig.json',
  out,
  name: 'policy-index',
  readme: 'README.md',
  projectDocuments: [
    ...guides,
    'docs/generated/playground.md',
    'docs/generated/format-reference.md',
    'docs/generated/diagnostics.md',
    'docs/generated/rubrics.md',
    'docs/generated/cli-reference.md',
  ],
  searchInDocuments: true,
  // Guides first: a reader searching a concept wants the guide before the API symbols named like it.
  searchGroupBoosts: { Guides: 3 },
  favicon: 'docs/assets/favicon.svg',
  sortEntryPoints: false,
  skipErrorChecking: true,
  disableGit: true,
  disableSources: true,
  excludePrivate: true,
  excludeInternal: true,
  validation: { notExported: false, invalidLink: true, rewrittenLink: true },
  groupOrder: ['Guides', 'Reference', 'Rubrics', '*'],
  logLevel: 'Warn',
  treatWarningsAsErrors: false,
});
const project = await app.convert();
if (!project) {
  process.stderr.write('docs: typedoc could not convert the project\n');
  process.exit(1);
}
await app.generateDocs(project, out);

step('playground');
await buildPlayground(join(out, 'playground'));
step(`done: ${out}/index.html`);
