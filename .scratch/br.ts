import { parseAllDocuments } from 'yaml';
import { parseYamlSource } from '../src/source/yaml-source.js';
const n = Number(process.argv[2]);
const t = '['.repeat(n) + ']'.repeat(n);
const d = parseAllDocuments(t, { uniqueKeys: true, prettyErrors: false, strict: true }) as any;
for (const e of d[0].errors) console.log(e.code, e.pos, e.message.length, e.message.slice(0, 200));
const t0 = performance.now();
const r = parseYamlSource(t, 'x.yaml');
console.log(Math.round(performance.now() - t0), r.diagnostics.length, JSON.stringify(r.diagnostics.slice(0,3)).slice(0,300));
