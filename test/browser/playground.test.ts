// The playground in Chromium, opened from disk (file://) as a reader of a downloaded site would:
// two code editors, lint marks and a provisional score for an invalid answer, clicking a
// diagnostic moves the cursor to it, the presets, no score left after the rubric breaks, no
// horizontal overflow at 390 px, no console error and no request outside the folder.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findScoredNode, scoreAnswerSet } from '../../src/index.js';
import { loadAnswerSetFile, loadRubricFile } from '../../src/node/files.js';
import { evaluate } from '../../docs/playground-src/evaluate.js';
import { buildPlayground, PLAYGROUND_FILES, playgroundPresets } from '../../scripts/playground.js';
import { launchChromium } from '../helpers/browser.js';

const ROOT = resolve('.');
const demo = playgroundPresets().find((p) => p.id === 'demo')!;
let browser: Browser;
let dir = '';

// The scores the library gives on the repository's files.
const demoScore = scoreAnswerSet(loadRubricFile(join(ROOT, 'examples/demo/rubric')).value!, loadAnswerSetFile(join(ROOT, 'examples/demo/answers/northland-2024.yaml')).value!).root.display!;
const strandScore = findScoredNode(
  scoreAnswerSet(loadRubricFile(join(ROOT, 'rubrics/mipex-2020')).value!, loadAnswerSetFile(join(ROOT, 'examples/mipex/SE/SE-2019.yaml')).value!).root,
  'b',
)!.display!;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'playground-'));
  await buildPlayground(dir);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Opened {
  page: Page;
  errors: string[];
  outside: string[];
  rubric: Locator;
  answers: Locator;
}

async function open(width = 1280): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const errors: string[] = [];
  const outside: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('requestfailed', (r) => errors.push(`failed: ${r.url()}`));
  page.on('request', (r) => {
    if (!r.url().startsWith(pathToFileURL(dir).href) && !r.url().startsWith('data:')) outside.push(r.url());
  });
  await page.goto(pathToFileURL(join(dir, 'index.html')).href);
  await page.locator('body[data-evaluated]').waitFor({ timeout: 10_000 });
  return { page, errors, outside, rubric: page.locator('#rubric-editor .cm-editor'), answers: page.locator('#answers-editor .cm-editor') };
}

/** Selects `word` on the editor line that reads `lineText` (by double click) and types `replacement`. */
async function replaceWord(page: Page, editor: Locator, lineText: string, word: string, replacement: string): Promise<void> {
  const line = editor.locator('.cm-line', { hasText: lineText }).first();
  await line.scrollIntoViewIfNeeded();
  const box = await line.evaluate((el, w) => {
    const text = el.firstChild?.textContent ?? '';
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = (n.textContent ?? '').indexOf(w);
      if (at >= 0) {
        const range = document.createRange();
        range.setStart(n, at);
        range.setEnd(n, at + w.length);
        const r = range.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      }
    }
    throw new Error(`no "${w}" in "${text}"`);
  }, word);
  await page.mouse.dblclick(box.x, box.y);
  await page.keyboard.type(replacement);
}

async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe('playground opened from disk', () => {
  it('builds the page and one script, and shows two code editors with the demo scored', async () => {
    const { page, errors, outside, rubric, answers } = await open();
    // One folder: the page, its style sheet and icon, and one classic script (no module to load).
    expect(readdirSync(dir).sort()).toEqual([...PLAYGROUND_FILES].sort());
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toMatch(/<script src="playground\.js" defer><\/script>/);
    expect(readFileSync(join(dir, 'playground.js'), 'utf8')).not.toMatch(/^\s*(import|export)\s/m);
    await expect(page.locator('.cm-editor').count()).resolves.toBe(2);
    await expect(rubric.locator('.cm-gutter.cm-lineNumbers').count()).resolves.toBe(1);
    // YAML highlighting: keys are styled spans, not plain text.
    await expect(answers.locator('.cm-line span').count()).resolves.toBeGreaterThan(5);
    await expect(page.locator('#summary').textContent()).resolves.toBe('No problems found.');
    await expect(page.locator('#headline .variant.chosen .value').textContent()).resolves.toBe(demoScore);
    await expect(page.locator('#headline').getAttribute('class')).resolves.toBe('comparable');
    await expect(page.locator('#caveat').isHidden()).resolves.toBe(true);
    await expect(page.locator('#tree .node .id', { hasText: /^income-rule$/ }).count()).resolves.toBe(1);
    await expect(page.locator('#tree .matched').first().textContent()).resolves.toMatch(/^matched row \d+/);
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
    await page.close();
  });

  it('an invalid answer: lint mark, error in the list with its docs link, provisional score; clicking it moves the cursor', async () => {
    const { page, errors, outside, answers } = await open();
    await replaceWord(page, answers, 'consultative-body: appointed', 'appointed', 'appointd');
    await answers.locator('.cm-lintRange-error').first().waitFor({ timeout: 10_000 });
    const item = page.locator('#diagnostics li.error').first();
    const text = (await item.locator('pre').textContent()) ?? '';
    const m = /^answers\.yaml:(\d+):(\d+) error ANSWERS_INVALID_OPTION "appointd" is not an option of "consultative-body"\./.exec(text);
    expect(m, text).not.toBeNull();
    expect(text).toContain('expected: elected, appointed, none');
    await expect(item.locator('a.docs').getAttribute('href')).resolves.toBe('../documents/Diagnostic_reference.ANSWERS_INVALID_OPTION.html');
    await expect(page.locator('#headline').getAttribute('class')).resolves.toBe('provisional');
    await expect(page.locator('#headline .badge').first().textContent()).resolves.toBe('provisional');
    await expect(page.locator('#caveat').textContent()).resolves.toMatch(/not comparable/i);
    await expect(page.locator('#headline .variant.chosen .value').textContent()).resolves.not.toBe(demoScore);
    // Put the cursor on line 1, then click the diagnostic: the cursor goes to its line.
    await answers.locator('.cm-line').first().click();
    await expect(answers.locator('.cm-lineNumbers .cm-activeLineGutter').textContent()).resolves.toBe('1');
    await item.locator('button.go').click();
    await expect(answers.locator('.cm-lineNumbers .cm-activeLineGutter').textContent()).resolves.toBe(m![1]);
    await expect(answers.getAttribute('class')).resolves.toContain('cm-focused');
    const selected = await page.evaluate(() => document.getSelection()?.toString());
    expect(selected).toBe('appointd');
    // Fixed again: comparable, no caveat, no mark.
    await replaceWord(page, answers, 'consultative-body: appointd', 'appointd', 'appointed');
    await page.locator('#summary', { hasText: 'No problems found.' }).waitFor({ timeout: 10_000 });
    await expect(page.locator('#headline .variant.chosen .value').textContent()).resolves.toBe(demoScore);
    await expect(answers.locator('.cm-lintRange-error').count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
    await page.close();
  });

  it('a rubric that does not load clears the score and the tree', async () => {
    const { page, errors, rubric } = await open();
    await replaceWord(page, rubric, 'scale: { min: 0, max: 100 }', '100', 'abc');
    await page.locator('#headline .no-score').waitFor({ timeout: 10_000 });
    // The page says what evaluate() says in Node on the same texts.
    const expected = evaluate({ rubric: demo.rubric.replace('scale: { min: 0, max: 100 }', 'scale: { min: 0, max: abc }'), answers: demo.answers });
    expect(expected.diagnostics.map((d) => d.diagnostic.code)).toEqual(['SCHEMA_INVALID_TYPE']);
    await expect(page.locator('#diagnostics li pre').allTextContents()).resolves.toEqual(expected.diagnostics.map((d) => d.text));
    await expect(page.locator('#summary').textContent()).resolves.not.toBe('No problems found.');
    await expect(page.locator('#diagnostics li.error').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('#tree').textContent()).resolves.toBe('');
    await expect(page.locator('#headline .value').count()).resolves.toBe(0);
    await expect(page.locator('#caveat').textContent()).resolves.toMatch(/rubric did not load/);
    await rubric.locator('.cm-lintRange-error').first().waitFor({ timeout: 10_000 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('switches to the MIPEX preset', async () => {
    const { page, errors, rubric } = await open();
    await page.locator('#preset').selectOption('mipex-family-reunion');
    await rubric.locator('.cm-line', { hasText: 'id: mipex-2020-family-reunion' }).first().waitFor({ timeout: 10_000 });
    await page.locator('#headline .variant.chosen .value', { hasText: new RegExp(`^${strandScore}$`) }).waitFor({ timeout: 10_000 });
    await expect(page.locator('#summary').textContent()).resolves.toBe('No problems found.');
    await expect(page.locator('#tree .node .id', { hasText: /^bb28$/ }).count()).resolves.toBe(1);
    await page.locator('#preset').selectOption('demo');
    await page.locator('#headline .variant.chosen .value', { hasText: new RegExp(`^${demoScore.replace('.', '\\.')}$`) }).waitFor({ timeout: 10_000 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fits 390 px: no horizontal overflow, with and without diagnostics', async () => {
    const { page, errors, answers } = await open(390);
    expect(await overflow(page)).toBe(0);
    await replaceWord(page, answers, 'consultative-body: appointed', 'appointed', 'an-answer-that-is-not-an-option-of-this-question-at-all');
    await page.locator('#diagnostics li.error').first().waitFor({ timeout: 10_000 });
    expect(await overflow(page)).toBe(0);
    await page.locator('#preset').selectOption('mipex-family-reunion');
    await page.locator('#summary', { hasText: 'No problems found.' }).waitFor({ timeout: 10_000 });
    expect(await overflow(page)).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
