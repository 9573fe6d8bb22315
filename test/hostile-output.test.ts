/**
 * Injection through outputs: links in scorecards (checked by rendering the Markdown with
 * `marked`), terminal escape sequences in diagnostics, and spreadsheet formulas in CSV exports.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { createAnswerSet } from '../src/answers/load.js';
import { formatDiagnostics, codeFrame, escapeControlCharacters } from '../src/diagnostics/format.js';
import { loadRubricFile } from '../src/node/files.js';
import { safeUrl } from '../src/report/escape.js';
import { renderScorecardHtml } from '../src/report/html.js';
import { renderScorecardMarkdown } from '../src/report/markdown.js';
import { buildScorecard, createScorecardContext } from '../src/report/model.js';
import { scoreAll } from '../src/report/site.js';
import { csvField, parseCsv } from '../src/source/csv.js';
import { main } from '../src/cli/main.js';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
const HOSTILE = join(ROOT, 'test/fixtures/hostile/fs');

const BAD_URLS = [
  'javascript:alert(1)',
  'javascript&colon;alert(1)',
  'javascript&#58;alert(1)',
  'javascript&#x3a;alert(1)',
  'javascript&#0000058alert(1)',
  'java&#x09;script:alert(1)',
  'javascript%3Aalert(1)',
  'java%73cript:alert(1)',
  'javascript&amp;colon;alert(1)',
  ' JaVaScRiPt:alert(1)',
  'vbscript:msgbox(1)',
  'data:text/html,<script>alert(1)</script>',
  '\\\\evil.example/x',
  '/\\evil.example/x',
  '//evil.example/x',
  '/%5Cevil.example/x',
  '%2F%2Fevil.example',
  'java\u0000script:alert(1)',
];
const GOOD_URLS = ['https://example.org/act?x=1&y=2', 'http://example.org/a(b)', 'mailto:someone@example.org', 'laws/act.html#s5', '/laws/act.html', '../act.pdf', '#section-2'];

describe('safeUrl', () => {
  for (const u of BAD_URLS) it(`refuses ${JSON.stringify(u)}`, () => expect(safeUrl(u)).toBeUndefined());
  for (const u of GOOD_URLS) it(`keeps ${JSON.stringify(u)}`, () => expect(safeUrl(u)).toBe(u));
});

describe('scorecards with hostile citation URLs', () => {
  const rubric = loadRubricFile(join(ROOT, 'examples/demo/rubric')).value!;
  const card = (url: string) => {
    const set = createAnswerSet({
      rubric: 'welcome-demo@1.0.0',
      country: 'NO',
      year: 2024,
      answers: { 'local-vote': { value: 'yes', evidence: { citations: [{ act: 'Act', url }], sourceUrl: url } } },
    });
    return buildScorecard(createScorecardContext(rubric, scoreAll(rubric, [set]), [set]), 'NO')!;
  };

  it('no hostile URL becomes a live link when the Markdown scorecard is rendered by marked, or in the HTML', () => {
    for (const u of BAD_URLS) {
      const c = card(u);
      const rendered = marked.parse(renderScorecardMarkdown(c), { async: false }) as string;
      const html = renderScorecardHtml(c);
      for (const page of [rendered, html]) {
        for (const m of page.matchAll(/<a\s[^>]*href="([^"]*)"/g)) {
          const href = m[1]!.replace(/&amp;/g, '&').replace(/&#(\d+);/g, (_, d: string) => String.fromCharCode(Number(d))).replace(/&colon;/gi, ':');
          expect(href.toLowerCase().replace(/[\s\u0000-\u001f]/g, ''), u).not.toMatch(/^(javascript|vbscript|data):/);
          expect(href, u).not.toMatch(/^(\/\/|\\|\/\\)/);
          expect(href, u).not.toMatch(/evil\.example/);
        }
      }
    }
  });

  it('a URL with parentheses and spaces stays one whole link target in Markdown', () => {
    const md = renderScorecardMarkdown(card('https://example.org/a (b)/c)d'));
    expect(md).toContain('(https://example.org/a%20%28b%29/c%29d)');
    const rendered = marked.parse(md, { async: false }) as string;
    expect(rendered).toContain('href="https://example.org/a%20%28b%29/c%29d"');
  });
});

describe('terminal output escapes control characters', () => {
  const nasty = 'bad \u001b]0;owned\u0007 \u001b]8;;https://evil.example\u001b\\link\u001b]8;;\u001b\\ \u009b31m \u202etxt.exe\u202c \r\n';
  it('formatDiagnostics escapes message, file, path, hint and code frame', () => {
    const text = formatDiagnostics(
      [{ code: 'YAML_SYNTAX', severity: 'error', message: nasty, file: `f\u001b[2J.yaml`, line: 1, column: 1, path: [nasty], hint: nasty, expected: nasty, actual: nasty }],
      { sources: { 'f\u001b[2J.yaml': `key: ${nasty}` } },
    );
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(text).toContain('\\x1b]0;owned\\x07');
    expect(text).toContain('\\u202e');
    expect(codeFrame('a\u001bb', 1, 1)).toContain('a\\x1bb');
    expect(escapeControlCharacters('plain text, ünïcode ok')).toBe('plain text, ünïcode ok');
  });

  it('a CSV cell with escape sequences reaches stderr escaped (outcomes validate)', async () => {
    const err: string[] = [];
    const code = await main(['outcomes', 'validate', join(HOSTILE, 'escape-sequences.csv')], { stdout: () => {}, stderr: (s) => err.push(s), cwd: ROOT });
    expect(code).toBe(1);
    const text = err.join('');
    expect(text.length).toBeGreaterThan(0);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(text).toContain('\\x1b');
  });
});

describe('CSV exports neutralise formulas', () => {
  it('text starting with = + - @ tab or CR gets a quote prefix and quotes; numbers stay numbers', () => {
    expect(csvField('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csvField('+1+cmd|x')).toBe(`"'+1+cmd|x"`);
    expect(csvField('-2+3')).toBe(`"'-2+3"`);
    expect(csvField('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvField('\t=1')).toBe(`"'\t=1"`);
    expect(csvField('\r=1')).toBe(`"'\r=1"`);
    expect(csvField('-3.5')).toBe('-3.5');
    expect(csvField('+4')).toBe('+4');
    expect(csvField('-1e-3')).toBe('-1e-3');
    expect(csvField(-3.5)).toBe('-3.5');
    expect(csvField('plain')).toBe('plain');
    // What is written parses back to the neutralised text.
    const row = ['=1+1', '-3.5', '@x'].map(csvField).join(',');
    expect(parseCsv(`a,b,c\n${row}\n`).value!.records[0]!.fields.map((f) => f.value)).toEqual(["'=1+1", '-3.5', "'@x"]);
  });

  it('score --format csv: no exported cell starts a formula', async () => {
    const out: string[] = [];
    await main(['score', join(ROOT, 'examples/demo/rubric'), join(ROOT, 'test/fixtures/scorecard/answers'), '--format', 'csv', '--quiet'], { stdout: (s) => out.push(s), stderr: () => {}, cwd: ROOT });
    const records = parseCsv(out.join('')).value!.records;
    expect(records.length).toBeGreaterThan(5);
    for (const r of records) for (const f of r.fields) expect(f.value).not.toMatch(/^[=+@\t\r]|^-(?![\d.])/);
  });

  it('the fixture with formulas exists and is small text', () => {
    expect(readFileSync(join(HOSTILE, 'escape-sequences.csv'), 'utf8').length).toBeLessThan(2000);
  });
});

describe('CSV formula neutralisation reads back exactly', () => {
  it('restoreCsvFormulaText undoes csvField for quoted formula-like text, and only for it', async () => {
    const { csvField, parseCsv, restoreCsvFormulaText } = await import('../src/index.js');
    const texts = ['-', '=SUM(A1)', "'=x", "''+1", '@home', '\tx', 'plain', "'quoted", '-3.5', "it's"];
    const line = texts.map((t) => csvField(t)).join(',');
    const back = parseCsv(line + '\n', { header: false }).value.records[0]!.fields.map(restoreCsvFormulaText);
    expect(back).toEqual(texts);
    // A user's own quote in an unquoted field stays.
    expect(parseCsv("'-\n", { header: false }).value.records[0]!.fields.map(restoreCsvFormulaText)).toEqual(["'-"]);
  });
});
