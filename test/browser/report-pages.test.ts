// The MIPEX report pages agree with themselves and each other and fit phones, desktops and
// paper: at 1280 and 390 px no word breaks inside a table cell, nothing is wider than the
// viewport unless it sits in a scroll box that fits, every delta shown equals the difference of
// the figures shown beside it, a rank says among which units and in which year, the headline,
// change and trend say which measure they use, a chart's legend items never overlap, and a
// MIPEX scorecard prints on at most 4 A4 pages. One site is built for a few countries (ranked
// among all 56) and shared by every test.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comparableVariant } from '../../src/analysis/comparable.js';
import type { CliIO } from '../../src/cli/io.js';
import { loadOutcomeProvider } from '../../src/cli/report-shared.js';
import { trendLines, trendRows } from '../../src/analysis/trend.js';
import { loadAnswerSetFiles, loadRubricFile } from '../../src/node/files.js';
import { buildSite } from '../../src/report/site.js';
import { renderTrend } from '../../src/report/trend.js';
import { scoreAnswerSet } from '../../src/scoring/score.js';
import { launchChromium } from '../helpers/browser.js';
import { serveFolder } from '../helpers/static-server.js';

const ROOT = resolve('.');
/** Jordan and the UAE (their page year is not the ranking year), Belgium and Sweden (the largest cards). */
const COUNTRIES = ['JO', 'AE', 'BE', 'SE'];
const PAGES = ['index.html', ...COUNTRIES.map((c) => `${c}.html`), 'trend.html'];
let browser: Browser;
let server: Awaited<ReturnType<typeof serveFolder>>;
let dir = '';

beforeAll(async () => {
  const rubric = loadRubricFile(join(ROOT, 'rubrics/mipex-2020')).value!;
  const sets = loadAnswerSetFiles([join(ROOT, 'examples/mipex')]).value!;
  dir = mkdtempSync(join(tmpdir(), 'report-pages-'));
  const results = sets.map((s) => scoreAnswerSet(rubric, s, { reportMissing: false }));
  // As the report command builds it: with the outcome data the rubric names.
  const outcomes = loadOutcomeProvider({ cwd: ROOT } as CliIO, undefined, rubric).provider;
  expect(outcomes).toBeDefined();
  const { files } = buildSite(rubric, sets, { results, ...(outcomes ? { outcomes } : {}) });
  for (const f of files) if (PAGES.includes(f.path)) writeFileSync(join(dir, f.path), f.text);
  // The trend command's page, as it renders it: the comparable variant of every answer set.
  const variant = comparableVariant(rubric, results)!;
  const scored = sets.map((s) => scoreAnswerSet(rubric, s, { reportMissing: false, variant }));
  writeFileSync(join(dir, 'trend.html'), renderTrend({ rubric, variant, rows: trendRows(rubric, scored), lines: trendLines(rubric, scored) }, 'html'));
  server = await serveFolder(dir);
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function open(path: string, width: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.goto(`${server.url}/${path}`, { waitUntil: 'load' });
  return page;
}

/** Words of table cells and headers that the browser broke across lines (evidence and URLs may break). */
function brokenWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const cells = Array.from(document.querySelectorAll('th, td')).filter((c) => !c.closest('.evidence') && (c as HTMLElement).getBoundingClientRect().width > 0);
    for (const cell of cells) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if ((node.parentElement as HTMLElement).closest('a.url')) continue;
        const text = node.textContent ?? '';
        // A word: letters between spaces and hyphens or dashes (a line may break after a hyphen).
        for (const m of text.matchAll(/[^\s\-‐–—/]{2,}/g)) {
          const range = document.createRange();
          range.setStart(node, m.index!);
          range.setEnd(node, m.index! + m[0].length);
          const tops = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (tops.size > 1) out.push(m[0]);
        }
      }
    }
    return out;
  });
}

/** Elements that reach past the viewport and are not inside a scroll box that itself fits. */
function clipped(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const out: string[] = [];
    if (document.documentElement.scrollWidth > vw) out.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${vw}`);
    const inScrollBox = (e: Element) => {
      for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if ((o === 'auto' || o === 'scroll') && p.getBoundingClientRect().right <= vw + 1) return true;
      }
      return false;
    };
    for (const e of Array.from(document.body.querySelectorAll('*'))) {
      const r = e.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if ((r.right > vw + 1 || r.left < -1) && !inScrollBox(e)) out.push(`${e.tagName.toLowerCase()}.${(e as HTMLElement).className || ''} ${Math.round(r.left)}–${Math.round(r.right)}`);
    }
    return out.slice(0, 10);
  });
}

/** A figure as shown (`69`, `+18`, `−3.5`, `0`) in hundredths, or null. */
function hundredths(text: string): number | null {
  const t = text.trim().replace('−', '-').replace(/^\+/, '');
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  return Math.round(parseFloat(t) * 100);
}

describe('report pages', () => {
  for (const width of [1280, 390]) {
    it(`no word breaks inside a table cell or header, and nothing is clipped, at ${width} px`, async () => {
      const bad: Record<string, string[]> = {};
      for (const p of PAGES) {
        const page = await open(p, width);
        const broken = await brokenWords(page);
        const clip = await clipped(page);
        if (broken.length) bad[`${p} broken`] = broken.slice(0, 8);
        if (clip.length) bad[`${p} clipped`] = clip;
        // Every visible chart fits the viewport.
        const charts = await page.locator('svg').evaluateAll((els) => els.filter((e) => e.getBoundingClientRect().width > 0).map((e) => e.getBoundingClientRect().right));
        const vw = await page.evaluate(() => document.documentElement.clientWidth);
        if (p !== 'index.html' && charts.some((r) => r > vw + 1)) bad[`${p} chart`] = [String(Math.max(...charts))];
        await page.close();
      }
      expect(bad).toEqual({});
    }, 300_000);
  }

  it('every delta shown is the difference of the figures shown beside it', async () => {
    const checked: string[] = [];
    const wrong: string[] = [];
    const expectDiff = (where: string, after: string, before: string, delta: string) => {
      const a = hundredths(after);
      const b = hundredths(before);
      const d = hundredths(delta);
      if (a === null || b === null || d === null) return;
      checked.push(where);
      if (a - b !== d) wrong.push(`${where}: ${after} − ${before} shown as ${delta}`);
    };
    for (const cc of COUNTRIES) {
      const page = await open(`${cc}.html`, 1280);
      // Key figures: the score, the peer average and their difference.
      for (const card of await page.locator('.figure-card[data-variant]').all()) {
        const big = (await card.locator('.big').textContent())!.replace(/\/\d+$/, '');
        const dds = await card.locator('dd').allTextContents();
        const m = dds.map((t) => t.match(/^(\S+) \((\S+)\)$/)).find(Boolean);
        if (m) expectDiff(`${cc} key figure`, big, m[1]!, m[2]!);
      }
      // The change card: "from → to" and the delta.
      const change = page.locator('.figure-card:not([data-variant])');
      if (await change.count()) {
        const delta = (await change.locator('.big').textContent())!;
        const [from, to] = (await change.locator('dd').first().textContent())!.split('→').map((s) => s.trim());
        expectDiff(`${cc} change card`, to!, from!, delta);
      }
      // The change table: each row's later − earlier.
      for (const row of await page.locator('table.change-areas tbody tr').all()) {
        const cells = await row.locator('td').allTextContents();
        expectDiff(`${cc} change table`, cells[1]!, cells[0]!, cells[2]!);
      }
      // Each area: its score against the peer average.
      for (const area of await page.locator('.area').all()) {
        const score = (await area.locator('.area-head .score').textContent())!;
        const m = (await area.locator('.area-meta').textContent())!.match(/peer average (\S+) \((\S+)\)/);
        if (m) expectDiff(`${cc} area`, score, m[1]!, m[2]!);
      }
      // Strengths and weaknesses: "score against peer (difference)".
      for (const li of await page.locator('.sw li').allTextContents()) {
        const m = li.match(/: (\S+) against (\S+) \((\S+)\)/);
        if (m) expectDiff(`${cc} strength`, m[1]!, m[2]!, m[3]!);
      }
      await page.close();
    }
    expect(wrong).toEqual([]);
    expect(checked.length).toBeGreaterThan(COUNTRIES.length * 15);
  });

  it('a rank says among which units and in which year, the same everywhere; one headline measure, other measures said once', async () => {
    const index = await open('index.html', 1280);
    const rankingYear = Number((await index.locator('#ranking-h').textContent())!.match(/\d{4}/)![0]);
    for (const cc of COUNTRIES) {
      const page = await open(`${cc}.html`, 1280);
      const year = Number((await page.locator('.kicker').textContent())!.match(/(\d{4})$/)![1]);
      const sub = (await page.locator('.masthead .sub').textContent())!;
      const m = sub.match(/· (.+): \d+ of \d+, rank (\S+ of \d+ countries in (\d{4}))$/)!;
      expect(m, sub).toBeTruthy();
      expect(Number(m[3])).toBe(year);
      const headline = page.locator('.figure-card.headline');
      expect(await headline.count()).toBe(1);
      expect(await headline.locator('h3').textContent()).toBe(m[1]);
      expect(await headline.locator('dd').first().textContent()).toBe(m[2]);
      // The index row of this unit: the same rank when it ranks the page's year, else it names the page's year.
      const row = index.locator(`tr[data-country="${cc}"]`);
      const rank = (await row.locator('td.rank').textContent())!;
      if (year === rankingYear) expect(m[2]!.startsWith(`${rank} of `)).toBe(true);
      else expect(await row.locator('th .note').textContent()).toContain(String(year));
      // The change and the trend use the headline measure, or the page says so once.
      const note = await page.locator('.measure-note').allTextContents();
      expect(note.length).toBeLessThanOrEqual(1);
      const changeMeasure = await page.locator('.figure-card:not([data-variant]) p.note').textContent().catch(() => null);
      const trendMeasure = await page.locator('#trend-h + figure figcaption strong').textContent().catch(() => null);
      for (const measure of [changeMeasure, trendMeasure]) {
        if (measure === null || measure === m[1]) continue;
        expect(note[0], `${cc}: ${measure}`).toContain(measure.toLowerCase());
      }
      expect(await page.locator('figcaption').allTextContents()).not.toContainEqual(expect.stringContaining('same on every scorecard'));
      await page.close();
    }
    await index.close();
  });

  it('charts write no value that is missing, and their legend items never overlap', async () => {
    for (const p of [...COUNTRIES.map((c) => `${c}.html`), 'trend.html']) {
      for (const width of [1280, 390]) {
        const page = await open(p, width);
        const problems = await page.evaluate(() => {
          const out: string[] = [];
          for (const svg of Array.from(document.querySelectorAll('svg')).filter((s) => s.getBoundingClientRect().width > 0)) {
            const box = svg.getBoundingClientRect();
            for (const t of Array.from(svg.querySelectorAll('text'))) if (/no score|NaN|undefined/.test(t.textContent ?? '')) out.push(`text "${t.textContent}"`);
            const items = Array.from(svg.querySelectorAll('.legend text')).map((t) => t.getBoundingClientRect());
            items.forEach((a, i) => {
              if (a.right > box.right + 1 || a.left < box.left - 1) out.push(`legend item ${i} outside its chart`);
              items.slice(i + 1).forEach((b, j) => {
                if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) out.push(`legend items ${i} and ${i + j + 1} overlap`);
              });
            });
          }
          return out;
        });
        expect(problems, `${p} at ${width}`).toEqual([]);
        await page.close();
      }
    }
    // The trend page shows figures as the rubric rounds them (exact values stay in csv and json).
    const page = await open('trend.html', 1280);
    expect(await page.locator('body').textContent()).not.toMatch(/\d\.\d{4,}/);
    expect(await page.locator('.legend text').count()).toBeGreaterThan(3);
    await page.close();
  });

  it('a MIPEX scorecard prints on at most 4 A4 pages', async () => {
    const counts: Record<string, number> = {};
    for (const cc of ['BE', 'SE']) {
      const page = await open(`${cc}.html`, 1280);
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
      counts[cc] = (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
      await page.close();
    }
    for (const [cc, n] of Object.entries(counts)) {
      expect(n, cc).toBeGreaterThan(0);
      expect(n, cc).toBeLessThanOrEqual(4);
    }
  }, 120_000);
});
