#!/usr/bin/env bash
# `make demo`: nlpkit's main commands on the embedded default data, offline.
set -euo pipefail
cd "$(dirname "$0")/.."
NLPKIT=".venv/bin/nlpkit"
OUT="${DEMO_OUT:-out/demo}"
mkdir -p "$OUT"

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@"; }

step $NLPKIT corpus list
step $NLPKIT corpus stats --top 10
