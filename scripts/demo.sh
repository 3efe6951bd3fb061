#!/usr/bin/env bash
# `make demo`: nlpkit's main commands on the embedded default data, offline.
set -euo pipefail
cd "$(dirname "$0")/.."
NLPKIT=".venv/bin/nlpkit"
OUT="${DEMO_OUT:-out/demo}"
mkdir -p "$OUT"

step() {  # echo the command as one would type it (quoting arguments with spaces), then run it
    local shown="" arg
    for arg in "$@"; do [[ "$arg" == *" "* ]] && shown+=" \"$arg\"" || shown+=" $arg"; done
    printf '\n\033[1m$%s\033[0m\n' "$shown"
    "$@"
}

step $NLPKIT corpus list
step $NLPKIT corpus stats --top 10
step $NLPKIT corpus stats wiki-sample --preset topics --top 10

# Topics on the embedded Lee news corpus: a table, a saved model, an HTML report and a picture.
step $NLPKIT topics --k 10 --seed 0 --report "$OUT/topics-lee.html" --plot "$OUT/topics-lee.png" --save "$OUT/lee-topics"
step $NLPKIT topics lee --model "$OUT/lee-topics" --doc-topics "$OUT/lee-doc-topics.csv"

# Word vectors: the embedded GloVe 6B 50d answers offline; then a small model of our own.
step $NLPKIT analogy king man woman --top 3
step $NLPKIT analogy paris france italy --top 3 --method mul
step $NLPKIT similar frog --top 5
step $NLPKIT vectors map king queen man woman --out "$OUT/royals.html" -n 4
step $NLPKIT vectors train lee --model word2vec --out "$OUT/lee-w2v" --min-count 2 --workers 1 --seed 0
step $NLPKIT similar government --vectors "$OUT/lee-w2v" --top 5

# Sentiment: the CNN shipped inside nlpkit (trained on movie-review snippets), then flipping.
step $NLPKIT sentiment predict "a gripping, beautifully acted film" "the plot is a mess, and the acting is worse"
step $NLPKIT flip-sentiment "the food was great" --to negative
step $NLPKIT flip-sentiment "a dull , lifeless film" --explain

printf '\nOutputs are in %s (open topics-lee.html and royals.html in a browser).\n' "$OUT"
