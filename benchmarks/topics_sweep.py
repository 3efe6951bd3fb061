"""Tune the Gibbs (tomotopy) engine's defaults on Brown: priors, alpha optimisation, term weighting, iterations.

Each setting trains once per seed (one worker, so runs repeat exactly; the sweeps grid uses
every core, as the default does) and is scored at several iteration checkpoints with the
same quality code the benchmark uses.

    nice -n 10 .venv/bin/python benchmarks/topics_sweep.py --grid priors   # alpha, eta, rm_top, optimisation
    nice -n 10 .venv/bin/python benchmarks/topics_sweep.py --grid weights  # eta x term weighting, two seeds
    nice -n 10 .venv/bin/python benchmarks/topics_sweep.py --grid sweeps   # how many sweeps, three seeds
"""

from __future__ import annotations

import argparse
import itertools
import os
import time
import warnings

import numpy as np
from gensim.corpora import Dictionary

from nlpkit.corpus import read_corpus
from nlpkit.topics.quality import coherence, diversity, label_nmi

CHECKPOINTS = {"priors": (100, 200, 400, 800), "weights": (200, 400), "sweeps": (150, 200, 300, 400, 600, 800)}


def run(texts, labels, dictionary, k, alpha, eta, rm_top, optim_interval, tw="one", seed=0, checkpoints=(200,),
        workers=1):
    import tomotopy as tp

    weighting = {"one": tp.TermWeight.ONE, "idf": tp.TermWeight.IDF, "pmi": tp.TermWeight.PMI}[tw]
    model = tp.LDAModel(k=k, alpha=alpha, eta=eta, rm_top=rm_top, seed=seed, tw=weighting)
    for tokens in texts:
        model.add_doc(tokens) if tokens else None
    model.optim_interval = optim_interval
    model.burn_in = 50 if optim_interval else 0
    done, seconds, rows = 0, 0.0, []
    for target in checkpoints:
        start = time.perf_counter()
        model.train(target - done, workers=workers, parallel=tp.ParallelScheme.PARTITION)
        seconds += time.perf_counter() - start
        done = target
        topics = [[w for w, _ in model.get_topic_words(t, 25)] for t in range(k)]
        doc_topics = np.array([d.get_topic_dist() for d in model.docs])
        rows.append((target, seconds, coherence(topics, texts, dictionary=dictionary)[0], diversity(topics),
                     label_nmi([l for l, t in zip(labels, texts) if t], doc_topics), model.ll_per_word))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="brown")
    parser.add_argument("--k", type=int, default=20)
    parser.add_argument("--grid", choices=tuple(CHECKPOINTS), default="priors",
                        help="priors and weights: one worker; sweeps: how many Gibbs sweeps, on every core, 3 seeds")
    args = parser.parse_args()
    warnings.filterwarnings("ignore", "The training result may differ", RuntimeWarning)  # PARTITION repeats
    corpus = read_corpus(args.corpus, pipeline="topics")
    texts, labels = list(corpus), corpus.labels()
    dictionary = Dictionary(texts)
    print(f"{args.corpus}: {len(texts)} docs, {len(dictionary)} words, K={args.k}")
    print(f"{'alpha':>6} {'eta':>5} {'rm_top':>6} {'optim':>5} {'tw':>3} {'seed':>4} {'iters':>5} {'secs':>6} "
          f"{'c_npmi':>7} {'divers':>6} {'nmi':>5} {'ll/word':>8}")
    if args.grid == "priors":
        grid = [(a, e, rm, opt, "one", 0) for a, e, rm, opt in
                itertools.product((0.1, 50 / args.k), (0.01, 0.1), (0, 20), (0, 10))]
    elif args.grid == "weights":
        grid = [(0.1, 0.01, 0, 10, tw, seed) for tw, seed in itertools.product(("one", "idf", "pmi"), (0, 1))]
    else:
        grid = [(0.1, 0.01, 0, 10, "one", seed) for seed in (0, 1, 2)]
    workers = (os.cpu_count() or 1) if args.grid == "sweeps" else 1
    for alpha, eta, rm_top, optim, tw, seed in grid:
        for iters, secs, npmi, div, nmi, ll in run(texts, labels, dictionary, args.k, alpha, eta, rm_top, optim,
                                                   tw, seed, CHECKPOINTS[args.grid], workers):
            nmi_text = f"{nmi:5.3f}" if nmi is not None else "    -"
            print(f"{alpha:6.2f} {eta:5.3f} {rm_top:6d} {optim:5d} {tw:>3} {seed:4d} {iters:5d} {secs:6.1f} "
                  f"{npmi:7.4f} {div:6.3f} {nmi_text} {ll:8.3f}", flush=True)


if __name__ == "__main__":
    main()
