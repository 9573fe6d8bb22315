import { Parser } from 'yaml';
const kind = process.argv[2]; const n = Number(process.argv[3]);
const texts: Record<string, string> = {
  flow: '['.repeat(n) + ']'.repeat(n),
  flowOpen: 'a: ' + '['.repeat(n),
  flowMap: '{a: '.repeat(n) + '1' + '}'.repeat(n),
  block: Array.from({length: n}, (_, i) => ' '.repeat(i) + 'a:').join('\n') + ' 1\n',
  dash: '- '.repeat(n) + 'x\n',
};
const t = texts[kind]!;
const t0 = performance.now();
let max = 0, count = 0;
for (const tok of new Parser().parse(t)) {
  count++;
  // iterative depth walk
  const stack: [any, number][] = [[tok, 0]];
  while (stack.length) {
    const [node, d] = stack.pop()!;
    if (!node || typeof node !== 'object') continue;
    let nd = d;
    if (node.type === 'flow-collection' || node.type === 'block-map' || node.type === 'block-seq') { nd = d + 1; if (nd > max) max = nd; }
    if (node.type === 'document') stack.push([node.value, nd]);
    if (node.items) for (const it of node.items) { if (it.key) stack.push([it.key, nd]); if (it.value) stack.push([it.value, nd]); }
    if (node.value && node.type !== 'document' && typeof node.value === 'object') stack.push([node.value, nd]);
  }
}
console.log(kind, n, 'tokens', count, 'maxDepth', max, Math.round(performance.now()-t0), 'ms');
