// The size budget of the browser build of the core (`policy-index/browser`, built from
// src/core.ts by `npm run build`): at most 300 KB minified and 90 KB gzipped (KB = 1,024 bytes,
// as the build prints sizes). Builds nothing: reads dist/policy-index.browser.js, prints its sizes
// and the biggest contributors (from its source map), and fails when a size is over budget.
//
//   npm run check:size
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const FILE = 'dist/policy-index.browser.js';
const KB = 1024;
const BUDGET = { minified: 300 * KB, gzipped: 90 * KB };

if (!existsSync(FILE)) {
  console.error(`check:size: ${FILE} is missing; run: npm run build`);
  process.exit(1);
}
const code = readFileSync(FILE);
const sizes = { minified: code.length, gzipped: gzipSync(code).length };

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** The fields of one source-map segment (base64 VLQ). */
function decodeSegment(text) {
  const fields = [];
  let value = 0;
  let shift = 0;
  for (const ch of text) {
    const digit = BASE64.indexOf(ch);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return fields;
}

/**
 * Characters of the generated file per contributor (a package under node_modules, else the
 * source's folder), from the source map: each mapped stretch counts for the source it maps to.
 */
function contributors(map, generated) {
  const lines = generated.split('\n');
  const out = new Map();
  let source = 0;
  map.mappings.split(';').forEach((line, lineIndex) => {
    let column = 0;
    const segments = line ? line.split(',').map(decodeSegment) : [];
    segments.forEach((fields, i) => {
      column += fields[0];
      if (fields.length < 4) return;
      source += fields[1];
      const end = i + 1 < segments.length ? column + segments[i + 1][0] : (lines[lineIndex]?.length ?? column);
      const path = map.sources[source] ?? '?';
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
      const key = pkg ? pkg[1] : path.replace(/^(\.\.\/)+/, '').split('/').slice(0, -1).join('/') || path;
      out.set(key, (out.get(key) ?? 0) + (end - column));
    });
  });
  return [...out].sort((a, b) => b[1] - a[1]);
}

const kb = (n) => `${(n / KB).toFixed(1)} KB`;
let over = false;
for (const kind of /** @type {const} */ (['minified', 'gzipped'])) {
  const ok = sizes[kind] <= BUDGET[kind];
  over ||= !ok;
  console.log(`${FILE} ${kind}: ${kb(sizes[kind])} (${sizes[kind]} bytes), budget ${kb(BUDGET[kind])}${ok ? '' : '  OVER BUDGET'}`);
}
if (existsSync(`${FILE}.map`)) {
  const parts = contributors(JSON.parse(readFileSync(`${FILE}.map`, 'utf8')), code.toString('utf8'));
  console.log('biggest contributors (minified):');
  for (const [name, chars] of parts.slice(0, 12)) console.log(`  ${kb(chars).padStart(9)}  ${name}`);
}
if (over) {
  console.error('check:size: the browser build of the core is over its size budget (see above).');
  process.exit(1);
}
