# Sourced by the Node-based suites' run.sh (tests/sdk/node, tests/browser):
#   run_node_suite DIR [node --test arguments...]
# checks the Halftone binary ($HALFTONE_BIN, default <repo>/target/release/halftone), installs
# DIR's npm packages when node_modules is missing or older than the manifest/lock file, then
# replaces the shell with `node --test` over DIR's *.test.mjs files.

run_node_suite() {
  local dir="$1"
  shift
  local repo
  repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  export HALFTONE_BIN="${HALFTONE_BIN:-$repo/target/release/halftone}"
  if [[ ! -x "$HALFTONE_BIN" ]]; then
    echo "run.sh: Halftone binary not found or not executable: $HALFTONE_BIN" >&2
    exit 1
  fi

  cd "$dir"
  local stamp="node_modules/.package-lock.json"
  if [[ ! -f "$stamp" || package-lock.json -nt "$stamp" || package.json -nt "$stamp" ]]; then
    npm ci --no-audit --no-fund --loglevel=error >/dev/null
  fi

  shopt -s nullglob
  local tests=(./*.test.mjs)
  if (( ${#tests[@]} == 0 )); then
    echo "run.sh: no test files found in $dir" >&2
    exit 1
  fi
  exec node --test --test-reporter=spec "$@" "${tests[@]}"
}
