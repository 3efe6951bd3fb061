"""Word-vector benchmark: nlpkit ``vectors train`` beside gensim and fastText, in one run.

    nice -n 10 .venv/bin/python benchmarks/vectors_bench.py            # the full mix (~6M tokens)
    nice -n 10 .venv/bin/python benchmarks/vectors_bench.py --every 2  # every 2nd document (~3M tokens)
    nice -n 10 .venv/bin/python benchmarks/vectors_bench.py --quick    # yelp + brown only, a smoke run
    nice -n 10 .venv/bin/python benchmarks/vectors_bench.py --every 4 --rows 1 5   # some rows (+ gensim's)

The corpus is the largest mix the shared data gives: Yelp train, movie reviews, Brown, ABC,
WikiText-2 (valid + test), State of the Union, web text, inaugural addresses and gensim's
Wikipedia sample, written once as raw text (one document a line) under a scratch folder.

Rows with identical settings (skip-gram, dim 100, window 5, min-count 5, sample 1e-3,
negative 5, 5 epochs, learning rate 0.025, 2 threads):
  * nlpkit word2vec, cold: ``nlpkit vectors train mix.txt --model word2vec`` as a subprocess with
    an empty cache, so it includes reading and tokenising the raw text and saving the model;
  * gensim ``Word2Vec(corpus_file=...)`` on the pre-tokenised text (nlpkit's token file, so
    every tool sees the same tokens);
  * fastText (``fasttext.train_unsupervised``) without subwords (maxn 0) and with (3-6);
  * nlpkit's defaults, ``nlpkit vectors train mix.txt`` with no options: gensim FastText with
    the settings ``vectors_sweep.py`` picked (8 epochs, window 3, n-grams 3-5), cache warm.
Rows with the peers' own defaults: gensim (CBOW) and fastText (lr 0.05, t 1e-4).

The first two rows (their ratio is the throughput target) run ``--pairs`` times in turn,
nlpkit then gensim, each nlpkit run with an emptied cache; they show the median wall time and
the target check the median of the pair-by-pair ratios, since the machine's speed drifts.

Every model is scored by the same code: Google analogies restricted to the 30k most frequent
words (accuracy on the answerable questions, 3CosAdd) and wordsim353 Spearman. It prints a
markdown table with ratios to gensim and writes the rows as JSON; it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRATCH = Path(os.environ.get("NLPKIT_BENCH_DIR", "/tmp/nlpkit-vectors-bench"))
MIX = ("yelp", "movie_reviews", "brown", "abc", "wikitext-2", "wikitext-2-test", "state_union", "webtext",
       "inaugural", "wiki-sample")
QUICK_MIX = ("yelp", "brown")
SAME = dict(sg=1, dim=100, window=5, min_count=5, sample=1e-3, negative=5, epochs=5, alpha=0.025)
THREADS = 2


# ---- the corpus -------------------------------------------------------------------------------
def assemble(names: tuple[str, ...], target: Path) -> Path:
    """Write the raw text of the named corpora, one document a line (done once, not timed)."""
    if target.exists():
        return target
    from nlpkit.corpus import read_corpus, shared_data

    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as out:
        for name in names:
            source = shared_data() / "wikitext-2" / "test.txt" if name == "wikitext-2-test" else name
            for doc in read_corpus(source, cache=False).documents():
                text = " ".join(doc.text.split())
                if text:
                    out.write(text + "\n")
    tmp.replace(target)
    return target


def slice_of_mix(every: int) -> Path:
    """Every N-th document of the full mix (all nine corpora stay in it); 1 is the whole mix."""
    mix = assemble(MIX, SCRATCH / "full" / "mix.txt")
    if every == 1:
        return mix
    target = SCRATCH / f"every-{every}" / "mix.txt"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(mix, encoding="utf-8") as src, open(target.with_suffix(".tmp"), "w", encoding="utf-8") as out:
            for number, line in enumerate(src):
                if number % every == 0:
                    out.write(line)
        target.with_suffix(".tmp").replace(target)
    return target


# ---- the runs ---------------------------------------------------------------------------------
def nlpkit_cli(raw: Path, out: Path, cache: Path, *, model: str | None = None, fresh_cache: bool = False,
               **params) -> dict:
    """``nlpkit vectors train`` in a subprocess: the end-to-end wall time a user sees (no model: the default).

    ``fresh_cache`` empties the cache folder first, so the run tokenises the raw text."""
    if fresh_cache:
        shutil.rmtree(cache, ignore_errors=True)
    args = [str(ROOT / ".venv/bin/nlpkit"), "-q", "vectors", "train", str(raw), "--out", str(out),
            "--workers", str(THREADS), "--json"] + (["--model", model] if model else [])
    flags = {"dim": "--dim", "window": "--window", "min_count": "--min-count", "sample": "--sample",
             "negative": "--negative", "epochs": "--epochs", "alpha": "--alpha", "min_n": "--min-n",
             "max_n": "--max-n", "bucket": "--bucket"}
    for key, value in params.items():
        if key == "sg":
            args.append("--skipgram" if value else "--cbow")
        elif key in flags:
            args += [flags[key], str(value)]
    env = {**os.environ, "NLPKIT_CACHE_DIR": str(cache)}
    started = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode:
        raise SystemExit(f"nlpkit failed: {done.stderr}")
    json.loads(done.stdout)  # the --json summary must parse
    return {"seconds": seconds, "folder": out}


def token_file(raw: Path, cache: Path) -> Path:
    """nlpkit's tokenised copy of the raw text (what the peers train on)."""
    os.environ["NLPKIT_CACHE_DIR"] = str(cache)
    from nlpkit.corpus import read_corpus

    return read_corpus(raw, pipeline="vectors").token_file()


def run_pairs(paired, pairs: int, corpus_tokens: int, same: str) -> list[dict]:
    """Rows 1 and 2 in turn (A B A B ...), each row's median wall time; its scores come from its last run.

    ``pair_ratios`` keeps A's throughput over B's pair by pair: the target check reads their median.
    """
    times: list[list[float]] = [[], []]
    scored: list[dict] = [{}, {}]
    for number in range(pairs):
        for slot, (name, _, epochs, run) in enumerate(paired):
            print(f"running ({number + 1}/{pairs}): {name}", file=sys.stderr, flush=True)
            scored[slot] = score(run(), corpus_tokens, epochs)
            times[slot].append(scored[slot]["seconds"])
            print(f"  {scored[slot]}", file=sys.stderr, flush=True)
    rows = []
    for slot, (name, settings, epochs, _) in enumerate(paired):
        seconds = statistics.median(times[slot])
        rows.append({"name": name, "settings": "identical" if settings == same else settings, **scored[slot],
                     "seconds": round(seconds, 1), "words_per_second": round(corpus_tokens * epochs / seconds),
                     "runs": times[slot]})
    rows[0]["pair_ratios"] = [round(b / a, 3) for a, b in zip(times[0], times[1])]
    return rows


def gensim_word2vec(tokens: Path, **params) -> dict:
    from gensim.models import Word2Vec

    started = time.perf_counter()
    model = Word2Vec(corpus_file=str(tokens), vector_size=params["dim"], window=params["window"],
                     min_count=params["min_count"], sample=params["sample"], negative=params["negative"],
                     epochs=params["epochs"], alpha=params["alpha"], sg=params["sg"], workers=THREADS, seed=0)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "kv": model.wv}


def fasttext_c(tokens: Path, *, maxn: int, lr: float, t: float, **params) -> dict:
    import fasttext

    started = time.perf_counter()
    model = fasttext.train_unsupervised(str(tokens), model="skipgram" if params["sg"] else "cbow",
                                        dim=params["dim"], ws=params["window"], minCount=params["min_count"],
                                        neg=params["negative"], epoch=params["epochs"], lr=lr, t=t,
                                        minn=3 if maxn else 0, maxn=maxn, thread=THREADS, verbose=0)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "kv": _fasttext_kv(model)}


def _fasttext_kv(model):
    """fastText's vocabulary (most frequent first) and its word vectors as gensim KeyedVectors."""
    import numpy as np
    from gensim.models import KeyedVectors

    words, counts = model.get_words(include_freq=True)
    order = np.argsort(-counts, kind="stable")
    words = [words[i] for i in order if words[i] != "</s>"]
    kv = KeyedVectors(vector_size=model.get_dimension())
    kv.add_vectors(words, np.vstack([model.get_word_vector(w) for w in words]).astype(np.float32))
    return kv


# ---- scoring and the table ----------------------------------------------------------------------
def count_tokens(path: Path) -> int:
    with open(path, encoding="utf-8") as fh:
        return sum(len(line.split()) for line in fh)


def score(result: dict, corpus_tokens: int, epochs: int) -> dict:
    """Time, throughput (corpus tokens x epochs / wall second) and the shared evaluation."""
    from nlpkit.vectors import WordVectors

    vectors = WordVectors.load(result["folder"]) if "folder" in result else WordVectors(result["kv"])
    scores = vectors.evaluate()
    overall = scores["analogy"]["overall"]
    return {"seconds": round(result["seconds"], 1), "epochs": epochs, "vocabulary": len(vectors),
            "words_per_second": round(corpus_tokens * epochs / result["seconds"]),
            "answerable": overall["answerable"], "questions": overall["questions"],
            "analogy": overall["add_accuracy"], "analogy_mul": overall["mul_accuracy"],
            "syntactic": scores["analogy"]["syntactic"]["add_accuracy"],
            "semantic": scores["analogy"]["semantic"]["add_accuracy"], "wordsim": scores["wordsim"]["spearman"]}


def table(rows: list[dict]) -> str:
    base = next(r for r in rows if r["name"].startswith("gensim Word2Vec corpus_file"))
    lines = ["| run | settings | wall s | words/s | x gensim speed | analogy (add) | analogy (mul) | "
             "syntactic | semantic | wordsim353 ρ |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['name']} | {r['settings']} | {r['seconds']:.1f} | {r['words_per_second']:,} | "
                     f"{r['words_per_second'] / base['words_per_second']:.2f} | {r['analogy']:.1%} | "
                     f"{r['analogy_mul']:.1%} | {r['syntactic']:.1%} | {r['semantic']:.1%} | {r['wordsim']:.3f} |")
    answerable = {r["answerable"] for r in rows}
    lines.append("")
    lines.append(f"Analogy accuracy is over the answerable questions (all four words among the 30k most frequent): "
                 f"{', '.join(f'{a:,}' for a in sorted(answerable))} of {rows[0]['questions']:,}.")
    return "\n".join(lines)


def target_check(rows: list[dict]) -> str:
    """The issue's three targets, from the rows this invocation ran."""
    named = {r["name"]: r for r in rows}
    lines = ["", "Targets:"]
    gensim = next(r for r in rows if r["name"].startswith("gensim Word2Vec corpus_file"))
    cold = next((r for r in rows if r["name"].startswith("nlpkit vectors train --model word2vec")), None)
    if cold:
        ratios = cold.get("pair_ratios")
        ratio = statistics.median(ratios) if ratios else cold["words_per_second"] / gensim["words_per_second"]
        runs = (f" (median of {len(ratios)} pairs run in turn: {', '.join(f'{r:.3f}' for r in ratios)}; wall s "
                f"nlpkit {', '.join(f'{t:.1f}' for t in cold['runs'])}, gensim "
                f"{', '.join(f'{t:.1f}' for t in gensim['runs'])})" if ratios else "")
        lines.append(f"* end-to-end throughput {ratio:.3f}x gensim corpus_file{runs} (target >= 0.9x); accuracy "
                     f"{cold['analogy']:.1%} vs gensim {gensim['analogy']:.1%} at the same settings (target >=)")
    ours = next((r for r in rows if "defaults: fasttext" in r["name"]), None)
    peers = [r for r in rows if r["name"] in ("gensim Word2Vec defaults", "fastText defaults")]
    if ours and peers:
        best = max(peers, key=lambda r: r["analogy"])
        fasttext = named.get("fastText defaults")
        time_note = (f", in {ours['seconds'] / fasttext['seconds']:.2f}x fastText's wall time (target <= 1x)"
                     if fasttext else "")
        lines.append(f"* nlpkit defaults {ours['analogy']:.1%} vs the best peer default ({best['name']}) "
                     f"{best['analogy']:.1%} (target: higher){time_note}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="yelp + brown only")
    parser.add_argument("--every", type=int, default=1, help="keep every N-th document of the mix (1: all)")
    parser.add_argument("--rows", type=int, nargs="+", help="run only these rows (1-based; the gensim baseline "
                                                             "row 2 is always run for the ratios)")
    parser.add_argument("--pairs", type=int, default=3,
                        help="run rows 1 and 2 (nlpkit cold, gensim) this many times in turn and report medians: "
                             "their ratio is the throughput target, and the machine's speed drifts")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks/results/vectors.json")
    args = parser.parse_args()
    scratch = SCRATCH / ("quick" if args.quick else "full" if args.every == 1 else f"every-{args.every}")
    raw = assemble(QUICK_MIX, scratch / "mix.txt") if args.quick else slice_of_mix(args.every)
    runs = scratch / ("runs" if not args.rows else "runs-" + "-".join(map(str, args.rows)))
    shutil.rmtree(runs, ignore_errors=True)
    cold_cache, warm_cache = runs / "cache-cold", runs / "cache-warm"
    started = time.perf_counter()
    tokens = token_file(raw, warm_cache)
    tokenising = time.perf_counter() - started
    same = "same"
    from nlpkit.vectors.training import FastTextModel

    defaults = FastTextModel()
    default_epochs = defaults.epochs
    default_settings = (f"skipgram, window {defaults.window}, n-grams {defaults.min_n}-{defaults.max_n}, "
                        f"{defaults.epochs} epochs, {defaults.bucket:,} buckets; otherwise identical")
    plan = [  # (name, settings, epochs, run)
        ("nlpkit vectors train --model word2vec, cold cache (tokenises raw text)", same, SAME["epochs"],
         lambda: nlpkit_cli(raw, runs / "nlpkit-w2v", cold_cache, model="word2vec", **SAME, fresh_cache=True)),
        ("gensim Word2Vec corpus_file, pre-tokenised", same, SAME["epochs"], lambda: gensim_word2vec(tokens, **SAME)),
        ("fastText, no subwords", same, SAME["epochs"],
         lambda: fasttext_c(tokens, maxn=0, lr=0.025, t=1e-3, **SAME)),
        ("fastText, subwords 3-6", same, SAME["epochs"], lambda: fasttext_c(tokens, maxn=6, lr=0.025, t=1e-3, **SAME)),
        ("nlpkit vectors train (defaults: fasttext), warm cache", default_settings, default_epochs,
         lambda: nlpkit_cli(raw, runs / "nlpkit-defaults", warm_cache)),
        ("gensim Word2Vec defaults", "CBOW", SAME["epochs"], lambda: gensim_word2vec(tokens, **dict(SAME, sg=0))),
        ("fastText defaults", "skipgram, lr 0.05, t 1e-4, subwords 3-6", SAME["epochs"],
         lambda: fasttext_c(tokens, maxn=6, lr=0.05, t=1e-4, **SAME)),
    ]
    corpus_tokens = count_tokens(tokens)
    if args.rows:
        plan = [step for number, step in enumerate(plan, 1) if number in set(args.rows) | {2}]
    rows = []
    headline = ("nlpkit vectors train --model word2vec", "gensim Word2Vec corpus_file")
    paired = [step for step in plan if step[0].startswith(headline)]
    if len(paired) == 2 and args.pairs > 1:
        rows += run_pairs(paired, args.pairs, corpus_tokens, same)
        plan = [step for step in plan if step not in paired]
    for name, settings, epochs, run in plan:
        print(f"running: {name}", file=sys.stderr, flush=True)
        row = {"name": name, "settings": "identical" if settings == same else settings,
               **score(run(), corpus_tokens, epochs)}
        print(f"  {row}", file=sys.stderr, flush=True)
        rows.append(row)
    report = table(rows)
    print(f"corpus: {corpus_tokens:,} tokens ({raw}); {THREADS} threads; {platform.platform()}; "
          f"nlpkit tokenised the raw text in {tokenising:.1f} s\n")
    print(report)
    print(target_check(rows))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"machine": platform.platform(), "threads": THREADS, "corpus": str(raw),
                                     "corpus_tokens": corpus_tokens, "tokenising_seconds": tokenising, "rows": rows},
                                    indent=2))


if __name__ == "__main__":
    main()
