import { parseAllDocuments } from 'yaml';
const n = Number(process.argv[2]);
const t = '['.repeat(n) + ']'.repeat(n);
const t0 = performance.now();
try { const d = parseAllDocuments(t, { uniqueKeys: true, prettyErrors: false, strict: true }); console.log(n, 'ok', Array.isArray(d) ? d[0]?.errors.length : 'x'); } catch (e) { console.log(n, 'threw', (e as Error).message.slice(0, 100)); }
console.log(Math.round(performance.now() - t0), 'ms');
