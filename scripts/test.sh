#!/usr/bin/env bash
# Second README command: set everything up (Python, Node packages, Chromium), run the static checks
# (scripts/check.sh: ruff lint and format, pyright), then all tests. Arguments go to pytest
# (e.g. `bash scripts/test.sh -k playground -x`). Benchmarks are separate: see benchmarks/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash scripts/setup.sh --with-browser
export PATH="$ROOT/.venv/bin:$PATH"

if ! bash scripts/check.sh; then
  echo "test: static checks failed (see above); pytest not started" >&2
  exit 1
fi

exec .venv/bin/python -m pytest "$@"
