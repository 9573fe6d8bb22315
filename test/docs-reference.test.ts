// The generated reference pages: types in the format reference are named and linked, defaults
// are filled in from the schemas, and bare code fences become plain text.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { captureIO } from './engine-helpers.js';
import { z } from 'zod';
import { fieldsTable, formatReferencePage, headingAnchor, rubricPage } from '../scripts/docs/reference.js';
import { loadRubricFile } from '../src/node/files.js';
import { outcomeFrameworkSchema } from '../src/outcomes/index.js';
import { labelBareFences } from '../scripts/docs-markdown.js';

const page = formatReferencePage(['# Outcome frameworks', fieldsTable('Outcome framework', outcomeFrameworkSchema)]);
const rows = page.split('\n').filter((l) => /^\| `[^`]+` \|/.test(l));
const typeCell = (row: string) => row.split(/(?<!\\)\|/)[2]!.trim();
const section = (title: string) => page.slice(page.indexOf(`## ${title}\n`), page.indexOf('\n## ', page.indexOf(`## ${title}\n`) + 1));
const row = (title: string, field: string) => section(title).split('\n').find((l) => l.startsWith(`| \`${field}\` |`))!;

describe('the format reference', () => {
  it('names every type: no "any", no anonymous "object"', () => {
    expect(rows.length).toBeGreaterThan(150);
    expect(rows.filter((r) => /\bany\b|\bobject\b/.test(typeCell(r)))).toEqual([]);
  });

  it('links referenced object types to their own section', () => {
    expect(typeCell(row('Rubric index file', 'areas'))).toBe('list of ([Area](#area) \\| [Include](#include))');
    expect(typeCell(row('Question', 'options'))).toBe('list of [Option](#option)');
    expect(typeCell(row('Area', 'indicators'))).toBe('list of ([Question](#question) \\| [Composite indicator](#composite-indicator))');
    expect(typeCell(row('Question', 'scoring'))).toBe('[Multiple-choice scoring](#multiple-choice-scoring)');
    expect(typeCell(row('Decision table', 'rows'))).toBe('list of [Decision-table row](#decision-table-row)');
    const headings = new Set([...page.matchAll(/^#+ (.+)$/gm)].map((m) => headingAnchor(m[1]!)));
    const anchors = [...page.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
    expect(anchors.length).toBeGreaterThan(30);
    expect(anchors.filter((a) => !headings.has(a))).toEqual([]);
  });

  it('fills in defaults from the schemas', () => {
    expect(row('Rubric index file', 'scale')).toContain('`{"min":0,"max":100}`');
    expect(row('Display', 'precision')).toMatch(/^\| `precision` \| integer \| `2` \|/);
    expect(row('Rubric index file', 'regions')).toMatch(/\| `mean` \| /);
    const t = fieldsTable('T', z.strictObject({ n: z.number().default(3), s: z.string().optional().meta({ description: 'Words (default: `x`).' }) }));
    expect(t).toContain('| `n` | number | `3` |');
    expect(t).toContain('| `s` | string | `x` |');
  });

  it('writes no raw HTML tags from prose (a "<title>" in a description would swallow the page)', () => {
    const outsideCode = page.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
    expect(outsideCode.match(/<[a-z][^>]*>/gi) ?? []).toEqual([]);
    expect(page).toContain('&lt;title&gt;');
  });

  it('heading anchors are typedoc\'s', () => {
    expect(headingAnchor('Decision-table row')).toBe('decision-table-row');
    expect(headingAnchor('Outcome framework: layouts (format: long)')).toBe('outcome-framework-layouts-format-long');
  });
});

describe('rubric pages', () => {
  const rubric = loadRubricFile('examples/demo/rubric').value!;
  const text = rubricPage(rubric, 'Rubrics', { files: [{ name: 'index.yaml', href: '../rubrics/welcome-demo/index.yaml' }] });

  it('name the areas of each variant and link the rubric files', () => {
    expect(text).toContain('| `core` — Work and family only | `work` Work; `family` Family life |');
    expect(text).toContain('<a href="../rubrics/welcome-demo/index.yaml">index.yaml</a>');
  });

  it('explain an undefined share of the top score where it appears', () => {
    expect(text).toContain('## Shares of the top score');
    const dashes = text.split('\n').filter((l) => l.includes('[—](#shares-of-the-top-score)'));
    expect(dashes.length).toBeGreaterThan(0);
    for (const l of dashes) expect(l).toMatch(/\[—\]\(#shares-of-the-top-score\) \((?:`[^`]+` combines its parts by|`[^`]+` averages over all its indicators|its area is not in the default variant)/);
    expect(text).not.toMatch(/share of the top score: —/);
  });
});

describe('the home page', () => {
  it('its five-minute commands run on the shipped demo', async () => {
    const home = readFileSync('docs/home.md', 'utf8');
    const blocks = [...home.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const demo = /^DEMO=(\S+)$/m.exec(home)![1]!;
    expect(demo).toBe('node_modules/policy-index/examples/demo');
    const commands = blocks.flatMap((b) => b.split('\n')).filter((l) => l.startsWith('npx policy-index '));
    expect(commands.length).toBeGreaterThanOrEqual(4);
    const cwd = mkdtempSync(join(tmpdir(), 'policy-index-home-'));
    try {
      for (const c of commands) {
        const argv = c.replace('npx policy-index ', '').split(' ').map((a) => a.replace('$DEMO', resolve('examples/demo')));
        const io = captureIO(cwd);
        expect(await main(argv, io), `${c}\n${io.err()}`).toBe(0);
      }
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});

describe('labelBareFences', () => {
  it('marks opening fences without a language as text and leaves the rest', () => {
    const md = 'a\n```\nplain\n```\n\n```yaml\nk: v\n```\n\n````\n```\nnested\n````\n';
    expect(labelBareFences(md)).toBe('a\n```text\nplain\n```\n\n```yaml\nk: v\n```\n\n````text\n```\nnested\n````\n');
  });
});
