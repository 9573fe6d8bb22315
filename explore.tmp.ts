import { main } from './src/cli/main.js';
const out: string[] = []; const err: string[] = [];
const code = await main(process.argv.slice(2), { stdout: (s) => out.push(s), stderr: (s) => err.push(s), cwd: process.cwd() });
process.stdout.write(out.join('')); process.stderr.write(err.join('')); console.error('exit', code);
