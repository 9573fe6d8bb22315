// Generates the report site (MIPEX data when present, else the scorecard fixtures), serves it on
// 127.0.0.1 and checks it in Chromium: no console errors, no request leaving the site, both
// charts drawn with one mark per area and series, the change-attribution contributions adding
// up to the delta, and a screenshot in test-artifacts/. Fails (never skips) without Chromium.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAnswerSetFiles, loadRubricFile } from '../../src/node/files.js';
import { buildSite } from '../../src/report/site.js';
import { launchChromium } from '../helpers/browser.js';
import { serveFolder } from '../helpers/static-server.js';

const ROOT = resolve('.');
const MIPEX = existsSync(join(ROOT, 'rubrics/mipex-2020/index.yaml')) && existsSync(join(ROOT, 'examples/mipex/CA'));
const RUBRIC = MIPEX ? 'rubrics/mipex-2020' : 'examples/demo/rubric';
const ANSWERS = MIPEX ? ['examples/mipex/CA', 'examples/mipex/DE', 'examples/mipex/FR', 'examples/mipex/SE', 'examples/mipex/PT', 'examples/mipex/GB'] : ['test/fixtures/scorecard/answers'];
const COUNTRY = MIPEX ? 'CA' : 'NO';
const ARTIFACTS = resolve('test-artifacts');
/** An exact change as written on the page (`-2.5` or `-10/3`), as a BigInt fraction. */
function fraction(s: string): { n: bigint; d: bigint } {
  if (s.includes('/')) {
    const [n, d] = s.split('/');
    return { n: BigInt(n!), d: BigInt(d!) };
  }
  const neg = s.startsWith('-');
  const [i, f = ''] = s.replace('-', '').split('.');
  return { n: (neg ? -1n : 1n) * BigInt(i! + f), d: 10n ** BigInt(f.length) };
}

let browser: Browser;
let server: Awaited<ReturnType<typeof serveFolder>>;
let areaCount = 0;
let siteDir = '';

beforeAll(async () => {
  const rubric = loadRubricFile(join(ROOT, RUBRIC)).value!;
  const sets = loadAnswerSetFiles(ANSWERS.map((a) => join(ROOT, a))).value!;
  areaCount = rubric.root.children.length;
  const dir = (siteDir = mkdtempSync(join(tmpdir(), 'scorecards-')));
  for (const f of buildSite(rubric, sets, { peers: 'all' }).files) writeFileSync(join(dir, f.path), f.text);
  server = await serveFolder(dir);
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (siteDir) rmSync(siteDir, { recursive: true, force: true });
});

async function open(path: string): Promise<{ page: Page; errors: string[]; outside: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  const outside: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()} ${r.url()}`);
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(server.url + '/') && !r.url().startsWith('data:')) outside.push(r.url());
  });
  // Anything not served by the site itself is blocked and recorded.
  await page.route('**/*', (route) => (route.request().url().startsWith(server.url + '/') || route.request().url().startsWith('data:') ? route.continue() : route.abort()));
  await page.goto(`${server.url}/${path}`, { waitUntil: 'load' });
  return { page, errors, outside };
}

describe('scorecards in a browser', () => {
  it('the index page lists every country with a link that works', async () => {
    const { page, errors, outside } = await open('index.html');
    const rows = await page.locator('table.ranking tbody tr').count();
    expect(rows).toBeGreaterThan(1);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await page.locator(`tr[data-country="${COUNTRY}"] a`).first().click();
    await page.waitForURL(`**/${COUNTRY}.html`);
    expect(await page.locator('h1').textContent()).toBeTruthy();
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.goto(`${server.url}/index.html`);
    await page.screenshot({ path: join(ARTIFACTS, 'scorecards-index.png'), fullPage: true });
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
    await page.close();
  });

  it('a scorecard draws both charts, sums the change attribution, and stays on its own files', async () => {
    const { page, errors, outside } = await open(`${COUNTRY}.html`);
    for (const chart of ['bar', 'radar']) {
      // The desktop layout (a phone layout of each chart is shown below 660 px instead).
      const svg = page.locator(`svg.chart-wide[data-chart="${chart}"]`);
      await expect(svg.isVisible()).resolves.toBe(true);
      expect(await svg.getAttribute('role')).toBe('img');
      expect(await svg.locator('title').first().textContent()).toBeTruthy();
      for (const series of ['country', 'peer']) {
        const marks = svg.locator(`.mark[data-series="${series}"]`);
        expect(await marks.count(), `${chart} ${series}`).toBe(areaCount);
        const areas = await marks.evaluateAll((els) => els.map((e) => e.getAttribute('data-area')));
        expect(new Set(areas).size).toBe(areaCount);
      }
      const box = await svg.boundingBox();
      expect(box!.width).toBeGreaterThan(200);
    }
    // Change attribution: the contributions in the table add up to the total, exactly.
    const table = page.locator('table.attribution');
    expect(await table.count()).toBe(1);
    const contributions = await table.locator('tbody td.contribution').evaluateAll((els) => els.map((e) => e.getAttribute('data-exact') ?? ''));
    const total = await table.locator('tfoot td.total').getAttribute('data-exact');
    expect(total).not.toBe('');
    expect(contributions.length).toBeGreaterThan(0);
    const sum = contributions.reduce((s, c) => {
      const x = fraction(c);
      return { n: s.n * x.d + x.n * s.d, d: s.d * x.d };
    }, { n: 0n, d: 1n });
    const t = fraction(total!);
    expect(sum.n * t.d).toBe(t.n * sum.d);
    expect(await table.getAttribute('data-delta')).toBe(total);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, `scorecard-${COUNTRY}.png`), fullPage: true });
    await page.screenshot({ path: join(ARTIFACTS, `scorecard-${COUNTRY}-top.png`) });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(ARTIFACTS, `scorecard-${COUNTRY}-print.png`) });
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
    await page.close();
  });
});
