// Adds lock entries for rollup's platform packages of other operating systems and CPUs.
//
// Some registry mirrors serve only the packages of the platforms they were asked for. npm then
// leaves the other platforms' optional packages out of package-lock.json, and `npm ci` refuses
// the lock ("Missing: @rollup/rollup-… from lock file"). The entries added here carry the
// os/cpu/libc restrictions npm would have recorded, so `npm ci` skips them on other platforms,
// and the integrity hash the registry publishes for each (`npm view <name>@<version>
// dist.integrity`), so that `npm ci` checks those tarballs like every other one. (No entry has a
// `resolved` URL: the lock is written with omit-lockfile-registry-resolved, so npm fetches from
// whichever registry is configured.)
//
// Run after changing dependencies: npm install && node scripts/complete-lockfile.mjs
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;
const cpus = { 'arm-eabi': 'arm', arm64: 'arm64', x64: 'x64', 'arm-gnueabihf': 'arm', 'arm-musleabihf': 'arm', 'arm64-gnu': 'arm64', 'arm64-musl': 'arm64', 'loong64-gnu': 'loong64', 'loong64-musl': 'loong64', 'ppc64-gnu': 'ppc64', 'ppc64-musl': 'ppc64', 'riscv64-gnu': 'riscv64', 'riscv64-musl': 'riscv64', 's390x-gnu': 's390x', 'x64-gnu': 'x64', 'x64-musl': 'x64', 'arm64-msvc': 'arm64', 'ia32-msvc': 'ia32', 'x64-msvc': 'x64' };
let added = 0;
for (const [path, meta] of Object.entries(packages)) {
  if (!/(^|\/)node_modules\/rollup$/.test(path)) continue;
  const base = path.slice(0, -'rollup'.length);
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const key = `${base}${name}`;
    if (packages[key] || !name.startsWith('@rollup/rollup-')) continue;
    const [os, ...rest] = name.slice('@rollup/rollup-'.length).split('-');
    const arch = rest.join('-');
    if (!cpus[arch]) continue;
    const entry = { version, cpu: [cpus[arch]], dev: meta.dev, license: 'MIT', optional: true, os: [os] };
    if (!entry.dev) delete entry.dev;
    if (os === 'linux' && arch.endsWith('-gnu')) entry.libc = ['glibc'];
    if (arch.endsWith('-musl')) entry.libc = ['musl'];
    packages[key] = entry;
    added++;
  }
}
// Integrity hashes for every entry that lacks one (the ones added here, or by an older run).
const run = promisify(execFile);
const missing = Object.entries(packages).filter(([path, meta]) => path && !meta.link && !meta.integrity && meta.version);
let failed = 0;
await Promise.all(
  missing.map(async ([path, meta]) => {
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    try {
      const { stdout } = await run('npm', ['view', `${name}@${meta.version}`, 'dist.integrity'], { encoding: 'utf8' });
      const integrity = stdout.trim();
      if (!/^sha512-/.test(integrity)) throw new Error(`no sha512 integrity (${integrity || 'empty'})`);
      // npm writes integrity right after version; keep that order.
      const { version, ...rest } = meta;
      packages[path] = { version, integrity, ...rest };
    } catch (error) {
      failed++;
      console.error(`complete-lockfile: no integrity for ${name}@${meta.version}: ${error.message.split('\n')[0]}`);
    }
  }),
);
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)));
writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`complete-lockfile: added ${added} entr${added === 1 ? 'y' : 'ies'}, integrity for ${missing.length - failed} of ${missing.length} entries without one`);
if (failed) process.exitCode = 1;
