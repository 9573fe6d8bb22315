/**
 * Self-contained HTML pages: a country scorecard and an index page with the ranking of all
 * countries. Pages carry their CSS and SVG charts inline, load nothing from elsewhere (a
 * Content-Security-Policy forbids it), need no scripts, print well, and escape every piece of
 * text that comes from a rubric or an answer set. The same model always gives the same bytes.
 *
 * @module
 */
import { escapeHtml as h, safeUrl } from './escape.js';
import type { IndexModel, NodeCard, Scorecard } from './model.js';
import { barChartSvg, lineChartSvg, radarChartSvg } from './svg.js';

/** The Content-Security-Policy every page carries. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/**
 * The one script of the index page: makes every column of the ranking sortable (a button in
 * each header; missing values stay last). Allowed by the page's policy through its hash only.
 * Text columns sort with the reader's own `localeCompare`: this is a sort the reader asks for in
 * the browser, of names as displayed, so it follows the reader's language; the page's HTML (the
 * row order as written, by rank) is the same everywhere.
 */
export const RANKING_SORT_SCRIPT = 'document.querySelectorAll(\'table.ranking[data-sortable]\').forEach(function(t){var b=t.tBodies[0];var hs=t.tHead.rows[0].cells;Array.prototype.forEach.call(hs,function(th,i){var btn=document.createElement(\'button\');btn.type=\'button\';while(th.firstChild)btn.appendChild(th.firstChild);th.appendChild(btn);btn.addEventListener(\'click\',function(){var d=th.getAttribute(\'aria-sort\')===\'descending\'?\'ascending\':\'descending\';Array.prototype.forEach.call(hs,function(x){x.removeAttribute(\'aria-sort\')});th.setAttribute(\'aria-sort\',d);var key=function(r){var c=r.cells[i];return c?(c.getAttribute(\'data-sort\')||c.textContent.trim()):\'\'};var rows=Array.prototype.slice.call(b.rows);rows.sort(function(r1,r2){var a=key(r1),c=key(r2),x=parseFloat(a),y=parseFloat(c),m1=isNaN(x),m2=isNaN(y);if(m1&&m2){var s=a.localeCompare(c);return d===\'ascending\'?s:-s}if(m1)return 1;if(m2)return -1;return d===\'ascending\'?x-y:y-x});rows.forEach(function(r){b.appendChild(r)})})})});';

/** The SHA-256 of {@link RANKING_SORT_SCRIPT} (base64), as the index page's policy names it; a test checks it. */
export const RANKING_SORT_SCRIPT_SHA256 = 'GInj/hy/aqXThYmrEVJqPoP9sqg6QZhgWgT+Js0KsSM=';

/** The Content-Security-Policy of the index page: the scorecard policy plus that one script, by hash. */
export const INDEX_CONTENT_SECURITY_POLICY = `${CONTENT_SECURITY_POLICY}; script-src 'sha256-${RANKING_SORT_SCRIPT_SHA256}'`;

/** Options for the HTML renderers. */
export interface HtmlOptions {
  /** Language of the page (default `en`). */
  lang?: string;
  /** Link back to the index page (default `index.html`; empty string: no link). */
  indexHref?: string;
}

const CSS = `
:root{--ink:#1f2933;--muted:#52606d;--line:#d9dee4;--soft:#f4f6f8;--brand:#0b3d62;--accent:#0072B2;--peer:#E69F00;--up:#00734d;--down:#b3261e}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;color:var(--ink);background:#fff;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
a{color:var(--accent)}
a:focus-visible{outline:3px solid var(--peer);outline-offset:2px}
.masthead{background:var(--brand);color:#fff;padding:18px 0 22px;border-bottom:4px solid var(--peer)}
.masthead a{color:#fff}
.wrap{max-width:1120px;margin:0 auto;padding:0 24px}
.kicker{margin:0;font-size:13px;letter-spacing:.06em;text-transform:uppercase;opacity:.85}
.masthead h1{margin:4px 0 2px;font:700 34px/1.15 Georgia,"Times New Roman",serif}
.masthead p.sub{margin:0;font-size:15px;opacity:.92}
nav.crumbs{font-size:13px;margin-bottom:8px}
main{padding:8px 0 40px}
section{margin:30px 0}
h2{font:700 22px/1.25 Georgia,"Times New Roman",serif;margin:0 0 12px;padding-bottom:6px;border-bottom:2px solid var(--ink)}
h3{font-size:17px;margin:22px 0 6px}
p.lede{font-size:16px;max-width:70ch}
.note{color:var(--muted);font-size:13px}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:14px}
.figure-card{border:1px solid var(--line);border-top:4px solid var(--accent);padding:12px 14px;background:#fff}
.figure-card.secondary{border-top-color:#9aa5b1}
.figure-card h3{margin:0 0 4px;font-size:13px;font-weight:600;color:var(--muted);text-transform:uppercase;letter-spacing:.03em}
.figure-card .big{font:700 42px/1 Georgia,"Times New Roman",serif}
.figure-card .scale{font-size:16px;color:var(--muted);font-weight:400}
.figure-card dl{margin:8px 0 0;display:grid;grid-template-columns:auto 1fr;gap:2px 10px;font-size:13.5px}
.figure-card dt{color:var(--muted)}
.figure-card dd{margin:0;font-weight:600}
.up{color:var(--up)}.down{color:var(--down)}
.charts{display:grid;grid-template-columns:minmax(0,1fr);gap:24px;align-items:start}
.table-scroll{overflow-x:auto;max-width:100%}
.evidence,.evidence a{overflow-wrap:anywhere}
td,th{overflow-wrap:break-word;word-break:normal;hyphens:manual}
thead th{overflow-wrap:normal}
a.url{word-break:break-all}
.ranking{font-size:13px}
.ranking th,.ranking td{padding:6px 5px}
.ranking thead th{white-space:normal;line-height:1.2}
.ranking .country{min-width:9em;overflow-wrap:normal}
.ranking .rank,.ranking .country{position:sticky;background:#fff;z-index:1}
.ranking .rank{left:0}
.ranking .country{left:3.2em}
.ranking thead th[aria-sort] button,.ranking thead th button{all:unset;cursor:pointer;display:block}
.ranking thead th button:focus-visible{outline:3px solid var(--peer)}
.ranking thead th[aria-sort="ascending"] button::after{content:" ▲"}
.ranking thead th[aria-sort="descending"] button::after{content:" ▼"}
.wrap.wide{max-width:1280px}
table.indicators{min-width:36em}
table.indicators col.c-ind{width:27%}table.indicators col.c-ans{width:25%}table.indicators col.c-score{width:11%}table.indicators col.c-ev{width:37%}
tr.group td{background:var(--soft)}
figure{margin:0;max-width:100%;min-width:0}
svg.chart{width:100%;height:auto;display:block}
svg.chart-narrow{display:none}
figcaption{font-size:13px;color:var(--muted);margin-top:6px}
.sw{display:grid;grid-template-columns:1fr 1fr;gap:18px}
.sw ul{margin:0;padding-left:18px}
.sw li{margin:4px 0}
.sw h3{margin-top:0}
table{border-collapse:collapse;width:100%;font-size:14px;margin:8px 0 4px}
caption{text-align:left;font-weight:600;padding:4px 0 8px;color:var(--muted);font-size:13.5px}
th,td{padding:7px 8px;border-bottom:1px solid var(--line);vertical-align:top;text-align:left}
thead th{border-bottom:2px solid var(--ink);font-size:12.5px;text-transform:uppercase;letter-spacing:.03em;color:var(--muted);vertical-align:bottom}
tbody th{font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tfoot th,tfoot td{border-top:2px solid var(--ink);border-bottom:none;font-weight:700}
tr.dim th{background:var(--soft);font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
tr.group th{background:var(--soft)}
tr.sub th{padding-left:26px;font-weight:500}
.how{display:block;font-weight:400;color:var(--muted);font-size:12.5px;margin-top:2px}
.bar{display:inline-block;height:8px;background:var(--accent);vertical-align:middle;margin-left:6px;border-radius:1px}
.bar-track{display:inline-block;width:64px;height:8px;background:#e4e8ec;vertical-align:middle;margin-left:8px;position:relative}
.bar-track .bar{position:absolute;left:0;top:0;margin:0}
.evidence{font-size:13px}
.evidence ul{margin:0;padding-left:16px}
.evidence p{margin:2px 0}
.badge{display:inline-block;font-size:11px;padding:0 6px;border:1px solid var(--line);border-radius:9px;color:var(--muted);text-transform:uppercase;letter-spacing:.03em}
.area-head{display:flex;justify-content:space-between;gap:12px;align-items:baseline;border-bottom:1px solid var(--line);margin-top:28px}
.area-head h3{margin:0 0 4px;font:700 19px/1.3 Georgia,"Times New Roman",serif}
.area-head .score{font:700 24px/1 Georgia,"Times New Roman",serif;white-space:nowrap}
.area-meta{font-size:13.5px;color:var(--muted);margin:6px 0}
.outcomes{border:1px dashed #9aa5b1;padding:14px 16px;background:#fbfbfc}
.outcomes h2{border-bottom-color:#9aa5b1}
.outcome-table .cohort{display:block}
.outcome-table td.gap{white-space:normal;min-width:8em}
.outcome-table th[scope="row"]{min-width:10em}
.ranking .country a{font-weight:600;text-decoration:none}
.ranking .country a:hover{text-decoration:underline}
.ranking thead th{font-size:11.5px}
.ranking td.rank{font-weight:700;width:3.5em}
.ranking td.overall{font-weight:700}
footer{border-top:1px solid var(--line);padding:16px 0 30px;color:var(--muted);font-size:13px}
footer p{margin:4px 0;max-width:90ch}
.print-only{display:none}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:900px){.sw{grid-template-columns:1fr}}
@media (max-width:660px){
  .wrap{padding:0 16px}
  svg.chart-wide{display:none}
  svg.chart-narrow{display:block}
  table.stack{min-width:0}
  table.stack colgroup,table.stack thead{display:none}
  table.stack,table.stack tbody,table.stack tfoot,table.stack tr{display:block;width:100%}
  table.stack tr{border-bottom:1px solid var(--line);padding:8px 0}
  table.stack th,table.stack td{display:block;border:none;padding:2px 0;text-align:left}
  table.stack td.num{text-align:left;white-space:normal}
  table.stack td[data-label]::before{content:attr(data-label) ": ";font-weight:600;color:var(--muted);font-size:12.5px}
  table.stack td:empty{display:none}
  table.stack tr.sub th{padding-left:12px}
}
@media print{
  @page{size:A4;margin:12mm}
  @page ranking{size:A4 landscape;margin:12mm}
  body.index{page:ranking}
  svg.chart-narrow{display:none}
  svg.chart-wide{display:block}
  .screen-only,table.indicators,.area .note,table.attribution,.attribution-note{display:none}
  .print-only{display:block}
  .area{break-inside:avoid}
  .area-head{margin-top:8px}
  .area-head h3{font-size:12pt}
  .area-head .score{font-size:13pt}
  .area-meta{margin:2px 0 4px;font-size:9pt}
  section{margin:12px 0}
  h2{font-size:14pt;margin-bottom:6px}
  .figure-card .big{font-size:26pt}
  .figures{grid-template-columns:repeat(4,1fr);gap:8px}
  .figure-card{padding:6px 8px}
  .sw li{margin:1px 0}
  footer{padding:6px 0 0;font-size:8pt}
  footer p{margin:1px 0}
  .outcomes{padding:6px 8px}
  body{font-size:10pt;color:#000}
  .table-scroll{overflow:visible}
  .ranking{font-size:7.5pt;table-layout:fixed;width:100%}
  .ranking th,.ranking td{padding:2px 3px}
  .ranking .rank,.ranking .country{position:static}
  .ranking .bar-track{display:none}
  .masthead{background:none;color:#000;border-bottom:2px solid #000;padding:0 0 8px}
  .masthead a{color:#000}
  nav.crumbs{display:none}
  .wrap{max-width:none;padding:0}
  figure,tr,.figure-card{break-inside:avoid}
  h2,h3{break-after:avoid}
  a{color:#000;text-decoration:none}
  .charts{grid-template-columns:1fr 1fr}
  figure svg{max-width:100%}
  .outcomes{background:none}
}
`.trim();

function page(title: string, lang: string, body: string, csp: string = CONTENT_SECURITY_POLICY, bodyClass = ''): string {
  return (
    `<!DOCTYPE html>\n<html lang="${h(lang)}">\n<head>\n<meta charset="utf-8">\n` +
    `<meta http-equiv="Content-Security-Policy" content="${csp}">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<meta name="referrer" content="no-referrer">\n` +
    `<link rel="icon" href="data:,">\n` +
    `<title>${h(title)}</title>\n<style>\n${CSS}\n</style>\n</head>\n<body${bodyClass ? ` class="${bodyClass}"` : ''}>\n${body}</body>\n</html>\n`
  );
}

const dash = '—';
/** Lower-cases the first letter unless the word is an acronym (`All countries` → `all countries`, `EU …` kept). */
const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);
/** A peer label without its count: `All countries (56)` → `All countries`. */
const bareLabel = (s: string) => s.replace(/ \(\d+\)$/, '');
const show = (s: string | null | undefined) => (s === null || s === undefined ? dash : s);

function signClass(display: string | null): string {
  if (!display) return '';
  if (display.startsWith('+')) return ' class="up"';
  if (display.startsWith('−') || display.startsWith('-')) return ' class="down"';
  return '';
}

function miniBar(value: number | null, max: number, min = 0): string {
  if (value === null) return '';
  const pct = Math.max(0, Math.min(100, ((value - min) / (max - min)) * 100));
  return `<span class="bar-track" aria-hidden="true"><span class="bar" style="width:${pct.toFixed(1)}%"></span></span>`;
}

function citationHtml(c: { act?: string; article?: string; url?: string; note?: string }): string {
  const text = [c.act, c.article].filter(Boolean).join(', ') || c.url || '';
  const url = safeUrl(c.url);
  const main = url ? `<a class="url" href="${h(url)}" rel="noopener noreferrer">${h(text)}</a>` : h(text);
  return `<li>${main}${c.note ? ` — ${h(c.note)}` : ''}</li>`;
}

function evidenceHtml(n: NodeCard): string {
  const a = n.answer;
  if (!a) return '';
  const e = a.evidence;
  let out = '';
  if (e.citations.length) out += `<ul>${e.citations.map(citationHtml).join('')}</ul>`;
  if (e.comment) out += `<p>${h(e.comment)}</p>`;
  const src = safeUrl(e.sourceUrl);
  // Each URL once: a source URL that a citation already links is not repeated.
  if (src && !e.citations.some((c) => safeUrl(c.url) === src)) out += `<p><a class="url" href="${h(src)}" rel="noopener noreferrer">Source</a></p>`;
  const who = [e.answeredBy ? `answered by ${e.answeredBy}` : '', e.reviewedBy ? `reviewed by ${e.reviewedBy}` : ''].filter(Boolean).join('; ');
  if (who) out += `<p class="note">${h(who)}</p>`;
  if (e.status) out += `<span class="badge">${h(e.status)}</span>`;
  return out;
}

function answerHtml(n: NodeCard): string {
  const a = n.answer;
  if (!a) return dash;
  let out = a.status === 'answered' ? h(a.label) : `<em>${h(a.label)}</em>`;
  if (a.matched) out += `<span class="how">${h(a.matched)}</span>`;
  if (a.regions?.length) out += `<span class="how">${a.regions.map((r) => `${h(r.region)}: ${h(r.label)}`).join('; ')}</span>`;
  if (n.status !== 'scored' && n.reason) out += `<span class="how">${h(n.reason)}</span>`;
  return out;
}

function scoreCell(n: NodeCard, max: number, min: number): string {
  if (n.status === 'scored') return `<td class="num" data-label="Score">${h(n.display)}${miniBar(n.value, max, min)}</td>`;
  return `<td class="num" data-label="Score">${n.status === 'not-applicable' ? 'n/a' : dash}</td>`;
}

/** Table rows for the parts of an area (dimensions, indicators, questions). */
function nodeRows(nodes: readonly NodeCard[], card: Scorecard, depth: number): string {
  const { max, min } = card.rubric.scale;
  let out = '';
  let lastDim: string | undefined;
  for (const n of nodes) {
    if (n.dimension !== undefined && n.dimension !== lastDim && depth === 0) {
      out += `<tr class="dim"><th scope="rowgroup" colspan="4">${h(n.dimension)}</th></tr>`;
    }
    lastDim = n.dimension;
    const sub = depth > 0 ? ' sub' : '';
    const notIn = n.handling === 'not-in-variant' ? ' <span class="badge">not in variant</span>' : '';
    if (n.level === 'dimension' && n.children.length) {
      out += `<tr class="group"><th scope="rowgroup" colspan="2">${h(n.title)}${n.derivation ? `<span class="how">${h(n.derivation.text)}</span>` : ''}</th>${scoreCell(n, max, min)}<td></td></tr>`;
      out += nodeRows(n.children, card, depth + 1);
    } else if (n.children.length) {
      // A composite indicator: how it is derived, then its questions.
      out += `<tr class="composite${sub}"><th scope="row">${h(n.title)}${notIn}</th><td data-label="How">${n.derivation ? `<span class="how">${h(n.derivation.text)}</span>` : dash}</td>${scoreCell(n, max, min)}<td class="evidence"></td></tr>`;
      out += nodeRows(n.children, card, depth + 1);
    } else {
      out += `<tr class="${sub.trim() || 'leaf'}"><th scope="row">${h(n.title)}</th><td data-label="Answer">${answerHtml(n)}</td>${scoreCell(n, max, min)}<td class="evidence" data-label="Evidence">${evidenceHtml(n)}</td></tr>`;
    }
  }
  return out;
}

/** The drawing width of the phone layout of a chart (shown below 660 px; the wide one above). */
const NARROW = 360;

function chartsHtml(card: Scorecard): string {
  const categories = card.areas.map((a) => ({ id: a.node.id, label: a.node.shortTitle ?? a.node.title }));
  const series = card.series.map((s) => ({ id: s.id, label: s.label, values: s.values.map((v) => v.value), displays: s.values.map((v) => v.display) }));
  const common = { categories, series, min: card.rubric.scale.min, max: card.rubric.scale.max, decimals: card.rubric.precision, idPrefix: `sc-${card.country.code}` };
  const barTitle = `${card.country.name}: scores by policy area, ${card.year}, compared with the average of ${lowerFirst(card.peers.label)}`;
  const radarTitle = `${card.country.name}: profile across policy areas, ${card.year}`;
  const narrow = { width: NARROW, idPrefix: `${common.idPrefix}-narrow`, className: 'chart-narrow' };
  const bar = barChartSvg({ ...common, title: barTitle, className: 'chart-wide' }) + barChartSvg({ ...common, ...narrow, title: barTitle });
  const radar = radarChartSvg({ ...common, title: radarTitle, className: 'chart-wide' }) + radarChartSvg({ ...common, ...narrow, title: radarTitle });
  return (
    `<section aria-labelledby="charts-h"><h2 id="charts-h">Scores by policy area</h2>` +
    `<div class="charts"><figure>${bar}<figcaption>Area scores of ${h(card.country.name)} (blue) and the average of ${h(lowerFirst(card.peers.label))} (orange), ${card.year}. Scale ${card.rubric.scale.min}–${card.rubric.scale.max}${card.rubric.highMeans ? `: higher is ${h(card.rubric.highMeans)}` : ''}. An area without a score is drawn as an empty dashed outline.</figcaption></figure>` +
    `<figure>${radar}<figcaption>The same scores as a profile: the solid line is ${h(card.country.name)}, the dashed line the peer average.</figcaption></figure></div></section>\n`
  );
}

/** A rank as every part of a page says it: among which units and in which year (`=7 of 56 countries in 2019`). */
function rankText(c: { rankLabel: string; of: number }, card: Scorecard): string {
  return `${h(c.rankLabel)} of ${c.of} ${h(c.of === 1 ? (card.rubric.unitNoun ?? 'country') : (card.rubric.unitNounPlural ?? 'countries'))} in ${card.year}`;
}

/** The variant a page leads with (see `Scorecard.measure`). */
function headlineOf(card: Scorecard): Scorecard['overall'][number] | undefined {
  return card.overall.find((o) => o.variant === card.measure?.variant) ?? card.overall.find((o) => o.default) ?? card.overall[0];
}

function keyFiguresHtml(card: Scorecard): string {
  const scale = `<span class="scale">/${card.rubric.scale.max}</span>`;
  const cards = card.overall.map((o) => {
    const c = o.comparison;
    const rows =
      o.status === 'scored'
        ? `<dt>Rank</dt><dd>${rankText(c, card)}</dd><dt>Peer average</dt><dd>${h(show(c.peer.display))}${c.differenceDisplay ? ` <span${signClass(c.differenceDisplay)}>(${h(c.differenceDisplay)})</span>` : ''}</dd>`
        : `<dt>Status</dt><dd>not scored</dd>${o.reason ? `<dt>Why</dt><dd>${h(o.reason)}</dd>` : ''}`;
    return `<div class="figure-card${o.variant === headlineOf(card)?.variant ? ' headline' : ' secondary'}" data-variant="${h(o.variant)}"><h3>${h(o.title)}</h3><div class="big">${h(show(o.display))}${o.status === 'scored' ? scale : ''}</div><dl>${rows}</dl></div>`;
  });
  if (card.change && card.change.overall.deltaDisplay !== null) {
    const ch = card.change;
    cards.push(
      `<div class="figure-card secondary"><h3>Change since ${ch.fromYear}</h3><div class="big"><span${signClass(ch.overall.deltaDisplay)}>${h(ch.overall.deltaDisplay)}</span></div><dl><dt>Score</dt><dd>${h(show(ch.overall.fromDisplay))} → ${h(show(ch.overall.toDisplay))}</dd><dt>Answers changed</dt><dd>${ch.changes.length}</dd></dl><p class="note">${h(ch.variantTitle)}</p></div>`,
    );
  }
  const note = card.measure?.note ? `<p class="note measure-note">${h(card.measure.note)}</p>` : '';
  return `<section aria-labelledby="summary-h"><h2 id="summary-h">At a glance</h2><div class="figures">${cards.join('')}</div>${note}</section>\n`;
}

function strengthsHtml(card: Scorecard): string {
  const item = (d: Scorecard['strengths'][number]) =>
    `<li><strong>${h(d.title)}</strong>: ${h(d.display)} against ${h(d.peerDisplay)} <span${signClass(d.differenceDisplay)}>(${h(d.differenceDisplay)})</span></li>`;
  const list = (xs: Scorecard['strengths'], none: string) => (xs.length ? `<ul>${xs.map(item).join('')}</ul>` : `<p class="note">${none}</p>`);
  return (
    `<section aria-labelledby="sw-h"><h2 id="sw-h">Strengths and weaknesses</h2><p class="note">Areas furthest above and below the average of ${h(lowerFirst(card.peers.label))} in ${card.year}.</p>` +
    `<div class="sw"><div><h3>Strengths</h3>${list(card.strengths, 'No area is above the peer average.')}</div><div><h3>Weaknesses</h3>${list(card.weaknesses, 'No area is below the peer average.')}</div></div></section>\n`
  );
}

function trendHtml(card: Scorecard): string {
  const t = card.trend;
  if (!t) return '';
  const broken = t.peerMode === 'broken';
  const peerLabel = `Average, ${lowerFirst(bareLabel(card.peers.label))}${broken ? '' : ` (same ${t.members?.length ?? 0} in every year)`}`;
  const line = (width: number, className: string, idPrefix: string) => lineChartSvg({
    width,
    className,
    axisTitle: 'Score',
    title: `${card.country.name}: ${t.variantTitle}, ${t.points[0]!.year}–${t.points[t.points.length - 1]!.year}`,
    series: [
      { id: 'country', label: card.country.name, points: t.points.map((p) => ({ year: p.year, value: p.value, display: p.display })) },
      { id: 'peer', label: peerLabel, points: t.points.map((p) => ({ year: p.year, value: p.peer.value, display: p.peer.display, ...(broken ? { segment: p.segment ?? 0, n: p.peer.count } : {}) })) },
    ],
    min: card.rubric.scale.min,
    max: card.rubric.scale.max,
    decimals: card.rubric.precision,
    idPrefix,
  });
  const chart = line(640, 'chart-wide', `sc-${card.country.code}`) + line(NARROW, 'chart-narrow', `sc-${card.country.code}-narrow`);
  const how = broken
    ? `No two ${h(card.rubric.unitNounPlural ?? 'countries')} of the peer group have a score in every year shown, so the peer line averages the ${h(card.rubric.unitNounPlural ?? 'countries')} present each year; it breaks wherever that set changes, and n gives its size.`
    : `The peer average is over the same ${t.members?.length ?? 0} ${h(card.rubric.unitNounPlural ?? 'countries')} in every year (those of the peer group with a score in every year shown).`;
  const unscored = t.points.filter((p) => p.score === null).map((p) => p.year);
  const scoredIn = unscored.length ? `; ${h(card.country.name)} has no score on it in ${unscored.join(', ')}` : ' and scored in every year shown';
  return `<section aria-labelledby="trend-h"><h2 id="trend-h">Trend</h2><figure>${chart}<figcaption>Measure: <strong>${h(t.variantTitle)}</strong>${t.variant === card.measure?.variant ? ', the headline measure of this page' : ' (see the note under “At a glance”)'}${scoredIn}. ${how}</figcaption></figure></section>\n`;
}

function changeHtml(card: Scorecard): string {
  const ch = card.change;
  if (!ch) return '';
  const areaRows = ch.areas
    .map((a) => `<tr data-area="${h(a.id)}"${a.status && a.status !== 'compared' ? ` data-status="${h(a.status)}"` : ''}><th scope="row">${h(a.title)}</th><td class="num">${h(show(a.fromDisplay))}</td><td class="num">${h(show(a.toDisplay))}</td><td class="num">${a.status === 'new' ? '<span class="badge">new</span>' : a.status === 'dropped' ? '<span class="badge">not assessed</span>' : `<span${signClass(a.deltaDisplay)}>${h(show(a.deltaDisplay))}</span>`}</td></tr>`)
    .join('');
  const rows = ch.changes
    .map(
      (c) =>
        `<tr data-question="${h(c.question)}"><td data-label="Area">${h(c.areaTitle)}</td><th scope="row">${h(c.title)}</th><td data-label="${ch.fromYear}">${h(c.from.label)}</td><td data-label="${ch.toYear}">${h(c.to.label)}</td>` +
        `<td class="num" data-label="Area change"><span${signClass(c.areaContributionDisplay)}>${h(show(c.areaContributionDisplay))}</span></td>` +
        `<td class="num contribution" data-label="Contribution to overall" data-exact="${h(c.contribution ?? '')}"><span${signClass(c.contributionDisplay)}>${h(show(c.contributionDisplay))}</span></td></tr>`,
    )
    .join('');
  const explain = `Each changed answer is applied in turn, in rubric order, starting from the ${ch.fromYear} answers; its contribution is the change of the overall score (${h(ch.variantTitle)}) at that step, so the contributions add up exactly to the total change. The area change is the step's change of the indicator's own area; “—” means the area had no score before or after the step.`;
  return (
    `<section aria-labelledby="change-h"><h2 id="change-h">Change since ${ch.fromYear}</h2>` +
    `<div class="table-scroll"><table class="change-areas"><caption>Scores in ${ch.fromYear} and ${ch.toYear}</caption><thead><tr><th scope="col">Area</th><th scope="col" class="num">${ch.fromYear}</th><th scope="col" class="num">${ch.toYear}</th><th scope="col" class="num">Change</th></tr></thead><tbody>` +
    `${ch.variants.map((v) => `<tr class="group"><th scope="row">${h(v.title)}</th><td class="num">${h(show(v.fromDisplay))}</td><td class="num">${h(show(v.toDisplay))}</td><td class="num"><span${signClass(v.deltaDisplay)}>${h(show(v.deltaDisplay))}</span></td></tr>`).join('')}${areaRows}</tbody></table></div>` +
    (ch.changes.length || ch.assessedInOneYear?.count
      ? `<div class="table-scroll"><table class="attribution stack" data-delta="${h(ch.overall.delta ?? '')}"><caption>Answers that changed and what each contributed to the overall score (${h(ch.variantTitle)})</caption><thead><tr><th scope="col">Area</th><th scope="col">Indicator</th><th scope="col">${ch.fromYear}</th><th scope="col">${ch.toYear}</th><th scope="col" class="num">Area change</th><th scope="col" class="num">Contribution to overall</th></tr></thead>` +
        `<tbody>${rows}${ch.assessedInOneYear?.count ? `<tr class="one-sided"><td colspan="5">${ch.assessedInOneYear.count} ${ch.assessedInOneYear.count === 1 ? 'answer' : 'answers'} recorded in only one of the two years (not a change: first assessed or no longer recorded), applied first</td><td class="num contribution" data-exact="${h(ch.assessedInOneYear.contribution ?? '')}"><span${signClass(ch.assessedInOneYear.contributionDisplay)}>${h(show(ch.assessedInOneYear.contributionDisplay))}</span></td></tr>` : ''}</tbody>` +
        `<tfoot><tr><th scope="row" colspan="5">Total change of the overall score${ch.unchangedScore ? ` (${ch.unchangedScore} of the ${ch.changes.length} changed answers did not move it)` : ''}</th><td class="num total" data-exact="${h(ch.overall.delta ?? '')}"><span${signClass(ch.totalContributionDisplay)}>${h(show(ch.totalContributionDisplay))}</span></td></tr></tfoot></table></div>` +
        `<p class="note attribution-note">${explain}</p><p class="note print-only">The answers that changed are listed on screen (not printed).</p>`
      : `<p class="note">No answer changed between ${ch.fromYear} and ${ch.toYear}.</p>`) +
    `</section>\n`
  );
}

function areasHtml(card: Scorecard): string {
  let out = `<section aria-labelledby="areas-h"><h2 id="areas-h">Policy areas in detail</h2><p class="note print-only">Printed: each area's score and rank; every indicator, answer and its evidence is on screen.</p>`;
  for (const a of card.areas) {
    const n = a.node;
    const c = a.comparison;
    const hid = `area-${n.id}`;
    out += `<div class="area" id="${h(hid)}" data-area="${h(n.id)}"><div class="area-head"><h3 id="${h(hid)}-h">${h(n.title)}</h3><span class="score">${n.status === 'scored' ? h(n.display) : n.status === 'not-applicable' ? 'n/a' : dash}</span></div>`;
    const meta: string[] = [];
    if (n.status === 'scored') meta.push(`Rank ${rankText(c, card)}`, `peer average ${h(show(c.peer.display))}${c.differenceDisplay ? ` (<span${signClass(c.differenceDisplay)}>${h(c.differenceDisplay)}</span>)` : ''}`);
    else if (n.reason) meta.push(h(n.reason));
    if (n.derivation) meta.push(h(n.derivation.text));
    out += `<p class="area-meta">${meta.join(' · ')}</p>`;
    if (n.description) out += `<p class="note">${h(n.description)}</p>`;
    out += `<div class="table-scroll"><table class="indicators stack" aria-labelledby="${h(hid)}-h"><colgroup><col class="c-ind"><col class="c-ans"><col class="c-score"><col class="c-ev"></colgroup><thead><tr><th scope="col">Indicator</th><th scope="col">Answer</th><th scope="col" class="num">Score</th><th scope="col">Evidence</th></tr></thead><tbody>${nodeRows(n.children, card, 0)}</tbody></table></div></div>`;
  }
  return out + `</section>\n`;
}

function outcomesHtml(card: Scorecard): string {
  if (card.outcomes === undefined) return '';
  const list = card.outcomes;
  let out = `<section class="outcomes" aria-labelledby="outcomes-h"><h2 id="outcomes-h">Outcomes</h2><p class="note">Descriptive outcome indicators. These figures describe outcomes; they are <strong>not part of any policy score</strong> on this page.</p>`;
  if (!list.length) return out + `<p>No outcome data are attached to this scorecard.</p></section>\n`;
  out += `<div class="table-scroll"><table class="outcome-table stack"><thead><tr><th scope="col">Indicator</th><th scope="col">Year</th><th scope="col">Cohorts</th><th scope="col" class="num">Gap</th><th scope="col">Source</th></tr></thead><tbody>`;
  for (const o of list) {
    const src = safeUrl(o.source.url);
    const srcText = o.source.title ?? o.source.publisher ?? o.source.url ?? '';
    out += `<tr><th scope="row">${h(o.title)} <span class="note">(${h(o.unit)})</span></th><td data-label="Year">${o.year}</td><td data-label="Cohorts">${o.cohorts.map((c) => `<span class="cohort">${h(c.label)}: ${c.value === null ? dash : h(String(c.value))}</span>`).join('')}</td><td class="num gap" data-label="Gap">${o.gap?.value === null || !o.gap ? dash : h(String(o.gap.value))}${o.gap?.label ? `<span class="how">${h(o.gap.label)}</span>` : ''}</td><td data-label="Source">${src ? `<a href="${h(src)}" rel="noopener noreferrer">${h(srcText)}</a>` : h(srcText)}</td></tr>`;
  }
  return out + `</tbody></table></div></section>\n`;
}

function footerHtml(rubric: { id: string; version: string; title: string; citation?: string }, extra: string[], generatedAt?: string): string {
  return (
    `<footer><div class="wrap">` +
    `<p>Scores computed with the rubric <strong>${h(rubric.id)}@${h(rubric.version)}</strong> (${h(rubric.title)}) by policy-index. Scores are exact; figures are rounded for display only.</p>` +
    (rubric.citation ? `<p>Methodology: ${h(rubric.citation)}</p>` : '') +
    extra.map((e) => `<p>${e}</p>`).join('') +
    (generatedAt ? `<p>Generated ${h(generatedAt)}.</p>` : '') +
    `</div></footer>\n`
  );
}

/**
 * Renders a scorecard as a self-contained HTML page.
 *
 * @example
 * ```ts
 * import { renderScorecardHtml } from 'policy-index';
 * declare const card: import('policy-index').Scorecard;
 * const html = renderScorecardHtml(card); // write it to CA.html
 * ```
 */
export function renderScorecardHtml(card: Scorecard, options: HtmlOptions = {}): string {
  const lang = options.lang ?? 'en';
  const indexHref = options.indexHref ?? 'index.html';
  const def = headlineOf(card);
  const head =
    `<header class="masthead"><div class="wrap">` +
    (indexHref ? `<nav class="crumbs" aria-label="Breadcrumb"><a href="${h(indexHref)}">All ${h(card.rubric.unitNounPlural ?? 'countries')}</a></nav>` : '') +
    `<p class="kicker">${h(card.rubric.title)} · ${card.year}</p>` +
    `<h1>${h(card.country.name)}</h1>` +
    `<p class="sub">Policy scorecard for ${card.year}${def && def.status === 'scored' ? ` · ${h(def.title)}: <strong>${h(def.display)}</strong> of ${card.rubric.scale.max}, rank ${rankText(def.comparison, card)}` : ''}</p>` +
    `</div></header>\n`;
  const a = card.answerSet;
  const extra = [
    `Answers: ${h(a.file)}${a.status ? `, status ${h(a.status)}` : ''}; ${a.answered} of ${a.questions} questions answered.${a.answeredBy ? ` Answered by ${h(a.answeredBy)}.` : ''}${a.reviewedBy ? ` Reviewed by ${h(a.reviewedBy)}.` : ''}`,
    ...(a.source ? [`Source of the answers: ${h(a.source)}`] : []),
    ...(a.citation ? [`Cite the answers as: ${h(a.citation)}`] : []),
    `Peer group: ${h(card.peers.label)}, ${card.year}${card.peers.members.length ? ` (${card.peers.members.map(h).join(', ')})` : ''}.`,
  ];
  const body =
    head +
    `<main><div class="wrap">\n` +
    keyFiguresHtml(card) +
    chartsHtml(card) +
    strengthsHtml(card) +
    trendHtml(card) +
    changeHtml(card) +
    areasHtml(card) +
    outcomesHtml(card) +
    `</div></main>\n` +
    footerHtml(card.rubric, extra, card.generatedAt);
  return page(`${card.country.name} ${card.year} — ${card.rubric.title}`, lang, body);
}

/**
 * Renders the index page: every country ranked, with area columns and links to the scorecards.
 *
 * @example
 * ```ts
 * import { renderIndexHtml } from 'policy-index';
 * declare const model: import('policy-index').IndexModel;
 * const html = renderIndexHtml(model); // write it to index.html
 * ```
 */
export function renderIndexHtml(model: IndexModel, options: Pick<HtmlOptions, 'lang'> & { scale?: { min: number; max: number } } = {}): string {
  const lang = options.lang ?? 'en';
  const scale = options.scale ?? { min: 0, max: 100 };
  const unit = model.rubric.unitNoun ?? 'country';
  const units = model.rubric.unitNounPlural ?? 'countries';
  const Unit = unit[0]!.toUpperCase() + unit.slice(1);
  const Units = units[0]!.toUpperCase() + units.slice(1);
  const variantIdx = model.variants.findIndex((v) => v.id === model.variant);
  const others = model.variants.filter((v) => v.id !== model.variant);
  const head =
    `<header class="masthead"><div class="wrap"><p class="kicker">${h(model.rubric.id)}@${h(model.rubric.version)}</p>` +
    `<h1>${h(model.rubric.title)}</h1><p class="sub">${h(Unit)} ranking, ${model.year} · ${h(model.variantTitle)}</p></div></header>\n`;
  const th = (text: string, extra = '') => `<th scope="col"${extra}>${h(text)}</th>`;
  const headerRow =
    `<tr>${th('Rank')}${th(Unit)}${th(model.variantTitle, ' class="num"')}${others.map((v) => th(v.title, ' class="num"')).join('')}${model.areas.map((a) => (a.shortTitle ? `<th scope="col" class="num" title="${h(a.title)}"><abbr title="${h(a.title)}">${h(a.shortTitle)}</abbr></th>` : th(a.title, ' class="num"'))).join('')}</tr>`;
  const rowHtml = (r: IndexModel['rows'][number], withRank: boolean) => {
    const main = r.variants[variantIdx];
    const rest = r.variants.filter((_, i) => i !== variantIdx);
    return (
      `<tr data-country="${h(r.country)}"><td class="rank num"${withRank && r.rank !== null ? ` data-sort="${r.rank}"` : ''}>${withRank ? h(r.rankLabel) : dash}</td>` +
      `<th scope="row" class="country"><a href="${h(r.href)}">${h(r.name)}</a>${withRank ? (r.latestYear !== r.year ? ` <span class="note">(links to its ${r.latestYear} scorecard)</span>` : '') : ` <span class="note">(links to its ${r.latestYear} scorecard)</span>`}</th>` +
      `<td class="num overall">${h(show(main?.display))}${miniBar(main?.value ?? null, scale.max, scale.min)}</td>` +
      rest.map((v) => `<td class="num">${h(show(v.display))}</td>`).join('') +
      r.areas.map((a) => `<td class="num">${h(show(a.display))}</td>`).join('') +
      `</tr>`
    );
  };
  const peerRow =
    `<tr><th scope="row" colspan="2">${h(model.peers.label)} average</th><td class="num">${h(show(model.peers.variants[model.variant]))}</td>` +
    others.map((v) => `<td class="num">${h(show(model.peers.variants[v.id]))}</td>`).join('') +
    model.areas.map((a) => `<td class="num">${h(show(model.peers.areas[a.id]))}</td>`).join('') +
    `</tr>`;
  let main =
    `<section aria-labelledby="ranking-h"><h2 id="ranking-h">Ranking ${model.year}</h2>` +
    `<p class="lede">${model.rows.filter((r) => r.rank !== null).length} ${h(units)} ranked by the ${h(model.variantTitle.toLowerCase())}. ${h(Units)} with equal scores share a rank (shown as =). Select a ${h(unit)} for its full scorecard with every answer and its evidence.</p>` +
    `<div class="table-scroll"><table class="ranking" data-sortable><caption>Scores by ${h(unit)}, ${model.year} (scale ${scale.min}–${scale.max})</caption><thead>${headerRow}</thead><tbody>${model.rows.map((r) => rowHtml(r, true)).join('')}</tbody><tfoot>${peerRow}</tfoot></table></div></section>\n`;
  if (model.others.length) {
    main +=
      `<section aria-labelledby="others-h"><h2 id="others-h">Not assessed in ${model.year}</h2><p class="note">${h(Units)} without data for ${model.year}: not ranked, and never compared with ${model.year}'s ${h(units)}. Each links to its latest scorecard.</p>` +
      `<div class="table-scroll"><table class="ranking others"><thead>${headerRow}</thead><tbody>${model.others.map((r) => rowHtml(r, false)).join('')}</tbody></table></div></section>\n`;
  }
  const body = head + `<main><div class="wrap wide">\n${main}</div></main>\n` + footerHtml(model.rubric, [], model.generatedAt) + `<script>${RANKING_SORT_SCRIPT}</script>\n`;
  return page(`${model.rubric.title} — ranking ${model.year}`, lang, body, INDEX_CONTENT_SECURITY_POLICY, 'index');
}
