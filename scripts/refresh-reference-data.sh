#!/usr/bin/env bash
# Regenerates src/main/resources/reference/territory/ (communes, EPCI, départements) from the npm package
# @etalab/decoupage-administratif. Needs node and npm; nothing is installed in the project.
#
#   scripts/refresh-reference-data.sh [version]
#
# Without a version, the one recorded in SOURCE.md (the one currently shipped) is fetched again.
# Commit the result: the Flyway migration R__Territory_reference_data re-runs on the next start because its
# checksum is computed from the CSV contents.
set -euo pipefail

readonly PACKAGE='@etalab/decoupage-administratif'
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly OUTPUT="$root/src/main/resources/reference/territory"

version="${1:-}"
if [[ -z "$version" ]]; then
  if [[ -f "$OUTPUT/SOURCE.md" ]]; then
    version="$(sed -n 's/^- Version: \([0-9][0-9A-Za-z.+-]*\)$/\1/p' "$OUTPUT/SOURCE.md" | head -n 1)"
  fi
  if [[ -z "$version" ]]; then
    echo "No version in $OUTPUT/SOURCE.md: pass one, e.g. $0 6.0.0" >&2
    exit 2
  fi
fi

for tool in node npm tar; do
  command -v "$tool" > /dev/null || { echo "$tool is required" >&2; exit 2; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "Fetching $PACKAGE@$version"
# --ignore-scripts: only the published files are wanted, nothing from the package runs here.
(cd "$work" && npm pack --silent --json --ignore-scripts "$PACKAGE@$version" > pack.json)
tarball="$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))[0].filename)' "$work/pack.json")"
tar -xzf "$work/$tarball" -C "$work"

node "$root/scripts/reference-data.mjs" "$work/package" "$OUTPUT" "$work/pack.json"

# Gzip would only be worth it (and the loader would then have to read .gz) above a few MB.
size="$(wc -c < "$OUTPUT/communes.csv")"
if (( size > 3 * 1024 * 1024 )); then
  echo "warning: communes.csv is now $size bytes; consider shipping it gzipped (the loader reads plain CSV)" >&2
fi

ls -l "$OUTPUT"
