// Builds the documentation site into site/ (git-ignored): guides from docs/guides, reference
// pages generated from the code (formats, diagnostics, rubrics, CLI), the TypeScript API
// reference (typedoc), and the playground (scripts/playground.ts).
//
//   npm run docs            (builds the package first)
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync as writeRaw } from 'node:fs';
import { join, relative } from 'node:path';
import { Application } from 'typedoc';
import { diagnosticPages, fieldsTable, formatReferencePage, rubricPage } from './docs/reference.js';
import { loadRubricFile } from '../src/node/files.js';
import { COMMANDS, mainHelp } from '../src/cli/main.js';
import { cliReferencePage } from './docs/cli-reference.js';
import { outcomeFrameworkSchema } from '../src/outcomes/index.js';
import { diagnosticExamplePages } from './docs/run-diagnostic-examples.js';
import { labelBareFences, prepareGuides } from './docs-markdown.js';
import { buildPlayground } from './playground.js';

const root = process.cwd();
const generated = join(root, 'docs', 'generated');
const out = join(root, 'site');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

/** Writes a generated Markdown page; code blocks without a language are marked as plain text. */
function writeFileSync(file: string, text: string): void {
  writeRaw(file, labelBareFences(text));
}

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
// Each code's page shows a minimal input and the message the CLI really prints for it.
for (const page of diagnosticPages(await diagnosticExamplePages())) writeFileSync(join(generated, page.file), page.content);

step('rubric pages');
const rubricDocs: string[] = [];
const rubricCopies: { from: string; to: string; files: string[] }[] = [];
function yamlFiles(dir: string): string[] {
  const found: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) found.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(e.name)) found.push(p);
  }
  return found;
}
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
  // The rubric's YAML is copied into the site (site/rubrics/<id>/) after typedoc has written it.
  const index = join(dir, 'index.yaml');
  const files = [index, ...yamlFiles(dir).filter((f) => f !== index)].map((f) => ({ name: relative(dir, f).split('\\').join('/'), href: `../rubrics/${r.value!.id}/${relative(dir, f).split('\\').join('/')}` }));
  rubricCopies.push({ from: dir, to: join(out, 'rubrics', r.value.id), files: files.map((f) => f.name) });
  writeFileSync(file, rubricPage(r.value, 'Rubrics', { files }));
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

step('guides and home page');
// Guides are copied into docs/generated/guides with bare code fences marked as plain text
// (typedoc would highlight them as TypeScript); the home page is docs/home.md, written for users.
const guides = prepareGuides(join(root, 'docs', 'guides'), join(generated, 'guides')).map((f) => relative(root, f));
writeFileSync(join(generated, 'home.md'), readFileSync(join(root, 'docs', 'home.md'), 'utf8').replace(/\]\(generated\//g, ']('));

step('typedoc');
const app = await Application.bootstrapWithPlugins({
  entryPoints: ['src/index.ts', 'src/node/index.ts'],
  tsconfig: 'tsconfig.json',
  out,
  // The package version is part of the title in every page's header.
  name: `policy-index ${pkg.version}`,
  readme: 'docs/generated/home.md',
  customCss: 'docs/assets/docs.css',
  projectDocuments: [
    ...guides,
    'docs/generated/playground.md',
    'docs/generated/format-reference.md',
    'docs/generated/diagnostics.md',
    'docs/generated/rubrics.md',
    'docs/generated/cli-reference.md',
  ],
  searchInDocuments: true,
  // typedoc's default languages, and CSV for the table examples of the guides.
  highlightLanguages: ['bash', 'console', 'css', 'html', 'javascript', 'json', 'jsonc', 'json5', 'yaml', 'tsx', 'typescript', 'csv'],
  // Guides first: a reader searching a concept wants the guide before the API symbols named like it.
  searchGroupBoosts: { Guides: 3 },
  favicon: 'docs/assets/favicon.svg',
  sortEntryPoints: false,
  skipErrorChecking: true,
  disableGit: true,
  disableSources: true,
  excludePrivate: true,
  excludeInternal: true,
  // invalidPath is off because the playground and the rubric YAML files are copied into the
  // site after typedoc has run; test/browser/docs-site.test.ts checks every link of the built site.
  validation: { notExported: false, invalidLink: true, rewrittenLink: true, invalidPath: false },
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

step('rubric files');
for (const c of rubricCopies) for (const f of c.files) cpSync(join(c.from, f), join(c.to, f), { recursive: true });

step('playground');
await buildPlayground(join(out, 'playground'));
step(`done: ${out}/index.html`);
