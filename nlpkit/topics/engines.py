"""The two LDA engines behind :class:`~nlpkit.topics.TopicModel`.

``tomotopy`` is tomotopy's collapsed Gibbs sampler (C++); ``gensim`` is gensim's online
variational Bayes (``LdaModel``, or ``LdaMulticore`` with several workers). Both learn from
the same token lists and are read back onto the same gensim ``Dictionary``, so everything
downstream (tables, coherence, reports) is engine-agnostic.

Each engine trains in steps and reports its convergence curve through
``nlpkit.progress``: the per-word log-likelihood every ``interval`` Gibbs iterations, or
the per-word variational bound after every pass.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..errors import ArtifactError, ConvergenceWarning, MissingDependencyError
from ..progress import task

ENGINES = ("tomotopy", "gensim")
GIBBS_INTERVAL = 10
BOUND_SAMPLE_DOCS = 2000
# Relative change at the end of the curve above which training has not settled.
GIBBS_TOLERANCE = 2e-3
VARIATIONAL_TOLERANCE = 2e-3


def relative_change(history: Sequence[tuple[int, float]]) -> float:
    """How much a convergence curve still moves at its end: the relative difference between
    the mean of its last tenth and the mean of the tenth before (at least one point each),
    so the sampler's step-to-step noise does not hide or fake a trend."""
    values = [value for _, value in history]
    window = max(1, len(values) // 10)
    if len(values) < 2 * window or len(values) < 2:
        return float("inf")
    last = sum(values[-window:]) / window
    before = sum(values[-2 * window:-window]) / window
    return abs(last - before) / max(abs(before), 1e-12)


def warn_if_unconverged(history, tolerance: float, what: str, hint: str) -> bool:
    change = relative_change(history)
    if change > tolerance:
        moved = (f"the {what} still changed by {change:.2%} over the last tenth of training (tolerance "
                 f"{tolerance:.2%})" if change != float("inf") else
                 f"training was too short to see whether the {what} settles (one checkpoint)")
        warnings.warn(f"topic model may not have converged: {moved}; {hint}", ConvergenceWarning, stacklevel=4)
        return False
    return True


class GibbsEngine:
    """tomotopy's LDAModel: collapsed Gibbs sampling with learned asymmetric alpha."""

    name = "tomotopy"
    native_file = "model.tomotopy.bin"

    def __init__(self, k: int, *, alpha: float, eta: float, iterations: int, burn_in: int, optim_interval: int,
                 rm_top: int, seed: int, workers: int):
        self.k, self.alpha, self.eta = k, alpha, eta
        self.iterations, self.burn_in, self.optim_interval, self.rm_top = iterations, burn_in, optim_interval, rm_top
        self.seed, self.workers = seed, workers
        self.model = None
        self.history: list[tuple[int, float]] = []
        self.converged = True

    def fit(self, texts: Sequence[Sequence[str]], dictionary=None) -> GibbsEngine:
        """Sample; ``dictionary`` is unused (tomotopy keeps its own vocabulary, mapped back in topic_word)."""
        tp = _tomotopy()
        model = tp.LDAModel(k=self.k, alpha=self.alpha, eta=self.eta, rm_top=self.rm_top, seed=self.seed)
        for tokens in texts:
            if tokens:
                model.add_doc(list(tokens))
        model.burn_in = self.burn_in
        model.optim_interval = self.optim_interval
        done = 0
        with task("training LDA (Gibbs sampling)", self.iterations, "iterations") as progress, \
                warnings.catch_warnings():
            # tomotopy's own warning would say multi-threaded results may differ; with PARTITION they
            # repeat for a fixed worker count (tests/topics/test_topics_model.py shows it).
            warnings.filterwarnings("ignore", "The training result may differ", RuntimeWarning)
            while done < self.iterations:
                step = min(GIBBS_INTERVAL, self.iterations - done)
                # PARTITION gives each thread a fixed slice of the vocabulary and its own seeded
                # generator, so a run repeats exactly for a given number of workers.
                model.train(step, workers=self.workers, parallel=tp.ParallelScheme.PARTITION)
                done += step
                self.history.append((done, float(model.ll_per_word)))
                progress.advance(step)
                progress.update(ll_per_word=f"{model.ll_per_word:.4f}")
        self.model = model
        self.converged = warn_if_unconverged(self.history, GIBBS_TOLERANCE, "log-likelihood per word",
                                             "raise --iterations")
        return self

    def topic_word(self, dictionary) -> np.ndarray:
        """(k, len(dictionary)) topic-word probabilities; words the sampler dropped get 0."""
        columns = np.array([dictionary.token2id[w] for w in self.model.used_vocabs])
        matrix = np.zeros((self.k, len(dictionary)))
        for topic in range(self.k):
            matrix[topic, columns] = self.model.get_topic_word_dist(topic)
        return matrix / matrix.sum(axis=1, keepdims=True)

    def training_doc_topics(self, texts: Sequence[Sequence[str]]) -> np.ndarray:
        """Topic mixtures of the training documents (an empty document gets the prior)."""
        prior = np.asarray(self.model.alpha, dtype=float)
        prior = prior / prior.sum()
        rows, kept = [], iter(self.model.docs)
        for tokens in texts:
            rows.append(np.asarray(next(kept).get_topic_dist(), dtype=float) if tokens else prior)
        return np.vstack(rows) if rows else np.zeros((0, self.k))

    def infer(self, texts: Sequence[Sequence[str]], iterations: int = 100) -> np.ndarray:
        known = set(self.model.used_vocabs)
        prior = np.asarray(self.model.alpha, dtype=float)
        prior = prior / prior.sum()
        docs, where = [], []
        for i, tokens in enumerate(texts):
            words = [w for w in tokens if w in known]
            if words:
                docs.append(self.model.make_doc(words))
                where.append(i)
        result = np.tile(prior, (len(texts), 1))
        if docs:
            dists, _ = self.model.infer(docs, iterations=iterations, workers=1)
            result[where] = np.asarray(dists, dtype=float)
        return result

    def alpha_vector(self) -> list[float]:
        return [float(a) for a in self.model.alpha]

    def save(self, folder: Path) -> list[str]:
        self.model.save(str(folder / self.native_file), full=True)
        with open(folder / "history.json", "w") as fh:
            json.dump({"history": self.history, "converged": self.converged}, fh)
        return [self.native_file, "history.json"]

    def load(self, folder: Path) -> GibbsEngine:
        tp = _tomotopy()
        try:
            self.model = tp.LDAModel.load(str(folder / self.native_file))
        except Exception as exc:  # tomotopy raises bare exceptions for truncated or foreign files
            raise ArtifactError(f"{folder / self.native_file}: cannot be loaded as a tomotopy model ({exc})") from None
        _load_history(self, folder)
        return self


class VariationalEngine:
    """gensim's online variational Bayes LDA: LdaModel with one worker, LdaMulticore with more."""

    name = "gensim"
    native_file = "model.gensim"

    def __init__(self, k: int, *, alpha: str | float, eta: str | float, passes: int, iterations: int, chunksize: int,
                 seed: int, workers: int):
        self.k, self.alpha, self.eta = k, alpha, eta
        self.passes, self.iterations, self.chunksize = passes, iterations, chunksize
        self.seed, self.workers = seed, workers
        self.model = None
        self.history: list[tuple[int, float]] = []
        self.converged = True
        self._seed_inference = seed

    def fit(self, texts: Sequence[Sequence[str]], dictionary) -> VariationalEngine:
        from gensim.models import LdaModel, LdaMulticore

        bow = [dictionary.doc2bow(tokens) for tokens in texts]
        sample = [doc for doc in bow[:BOUND_SAMPLE_DOCS] if doc]
        sample_words = max(1, sum(count for doc in sample for _, count in doc))
        common = dict(num_topics=self.k, id2word=dictionary, passes=1, iterations=self.iterations,
                      chunksize=self.chunksize, random_state=self.seed, eta=self.eta, eval_every=None)
        if self.workers > 1:
            # LdaMulticore cannot learn alpha; an asymmetric prior is the closest it allows.
            alpha = "asymmetric" if self.alpha == "auto" else self.alpha
            self.model = LdaMulticore(workers=self.workers, alpha=alpha, **common)
        else:
            self.model = LdaModel(alpha=self.alpha, **common)
        # One pass per update() call, so the bound can be shown (and checked) after every pass.
        with task("training LDA (variational Bayes)", self.passes, "passes") as progress:
            for done in range(1, self.passes + 1):
                self.model.update(bow)
                bound = float(self.model.bound(sample)) / sample_words
                self.history.append((done, bound))
                progress.advance(1)
                progress.update(bound=f"{bound:.4f}", perplexity=f"{np.exp2(-bound):.1f}")
        self.converged = warn_if_unconverged(self.history, VARIATIONAL_TOLERANCE, "per-word bound",
                                             "raise --passes")
        return self

    def topic_word(self, dictionary) -> np.ndarray:
        matrix = np.asarray(self.model.get_topics(), dtype=float)
        return matrix / matrix.sum(axis=1, keepdims=True)

    def training_doc_topics(self, texts: Sequence[Sequence[str]]) -> np.ndarray:
        return self.infer(texts)

    def infer(self, texts: Sequence[Sequence[str]], iterations: int | None = None) -> np.ndarray:
        # gensim starts inference from random gammas: reseed so the same documents give the same mixtures.
        self.model.random_state = np.random.RandomState(self._seed_inference)
        bow = [self.model.id2word.doc2bow(list(tokens)) for tokens in texts]
        gamma, _ = self.model.inference(bow) if bow else (np.zeros((0, self.k)), None)
        return gamma / gamma.sum(axis=1, keepdims=True)

    def alpha_vector(self) -> list[float]:
        return [float(a) for a in np.atleast_1d(self.model.alpha)]

    def save(self, folder: Path) -> list[str]:
        self.model.save(str(folder / self.native_file))
        with open(folder / "history.json", "w") as fh:
            json.dump({"history": self.history, "converged": self.converged}, fh)
        return sorted(p.name for p in folder.glob(f"{self.native_file}*")) + ["history.json"]

    def load(self, folder: Path) -> VariationalEngine:
        from gensim.models import LdaModel

        try:
            self.model = LdaModel.load(str(folder / self.native_file))
        except Exception as exc:  # gensim raises many kinds of errors for truncated or foreign files
            raise ArtifactError(f"{folder / self.native_file}: cannot be loaded as a gensim LDA model "
                                f"({exc})") from None
        _load_history(self, folder)
        return self


def _load_history(engine, folder: Path) -> None:
    path = folder / "history.json"
    if path.exists():
        data = json.loads(path.read_text())
        engine.history = [tuple(step) for step in data["history"]]
        engine.converged = bool(data["converged"])


def _tomotopy():
    try:
        import tomotopy
    except ImportError:  # pragma: no cover - tomotopy is a dependency
        raise MissingDependencyError("the tomotopy engine needs tomotopy", hint="pip install tomotopy, or use "
                                     "--engine gensim") from None
    return tomotopy
