#!/usr/bin/env bash
# Installs the packed package into an empty project, as a user would, and checks the first
# five minutes: the CLI runs, the README's TypeScript snippet runs, the scorecard JSON Schema is
# exported. Prints the installed size and the number of packages installed.
#
#   npm run check:install            (packs first; set TARBALL=<file.tgz> to use a packed one)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tarball="${TARBALL:-}"
if [ -z "$tarball" ]; then
  (cd "$repo" && npm pack --pack-destination "$tmp" --silent >/dev/null)
  tarball=$(ls "$tmp"/*.tgz)
fi
mkdir "$tmp/project"
cd "$tmp/project"
echo '{ "name": "fresh-project", "version": "1.0.0", "private": true, "type": "module" }' > package.json
npm install --no-audit --no-fund --silent "$tarball"

# The CLI answers --help and --version from the installed binary.
npx --no-install policy-index --help | head -n 1 | grep -q '^Usage: policy-index'
npx --no-install policy-index --version >/dev/null
# A bundled rubric and the shipped demo data work from the package folder.
npx --no-install policy-index validate node_modules/policy-index/examples/demo/answers 2>/dev/null

# The README's TypeScript snippet, as a package user would run it.
awk '/^## Use from TypeScript/{f=1} f&&/^```ts$/{c=1;next} c&&/^```$/{exit} c{print}' "$repo/README.md" > snippet.ts
[ -s snippet.ts ] || { echo "check-install: no TypeScript snippet found in README.md" >&2; exit 1; }
out=$("$repo/node_modules/.bin/tsx" snippet.ts)
echo "$out" | grep -q '^66.1$' || { echo "check-install: README snippet printed:" >&2; echo "$out" >&2; exit 1; }

# The scorecard JSON Schema is exported.
node -e 'import("policy-index/schemas/scorecard.schema.json", { with: { type: "json" } }).then((m) => { if (m.default.title !== "policy-index scorecard") process.exit(1); })'

packages=$(find node_modules -name package.json -not -path '*/node_modules/*/node_modules/*/*/package.json' | xargs -n1 dirname | grep -E 'node_modules/(@[^/]+/)?[^/@]+$' | sort -u | wc -l)
size=$(du -sk node_modules | cut -f1)
echo "check-install: fresh install OK — $packages packages (policy-index included), $(( (size + 512) / 1024 )) MB in node_modules ($size KiB)"
