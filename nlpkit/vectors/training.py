"""Training word vectors with gensim: ``Word2VecModel`` and ``FastTextModel``.

Both train from ``corpus.token_file()`` through gensim's ``corpus_file`` fast path (the
corpus layer caches the tokens, so a re-run skips tokenising), build their vocabulary from
the word counts the corpus layer saved while tokenising (gensim would read the corpus once
more for them), and save gensim KeyedVectors plus word2vec text and binary exports,
``params.json`` and ``run.json``.

Reproducibility: with ``workers=1`` and a seed, training is exactly repeatable; with
several workers the threads race over shared weights, so results vary slightly from run to
run; ``training_["exactly_repeatable"]`` records which case a model is.
"""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path

from .._io import atomic_dir, atomic_write
from ..base import Estimator
from ..errors import ArtifactError, EmptyCorpusError, InputError, InvalidParameterError
from ..progress import task
from .formats import MODEL_FILE, write_word2vec_text
from .loss import sampled_loss
from .vectors import WordVectors

PARAMS_FILE = "params.json"
TEXT_EXPORT, BINARY_EXPORT = "vectors.txt", "vectors.bin"


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


class _GensimVectorModel(Estimator):
    """What word2vec and fastText share: parameters, fit over the token file, save and load."""

    kind = ""

    def _fitted_summary(self) -> str:
        if not hasattr(self, "vectors_"):
            return ""
        return f"  # fitted: {len(self.vectors_):,} words, dim {self.vectors_.dim}"

    def _shared_gensim_params(self, workers: int) -> dict:
        """The gensim settings word2vec and fastText share, under gensim's names."""
        return {"sg": self.sg, "vector_size": self.dim, "window": self.window, "min_count": self.min_count,
                "sample": self.sample, "negative": self.negative, "hs": self.hs, "epochs": self.epochs,
                "alpha": self.alpha, "workers": workers, "seed": self.seed}

    # ---- fitting -----------------------------------------------------------------------
    def fit(self, corpus) -> _GensimVectorModel:
        """Train on ``corpus`` (a Corpus, a path or a corpus name; tokenised with the "vectors" preset)."""
        from ..runs import RunRecord

        self._validate()
        corpus = _as_corpus(corpus)
        token_file = str(corpus.token_file())
        workers = self.workers or default_workers()
        record = RunRecord(f"vectors train --model {self.kind}", params=self.get_params(), workers=workers,
                           seed=self.seed)
        model = self._gensim_model(workers)
        build_vocabulary(model, corpus.word_counts())
        if len(model.wv) == 0:
            raise EmptyCorpusError(
                f"{corpus.name}: no word occurs at least min_count={self.min_count} times",
                hint="lower --min-count, or train on a larger corpus")
        started = time.perf_counter()
        losses = _train(model, token_file, self.epochs, self.kind, self.seed)
        seconds = time.perf_counter() - started
        self.model_ = model
        self.vectors_ = WordVectors(model.wv, source=f"{self.kind} on {corpus.name}")
        self.corpus_ = {"name": corpus.name, "fingerprint": corpus.fingerprint, "documents": model.corpus_count,
                        "tokens": model.corpus_total_words, "vocabulary": len(model.wv)}
        self.training_ = {"seconds": round(seconds, 3), "workers": workers,
                          "words_per_second": round(model.corpus_total_words * self.epochs / max(seconds, 1e-9)),
                          "epoch_losses": losses, "exactly_repeatable": workers == 1}
        record.corpus, record.metrics = self.corpus_, self.training_
        self.run_ = record.finish()
        self._remember_fitted_params()
        return self

    def _validate(self) -> None:
        self._check_param_types()
        if self.sg not in (0, 1):
            raise InvalidParameterError(f"sg={self.sg}: 1 trains skip-gram, 0 CBOW", hint="pass sg=1 or sg=0")
        for name in ("dim", "window", "epochs"):
            if getattr(self, name) < 1:
                raise InvalidParameterError(f"{name} {getattr(self, name)}: must be at least 1")
        if self.min_count < 1:
            raise InvalidParameterError(f"min_count {self.min_count}: must be at least 1")
        if self.hs not in (0, 1) or (self.hs == 0 and self.negative < 1):
            raise InvalidParameterError(f"hs={self.hs}, negative={self.negative}: use negative sampling "
                                        "(negative >= 1) or hierarchical softmax (hs=1)")
        if not 0 <= self.sample < 1:
            raise InvalidParameterError(f"sample {self.sample}: must be in [0, 1)")
        if not self.alpha > 0:
            raise InvalidParameterError(f"alpha {self.alpha}: the learning rate must be positive (nothing is "
                                        "learned at 0)", hint="gensim's default is 0.025")
        if self.workers is not None and self.workers < 1:
            raise InvalidParameterError(f"workers {self.workers}: must be at least 1",
                                        hint="leave it out to use every core")

    # ---- persistence -----------------------------------------------------------------------
    def save(self, folder: str | Path) -> Path:
        """Write vectors (.kv, word2vec text and binary), params.json and run.json into ``folder`` atomically."""
        self.check_fitted()
        with atomic_dir(folder) as tmp:
            write_vectors(self.vectors_.kv, tmp)
            with atomic_write(tmp / PARAMS_FILE) as fh:
                json.dump({"model": self.kind, "params": self.fitted_params(), "corpus": self.corpus_,
                           "training": self.training_}, fh, indent=2)
            self.run_.files = sorted(p.name for p in tmp.iterdir()) + ["run.json"]
            self.run_.save(tmp)
        return Path(folder)

    @classmethod
    def load(cls, folder: str | Path) -> _GensimVectorModel:
        """A fitted model from a folder written by ``save`` (vectors memory-mapped; no gensim trainer state)."""
        from ..runs import RunRecord

        folder = Path(folder)
        try:
            saved = json.loads((folder / PARAMS_FILE).read_text())
        except (OSError, ValueError) as exc:
            raise ArtifactError(f"{folder}: no readable {PARAMS_FILE} ({exc})",
                                hint="pass a folder written by `nlpkit vectors train`") from None
        model_class = MODELS.get(saved.get("model"), cls)
        known = set(model_class._param_names())
        model = model_class(**{k: v for k, v in saved.get("params", {}).items() if k in known})
        model.vectors_ = WordVectors.load(folder)
        model.corpus_, model.training_ = saved.get("corpus", {}), saved.get("training", {})
        model.run_ = RunRecord.load(folder) if (folder / "run.json").exists() else RunRecord("vectors train")
        model._remember_fitted_params()
        return model

    @property
    def wv(self) -> WordVectors:
        """The trained vectors (``vectors_``)."""
        self.check_fitted()
        return self.vectors_


class Word2VecModel(_GensimVectorModel):
    """gensim Word2Vec with nlpkit's defaults.

    Parameters
    ----------
    sg: 1 skip-gram, 0 CBOW.
    dim: vector dimension.  window: context words on each side.
    min_count: ignore words seen fewer times.  sample: sub-sampling threshold of frequent words.
    negative: negative samples (0 with hs=1 for hierarchical softmax only).  hs: 1 hierarchical softmax.
    epochs: passes over the corpus.  alpha: initial learning rate.
    workers: threads (None: all cores; 1 for an exactly repeatable run).  seed: random seed.
    """

    kind = "word2vec"

    def __init__(self, sg: int = 1, dim: int = 100, window: int = 5, min_count: int = 5, sample: float = 1e-3,
                 negative: int = 5, hs: int = 0, epochs: int = 5, alpha: float = 0.025, workers: int | None = None,
                 seed: int = 0):
        self.sg = sg
        self.dim = dim
        self.window = window
        self.min_count = min_count
        self.sample = sample
        self.negative = negative
        self.hs = hs
        self.epochs = epochs
        self.alpha = alpha
        self.workers = workers
        self.seed = seed

    def _gensim_model(self, workers: int):
        from gensim.models import Word2Vec

        return Word2Vec(**self._shared_gensim_params(workers))


class FastTextModel(_GensimVectorModel):
    """gensim FastText: word2vec plus character n-grams (``min_n``..``max_n``) hashed into ``bucket`` rows.

    Subwords give rare and unseen words a vector and lift analogy accuracy a lot on corpora
    of a few million tokens. Parameters as :class:`Word2VecModel`, plus ``min_n``, ``max_n``
    (0 and 0 turn subwords off) and ``bucket``. The defaults differ from word2vec's where
    ``benchmarks/vectors_sweep.py`` found better ones for corpora of a few million tokens:
    8 epochs, a window of 3, n-grams of 3 to 5 characters and 1M hash buckets. gensim's
    FastText sums a word's n-gram vectors for every context pair, so the smaller window and
    shorter n-grams also make it about 30% faster than window 5 and n-grams 3-6; 1M buckets
    scored the same as fastText's 2M with half the memory.
    """

    kind = "fasttext"

    def __init__(self, sg: int = 1, dim: int = 100, window: int = 3, min_count: int = 5, sample: float = 1e-3,
                 negative: int = 5, hs: int = 0, epochs: int = 8, alpha: float = 0.025, min_n: int = 3,
                 max_n: int = 5, bucket: int = 1_000_000, workers: int | None = None, seed: int = 0):
        self.sg = sg
        self.dim = dim
        self.window = window
        self.min_count = min_count
        self.sample = sample
        self.negative = negative
        self.hs = hs
        self.epochs = epochs
        self.alpha = alpha
        self.min_n = min_n
        self.max_n = max_n
        self.bucket = bucket
        self.workers = workers
        self.seed = seed

    def _validate(self) -> None:
        super()._validate()
        subwords_off = self.min_n == 0 and self.max_n == 0
        if not subwords_off and not (1 <= self.min_n <= self.max_n):
            raise InvalidParameterError(f"min_n {self.min_n}, max_n {self.max_n}: character n-grams run from min_n "
                                        "to max_n, 1 <= min_n <= max_n", hint="e.g. --min-n 3 --max-n 5; 0 and 0 "
                                                                              "turn subwords off")
        if not subwords_off and self.bucket < 1:
            raise InvalidParameterError(f"bucket {self.bucket}: n-grams need at least one hash bucket",
                                        hint="e.g. --bucket 1000000; to turn subwords off, --min-n 0 --max-n 0")

    def _gensim_model(self, workers: int):
        from gensim.models import FastText

        return FastText(**self._shared_gensim_params(workers), min_n=self.min_n, max_n=self.max_n,
                        bucket=self.bucket)


MODELS: dict[str, type[_GensimVectorModel]] = {"word2vec": Word2VecModel, "fasttext": FastTextModel}


def make_model(kind: str, **params) -> _GensimVectorModel:
    if kind not in MODELS:
        raise InvalidParameterError(f"model {kind!r}: must be 'word2vec' or 'fasttext'")
    MODELS[kind].check_param_names(params)
    return MODELS[kind](**params)


def _as_corpus(corpus):
    from ..corpus import Corpus, read_corpus

    if isinstance(corpus, Corpus):
        return corpus
    if corpus is not None and not isinstance(corpus, (str, Path)):
        raise InputError(f"vector training reads a Corpus, a path or a corpus name, not a {type(corpus).__name__}",
                         hint="write the texts to a file, one document a line, and pass its path: training "
                              "streams the corpus from disk (gensim's corpus_file), several passes")
    return read_corpus(corpus, pipeline="vectors")


def build_vocabulary(model, counts) -> None:
    """gensim's vocabulary from the corpus layer's saved word counts.

    The same vocabulary, in the same order, as ``build_vocab(corpus_file=...)``, without
    gensim reading the whole corpus once more in Python before training.
    """
    model.build_vocab_from_freq(counts.words, corpus_count=counts.sentences)
    model.corpus_total_words = counts.tokens


# ---- the training loop with progress ---------------------------------------------------------------
def _train(model, token_file: str, epochs: int, kind: str, seed: int = 0) -> list[float]:
    """Train, advancing the progress bar (words, so it shows words/s) and showing the loss after each epoch.

    gensim's corpus_file workers report only when an epoch ends, so progress moves once per epoch.
    The loss is ``SampledLoss``: the negative-sampling loss per pair on a fixed sample of the corpus
    (gensim's own tally is broken; see ``loss.py``). Models without negative sampling show none.
    """
    from gensim.models.callbacks import CallbackAny2Vec

    words_per_epoch = model.corpus_total_words
    losses: list[float] = []
    loss = sampled_loss(model, token_file, seed=seed)

    class EpochProgress(CallbackAny2Vec):
        def __init__(self, progress):
            self.progress, self.epoch = progress, 0

        def on_epoch_end(self, trained):
            self.epoch += 1
            self.progress.advance(words_per_epoch)
            status = {"epoch": f"{self.epoch}/{epochs}"}
            if loss is not None:
                losses.append(round(loss(trained), 4))
                status["loss"] = f"{losses[-1]:.3f}"
            self.progress.update(**status)

    with task(f"training {kind}", words_per_epoch * epochs, "words") as progress:
        model.train(corpus_file=token_file, total_examples=model.corpus_count, total_words=words_per_epoch,
                    epochs=epochs, callbacks=[EpochProgress(progress)])
    return losses


# ---- writing vectors ------------------------------------------------------------------------------
def write_vectors(kv, folder: Path) -> None:
    """gensim native ``vectors.kv`` (arrays in .npy files, so loads can memory-map) plus word2vec exports.

    ``folder`` is the temporary folder of an ``atomic_dir``, so the files are written in place.
    """
    kv.save(str(folder / MODEL_FILE), sep_limit=0)
    logger = logging.getLogger("gensim.models.keyedvectors")
    level = logger.level
    logger.setLevel(logging.ERROR)  # vectors loaded from files have no counts: gensim warns, index order is right
    try:
        kv.save_word2vec_format(str(folder / BINARY_EXPORT), binary=True)
    finally:
        logger.setLevel(level)
    from ..corpus.corpus import configured_workers

    write_word2vec_text(kv.index_to_key, kv.vectors, folder / TEXT_EXPORT,
                        workers=configured_workers() or default_workers())


def save_vectors(kv, folder: str | Path, params: dict | None = None) -> Path:
    """Write ``kv`` into ``folder`` atomically, with ``params`` (how it was made) as params.json."""
    with atomic_dir(folder) as tmp:
        write_vectors(kv, tmp)
        if params is not None:
            with atomic_write(tmp / PARAMS_FILE) as fh:
                json.dump(params, fh, indent=2)
    return Path(folder)
