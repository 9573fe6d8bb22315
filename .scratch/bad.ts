import { loadRubric } from '../src/rubric/load.ts';
import { loadAnswerSet } from '../src/answers/load.ts';
const cases: Record<string,string> = {
  brackets: '['.repeat(10000) + ']'.repeat(10000),
  bracketsOpen: 'a: ' + '['.repeat(10000),
  nestedMap: Array.from({length: 10000}, (_, i) => ' '.repeat(i) + 'a:').join('\n') + ' 1\n',
  flowMap: '{a: '.repeat(10000) + '1' + '}'.repeat(10000),
  block1000: Array.from({length: 1000}, (_, i) => ' '.repeat(i) + 'a:').join('\n') + ' 1\n',
  dash: '- '.repeat(10000) + 'x\n',
  flood: ']\n'.repeat(100000),
  ok65: '['.repeat(65) + ']'.repeat(65), ok64: 'a: ' + '['.repeat(63) + ']'.repeat(63),
  bomb: 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n',
  multi: 'a: 1\n---\nb: 2\n',
  binary: '\x00\x01\x02\xff\xfe garbage \u0000\u0007',
  empty: '',
  ws: '   \n\n',
  huge: 'a: ' + 'x'.repeat(5_000_000),
  proto: 'schemaVersion: 1\n__proto__: { polluted: true }\nconstructor: { prototype: { polluted: true } }\n',
  dup: 'a: 1\na: 2\n',
  selfalias: 'a: &x [*x]\n',
  tab: 'a:\n\t- b\n',
  mergekey: 'base: &b { polluted: true }\nx:\n  <<: *b\n',
  nonstr: '? [a, b]\n: v\n',
  tags: 'a: !!binary aGVsbG8=\nb: !!set { x }\nc: !custom 3\n',
  bigint: 'a: 123456789012345678901234567890\n',
  date: 'a: 2001-12-14\n',
};
for (const [k, t] of Object.entries(cases).filter(([k]) => k === process.argv[2])) {
  const t0 = performance.now();
  let r, a;
  try { r = loadRubric(t, { file: 'r.yaml' }); } catch (e) { console.log(k, 'RUBRIC THREW', (e as Error).message.slice(0,100)); }
  try { a = loadAnswerSet(t, { file: 'a.yaml' }); } catch (e) { console.log(k, 'ANSWERS THREW', (e as Error).message.slice(0,100)); }
  console.log(k, Math.round(performance.now()-t0)+'ms', JSON.stringify(r?.diagnostics.map(d => [d.code, d.line, d.column, d.message.slice(0,60)])).slice(0, 400));
}
console.log('polluted', ({} as any).polluted);
