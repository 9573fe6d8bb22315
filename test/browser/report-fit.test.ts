// The MIPEX report fits the screen: the ranking and every scorecard have no horizontal page
// overflow at 1280 and 390 px, chart text is at least 12 px as displayed, the ranking sorts by
// any column under its strict policy, and printed (landscape) the ranking shows every column.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAnswerSetFiles, loadRubricFile } from '../../src/node/files.js';
import { buildSite } from '../../src/report/site.js';
import { launchChromium } from '../helpers/browser.js';
import { serveFolder } from '../helpers/static-server.js';

const ROOT = resolve('.');
let browser: Browser;
let server: Awaited<ReturnType<typeof serveFolder>>;
let dir = '';
let pages: string[] = [];
let columns = 0;

beforeAll(async () => {
  const rubric = loadRubricFile(join(ROOT, 'rubrics/mipex-2020')).value!;
  const sets = loadAnswerSetFiles([join(ROOT, 'examples/mipex')]).value!;
  dir = mkdtempSync(join(tmpdir(), 'report-fit-'));
  const { files } = buildSite(rubric, sets);
  for (const f of files) writeFileSync(join(dir, f.path), f.text);
  pages = files.map((f) => f.path).filter((p) => p.endsWith('.html'));
  columns = 2 + rubric.variants.length + rubric.root.children.length;
  server = await serveFolder(dir);
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe('the MIPEX report fits', () => {
  for (const width of [1280, 390]) {
    it(`no page overflows horizontally at ${width} px`, async () => {
      expect(pages.length).toBeGreaterThan(50);
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const bad: string[] = [];
      for (const p of pages) {
        await page.goto(`${server.url}/${p}`, { waitUntil: 'load' });
        const o = await overflow(page);
        if (o > 0) bad.push(`${p} +${o}px`);
      }
      expect(bad).toEqual([]);
      // Chart text as displayed is at least 12 px.
      await page.goto(`${server.url}/SE.html`, { waitUntil: 'load' });
      const small = await page.evaluate(() =>
        Array.from(document.querySelectorAll('svg text'))
          .map((t) => ({ text: t.textContent ?? '', px: (t as SVGGraphicsElement).getBoundingClientRect().height }))
          .filter((t) => t.text.trim() && t.px > 0 && t.px < 12),
      );
      expect(small.slice(0, 5)).toEqual([]);
      await page.close();
    }, 600_000);
  }

  it('shows every ranking column at 1280 px and sorts by any column', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/index.html`, { waitUntil: 'load' });
    const heads = page.locator('table.ranking[data-sortable] thead th');
    expect(await heads.count()).toBe(columns);
    const outside = await heads.evaluateAll((els) => els.filter((e) => e.getBoundingClientRect().right > window.innerWidth).map((e) => e.textContent));
    expect(outside).toEqual([]);
    // Sort by the last area column, ascending after two clicks.
    const last = heads.nth(columns - 1);
    await last.locator('button').click();
    expect(await last.getAttribute('aria-sort')).toBe('descending');
    const values = await page.locator('table.ranking[data-sortable] tbody tr').evaluateAll((rows, i) => rows.map((r) => parseFloat((r as HTMLTableRowElement).cells[i]!.textContent!)).filter((x) => !Number.isNaN(x)), columns - 1);
    expect(values.length).toBeGreaterThan(10);
    expect([...values].sort((a, b) => b - a)).toEqual(values);
    await last.locator('button').click();
    expect(await last.getAttribute('aria-sort')).toBe('ascending');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('prints the ranking in landscape with every column', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/index.html`, { waitUntil: 'load' });
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: false });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    // The print layout: A4 landscape less margins is about 1009 CSS px wide.
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 1009, height: 700 });
    const fit = await page.evaluate(() => {
      const t = document.querySelector('table.ranking') as HTMLTableElement;
      const heads = Array.from(t.tHead!.rows[0]!.cells);
      return { table: t.getBoundingClientRect().right, width: document.documentElement.clientWidth, hidden: heads.filter((h) => h.getBoundingClientRect().width < 8 || h.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5).length, count: heads.length };
    });
    expect(fit.count).toBe(columns);
    expect(fit.hidden).toBe(0);
    expect(fit.table).toBeLessThanOrEqual(fit.width + 0.5);
    await page.close();
  });
});
