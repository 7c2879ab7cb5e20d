#!/usr/bin/env bash
# Runs the browser tests (headless Chromium driven by playwright-core) against the Halftone binary.
#   HALFTONE_BIN  path of the server binary (default: <repo>/target/release/halftone)
#   CHROMIUM_BIN  path of Chromium (default: /usr/bin/chromium, Debian's package)
# Extra arguments go to `node --test` (e.g. --test-name-pattern='upload').
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export CHROMIUM_BIN="${CHROMIUM_BIN:-/usr/bin/chromium}"

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

# shellcheck source=../lib/node-suite.sh
source "$here/../lib/node-suite.sh"
run_node_suite "$here" "$@"
