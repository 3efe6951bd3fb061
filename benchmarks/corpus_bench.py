"""Corpus ingestion benchmark: nlpkit's default pipeline beside gensim and spaCy, in one run.

    nice -n 10 .venv/bin/python benchmarks/corpus_bench.py            # Brown + Yelp train + WikiText-2
    nice -n 10 .venv/bin/python benchmarks/corpus_bench.py --quick    # a tenth of Yelp, for a smoke run

Measures, on the same text:
  * nlpkit cold: ``read_corpus(name)`` with an empty cache — reads the source, tokenises,
    writes the cache — then counts tokens (so it includes reading and writing); once in one
    process (NLPKIT_WORKERS=1) and once with a pool of every core (NLPKIT_WORKERS=cores;
    by default nlpkit uses only the cores the load average leaves idle);
  * nlpkit cached: the same corpora opened again, tokens streamed from the cache;
  * nlpkit ``Pipeline().tokenize`` over the texts already in memory (no I/O, like the peers);
  * gensim ``simple_preprocess`` and spaCy's blank-English tokenizer over the texts in memory.
Each tool counts its own tokens; rates are tokens per second of wall time, the best of
``--rounds`` alternating rounds (so a burst of load from other processes hits every tool alike).
Peak memory is the peak RSS of a fresh child process that streams a generated corpus of 1x,
4x and 16x the size through a cold build and a cached pass.

It prints a table and ratios; it asserts nothing. Needs ../shared/data (or NLPKIT_SHARED_DATA).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPORA = ("brown", "yelp", "wikitext-2")
MEMORY_SCALES = (1, 4, 16)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a tenth of Yelp and a smaller memory test")
    parser.add_argument("--rounds", type=int, default=3, help="repeat every measurement, keep the fastest")
    parser.add_argument("--memory-child", nargs=2, metavar=("CORPUS_FILE", "CACHE_DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_child(Path(args.memory_child[0]), Path(args.memory_child[1]))
        return
    _require_shared_data()
    with tempfile.TemporaryDirectory(prefix="nlpkit-bench-") as scratch:
        os.environ["NLPKIT_CACHE_DIR"] = str(Path(scratch) / "cache")
        texts = load_texts(args.quick)
        rows = throughput_rows(texts, args.quick, Path(scratch), args.rounds)
        memory = memory_rows(Path(scratch), 20_000 if args.quick else 80_000)
    print_report(rows, memory, sum(len(t) for t in texts), args.rounds)


def _require_shared_data() -> None:
    from nlpkit.corpus import card
    from nlpkit.corpus.catalog import shared_data

    root = shared_data()
    if root is None:
        sys.exit("../shared/data is absent (set NLPKIT_SHARED_DATA): the benchmark needs Brown, Yelp and WikiText-2")
    os.environ.setdefault("NLTK_DATA", str(root / "nltk_data"))
    for name in CORPORA:
        card(name).require()


def _corpus(name: str, quick: bool):
    from nlpkit.corpus import read_corpus

    if quick and name == "yelp":
        return read_corpus("yelp-dev")
    return read_corpus(name)


def load_texts(quick: bool) -> list[str]:
    """The raw document texts the peers tokenise (read once, outside every timing)."""
    return [doc.text for name in CORPORA for doc in _corpus(name, quick).documents()]


def _timed(fn) -> tuple[int, float]:
    start = time.perf_counter()
    tokens = fn()
    return tokens, time.perf_counter() - start


def throughput_rows(texts: list[str], quick: bool, scratch: Path, rounds: int) -> list[tuple[str, str, int, float]]:
    """(what, workers, tokens, best seconds of ``rounds``): the measurements alternate, round after
    round, and each keeps its fastest, so a burst of load from other processes hits them all alike."""
    from gensim.utils import simple_preprocess

    from nlpkit.corpus import Pipeline
    from nlpkit.corpus.pipeline import _spacy_tokenizer

    def nlpkit_pass() -> int:
        return sum(len(tokens) for name in CORPORA for tokens in _corpus(name, quick))

    def with_workers(workers: int):
        def run() -> int:
            os.environ["NLPKIT_WORKERS"] = str(workers)
            try:
                return nlpkit_pass()
            finally:
                del os.environ["NLPKIT_WORKERS"]
        return run

    cores = os.cpu_count() or 1

    spacy_tokenizer = _spacy_tokenizer()
    tokenize = Pipeline().compile()
    measures = {  # in this order each round: each cold pass starts from an empty cache
        "nlpkit cold (read + tokenise + write cache)": ("1 process", with_workers(1)),
        "nlpkit cold, tokenising in a pool": (f"1 + a pool of {cores}", with_workers(cores)),
        "nlpkit cached re-read": ("1 process", nlpkit_pass),
        "nlpkit Pipeline().tokenize, texts in memory": ("1 process", lambda: sum(len(tokenize(t)) for t in texts)),
        "gensim simple_preprocess, texts in memory": (
            "1 process", lambda: sum(len(simple_preprocess(t)) for t in texts)),
        "spaCy blank('en') tokenizer, texts in memory": (
            "1 process", lambda: sum(len(doc) for doc in spacy_tokenizer.pipe(texts, batch_size=256))),
    }
    best: dict[str, tuple[int, float]] = {}
    for round_number in range(rounds):
        for label, (_, measure) in measures.items():
            if "cold" in label:
                os.environ["NLPKIT_CACHE_DIR"] = str(scratch / f"cache-{round_number}-{len(label)}")
            tokens, seconds = _timed(measure)
            if label not in best or seconds < best[label][1]:
                best[label] = (tokens, seconds)
    return [(label, workers, *best[label]) for label, (workers, _) in measures.items()]


def memory_rows(scratch: Path, base_lines: int) -> list[tuple[str, int, int, float, float]]:
    """(label, documents, tokens, peak RSS in MB of the process, of its largest pool worker) of a child
    streaming 1x, 4x and 16x a generated corpus, with a pool of every core.

    A plain line file is cut into byte ranges of up to RANGE_BYTES for the pool, so memory grows with the corpus until the ranges reach that size (about 4x here) and is
    flat after: 16x is the row that shows whether streaming holds."""
    rows = []
    for scale in MEMORY_SCALES:
        corpus_file = scratch / f"generated-{scale}x.txt"
        documents = _generate(corpus_file, base_lines * scale)
        out = subprocess.run([sys.executable, __file__, "--memory-child", str(corpus_file), str(scratch / f"mem{scale}")],
                             check=True, capture_output=True, text=True)
        result = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append((f"{scale}x", documents, result["tokens"], result["peak_rss_mb"],
                     result["worker_peak_rss_mb"]))
    return rows


def _generate(path: Path, lines: int) -> int:
    """A reproducible corpus of short reviews over a fixed vocabulary (a Zipf-like draw)."""
    import random

    rng = random.Random(0)
    words = [f"w{i}" for i in range(5000)] + ["the", "a", "is", "not", "good", "bad", "don't", "it's"]
    cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(words))))
    with open(path, "w", encoding="utf-8") as fh:
        for _ in range(lines):
            fh.write(" ".join(rng.choices(words, cum_weights=cumulative, k=rng.randint(5, 40))).capitalize() + ".\n")
    return lines


def memory_child(corpus_file: Path, cache: Path) -> None:
    os.environ["NLPKIT_CACHE_DIR"] = str(cache)
    os.environ["NLPKIT_WORKERS"] = str(os.cpu_count() or 1)  # the same pool however busy the machine is
    from nlpkit.corpus import read_corpus

    corpus = read_corpus(corpus_file)
    tokens = sum(len(t) for t in corpus)  # cold: builds the cache
    tokens = sum(len(t) for t in read_corpus(corpus_file))  # cached pass
    worker_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest pool worker, once reaped
    print(json.dumps({"tokens": tokens, "peak_rss_mb": round(_peak_rss_kb() / 1024, 1),
                      "worker_peak_rss_mb": round(worker_kb / 1024, 1)}))


def _peak_rss_kb() -> int:
    """This process's peak RSS. /proc's VmHWM starts afresh at exec; ru_maxrss on Linux keeps
    the parent's peak across fork + exec, so it is only the fallback."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def print_report(rows, memory, characters: int, rounds: int) -> None:
    rate = {label: tokens / seconds for label, _, tokens, seconds in rows}
    cold, pooled, cached, in_memory, gensim_row, spacy_row = (row[0] for row in rows)
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores; "
          f"Python {platform.python_version()}; {characters / 1e6:.1f}M characters of text; "
          f"best of {rounds} alternating rounds; load average {os.getloadavg()[0]:.1f} at the end\n")
    print("| what | workers | tokens | seconds | tokens/s |")
    print("|---|---|---:|---:|---:|")
    for label, workers, tokens, seconds in rows:
        print(f"| {label} | {workers} | {tokens:,} | {seconds:.2f} | {tokens / seconds:,.0f} |")
    print()
    print("| ratio | value | target |")
    print("|---|---:|---|")
    print(f"| nlpkit cold, 1 process / gensim simple_preprocess | {rate[cold] / rate[gensim_row]:.2f}x | >= 0.8x |")
    print(f"| nlpkit cold, pool / gensim simple_preprocess (1 process) | {rate[pooled] / rate[gensim_row]:.2f}x | |")
    print(f"| nlpkit tokenize in memory / gensim simple_preprocess | {rate[in_memory] / rate[gensim_row]:.2f}x | |")
    print(f"| nlpkit cold / spaCy blank tokenizer | {rate[cold] / rate[spacy_row]:.2f}x | |")
    print(f"| nlpkit cached / nlpkit cold (1 process) | {rate[cached] / rate[cold]:.1f}x | >= 10x |")
    print()
    print("| generated corpus | documents | tokens | peak RSS of the process (MB) | of its largest pool worker (MB) |")
    print("|---|---:|---:|---:|---:|")
    for label, documents, tokens, peak, worker in memory:
        print(f"| {label} | {documents:,} | {tokens:,} | {peak:.1f} | {worker:.1f} |")
    print(f"\npeak RSS 16x / 4x: {memory[-1][3] / memory[-2][3]:.2f} (flat = 1.0); 4x / 1x: "
          f"{memory[-2][3] / memory[0][3]:.2f}")


if __name__ == "__main__":
    main()
