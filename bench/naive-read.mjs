// The baseline of bench/index-scale.bench.ts: one Node process that reads every YAML file below
// a folder and parses it with the `yaml` package, nothing more. Prints the number of files.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

let count = 0;
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith('.yaml')) {
      parse(readFileSync(p, 'utf8'));
      count++;
    }
  }
};
walk(process.argv[2]);
console.log(count);
