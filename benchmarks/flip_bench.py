"""flip-sentiment on Yelp or MR: ray vs rules vs hybrid vs the unchanged input, judged independently.

Steering (CNN + n-gram logistic regression + polarity + LM) learns from one half of the
training data; the judge (multinomial naive Bayes on 1-3-grams, a different family from
both steering classifiers) and the fluency LM learn from the other half. Every method flips
the same seeded sample of held-out sentences toward the opposite sentiment.

  * ``--dataset yelp`` (default): halves of sentiment.train.*, a sample of sentiment.dev.*;
    the steering CNN as in the sentiment benchmark (2 epochs).
  * ``--dataset mr``: the shipped movie-review model's recipe (a CNN on MR snippets, 10 epochs,
    patience 2; resources from MR snippets + movie_reviews sentences) retrained on half of its
    training data, since the shipped model saw all of it and leaves nothing disjoint for a judge; the sample comes
    from the 10% of MR snippets the shipped model holds out (with --seed 0, the shipped model's
    seed). Halves split whole reviews, and the judge half drops sentences the steering half or
    the sample also hold (movie_reviews has near-copies of some reviews).
  * ``--references FOLDER`` (Yelp): the 1,000 sentences of the Yelp test set that people
    rewrote to the other sentiment (Li et al. 2018; not in ../shared/data, see --help) in place
    of the dev sample. The people's rewrites are scored as a row of their own, a yardstick for
    every figure, and each method gets BLEU against them.

    nice -n 5 .venv/bin/python benchmarks/flip_bench.py --sample 1000 --seed 0
    nice -n 5 .venv/bin/python benchmarks/flip_bench.py --dataset mr --sample 1000 --seed 0
    nice -n 5 .venv/bin/python benchmarks/flip_bench.py --references DIR --sample 0 --seed 0
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
FLUENT_RATIO = 1.3      # the issue's fluency target, used by the fluent ceiling row
LABEL_NAMES = {"0": "negative", "1": "positive", "neg": "negative", "pos": "positive"}


def read_split(folder: Path, split: str) -> list[tuple[list[str], str]]:
    pairs = []
    for label in ("0", "1"):
        with open(folder / f"sentiment.{split}.{label}", encoding="utf-8") as f:
            pairs += [(line.split(), label) for line in f if line.strip()]
    return pairs


def read_references(folder: Path) -> tuple[list[tuple[list[str], str]], list[list[str]]]:
    """The Yelp test set with human rewrites (Li et al. 2018, "Delete, Retrieve, Generate"):
    ``reference.0`` (negative sources) and ``reference.1`` (positive), one "source<TAB>rewrite"
    per line, each rewrite a person's flip of its source to the other sentiment."""
    pairs, rewrites = [], []
    for label in ("0", "1"):
        path = folder / f"reference.{label}"
        try:
            with open(path, encoding="utf-8") as f:
                lines = f.read().splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise ValueError(f"{path}: cannot be read ({exc.strerror if isinstance(exc, OSError) else exc.reason}); "
                             "--references wants the folder holding reference.0 and reference.1") from None
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            source, tab, rewrite = line.partition("\t")
            if not tab or not source.split() or not rewrite.split():
                raise ValueError(f"{path}:{number}: not a source, a tab and its rewrite")
            pairs.append((source.split(), label))
            rewrites.append(rewrite.split())
        if not any(l == label for _, l in pairs):
            raise ValueError(f"{path}: no source<TAB>rewrite lines")
    return pairs, rewrites


def word_edits(source: list[str], rewrite: list[str]) -> int:
    """Word-level Levenshtein distance: the edits a person's rewrite makes, each replaced, inserted or
    deleted word one. Close to the flips' count but not the same: a flip's edit may span words ("over
    priced" -> "expensive", "did n't like" -> "liked" count one there, two and three here)."""
    previous = list(range(len(rewrite) + 1))
    for i, word in enumerate(source, 1):
        current = [i]
        for j, other in enumerate(rewrite, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (word != other)))
        previous = current
    return previous[-1]


def halves(pairs, seed):
    shuffled = list(pairs)
    random.Random(seed).shuffle(shuffled)
    middle = len(shuffled) // 2
    return shuffled[:middle], shuffled[middle:]


def mr_splits(seed: int):
    """(steering half, judge half, held-out MR snippets, the steering half's sentence weights, the
    steering half's MR snippets) as the shipped model's scripts split MR and movie_reviews (with
    --seed 0, their held-out 10%), the training part halved by whole reviews. The steering CNN
    learns from the snippets alone, as scripts/train_default_sentiment.py does; the resources from
    all of the half, review sentences weighing INHERITED_LABEL_WEIGHT, as in
    scripts/build_flip_resources.py."""
    from nlpkit.corpus import Pipeline, read_corpus
    from nlpkit.sentiment.data import held_out_split, inherited_label_weights, labelled_examples, split_sentences

    pipeline = Pipeline.preset("sentiment")
    mr = [[pair] for pair in labelled_examples(read_corpus("mr", pipeline=pipeline), split=False)]
    reviews = [[(s, str(record["label"])) for s in split_sentences(tokens)]
               for tokens, record in read_corpus("movie_reviews", pipeline=pipeline).records()]
    mr_train, mr_test = held_out_split(mr, 0.1, seed)
    reviews_train, _ = held_out_split([[group] for group in reviews], 0.1, seed)
    steer_mr, judge_mr = held_out_split([[pair] for pair in mr_train], 0.5, seed)
    steer_reviews, judge_reviews = held_out_split([[group] for group in reviews_train], 0.5, seed)
    flat = lambda groups: [pair for group in groups for pair in group]  # noqa: E731
    steer = steer_mr + flat(steer_reviews)
    weights = inherited_label_weights(len(steer_mr), len(steer) - len(steer_mr))
    # movie_reviews holds near-copies of some reviews, and an MR snippet can quote a review:
    # the judge learns no sentence the steering half or the sample holds
    seen = {tuple(tokens) for tokens, _ in steer + mr_test}
    judge = [(tokens, label) for tokens, label in judge_mr + flat(judge_reviews) if tuple(tokens) not in seen]
    return steer, judge, mr_test, weights, steer_mr


def steering_cnn(train, work: Path, seed: int, epochs: int, dataset: str, networks: int = 1):
    from nlpkit.corpus import Pipeline
    from nlpkit.sentiment import SentimentCNN

    name = {"yelp": "yelp", "mr": "mr_snippets"}[dataset]    # until session 16 MR's CNN also read movie_reviews
    folder = work / (f"{name}_cnn_seed{seed}_e{epochs}" + (f"_{networks}nets" if networks > 1 else ""))
    if (folder / "weights.pt").is_file():
        return SentimentCNN.load(folder)
    if dataset == "yelp":
        model = SentimentCNN(epochs=epochs, seed=seed, maps=100, patience=1, n_networks=networks)
    else:  # the shipped model's settings (scripts/train_default_sentiment.py)
        model = SentimentCNN(epochs=epochs, patience=2, seed=seed, pipeline=Pipeline.preset("sentiment"), split=False,
                             n_networks=networks)
    model.fit(train)
    model.save(folder)
    return model


def flipper_resources(train, work: Path, seed: int, dataset: str, weights=None):
    from nlpkit.flip import SentimentFlipper

    weight = "" if weights is None else f"_w{min(weights):g}"     # a new INHERITED_LABEL_WEIGHT builds anew
    folder = work / f"{dataset}_flip_resources_v14{weight}_seed{seed}"
    if not folder.is_dir():
        SentimentFlipper().fit(train, sample_weight=weights).save_resources(folder)
    return folder


class JudgeReads:
    """A steering classifier's stand-in that reads with the judge: ``predict_proba`` and ``classes_``
    come from the judge (in the CNN's class order), everything else (tokenising, vectors, gradients)
    from the CNN."""

    def __init__(self, cnn, judge):
        self.cnn, self.judge = cnn, judge
        self.classes_ = list(cnn.classes_)

    def __getattr__(self, name):
        return getattr(self.cnn, name)

    def predict_proba(self, documents):
        import numpy as np

        return np.column_stack([self.judge.target_proba(documents, str(c)) for c in self.classes_])


def judge_steered(resources, cnn, judge):
    """The benchmark's flipper with the judge in place of both steering classifiers, everywhere they
    decide (whether a sentence already reads as the target, which rewrite wins, which attempt is best):
    the best its own pool of edits could do.  A ceiling for the analysis, not a method: the judge's
    verdict on its own choices is no independent success.  The rays still come from the CNN."""
    from nlpkit.flip import SentimentFlipper

    flipper = SentimentFlipper.from_resources(resources, JudgeReads(cnn, judge), margin=0.0)
    flipper.second = JudgeReads(cnn, judge)
    return flipper


def judge_fluent(resources, cnn, judge, ratio: float):
    """``judge_steered`` with the judge's own LM as the fluency measure, and a winner at most ``ratio``
    times its source's perplexity under it (run with ``unflipped_as_source``: a sentence with no such
    winner stays as it is). The judge success a fluent rewrite from the pool can reach, by the
    benchmark's own measures."""
    flipper = judge_steered(resources, cnn, judge)
    flipper.lm, flipper.max_perplexity_ratio = judge.lm_, ratio
    return flipper


def blunt_edits(judge, steer_half, dev, targets, max_edits: int, words: int = 50):
    """Edits with no care for reading, chosen by the judge: up to ``max_edits`` times, one of the
    ``words`` commonest opinion-lexicon words of the target sign goes anywhere (in place of a token
    or before it), wherever the judge likes it best.  Shows how easily the judge itself is fooled.
    None without the lexicon (NLTK data)."""
    import collections

    import numpy as np

    from nlpkit.flip.flipper import opinion_lexicon
    from nlpkit.flip.polarity import class_sign

    lexicon = opinion_lexicon()
    if lexicon is None:
        return None
    counts = collections.Counter(t for tokens, _ in steer_half for t in tokens)
    commonest = {sign: sorted(words_, key=lambda w: -counts[w])[:words] for sign, words_ in zip((1, -1), lexicon)}
    outputs, edits = [], []
    for (tokens, _), target in zip(dev, targets):
        current, made = list(tokens), 0
        while made < max_edits and judge.target_proba([current], target)[0] <= 0.5:
            rewrites = [current[:i] + [word] + current[i + dropped:] for i in range(len(current) + 1)
                        for dropped in ((0, 1) if i < len(current) else (0,)) for word in commonest[class_sign(target)]]
            current, made = rewrites[int(np.argmax(judge.target_proba(rewrites, target)))], made + 1
        outputs.append(current)
        edits.append(made)
    return outputs, edits


def run_method(flipper, dev, targets, method, unflipped_as_source: bool = False):
    """Flip every sentence toward its target; with ``unflipped_as_source`` a sentence that does not reach
    the target keeps its source, where otherwise the best attempt stands."""
    from nlpkit.errors import InputError

    flipper.method = method
    outputs, latencies, edits, flipped = [], [], [], 0
    started = time.perf_counter()
    for (tokens, _), target in zip(dev, targets):
        t0 = time.perf_counter()
        try:
            result = flipper.flip(tokens, target)   # the opposite of the gold label, not of the CNN's reading
        except InputError:          # a line of unknown words (e.g. "Positive"): left as it is, a failure
            outputs.append(tokens)
            edits.append(0)
            continue
        finally:
            latencies.append(time.perf_counter() - t0)
        kept = unflipped_as_source and result.status != "flipped"
        outputs.append(tokens if kept else result.rewrite_tokens)
        edits.append(0 if kept else len(result.edits))
        flipped += result.status == "flipped"
    return outputs, latencies, edits, flipped, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dataset", choices=("yelp", "mr"), default="yelp")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "yelp",
                        help="the Yelp folder (MR and movie_reviews come from the NLTK data beside it)")
    parser.add_argument("--sample", type=int, default=1000, help="dev sentences (0 = all)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=None, help="steering CNN epochs (default: yelp 2, mr 10)")
    parser.add_argument("--work", type=Path, default=Path.home() / ".cache" / "nlpkit-bench" / "flip")
    parser.add_argument("--methods", default="ray,rules,hybrid")
    parser.add_argument("--examples", type=int, default=8)
    parser.add_argument("--max-perplexity-ratio", type=float, default=None,
                        help="a winning rewrite may have at most this times the source's perplexity (steering LM)")
    parser.add_argument("--steer-ngrams", type=int, default=2,
                        help="longest n-gram of the steering logistic regression (the shipped resources use 2)")
    parser.add_argument("--steer-networks", type=int, default=1,
                        help="CNNs in the steering ensemble (SentimentCNN(n_networks=N)); the rays run in their "
                             "side-by-side vector space")
    parser.add_argument("--ceiling", action="store_true",
                        help="also print analysis rows (not methods): the ray pool with the judge choosing (also "
                             f"with each rewrite held to {FLUENT_RATIO:g}x its source's perplexity under the judge's "
                             "LM), and "
                             "up to 1 and 3 blunt opinion-word edits anywhere, chosen by the judge")
    parser.add_argument("--references", type=Path, default=None,
                        help="Yelp only: a folder with Li et al. (2018)'s reference.0 and reference.1 (the Yelp test "
                             "set with human rewrites; github.com/lijuncen/Sentiment-and-Style-Transfer, data/yelp). "
                             "Flips those sources instead of the dev sample, scores the human rewrites as a row of "
                             "their own, and adds BLEU against them")
    parser.add_argument("--margin", type=float, default=0.3,
                        help="both steering classifiers must reach 0.5 + margin (the CLI default is 0.1)")
    args = parser.parse_args()
    if args.steer_networks < 1:
        parser.error(f"--steer-networks {args.steer_networks}: must be at least 1")
    if args.references and args.dataset != "yelp":
        parser.error("--references: the human rewrites are of Yelp sentences; use it with --dataset yelp")
    references = None
    if args.references:
        try:
            references_data = read_references(args.references)
        except ValueError as exc:        # one line, exit 2, before any model is trained
            print(f"error: {exc}", file=sys.stderr)
            raise SystemExit(2) from None

    os.environ.setdefault("NLTK_DATA", str(args.data.parent / "nltk_data"))
    import torch

    torch.set_num_threads(1)      # two threads spin against each other on a shared CPU
    from nlpkit.flip import SentimentFlipper
    from nlpkit.flip.evaluate import Judge, evaluate_rewrites

    args.work.mkdir(parents=True, exist_ok=True)
    if args.dataset == "yelp":
        steer_half, judge_half = halves(read_split(args.data, "train"), args.seed)
        dev, steer_weights = read_split(args.data, "dev"), None
        cnn_half = steer_half
    else:
        steer_half, judge_half, dev, steer_weights, cnn_half = mr_splits(args.seed)
    if args.references:
        dev, references = references_data
    epochs = args.epochs or {"yelp": 2, "mr": 10}[args.dataset]
    if args.sample and args.sample < len(dev):
        picked = random.Random(args.seed).sample(range(len(dev)), args.sample)
        dev = [dev[i] for i in picked]
        references = [references[i] for i in picked] if references else None
    print(f"{args.dataset}: steering half {len(steer_half):,} sentences, judge half {len(judge_half):,}; "
          f"dev sample {len(dev):,} (seed {args.seed})", flush=True)

    t0 = time.perf_counter()
    cnn = steering_cnn(cnn_half, args.work, args.seed, epochs, args.dataset, args.steer_networks)
    resources = flipper_resources(steer_half, args.work, args.seed, args.dataset, steer_weights)
    judge = Judge().fit(judge_half)
    print(f"models ready in {time.perf_counter() - t0:.0f} s; judge dev accuracy on the unchanged sample: "
          f"{judge.accuracy([t for t, _ in dev], [label for _, label in dev]):.3f}", flush=True)
    flipper = SentimentFlipper.from_resources(resources, cnn, margin=args.margin,
                                              max_perplexity_ratio=args.max_perplexity_ratio)
    if args.steer_ngrams != 2:  # the resources hold a 1-2-gram model; refit the second classifier on the same half
        from nlpkit.flip.linear import NgramLogistic

        flipper.second = NgramLogistic(ngram_max=args.steer_ngrams).fit([t for t, _ in steer_half],
                                                                         [label for _, label in steer_half])
    flipper.flip(dev[0][0])  # warm-up: builds the candidate space once

    sources = [t for t, _ in dev]
    first, second = sorted({label for _, label in steer_half})
    targets = [second if label == first else first for _, label in dev]
    rows = [("unchanged input", evaluate_rewrites(sources, sources, targets, judge, references), None)]
    rows[0][1].update(mean_edits=0.0)
    if references:
        human = evaluate_rewrites(sources, references, targets, judge)
        human.update(mean_edits=statistics.fmean(word_edits(s, r) for s, r in zip(sources, references)))
        rows.append(("human rewrites (Li et al. 2018's references)", human, None))
    examples = {}
    for method in args.methods.split(","):
        outputs, latencies, edits, flipped, seconds = run_method(flipper, dev, targets, method)
        metrics = evaluate_rewrites(sources, outputs, targets, judge, references)
        metrics.update(mean_edits=statistics.fmean(edits), sentences_per_second=len(dev) / seconds,
                       p50_ms=1000 * statistics.median(latencies), steering_success=flipped / len(dev))
        rows.append((method, metrics, outputs))
        examples[method] = outputs
        print(f"{method}: done in {seconds:.0f} s", flush=True)

    if args.ceiling:
        steered = judge_steered(resources, cnn, judge)
        outputs, _, edits, _, _ = run_method(steered, dev, targets, "ray")
        metrics = evaluate_rewrites(sources, outputs, targets, judge, references)
        metrics.update(mean_edits=statistics.fmean(edits))
        rows.append(("*ceiling: the ray pool, chosen by the judge*", metrics, outputs))
        outputs, _, edits, _, _ = run_method(judge_fluent(resources, cnn, judge, FLUENT_RATIO), dev, targets, "ray",
                                             unflipped_as_source=True)
        metrics = evaluate_rewrites(sources, outputs, targets, judge, references)
        metrics.update(mean_edits=statistics.fmean(edits))
        rows.append((f"*ceiling: the same, each rewrite at most {FLUENT_RATIO:g}x its source's perplexity under the "
                     "judge's LM (else unchanged)*", metrics, outputs))
        for n in (1, 3):
            blunt = blunt_edits(judge, steer_half, dev, targets, n)
            if blunt is not None:
                metrics = evaluate_rewrites(sources, blunt[0], targets, judge, references)
                metrics.update(mean_edits=statistics.fmean(blunt[1]))
                rows.append((f"*ceiling: up to {n} blunt opinion word(s) anywhere, chosen by the judge*", metrics,
                             blunt[0]))

    header = ("| method | judge success | self-BLEU | mean edits | sentences/s | p50 latency ms | "
              "median perplexity ratio | steering agreed |" + (" BLEU vs human |" if references else ""))
    print()
    print(header)
    print("|---|---:|---:|---:|---:|---:|---:|---:|" + ("---:|" if references else ""))
    cell = lambda m, key, fmt: format(m[key], fmt) if key in m else "—"  # noqa: E731
    for name, m, _ in rows:
        print(f"| {name} | {m['judge_success']:.1%} | {m['self_bleu']:.1f} | {m['mean_edits']:.2f} | "
              f"{cell(m, 'sentences_per_second', '.1f')} | {cell(m, 'p50_ms', '.1f')} | "
              f"{m['perplexity_ratio']:.2f} | {cell(m, 'steering_success', '.1%')} |"
              + (f" {cell(m, 'bleu', '.1f')} |" if references else ""))
    print(f"\nmargin {args.margin}; {args.steer_networks} steering CNN(s); judge = multinomial NB on 1-3-grams of the judge half; perplexity under a "
          f"Kneser-Ney LM of the judge half (source median {rows[0][1]['source_perplexity']:.1f})")
    print(f"\nRandom examples (seed {args.seed}):\n")
    picks = random.Random(args.seed + 1).sample(range(len(dev)), min(args.examples, len(dev)))
    for i in picks:
        print(f"- source ({LABEL_NAMES.get(dev[i][1], dev[i][1])}): {' '.join(sources[i])}")
        for method, outputs in examples.items():
            print(f"  - {method}: {' '.join(outputs[i])}")
        if references:
            print(f"  - a person: {' '.join(references[i])}")


if __name__ == "__main__":
    main()
