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
step $NLPKIT corpus stats wiki-sample --preset topics --top 10

# Topics on the embedded Lee news corpus: a table, a saved model, an HTML report and a picture.
step $NLPKIT topics --k 10 --seed 0 --report "$OUT/topics-lee.html" --plot "$OUT/topics-lee.png" --save "$OUT/lee-topics"
step $NLPKIT topics lee --model "$OUT/lee-topics" --doc-topics "$OUT/lee-doc-topics.tsv"
