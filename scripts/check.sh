#!/usr/bin/env bash
# Static checks, run by scripts/test.sh before pytest: ruff lint, ruff format check, pyright (basic mode).
# All three run, so one report shows every failing step; the script fails when any of them does.
# Configuration lives in pyproject.toml ([tool.ruff], [tool.pyright]). Needs `bash scripts/setup.sh` first.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/.venv/bin:$PATH"   # .venv/bin/node, when setup.sh put one there, runs pyright

RUFF=.venv/bin/ruff
PYRIGHT=node_modules/.bin/pyright
for tool in "$RUFF" "$PYRIGHT"; do
  if [ ! -x "$tool" ]; then
    echo "check: $tool is missing; run 'bash scripts/setup.sh' first" >&2
    exit 1
  fi
done

failed=()
step() {
  local name="$1" hint="$2"; shift 2
  echo "check: $name"
  if ! "$@"; then
    echo "check: FAILED: $name ($hint)" >&2
    failed+=("$name")
  fi
}

step "ruff check" "fix the findings above; 'ruff check --fix .' fixes those marked [*]" \
  "$RUFF" check .
step "ruff format --check" "'ruff format --diff .' shows the changes, 'ruff format .' makes them" \
  "$RUFF" format --check --output-format concise .
# --project: read this tree's pyproject.toml, never a pyrightconfig.json in a folder above the clone
step "pyright" "fix the type errors above" "$PYRIGHT" --project "$ROOT/pyproject.toml"

if [ "${#failed[@]}" -gt 0 ]; then
  echo "check: ${#failed[@]} step(s) failed: ${failed[*]}" >&2
  exit 1
fi
echo "check: all passed"
