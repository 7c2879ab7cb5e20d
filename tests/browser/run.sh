#!/usr/bin/env bash
# Runs the browser tests (headless Chromium driven by playwright-core) against the Halftone binary.
#   HALFTONE_BIN  path of the server binary (default: <repo>/target/release/halftone)
#   CHROMIUM_BIN  path of Chromium (default: /usr/bin/chromium, Debian's package)
# Extra arguments go to `node --test` (e.g. --test-name-pattern='upload').
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
export HALFTONE_BIN="${HALFTONE_BIN:-$repo/target/release/halftone}"
export CHROMIUM_BIN="${CHROMIUM_BIN:-/usr/bin/chromium}"

if [[ ! -x "$HALFTONE_BIN" ]]; then
  echo "run.sh: Halftone binary not found or not executable: $HALFTONE_BIN" >&2
  exit 1
fi

# Playwright cannot download a browser here; Debian's Chromium is the one used.
if [[ ! -x "$CHROMIUM_BIN" ]]; then
  if [[ "$CHROMIUM_BIN" == /usr/bin/chromium && "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "run.sh: installing Debian's chromium package" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  else
    echo "run.sh: Chromium not found at $CHROMIUM_BIN." >&2
    echo "  Install it (as root: apt-get install chromium) or set CHROMIUM_BIN to a Chromium binary." >&2
    exit 1
  fi
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
