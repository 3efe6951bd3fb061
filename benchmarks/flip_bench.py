"""flip-sentiment on Yelp: ray vs rules vs hybrid vs the unchanged input, judged independently.

Steering (CNN + n-gram logistic regression + polarity + LM) learns from one half of
sentiment.train.*; the judge (multinomial naive Bayes on 1-3-grams, a different family from
both steering classifiers) and the fluency LM learn from the other half. Every method flips
the same seeded sample of sentiment.dev.* toward the opposite sentiment.

    nice -n 10 .venv/bin/python benchmarks/flip_bench.py --sample 1000 --seed 0
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def read_split(folder: Path, split: str) -> list[tuple[list[str], str]]:
    pairs = []
    for label in ("0", "1"):
        with open(folder / f"sentiment.{split}.{label}", encoding="utf-8") as f:
            pairs += [(line.split(), label) for line in f if line.strip()]
    return pairs


def halves(pairs, seed):
    shuffled = list(pairs)
    random.Random(seed).shuffle(shuffled)
    middle = len(shuffled) // 2
    return shuffled[:middle], shuffled[middle:]


def steering_cnn(train, work: Path, seed: int, epochs: int):
    from nlpkit.sentiment import SentimentCNN

    folder = work / f"yelp_cnn_seed{seed}_e{epochs}"
    if (folder / "weights.pt").is_file():
        return SentimentCNN.load(folder)
    model = SentimentCNN(epochs=epochs, seed=seed, maps=100, patience=1).fit(train)
    model.save(folder)
    return model


def flipper_resources(train, work: Path, seed: int):
    from nlpkit.flip import SentimentFlipper

    folder = work / f"yelp_flip_resources_v2_seed{seed}"
    if not folder.is_dir():
        SentimentFlipper().fit(train).save_resources(folder)
    return folder


def run_method(flipper, dev, method):
    from nlpkit.errors import InputError

    flipper.method = method
    outputs, latencies, edits, flipped = [], [], [], 0
    started = time.perf_counter()
    for tokens, _ in dev:
        t0 = time.perf_counter()
        try:
            result = flipper.flip(tokens, "opposite")
        except InputError:          # a line of unknown words (e.g. "Positive"): left as it is, a failure
            outputs.append(tokens)
            edits.append(0)
            continue
        finally:
            latencies.append(time.perf_counter() - t0)
        outputs.append(result.rewrite_tokens)
        edits.append(len(result.edits))
        flipped += result.status == "flipped"
    return outputs, latencies, edits, flipped, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "yelp")
    parser.add_argument("--sample", type=int, default=1000, help="dev sentences (0 = all)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path.home() / ".cache" / "nlpkit-bench" / "flip")
    parser.add_argument("--methods", default="ray,rules,hybrid")
    parser.add_argument("--examples", type=int, default=8)
    parser.add_argument("--max-perplexity-ratio", type=float, default=None,
                        help="a winning rewrite may have at most this times the source's perplexity (steering LM)")
    parser.add_argument("--steer-ngrams", type=int, default=2,
                        help="longest n-gram of the steering logistic regression (the shipped resources use 2)")
    parser.add_argument("--margin", type=float, default=0.3,
                        help="both steering classifiers must reach 0.5 + margin (the CLI default is 0.1)")
    args = parser.parse_args()

    os.environ.setdefault("NLTK_DATA", str(args.data.parent / "nltk_data"))
    import torch

    torch.set_num_threads(1)      # two threads spin against each other on a shared CPU
    from nlpkit.flip import SentimentFlipper
    from nlpkit.flip.evaluate import Judge, evaluate_rewrites

    args.work.mkdir(parents=True, exist_ok=True)
    train = read_split(args.data, "train")
    steer_half, judge_half = halves(train, args.seed)
    dev = read_split(args.data, "dev")
    if args.sample:
        dev = random.Random(args.seed).sample(dev, min(args.sample, len(dev)))
    print(f"train {len(train):,} sentences: steering half {len(steer_half):,}, judge half {len(judge_half):,}; "
          f"dev sample {len(dev):,} (seed {args.seed})", flush=True)

    t0 = time.perf_counter()
    cnn = steering_cnn(steer_half, args.work, args.seed, args.epochs)
    resources = flipper_resources(steer_half, args.work, args.seed)
    judge = Judge().fit(judge_half)
    print(f"models ready in {time.perf_counter() - t0:.0f} s; judge dev accuracy on the unchanged sample: "
          f"{judge.accuracy([t for t, _ in dev], [l for _, l in dev]):.3f}", flush=True)
    flipper = SentimentFlipper.from_resources(resources, cnn, margin=args.margin,
                                              max_perplexity_ratio=args.max_perplexity_ratio)
    if args.steer_ngrams != 2:  # the resources hold a 1-2-gram model; refit the second classifier on the same half
        from nlpkit.flip.linear import NgramLogistic

        flipper.second = NgramLogistic(ngram_max=args.steer_ngrams).fit([t for t, _ in steer_half],
                                                                         [l for _, l in steer_half])
    flipper.flip(dev[0][0])  # warm-up: builds the candidate space once

    sources = [t for t, _ in dev]
    targets = ["1" if label == "0" else "0" for _, label in dev]
    rows = [("unchanged input", evaluate_rewrites(sources, sources, targets, judge), None)]
    rows[0][1].update(mean_edits=0.0)
    examples = {}
    for method in args.methods.split(","):
        outputs, latencies, edits, flipped, seconds = run_method(flipper, dev, method)
        metrics = evaluate_rewrites(sources, outputs, targets, judge)
        metrics.update(mean_edits=statistics.fmean(edits), sentences_per_second=len(dev) / seconds,
                       p50_ms=1000 * statistics.median(latencies), steering_success=flipped / len(dev))
        rows.append((method, metrics, outputs))
        examples[method] = outputs
        print(f"{method}: done in {seconds:.0f} s", flush=True)

    header = ("| method | judge success | self-BLEU | mean edits | sentences/s | p50 latency ms | "
              "median perplexity ratio | steering agreed |")
    print()
    print(header)
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    cell = lambda m, key, fmt: format(m[key], fmt) if key in m else "—"  # noqa: E731
    for name, m, _ in rows:
        print(f"| {name} | {m['judge_success']:.1%} | {m['self_bleu']:.1f} | {m['mean_edits']:.2f} | "
              f"{cell(m, 'sentences_per_second', '.1f')} | {cell(m, 'p50_ms', '.1f')} | "
              f"{m['perplexity_ratio']:.2f} | {cell(m, 'steering_success', '.1%')} |")
    print(f"\nmargin {args.margin}; judge = multinomial NB on 1-3-grams of the judge half; perplexity under a "
          f"Kneser-Ney LM of the judge half (source median {rows[0][1]['source_perplexity']:.1f})")
    print(f"\nRandom examples (seed {args.seed}):\n")
    picks = random.Random(args.seed + 1).sample(range(len(dev)), min(args.examples, len(dev)))
    for i in picks:
        print(f"- source ({'positive' if dev[i][1] == '1' else 'negative'}): {' '.join(sources[i])}")
        for method, outputs in examples.items():
            print(f"  - {method}: {' '.join(outputs[i])}")


if __name__ == "__main__":
    main()
