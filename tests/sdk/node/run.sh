#!/usr/bin/env bash
# Runs the Node SDK black-box tests against the Halftone binary.
#   HALFTONE_BIN  path of the server binary (default: <repo>/target/release/halftone)
# Extra arguments go to `node --test` (e.g. --test-name-pattern='purge').
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../../lib/node-suite.sh
source "$here/../../lib/node-suite.sh"
run_node_suite "$here" "$@"
