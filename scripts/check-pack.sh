#!/usr/bin/env bash
# Packs the package and checks the tarball with publint and @arethetypeswrong/cli, then installs
# it into an empty project (scripts/check-install.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
npm pack --pack-destination "$tmp" --silent >/dev/null
tarball=$(ls "$tmp"/*.tgz)
echo "packed $(basename "$tarball") ($(du -h "$tarball" | cut -f1))"
npx --no-install publint run "$tarball" --strict
npx --no-install attw "$tarball" --profile node16 --format table-flipped --exclude-entrypoints ./browser ./browser/all
# ./browser and ./browser/all are ES module bundles for browsers and bundlers (no CommonJS build by design);
# publint above still checks that its files and types exist.
TARBALL="$tarball" bash scripts/check-install.sh
