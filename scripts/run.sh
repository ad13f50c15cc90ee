#!/usr/bin/env bash
# First README command: set up, load the sample FAQ and key-user groups into the SQLite file (each command migrates it
# first), then run the bot on 127.0.0.1:3978 together with the Microsoft 365 Agents Playground on 127.0.0.1:56150.
# Ctrl-C stops both. Extra arguments go to `vraagbaak demo` (e.g. --port 3979).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash scripts/setup.sh
export PATH="$ROOT/.venv/bin:$PATH"

vraagbaak faq import samples/faq.yaml   # an upsert by id: running it again changes nothing
vraagbaak groups import samples/groups.csv   # key users for the Playground's people and channels; also an upsert
exec vraagbaak demo "$@"
