"""Tune the Gibbs (tomotopy) engine's defaults on Brown: priors, alpha optimisation, term weighting, iterations.

Each setting trains once per seed (one worker, so runs repeat exactly; the sweeps grid uses
every core, as the default does) and is scored at several iteration checkpoints with the
same quality code the benchmark uses.

    nice -n 10 .venv/bin/python benchmarks/topics_sweep.py --grid priors   # alpha, eta, rm_top, optimisation
    nice -n 10 .venv/bin/python benchmarks/topics_sweep.py --grid weights  # eta x term weighting, two seeds
    nice -n 10 .venv/bin/python benchmarks/topics_sweep.py --grid sweeps   # how many sweeps, three seeds
    nice -n 5 .venv/bin/python benchmarks/topics_sweep.py --corpus mixed --grid knobs  # 300 sweeps, five seeds
    nice -n 5 .venv/bin/python benchmarks/topics_sweep.py --grid passages --seeds 10   # passage length, every core

``--corpus mixed`` is the benchmark's larger corpus (movie_reviews + abc + state_union).
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
import time
import warnings
from collections import defaultdict
from pathlib import Path

import numpy as np
from gensim.corpora import Dictionary

from nlpkit.corpus import read_corpus
from nlpkit.topics.passages import split_passages
from nlpkit.topics.quality import coherence, diversity, label_nmi

sys.path.insert(0, str(Path(__file__).resolve().parent))  # topics_bench, for --corpus mixed

CHECKPOINTS = {"priors": (100, 200, 400, 800), "weights": (200, 400), "sweeps": (150, 200, 300, 400, 600, 800),
               "knobs": (300,), "passages": (300,)}
PASSAGE_LENGTHS = (0, 50, 100, 200)
# (alpha, eta, rm_top, optim_interval, term weighting, min_cf): nlpkit's default first, then one change each
KNOBS = [(0.1, 0.01, 0, 10, "one", 0), (0.1, 0.01, 0, 10, "idf", 0), (0.1, 0.01, 0, 10, "pmi", 0),
         (0.1, 0.05, 0, 10, "one", 0), (0.1, 0.005, 0, 10, "one", 0), (2.5, 0.01, 0, 10, "one", 0),
         (0.1, 0.01, 0, 10, "one", 5), (0.1, 0.01, 0, 0, "one", 0)]


def run(texts, labels, dictionary, k, alpha, eta, rm_top, optim_interval, tw="one", seed=0, checkpoints=(200,),
        workers=1, min_cf=0, passage_length=0):
    import tomotopy as tp

    weighting = {"one": tp.TermWeight.ONE, "idf": tp.TermWeight.IDF, "pmi": tp.TermWeight.PMI}[tw]
    model = tp.LDAModel(k=k, alpha=alpha, eta=eta, rm_top=rm_top, seed=seed, tw=weighting, min_cf=min_cf)
    passages = split_passages([tokens for tokens in texts if tokens], passage_length)
    for tokens in passages.texts:
        model.add_doc(tokens)
    model.optim_interval = optim_interval
    model.burn_in = 50 if optim_interval else 0
    done, seconds, rows = 0, 0.0, []
    for target in checkpoints:
        start = time.perf_counter()
        model.train(target - done, workers=workers, parallel=tp.ParallelScheme.PARTITION)
        seconds += time.perf_counter() - start
        done = target
        topics = [[w for w, _ in model.get_topic_words(t, 25)] for t in range(k)]
        doc_topics = passages.merge(np.array([d.get_topic_dist() for d in model.docs]))
        rows.append((target, seconds, coherence(topics, texts, dictionary=dictionary)[0], diversity(topics),
                     label_nmi([label for label, t in zip(labels, texts) if t], doc_topics), model.ll_per_word))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="brown")
    parser.add_argument("--k", type=int, default=20)
    parser.add_argument("--grid", choices=tuple(CHECKPOINTS), default="priors",
                        help="priors and weights: one worker; sweeps: how many Gibbs sweeps, on every core, 3 seeds; "
                             "knobs: one change at a time to the default, every core, 5 seeds; passages: passage "
                             "lengths (0 = whole documents), every core, 5 seeds")
    parser.add_argument("--seeds", type=int, default=None, help="seeds for the sweeps, knobs and passages grids "
                                                                "(default: sweeps 3, knobs and passages 5)")
    parser.add_argument("--checkpoints", type=int, nargs="+", default=None,
                        help="sweep counts to score at (default: the grid's own)")
    parser.add_argument("--etas", type=float, nargs="+", default=(0.01,), help="eta values for --grid passages")
    parser.add_argument("--lengths", type=int, nargs="+", default=PASSAGE_LENGTHS,
                        help="passage lengths for --grid passages")
    args = parser.parse_args()
    warnings.filterwarnings("ignore", "The training result may differ", RuntimeWarning)  # PARTITION repeats
    if args.corpus == "mixed":
        from topics_bench import mixed

        os.environ.setdefault("NLTK_DATA", str(Path(__file__).resolve().parents[2] / "shared" / "data" / "nltk_data"))
        corpus = mixed(Path(tempfile.mkdtemp()))
    else:
        corpus = read_corpus(args.corpus, pipeline="topics")
    texts, labels = list(corpus), corpus.labels()
    dictionary = Dictionary(texts)
    print(f"{args.corpus}: {len(texts)} docs, {len(dictionary)} words, K={args.k}")
    print(f"{'alpha':>6} {'eta':>5} {'rm_top':>6} {'optim':>5} {'tw':>3} {'min_cf':>6} {'pass.':>5} {'seed':>4} "
          f"{'iters':>5} "
          f"{'secs':>6} {'c_npmi':>7} {'divers':>6} {'nmi':>5} {'ll/word':>8}")
    if args.grid == "priors":
        grid = [(a, e, rm, opt, "one", 0, 0, 0) for a, e, rm, opt in
                itertools.product((0.1, 50 / args.k), (0.01, 0.1), (0, 20), (0, 10))]
    elif args.grid == "weights":
        grid = [(0.1, 0.01, 0, 10, tw, 0, 0, seed) for tw, seed in itertools.product(("one", "idf", "pmi"), (0, 1))]
    elif args.grid == "knobs":
        grid = [(*knob, 0, seed) for knob in KNOBS for seed in range(args.seeds or 5)]
    elif args.grid == "passages":
        grid = [(0.1, eta, 0, 10, "one", 0, length, seed) for eta in args.etas for length in args.lengths
                for seed in range(args.seeds or 5)]
    else:
        grid = [(0.1, 0.01, 0, 10, "one", 0, 0, seed) for seed in range(args.seeds or 3)]
    workers = (os.cpu_count() or 1) if args.grid in ("sweeps", "knobs", "passages") else 1
    scores, times = defaultdict(list), defaultdict(list)
    for alpha, eta, rm_top, optim, tw, min_cf, length, seed in grid:
        checkpoints = args.checkpoints or CHECKPOINTS[args.grid]
        for iters, secs, npmi, div, nmi, ll in run(texts, labels, dictionary, args.k, alpha, eta, rm_top, optim,
                                                   tw, seed, checkpoints, workers, min_cf, length):
            nmi_text = f"{nmi:5.3f}" if nmi is not None else "    -"
            print(f"{alpha:6.2f} {eta:5.3f} {rm_top:6d} {optim:5d} {tw:>3} {min_cf:6d} {length:5d} {seed:4d} "
                  f"{iters:5d} {secs:6.1f} {npmi:7.4f} {div:6.3f} {nmi_text} {ll:8.3f}", flush=True)
            key = (alpha, eta, rm_top, optim, tw, min_cf, length, iters)
            scores[key].append(npmi)
            times[key].append(secs)
    print("\nmean c_npmi over seeds:")
    for (alpha, eta, rm_top, optim, tw, min_cf, length, iters), values in scores.items():
        spread = f" ± {np.std(values, ddof=1):.4f}" if len(values) > 1 else ""
        seconds = np.mean(times[(alpha, eta, rm_top, optim, tw, min_cf, length, iters)])
        print(f"  alpha {alpha:g}, eta {eta:g}, rm_top {rm_top}, optim {optim}, tw {tw}, min_cf {min_cf}, "
              f"passages {length or 'whole'}, {iters} sweeps: {np.mean(values):.4f}{spread} ({len(values)} seeds, "
              f"{seconds:.1f} s training)")


if __name__ == "__main__":
    main()
