// Builds the documentation site, serves it on 127.0.0.1 and checks it in Chromium:
// navigation, search, the MIPEX rubric page, the playground, console errors, every link, the
// format reference's layout, the version on every page, plain code blocks and decision tables.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.js';
import { DIAGNOSTIC_CODES, diagnosticDocsUrl, type GroupNode, type QuestionNode } from '../../src/index.js';
import { loadRubricFile } from '../../src/node/index.js';
import { RUN_SOURCES } from '../helpers/run-sources.js';
import { serveFolder } from '../helpers/static-server.js';

const SITE = resolve('site');
let browser: Browser;
let server: Awaited<ReturnType<typeof serveFolder>>;

beforeAll(async () => {
  execFileSync(process.execPath, [...RUN_SOURCES, 'scripts/build-docs.ts'], { stdio: 'pipe' });
  server = await serveFolder(SITE);
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path: string): Promise<{ page: Page; errors: string[]; external: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  const external: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()} ${r.url()}`);
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) external.push(r.url());
  });
  await page.goto(server.url + path);
  await page.waitForLoadState('load');
  return { page, errors, external };
}

describe('documentation site', () => {
  it('opens the home page and navigates to a guide', async () => {
    const { page, errors, external } = await open('/index.html');
    await page.locator('a[href$="Concepts.html"]').first().click();
    await page.waitForURL(/Concepts\.html$/);
    await expect(page.locator('h1').first().textContent()).resolves.toContain('Concepts');
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
    await page.close();
  });

  it('search finds "decision table"', async () => {
    const { page, errors } = await open('/index.html');
    await page.locator('#tsd-search-trigger').click();
    await page.locator('#tsd-search-input').fill('decision table');
    const first = page.locator('#tsd-search-results li').first();
    await first.waitFor({ timeout: 10_000 });
    const texts = await page.locator('#tsd-search-results li').allTextContents();
    expect(texts.join(' | ').toLowerCase()).toContain('decision table');
    expect(errors).toEqual([]);
    mkdirSync('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/docs-search.png' });
    await page.close();
  });

  it('the MIPEX rubric page shows the bb29 decision table', async () => {
    const file = readdirSync(join(SITE, 'documents')).find((f) => /mipex-2020/.test(f));
    expect(file, 'a generated page for the mipex-2020 rubric').toBeDefined();
    const { page, errors } = await open(`/documents/${file}`);
    const heading = page.locator('h3, h4, h5').filter({ hasText: /^bb29 — / }).first();
    await expect(heading.count()).resolves.toBe(1);
    // The first table after the bb29 heading is its decision table: inputs bb29a, bb29b, bb29c.
    const table = heading.locator('xpath=following::table[1]');
    const header = (await table.locator('thead, tr').first().textContent()) ?? '';
    expect(header).toContain('bb29a');
    expect(header).toContain('bb29b');
    expect(header).toContain('bb29c');
    expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(10);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the playground scores the demo, and a diagnostic links to its page in the reference', async () => {
    const { page, errors, external } = await open('/playground/index.html');
    await expect(page.locator('.cm-editor').count()).resolves.toBe(2);
    await page.locator('#headline .variant.chosen .value', { hasText: /^\d/ }).waitFor({ timeout: 10_000 });
    await expect(page.locator('#summary').textContent()).resolves.toBe('No problems found.');
    // Break an answer by typing in its editor: an error, and its reference page opens from the list.
    const line = page.locator('#answers-editor .cm-line', { hasText: 'consultative-body: appointed' }).first();
    await line.click();
    await page.keyboard.press('End');
    await page.keyboard.type('-x');
    const item = page.locator('#diagnostics li.error').first();
    await item.waitFor({ timeout: 10_000 });
    await expect(item.locator('pre').textContent()).resolves.toMatch(/^answers\.yaml:\d+:\d+ error ANSWERS_INVALID_OPTION /);
    mkdirSync('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/docs-playground.png' });
    await item.locator('a.docs').click();
    await page.waitForURL(/Diagnostic_reference\.ANSWERS_INVALID_OPTION\.html$/);
    await expect(page.locator('h1').first().textContent()).resolves.toContain('ANSWERS_INVALID_OPTION');
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
    await page.close();
  });

  it('format reference tables stay inside the content column at 1280 px', async () => {
    const { page, errors } = await open('/documents/Format_reference.html');
    const menu = await page.locator('.page-menu').boundingBox();
    expect(menu, 'the "On this page" menu is shown at 1280 px').not.toBeNull();
    const tables = await page.locator('.col-content table').evaluateAll((els) =>
      els.map((t) => {
        const r = t.getBoundingClientRect();
        return { right: r.right, scroll: t.scrollWidth, client: t.clientWidth, head: t.querySelector('tr')?.textContent ?? '' };
      }),
    );
    expect(tables.length).toBeGreaterThan(20);
    const overlapping = tables.filter((t) => t.right > menu!.x).map((t) => t.head);
    expect(overlapping).toEqual([]);
    // Nothing is cut off or needs scrolling: every table's content fits its width.
    expect(tables.filter((t) => t.scroll > t.client + 1).map((t) => t.head)).toEqual([]);
    // Types are named: no "any" and no anonymous "object" in a type cell.
    const types = await page.locator('.col-content table tbody tr td:nth-child(2)').allTextContents();
    expect(types.filter((t) => /\bany\b|\bobject\b/.test(t))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the package version on every kind of page', async () => {
    const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
    const rubricFile = readdirSync(join(SITE, 'documents')).find((f) => /welcome-demo/.test(f))!;
    for (const path of ['/index.html', '/documents/Concepts.html', '/documents/Diagnostic_reference.YAML_SYNTAX.html', `/documents/${rubricFile}`, '/modules.html']) {
      const { page } = await open(path);
      await expect(page.locator('header .title').first().textContent(), path).resolves.toContain(version);
      await page.close();
    }
  });

  it('a code block without a language is not highlighted as TypeScript', async () => {
    const { page } = await open('/documents/Your_first_rubric.html');
    const blocks = await page.locator('.col-content pre code').evaluateAll((els) =>
      els.map((e) => ({ text: e.textContent ?? '', spans: e.querySelectorAll('span[class^="hl-"]').length })),
    );
    const plain = blocks.find((b) => b.text.includes('error RUBRIC_SCORE_OUT_OF_SCALE'));
    expect(plain, 'the guide shows the diagnostic output in a bare fence').toBeDefined();
    expect(plain!.spans).toBe(0);
    // Blocks with a language still are highlighted, so the check above can tell the difference.
    expect(blocks.find((b) => b.text.includes('schemaVersion: 1'))!.spans).toBeGreaterThan(0);
    await page.close();
  });

  it('a rubric page shows decision tables with option labels, and links its YAML', async () => {
    const rubric = loadRubricFile('examples/demo/rubric').value!;
    const node = [...rubric.nodes.values()].find((n) => n.kind !== 'question' && (n as GroupNode).aggregation.method === 'decision-table') as GroupNode;
    const agg = node.aggregation as Extract<GroupNode['aggregation'], { method: 'decision-table' }>;
    const file = readdirSync(join(SITE, 'documents')).find((f) => /welcome-demo/.test(f))!;
    const { page, errors } = await open(`/documents/${file}`);
    const heading = page.locator('h3, h4, h5').filter({ hasText: new RegExp(`^${node.id} — `) }).first();
    const rows = heading.locator('xpath=following::table[1]').locator('tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(agg.rows.length);
    for (const [i, row] of agg.rows.entries()) {
      const cells = await rows.nth(i).locator('td').allTextContents();
      agg.inputs.forEach((input, k) => {
        const c = row.when[input];
        if (c === undefined || c === '*') return;
        const q = rubric.nodes.get(input) as QuestionNode;
        for (const v of Array.isArray(c) ? c : [c]) {
          const option = q.options.find((o) => (typeof v === 'number' ? o.score === v : o.id === v))!;
          expect(cells[k + 1], `row ${i + 1}, ${input}`).toContain(option.label);
        }
      });
    }
    // The rubric's own files are linked and served.
    const hrefs = await page.locator('.col-content a[href$=".yaml"]').evaluateAll((els) => els.map((e) => (e as HTMLAnchorElement).href));
    expect(hrefs.some((h) => h.endsWith('/rubrics/welcome-demo/index.yaml'))).toBe(true);
    const yaml = await page.request.get(hrefs.find((h) => h.endsWith('/index.yaml'))!);
    expect(await yaml.text()).toBe(readFileSync('examples/demo/rubric/index.yaml', 'utf8'));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('has no broken internal links on any page', () => {
    const pages: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d)) {
        const p = join(d, e);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.html')) pages.push(p);
      }
    };
    walk(SITE);
    expect(pages.length).toBeGreaterThan(50);
    const idsCache = new Map<string, Set<string>>();
    const ids = (file: string) => {
      let s = idsCache.get(file);
      if (!s) {
        s = new Set([...readFileSync(file, 'utf8').matchAll(/\s(?:id|name)="([^"]+)"/g)].map((m) => m[1]!));
        idsCache.set(file, s);
      }
      return s;
    };
    const broken: string[] = [];
    let checked = 0;
    for (const page of pages) {
      const html = readFileSync(page, 'utf8');
      for (const m of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
        const raw = m[1]!.replace(/&amp;/g, '&');
        if (!raw || /^(https?:|mailto:|data:|javascript:)/i.test(raw)) continue;
        checked++;
        const [pathPart, hash] = raw.split('#') as [string, string | undefined];
        const target = pathPart === '' ? page : resolve(dirname(page), decodeURIComponent(pathPart));
        const file = existsSync(target) && statSync(target).isDirectory() ? join(target, 'index.html') : target;
        if (!existsSync(file)) {
          broken.push(`${page.slice(SITE.length)} → ${raw}`);
          continue;
        }
        if (hash && file.endsWith('.html') && !ids(file).has(decodeURIComponent(hash)) && !/^icon-/.test(hash)) {
          broken.push(`${page.slice(SITE.length)} → ${raw} (no such anchor)`);
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
    // The CLI links every diagnostic to its page: each of those pages exists.
    for (const code of Object.keys(DIAGNOSTIC_CODES)) {
      const page = diagnosticDocsUrl(code, 'https://docs.invalid/').replace('https://docs.invalid/', '');
      if (!existsSync(join(SITE, page))) broken.push(`diagnostic link ${page}`);
    }
    expect(broken.slice(0, 20)).toEqual([]);
  });
});
