#!/usr/bin/env bash
# Python black-box suite for halftone: the official imagekitio SDKs (5.x and 4.x) and raw-HTTP
# replays of the other clients, against the real binary.
#
#   HALFTONE_BIN=/path/to/halftone bash tests/sdk/python/run.sh [extra pytest args]
#
# Creates tests/sdk/python/.venv5 and .venv4 on first use (pinned versions from PyPI), then runs
#   .venv5: v5/ and wire/      .venv4: v4/
# All runs happen; the script fails if any of them failed. HALFTONE_PYTHON_SUITES=v5 runs the
# first only (scripts/test's distributed pass).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../../.." && pwd)"
export HALFTONE_BIN="${HALFTONE_BIN:-$REPO/target/release/halftone}"
PYTHON="${PYTHON:-python3}"

IMAGEKIT5="imagekitio==5.11.0"
IMAGEKIT4="imagekitio==4.2.0"
COMMON=("pytest==9.2.0" "requests==2.34.2")
PILLOW="pillow==13.0.0"   # .venv5 only: the delivery tests decode rendered images

ensure_venv() {  # <dir> <packages...>
  local dir="$1"; shift
  local stamp="$dir/.installed"
  local want="$*"
  if [[ -x "$dir/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    return 0
  fi
  echo "python suite: preparing $(basename "$dir") ($want)"
  [[ -x "$dir/bin/python" ]] || "$PYTHON" -m venv "$dir"
  "$dir/bin/python" -m pip install --quiet --disable-pip-version-check "$@"
  echo "$want" > "$stamp"
}

if [[ ! -x "$HALFTONE_BIN" ]]; then
  echo "python suite: halftone binary not found or not executable: $HALFTONE_BIN" >&2
  exit 1
fi

SUITES="${HALFTONE_PYTHON_SUITES:-v5 v4}"
MODE="${HALFTONE_TEST_MODE:-embedded}"
if [[ " $SUITES " == *" v5 "* ]]; then ensure_venv "$HERE/.venv5" "$IMAGEKIT5" "${COMMON[@]}" "$PILLOW"; fi
if [[ " $SUITES " == *" v4 "* ]]; then ensure_venv "$HERE/.venv4" "$IMAGEKIT4" "${COMMON[@]}"; fi

export PYTHONDONTWRITEBYTECODE=1
PYTEST_ARGS=(-p no:cacheprovider -q "$@")
status=0

cd "$HERE"
if [[ " $SUITES " == *" v5 "* ]]; then
  echo "== imagekitio 5.x + wire replays ($MODE) =="
  "$HERE/.venv5/bin/python" -m pytest "${PYTEST_ARGS[@]}" v5 wire || status=1
fi
if [[ " $SUITES " == *" v4 "* ]]; then
  echo "== imagekitio 4.x ($MODE) =="
  "$HERE/.venv4/bin/python" -m pytest "${PYTEST_ARGS[@]}" v4 || status=1
fi

if [[ $status -ne 0 ]]; then
  echo "python suite: FAILED" >&2
else
  echo "python suite: all passed"
fi
exit $status
