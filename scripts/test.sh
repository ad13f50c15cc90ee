#!/usr/bin/env bash
# Second README command: set everything up (Python, Node packages, Chromium) and run all tests.
# Arguments go to pytest (e.g. `bash scripts/test.sh -k playground -x`). Benchmarks are separate:
# see benchmarks/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash scripts/setup.sh --with-browser
export PATH="$ROOT/.venv/bin:$PATH"

exec .venv/bin/python -m pytest "$@"
