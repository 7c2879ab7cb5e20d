#!/usr/bin/env bash
# Runs the Node SDK black-box tests against the Halftone binary.
#   HALFTONE_BIN  path of the server binary (default: <repo>/target/release/halftone)
# Extra arguments go to `node --test` (e.g. --test-name-pattern='purge').
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
export HALFTONE_BIN="${HALFTONE_BIN:-$repo/target/release/halftone}"

if [[ ! -x "$HALFTONE_BIN" ]]; then
  echo "run.sh: Halftone binary not found or not executable: $HALFTONE_BIN" >&2
  exit 1
fi

cd "$here"

# (Re)install when node_modules is missing or older than the manifest/lock file.
stamp="node_modules/.package-lock.json"
if [[ ! -f "$stamp" || package-lock.json -nt "$stamp" || package.json -nt "$stamp" ]]; then
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi

shopt -s nullglob
tests=(./*.test.mjs)
if (( ${#tests[@]} == 0 )); then
  echo "run.sh: no test files found in $here" >&2
  exit 1
fi

exec node --test --test-reporter=spec "$@" "${tests[@]}"
