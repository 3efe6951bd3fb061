"""The sweep behind nlpkit's word-vector defaults: a few settings on a slice of the benchmark mix.

    nice -n 10 .venv/bin/python benchmarks/vectors_sweep.py            # every 4th document (~1.5M tokens)
    nice -n 10 .venv/bin/python benchmarks/vectors_sweep.py --every 2 --grid rate    # half the mix, learning rates
    nice -n 10 .venv/bin/python benchmarks/vectors_sweep.py --every 2 --grid epochs  # half the mix, epochs and dim
    nice -n 10 .venv/bin/python benchmarks/vectors_sweep.py --every 1 --grid time    # the whole mix, within fastText's time
    nice -n 5 .venv/bin/python benchmarks/vectors_sweep.py --every 1 --grid speed    # the whole mix, cheaper updates

The slice is every N-th document of the mix that ``vectors_bench.py`` assembles (so all nine
corpora are in it). Each configuration trains with 2 threads and is scored by
``WordVectors.evaluate()`` (Google analogies over the 30k most frequent words, 3CosAdd, on
the answerable questions; wordsim353 Spearman). It prints a markdown table, one row as each
configuration finishes; the most accurate configuration within fastText's wall time is the
default of ``nlpkit vectors train``.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from vectors_bench import SCRATCH, THREADS, count_tokens, slice_of_mix  # noqa: E402

BASE = dict(sg=1, dim=100, window=5, min_count=5, negative=5, epochs=5, workers=THREADS, seed=0)
FASTTEXT = dict(BASE, bucket=2_000_000)
CONFIGS = {
    # the first sweep, on every 4th document
    "slice": [
        ("word2vec", dict(BASE, sample=1e-3)),
        ("word2vec", dict(BASE, sample=1e-4)),
        ("fasttext", dict(FASTTEXT, sample=1e-3)),
        ("fasttext", dict(FASTTEXT, sample=1e-4)),
    ],
    # the second, on half the mix: fastText's own learning rate, and the sub-sampling in between
    "rate": [
        ("fasttext", dict(FASTTEXT, sample=1e-3, alpha=0.025)),
        ("fasttext", dict(FASTTEXT, sample=1e-3, alpha=0.05)),
        ("fasttext", dict(FASTTEXT, sample=5e-4, alpha=0.05)),
    ],
    # the third, on half the mix: more epochs, and wider vectors, at the best rate and sub-sampling
    "epochs": [
        ("fasttext", dict(FASTTEXT, sample=1e-3, epochs=8)),
        ("fasttext", dict(FASTTEXT, sample=1e-3, epochs=10)),
        ("fasttext", dict(FASTTEXT, sample=1e-3, dim=200)),
        ("fasttext", dict(FASTTEXT, sample=1e-3, epochs=6)),
        ("fasttext", dict(FASTTEXT, sample=1e-3, epochs=7)),
    ],
    # the fourth, on the whole mix (--every 1): fewer epochs or hash buckets, to fit fastText's wall time
    "time": [
        ("fasttext", dict(FASTTEXT, sample=1e-3, epochs=6)),
        ("fasttext", dict(FASTTEXT, sample=1e-3, epochs=7, bucket=1_000_000)),
    ],
    # the fifth, on the whole mix: cheaper updates (fewer context pairs, fewer n-grams) at 8 epochs
    "speed": [
        ("fasttext", dict(FASTTEXT, sample=1e-3, epochs=8, window=3)),
        ("fasttext", dict(FASTTEXT, sample=1e-3, epochs=8, max_n=5)),
        ("fasttext", dict(FASTTEXT, sample=1e-3, epochs=8, window=3, max_n=5)),
        ("fasttext", dict(FASTTEXT, sample=1e-3, epochs=8, window=4)),
        ("fasttext", dict(FASTTEXT, sample=1e-3, epochs=8, window=3, max_n=5, bucket=1_000_000)),
        ("fasttext", dict(FASTTEXT, sample=1e-3, epochs=8, window=3)),  # row 1 again, on a quiet machine
    ],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--every", type=int, default=4, help="keep every N-th document of the mix")
    parser.add_argument("--grid", choices=sorted(CONFIGS), default="slice", help="which list of settings to run")
    parser.add_argument("--first", type=int, default=1, help="start at this configuration (1-based), to resume")
    args = parser.parse_args()
    os.environ.setdefault("NLPKIT_CACHE_DIR", str(SCRATCH / "sweep-cache"))
    from nlpkit.corpus import read_corpus
    from nlpkit.vectors.training import make_model

    corpus = read_corpus(slice_of_mix(args.every), pipeline="vectors")
    tokens = count_tokens(corpus.token_file())
    print(f"sweep corpus: every {args.every}th document of the benchmark mix, {tokens:,} tokens; "
          f"{THREADS} threads; {platform.platform()}\n")
    print("| model | sample | learning rate | epochs | dim | window | n-grams | buckets | wall s | analogy (add) | "
          "analogy (mul) | syntactic | semantic | answerable | wordsim353 ρ |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|", flush=True)
    for kind, params in CONFIGS[args.grid][args.first - 1:]:  # each row prints as soon as it is measured
        started = time.perf_counter()
        model = make_model(kind, **params).fit(corpus)
        seconds = time.perf_counter() - started
        scores = model.vectors_.evaluate()
        analogy, overall = scores["analogy"], scores["analogy"]["overall"]
        ngrams = f"{params.get('min_n', 3)}-{params.get('max_n', 6)}" if kind == "fasttext" else "–"
        print(f"| {kind} | {params['sample']:g} | {params.get('alpha', 0.025):g} | {params['epochs']} | {params['dim']} | "
              f"{params['window']} | {ngrams} | {params.get('bucket', '–')} | {seconds:.0f} | {overall['add_accuracy']:.1%} | "
              f"{overall['mul_accuracy']:.1%} | {analogy['syntactic']['add_accuracy']:.1%} | "
              f"{analogy['semantic']['add_accuracy']:.1%} | {overall['answerable']:,} | "
              f"{scores['wordsim']['spearman']:.3f} |", flush=True)


if __name__ == "__main__":
    main()
