// Builds the documentation site, serves it on 127.0.0.1 and checks it in Chromium:
// navigation, search, the MIPEX rubric page, the playground, console errors, and every link.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.js';
import { DIAGNOSTIC_CODES, diagnosticDocsUrl } from '../../src/index.js';
import { serveFolder } from '../helpers/static-server.js';

const SITE = resolve('site');
let browser: Browser;
let server: Awaited<ReturnType<typeof serveFolder>>;

beforeAll(async () => {
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-docs.ts'], { stdio: 'pipe' });
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
