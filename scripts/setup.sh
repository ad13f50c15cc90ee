#!/usr/bin/env bash
# Set up Vraagbaak on Debian: .venv (Python >= 3.11) with the package and its test extras, the
# Node packages from package-lock.json (Playground, playwright-core, renderers) and, with
# --with-browser, Debian's Chromium. Runs as root or through sudo when it must install with apt.
# Idempotent: when everything is present it only checks, in a few seconds.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

WITH_BROWSER=0
for arg in "$@"; do
  case "$arg" in
    --with-browser) WITH_BROWSER=1 ;;
    -h|--help) echo "usage: scripts/setup.sh [--with-browser]"; exit 0 ;;
    *) echo "setup: unknown option $arg (usage: scripts/setup.sh [--with-browser])" >&2; exit 2 ;;
  esac
done

NODE_MIN_MAJOR=20
NODE_FALLBACK_VERSION=22.23.3   # Node.js from the npm registry when apt's is older than NODE_MIN_MAJOR
say() { echo "setup: $*"; }
CHANGED=0   # set when anything is installed: a run with nothing to do says so in one line

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else echo "setup: '$*' needs root; run this script as root or install sudo" >&2; exit 1
  fi
}

APT_UPDATED=0
apt_install() {
  CHANGED=1
  if [ "$APT_UPDATED" -eq 0 ]; then as_root apt-get update -q; APT_UPDATED=1; fi
  say "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

hash_of() { sha256sum "$@" | sha256sum | cut -c1-64; }

# --- Python -----------------------------------------------------------------------------------
python_ok() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; }

find_python() {
  local candidate
  for candidate in python3.11 python3.12 python3.13 python3; do
    if command -v "$candidate" >/dev/null 2>&1 && python_ok "$candidate"; then command -v "$candidate"; return 0; fi
  done
  return 1
}

if [ -x .venv/bin/python ] && ! python_ok .venv/bin/python; then
  say ".venv has Python older than 3.11: recreating it"; rm -rf .venv
fi
if [ ! -x .venv/bin/python ]; then
  PY="$(find_python || true)"
  if [ -z "$PY" ]; then apt_install python3 python3-venv; PY="$(find_python)"; fi
  say "creating .venv with $PY ($("$PY" --version 2>&1))"
  CHANGED=1
  if ! "$PY" -m venv .venv 2>/dev/null; then
    rm -rf .venv; apt_install python3-venv; "$PY" -m venv .venv
  fi
fi

PY_STAMP=.venv/.vraagbaak-setup
PY_HASH="$(hash_of pyproject.toml)"
if [ "$(cat "$PY_STAMP" 2>/dev/null)" != "$PY_HASH" ] || [ ! -x .venv/bin/vraagbaak ]; then
  say "pip install -e '.[test,embeddings]'"
  CHANGED=1
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[test,embeddings]'
  echo "$PY_HASH" > "$PY_STAMP"
fi

# --- Node.js and the npm packages ------------------------------------------------------------
node_major() { "${1:-node}" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  apt_install nodejs npm
fi
if [ "$(node_major)" -lt "$NODE_MIN_MAJOR" ] && [ "$(node_major .venv/bin/node)" -lt "$NODE_MIN_MAJOR" ]; then
  case "$(uname -m)" in x86_64) ARCH=x64 ;; aarch64|arm64) ARCH=arm64 ;; *) ARCH="$(uname -m)" ;; esac
  say "Node.js $(node --version) is older than $NODE_MIN_MAJOR: installing node-linux-$ARCH@$NODE_FALLBACK_VERSION into .venv"
  CHANGED=1
  npm install --prefix .venv/node --no-save --no-package-lock --no-audit --no-fund "node-linux-$ARCH@$NODE_FALLBACK_VERSION"
  ln -sf "$ROOT/.venv/node/node_modules/node-linux-$ARCH/bin/node" .venv/bin/node
fi
export PATH="$ROOT/.venv/bin:$PATH"   # .venv/bin/node, when present, wins

NPM_STAMP=node_modules/.vraagbaak-lock.sha256
NPM_HASH="$(hash_of package.json package-lock.json)"
if [ "$(cat "$NPM_STAMP" 2>/dev/null)" != "$NPM_HASH" ]; then
  say "npm ci"
  CHANGED=1
  npm ci --no-audit --no-fund
  echo "$NPM_HASH" > "$NPM_STAMP"
fi

# --- Chromium for the browser tests -----------------------------------------------------------
if [ "$WITH_BROWSER" -eq 1 ]; then
  if [ ! -x /usr/bin/chromium ]; then apt_install chromium; fi
fi

if [ "$CHANGED" -eq 1 ]; then say "done"; else say "everything up to date"; fi
