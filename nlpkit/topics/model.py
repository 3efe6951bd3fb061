"""``TopicModel``: LDA in the scikit-learn manner, over either engine.

    model = TopicModel(k=20, seed=0).fit(read_corpus("brown", pipeline="topics"))
    model.topics_[0]          # Topic(0, share=6.1%: "church god christian ...")
    model.transform(["The senate passed the budget bill."])
    model.coherence()         # {"c_npmi": ..., "c_v": ..., "diversity": ..., "nmi": ...}
    model.save("brown-lda");  TopicModel.load("brown-lda")
"""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from .. import __version__
from .._io import atomic_dir, atomic_write, hash_files, read_npy_artifact, recorded_files
from ..base import Estimator, check_count
from ..errors import (ArtifactError, EmptyCorpusError, InvalidParameterError, NlpkitWarning,
                      NonDeterminismWarning, described, did_you_mean)
from ..runs import RunRecord
from . import quality
from .engines import ENGINES, GibbsEngine, VariationalEngine
from .passages import PASSAGE_LENGTH, split_passages

FORMAT = "nlpkit-topics"
FORMAT_VERSION = 1
DEFAULT_ENGINE = "tomotopy"
LABEL_WORDS = 3

# Defaults chosen by benchmarks/topics_sweep.py on Brown (see benchmarks/results/topics.md).
TOMOTOPY_DEFAULTS = {"alpha": 0.1, "eta": 0.01, "iterations": 300, "burn_in": 50, "optim_interval": 10, "rm_top": 0}
GENSIM_DEFAULTS = {"alpha": "auto", "eta": "auto", "passes": 20, "iterations": 200, "chunksize": 2000}
GENSIM_PRIORS = {"alpha": ("auto", "symmetric", "asymmetric"), "eta": ("auto", "symmetric")}


@dataclass
class Topic:
    """One topic: its most probable words with their weights, and its share of the corpus."""

    id: int
    words: list[str]
    weights: list[float]
    share: float
    coherence: dict[str, float] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """A short name: the topic's top words."""
        return " ".join(self.words[:LABEL_WORDS])

    def to_dict(self) -> dict:
        return {**asdict(self), "label": self.label}

    def __repr__(self) -> str:
        return f"Topic({self.id}, share={self.share:.1%}: {' '.join(self.words[:8])!r})"


DOCUMENTS_HINT = 'e.g. ["the senate passed the bill", ...], [["senate", "bill"], ...] or read_corpus(...)'
TOKEN_LISTS_HINT = ('pass token lists, e.g. [["senate", "bill"], ...], or use nlpkit.read_corpus(path, '
                    'pipeline="topics") to tokenise text')


class TopicModel(Estimator):
    """Latent Dirichlet allocation with interpretable topics and their quality measured.

    Parameters
    ----------
    k: the number of topics (2 or more, at most the number of documents).
    engine: "tomotopy" (collapsed Gibbs sampling in C++, the default: more coherent topics in
        less time on the benchmark) or "gensim" (online variational Bayes).
    seed: the random seed. The same seed with the same number of workers gives exactly the
        same topics with the tomotopy engine; with gensim only ``workers=1`` promises that.
    workers: threads (tomotopy) or processes (gensim LdaMulticore). None (the default) means
        every core for tomotopy, whose threads each sample a fixed slice of the vocabulary
        with their own seeded generator, so a run repeats for a given worker count (a
        different count gives different, equally good topics); and one process for gensim,
        whose LdaModel can learn alpha while LdaMulticore cannot and depends on scheduling.
    iterations: Gibbs sweeps (tomotopy) or per-document inference iterations (gensim).
    passes: passes over the corpus (gensim only).
    alpha, eta: Dirichlet priors of the document-topic and topic-word distributions.
        tomotopy starts from ``alpha`` and learns an asymmetric alpha; gensim takes a
        number, "auto" (learned, asymmetric) or "symmetric"/"asymmetric".
    top_n: how many words each topic lists in ``topics_``.
    passage_length: train on passages of about this many tokens, cut from longer documents
        (0: whole documents; None: 100 with tomotopy, whole documents with gensim). Topics
        then gather words used together rather than merely in the same long document; each
        document's mixture is the token-weighted mean of its passages' (see
        nlpkit/topics/passages.py). The length used is ``passage_length_`` once fitted.
    """

    def __init__(self, k: int = 20, *, engine: str = DEFAULT_ENGINE, seed: int = 0, workers: int | None = None,
                 iterations: int | None = None, passes: int | None = None, alpha: float | str | None = None,
                 eta: float | str | None = None, top_n: int = 10, passage_length: int | None = None):
        self.k = k
        self.engine = engine
        self.seed = seed
        self.workers = workers
        self.iterations = iterations
        self.passes = passes
        self.alpha = alpha
        self.eta = eta
        self.top_n = top_n
        self.passage_length = passage_length

    _always_shown = ("k",)

    def _fitted_summary(self) -> str:
        if not hasattr(self, "topics_"):
            return ""
        return (f"  # fitted on {len(self.doc_topics_):,} docs, {len(self.dictionary_):,} words, "
                f"{len(self.topics_)} topics")

    # ---- training ---------------------------------------------------------------------------------
    def fit(self, corpus) -> TopicModel:
        """Learn the topics of ``corpus``: an nlpkit Corpus or a list of token lists."""
        texts, labels, ids, fitted_pipeline = _read_texts(corpus)
        dictionary = quality.build_dictionary(texts)
        self._validate(texts, getattr(corpus, "name", "the corpus"), len(dictionary))
        workers = self.resolved_workers()
        if workers > 1 and self.engine == "gensim":
            warnings.warn(f"training with {workers} gensim workers: the same seed may give different topics from "
                          "run to run; use workers=1 (--workers 1) for exact repeats", NonDeterminismWarning,
                          stacklevel=2)
        self.passage_length_ = self._passage_length()
        passages = split_passages(texts, self.passage_length_)
        engine = self._make_engine(workers).fit(passages.texts, dictionary)
        self.engine_ = engine
        self.dictionary_ = dictionary
        self.workers_ = workers
        self.topic_word_ = engine.topic_word(dictionary)
        self.doc_topics_ = passages.merge(engine.training_doc_topics(passages.texts))
        self.doc_ids_ = ids
        self.labels_ = labels
        self.fitted_pipeline_ = fitted_pipeline
        self.history_ = list(engine.history)
        self.converged_ = engine.converged
        self.topics_ = self._topics()
        self.metrics_: dict = {}
        self._texts = texts
        self._corpus = corpus if hasattr(corpus, "documents") else None
        self._remember_fitted_params()
        return self

    def validate(self, corpus) -> TopicModel:
        """Refuse settings that cannot fit ``corpus`` (one clear line), without training: a K sweep checks
        its largest K this way before it trains the smaller ones."""
        texts = _read_texts(corpus)[0]
        self._validate(texts, getattr(corpus, "name", "the corpus"), len(quality.build_dictionary(texts)))
        return self

    def _validate(self, texts: list[list[str]], name: str, words: int) -> None:
        if self.engine not in ENGINES:
            raise InvalidParameterError(f"unknown engine {self.engine!r}{did_you_mean(str(self.engine), ENGINES)}",
                                        hint=f"engines are {', '.join(ENGINES)}")
        if isinstance(self.k, str) or not isinstance(self.k, (int, np.integer)):
            raise InvalidParameterError(f"k={self.k!r}: the number of topics is one whole number",
                                        hint="pass k=20; to compare several, sweep them (nlpkit topics --k 5:40:5, "
                                             "or nlpkit.topics.selection.sweep_k)")
        if self.k < 2:
            raise InvalidParameterError(f"k={self.k!r}: a topic model needs at least 2 topics",
                                        hint="pass --k 2 or more (e.g. --k 20)")
        self._check_param_types()
        if self.engine == "tomotopy" and self.passes is not None:
            raise InvalidParameterError(f"passes={self.passes}: passes are the gensim engine's; the tomotopy engine "
                                        "counts Gibbs sweeps", hint="use --iterations (sweeps, default 300), or "
                                                                    "--engine gensim")
        for name_, value in (("iterations", self.iterations), ("passes", self.passes), ("top_n", self.top_n),
                             ("workers", self.workers)):
            if value is not None and value < 1:
                raise InvalidParameterError(f"{name_}={value}: must be at least 1")
        length = self._passage_length()
        if not isinstance(length, (int, np.integer)) or isinstance(length, bool) or length < 0:
            raise InvalidParameterError(f"passage_length={length!r}: must be a whole number of tokens, "
                                        "0 or more", hint=f"pass --passage-length {PASSAGE_LENGTH}, or 0 to train "
                                                          "on whole documents")
        for name_, value in (("alpha", self.alpha), ("eta", self.eta)):
            prior = _prior(value, 1.0)
            if isinstance(prior, str) and (self.engine == "tomotopy" or prior not in GENSIM_PRIORS[name_]):
                allowed = "a positive number" + ("" if self.engine == "tomotopy" else
                                                 ", or " + ", ".join(GENSIM_PRIORS[name_]))
                raise InvalidParameterError(f"{name_}={value!r}: the {self.engine} engine takes {allowed}")
            if not isinstance(prior, str) and prior <= 0:
                raise InvalidParameterError(f"{name_}={value!r}: a Dirichlet prior must be positive")
        documents = sum(1 for tokens in texts if tokens)
        if documents == 0:
            raise EmptyCorpusError(f"{name}: no tokens are left after preprocessing",
                                   hint="relax the settings that drop words (stop words, --min-count); a corpus "
                                        "of a few documents loses most words to the document-frequency limits")
        if self.k > documents:
            raise InvalidParameterError(f"k={self.k}: more topics than the {documents} non-empty documents of {name}",
                                        hint=f"pass --k {documents} or less (well below gives usable topics), or "
                                             "use a larger corpus" if documents >= 2 else "use a larger corpus")
        if self.k > words:
            raise InvalidParameterError(f"k={self.k}: more topics than the {words} distinct words of {name}",
                                        hint=f"pass --k {words} or less, or use a larger corpus" if words >= 2
                                        else "use a larger corpus")

    def _passage_length(self) -> int:
        if self.passage_length is not None:
            return self.passage_length
        # The benchmark measured passages helping the Gibbs sampler on both corpora; for gensim's
        # variational LDA the one run each went both ways, so it keeps whole documents.
        return PASSAGE_LENGTH if self.engine == "tomotopy" else 0

    def resolved_workers(self) -> int:
        if self.workers is not None:
            return self.workers
        return 1 if self.engine == "gensim" else (os.cpu_count() or 1)

    def _make_engine(self, workers: int):
        if self.engine == "gensim":
            d = GENSIM_DEFAULTS
            return VariationalEngine(self.k, alpha=_prior(self.alpha, d["alpha"]), eta=_prior(self.eta, d["eta"]),
                                     passes=self.passes or d["passes"], iterations=self.iterations or d["iterations"],
                                     chunksize=d["chunksize"], seed=self.seed, workers=workers)
        d = TOMOTOPY_DEFAULTS
        iterations = self.iterations or d["iterations"]
        return GibbsEngine(self.k, alpha=float(_prior(self.alpha, d["alpha"])), eta=float(_prior(self.eta, d["eta"])),
                           iterations=iterations, burn_in=min(d["burn_in"], iterations // 2),
                           optim_interval=d["optim_interval"], rm_top=d["rm_top"], seed=self.seed, workers=workers)

    def _topics(self) -> list[Topic]:
        shares = self.doc_topics_.sum(axis=0)
        shares = shares / shares.sum() if shares.sum() else shares
        topics = []
        for topic, row in enumerate(self.topic_word_):
            best = np.argsort(-row, kind="stable")[: self.top_n]
            words = [self.dictionary_[int(i)] for i in best]
            topics.append(Topic(topic, words, [round(float(row[i]), 6) for i in best], round(float(shares[topic]), 6)))
        return topics

    # ---- using a fitted model ------------------------------------------------------------------
    def top_words(self, n: int = 10) -> list[list[str]]:
        """Each topic's ``n`` most probable words."""
        self.check_fitted()
        check_count("n", n, hint="pass n=1 or more, e.g. 10")
        return [[self.dictionary_[int(i)] for i in np.argsort(-row, kind="stable")[:n]] for row in self.topic_word_]

    def fit_transform(self, corpus) -> np.ndarray:
        """``fit(corpus)``, then the training documents' topic mixtures (``doc_topics_``), one row each."""
        return self.fit(corpus).doc_topics_

    def transform(self, docs) -> np.ndarray:
        """Topic mixtures (rows sum to 1) of new documents: raw strings, token lists or a Corpus."""
        self.check_fitted()
        texts = self._tokenised(docs if not isinstance(docs, str) else [docs])
        # Unknown words are dropped before cutting, so a run of them cannot make a passage of
        # nothing that still weighs in the document's mixture.
        known = self.dictionary_.token2id
        kept = [[w for w in tokens if w in known] for tokens in texts]
        empty = sum(not tokens for tokens in kept)
        if empty:
            warnings.warn(f"{empty} of {len(kept)} documents have no word the model knows: their mixture is only "
                          "the model's prior, not a reading of the text", NlpkitWarning, stacklevel=2)
        passages = split_passages(kept, self.passage_length_)
        return passages.merge(self.engine_.infer(passages.texts))

    def _tokenised(self, docs) -> list[list[str]]:
        """Token lists of ``docs``: token lists as they are; raw strings, and a Corpus's raw text,
        tokenised exactly as the training corpus was."""
        if hasattr(docs, "documents") and self.fitted_pipeline_ is not None:
            return [self.fitted_pipeline_(doc.text) for doc in docs.documents()]
        if not hasattr(docs, "__iter__"):
            raise InvalidParameterError(f"documents must be a list (of strings or token lists) or a Corpus, "
                                        f"not {type(docs).__name__}", hint=DOCUMENTS_HINT)
        return [self._tokens(doc) for doc in docs]

    def _tokens(self, doc) -> list[str]:
        if isinstance(doc, str):
            if self.fitted_pipeline_ is None:
                raise InvalidParameterError("this model was fitted on token lists, so it cannot tokenise raw text",
                                            hint="pass token lists, or fit on an nlpkit Corpus")
            return self.fitted_pipeline_(doc)
        return _words(doc)

    def coherence(self, measures: str | Iterable[str] = ("c_npmi", "c_v"),
                  texts: Sequence[Sequence[str]] | None = None, labels: Sequence[str | None] | None = None,
                  processes: int = 1) -> dict:
        """Coherence (over the training texts unless ``texts`` is given), diversity and label NMI.

        Scores over the training texts are also stored, in ``metrics_`` and on each
        ``topics_[i].coherence`` (``save`` records them); scores over other ``texts`` are only
        returned. c_v is the slow one (a window of 110 words): pass ``measures="c_npmi"`` to skip it.
        """
        self.check_fitted()
        measures = checked_measures(measures)
        on_training_texts = texts is None
        if on_training_texts:
            texts = getattr(self, "_texts", None)
            if texts is None:
                raise InvalidParameterError("a loaded model has no training texts to measure coherence on",
                                            hint="pass texts=[token lists], e.g. list(read_corpus(..., "
                                                 "pipeline='topics'))")
        else:
            texts = self._texts_to_score(texts)
        if labels is not None and len(labels) != len(texts):
            raise InvalidParameterError(f"{len(labels)} labels for {len(texts)} texts",
                                        hint="give one label (or None) per text")
        metrics, per_topic = {}, {}
        for measure in measures:
            mean, scores = quality.coherence(self.top_words(quality.COHERENCE_TOPN), texts, measure,
                                             dictionary=self.dictionary_, processes=processes)
            metrics[measure] = _rounded(mean)
            per_topic[measure] = [_rounded(value) for value in scores]
        metrics["diversity"] = round(quality.diversity(self.top_words(quality.DIVERSITY_TOPN)), 6)
        if labels is None and on_training_texts:
            labels = self.labels_
        nmi = None
        if labels is not None:
            doc_topics = self.doc_topics_ if on_training_texts else self.transform(texts)
            nmi = quality.label_nmi(labels, doc_topics)
        if nmi is not None:
            metrics["nmi"] = round(nmi, 6)
        if on_training_texts:
            self._store_scores(metrics, per_topic)
        return metrics

    def _store_scores(self, metrics: dict, per_topic: dict[str, list]) -> None:
        self.metrics_.update(metrics)
        for measure, scores in per_topic.items():
            for topic, value in zip(self.topics_, scores):
                topic.coherence[measure] = value

    def _texts_to_score(self, texts) -> list[list[str]]:
        """Texts given to ``coherence``: token lists, raw strings (tokenised as in training) or a Corpus."""
        if isinstance(texts, str):
            raise InvalidParameterError("texts is one string; coherence is measured over many documents",
                                        hint="pass a list of documents (token lists or strings), or a Corpus")
        tokens = self._tokenised(texts)
        if not any(tokens):
            raise InvalidParameterError("texts holds no words to measure coherence on",
                                        hint="pass the documents to measure over, as token lists or strings")
        return tokens

    def typical_documents(self, n: int = 3) -> list[list[tuple[int, float]]]:
        """For each topic, the (document index, weight) of the ``n`` documents most about it."""
        self.check_fitted()
        check_count("n", n, hint="pass n=1 or more, e.g. 10")
        order = np.argsort(-self.doc_topics_, axis=0, kind="stable")[:n]
        return [[(int(i), float(self.doc_topics_[i, t])) for i in order[:, t]] for t in range(order.shape[1])]

    def topic_distances(self) -> np.ndarray:
        """Jensen-Shannon distances between the topics' word distributions."""
        self.check_fitted()
        return quality.jensen_shannon_distances(self.topic_word_)

    # ---- persistence -------------------------------------------------------------------------------
    def save(self, folder: str | Path, run: RunRecord | None = None) -> Path:
        """Write the model atomically: native engine files, dictionary, params.json, metrics.json, run.json."""
        self.check_fitted()
        folder = Path(folder)
        with atomic_dir(folder) as tmp:
            files = self.engine_.save(tmp)
            self.dictionary_.save_as_text(str(tmp / "dictionary.txt"))
            params = {"format": FORMAT, "format_version": FORMAT_VERSION, "nlpkit": __version__,
                      "engine_files": {name: hash_files([tmp / name]) for name in files},
                      "params": self.fitted_params(), "workers_used": self.workers_, "converged": self.converged_,
                      "passage_length_used": self.passage_length_,
                      "pipeline": self.fitted_pipeline_.to_dict() if self.fitted_pipeline_ is not None else None}
            _write_json(tmp / "params.json", params)
            _write_json(tmp / "documents.json", {"ids": self.doc_ids_, "labels": self.labels_})
            _write_json(tmp / "metrics.json", {"metrics": self.metrics_, "topics": [t.to_dict() for t in self.topics_]})
            np.save(tmp / "doc_topics.npy", self.doc_topics_)
            record = run or RunRecord("topics", params=self.fitted_params())
            record.workers, record.seed = self.workers_, self.fitted_params()["seed"]
            record.metrics = {**record.metrics, **self.metrics_}
            record.files = files + ["dictionary.txt", "params.json", "documents.json", "metrics.json",
                                    "doc_topics.npy"]
            record.finish().save(tmp)
        return folder

    @classmethod
    def load(cls, folder: str | Path) -> TopicModel:
        """A model saved by :meth:`save`; ArtifactError for anything else or another format version."""
        folder = Path(folder)
        params_path = folder / "params.json"
        if not folder.is_dir():
            raise ArtifactError(f"{folder}: no such model folder", hint="pass the folder written by "
                                "`nlpkit topics ... --save DIR`")
        if not params_path.is_file():
            raise ArtifactError(f"{folder}: not a topic model folder (no params.json)",
                                hint="pass the folder written by `nlpkit topics ... --save DIR`")
        try:
            saved = json.loads(params_path.read_text())
        except json.JSONDecodeError as exc:
            raise ArtifactError(f"{params_path}: not valid JSON ({exc})") from None
        if not isinstance(saved, dict) or saved.get("format") != FORMAT:
            raise ArtifactError(f"{folder}: not a topic model folder saved by nlpkit (its params.json is another "
                                "model's)", hint="pass the folder written by `nlpkit topics ... --save DIR` or "
                                                 "TopicModel.save()")
        if saved.get("format_version") != FORMAT_VERSION:
            raise ArtifactError(
                f"{folder}: topic model format version {saved.get('format_version')!r}, "
                f"this nlpkit reads version {FORMAT_VERSION}",
                hint="retrain the model with this version of nlpkit (nlpkit topics CORPUS --save DIR)")
        try:
            return cls._restore(folder, saved)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ArtifactError(f"{folder}: a file of the model is missing or damaged ({type(exc).__name__}: {exc})",
                                hint="save the model again (nlpkit topics CORPUS --save DIR)") from None

    @classmethod
    def _restore(cls, folder: Path, saved: dict) -> TopicModel:
        from gensim.corpora import Dictionary

        from ..corpus import FittedPipeline

        model = cls(**saved["params"])
        model._remember_fitted_params()      # the saved parameters, and the defaults of any added since
        engine = model._make_engine(saved["workers_used"])
        _check_engine_files(folder, saved.get("engine_files") or _legacy_engine_files(folder, engine.native_file))
        engine.load(folder)
        model.engine_ = engine
        model.dictionary_ = Dictionary.load_from_text(str(folder / "dictionary.txt"))
        model.workers_ = saved["workers_used"]
        model.passage_length_ = saved.get("passage_length_used", 0)  # folders saved before passages: whole documents
        model.topic_word_ = engine.topic_word(model.dictionary_)
        model.doc_topics_ = read_npy_artifact(folder / "doc_topics.npy", "topic model's document mixtures")
        documents = json.loads((folder / "documents.json").read_text())
        model.doc_ids_ = documents["ids"]
        model.labels_ = documents["labels"]
        model.fitted_pipeline_ = FittedPipeline.from_dict(saved["pipeline"]) if saved["pipeline"] else None
        model.history_ = list(engine.history)
        model.converged_ = saved["converged"]
        model.topics_ = model._topics()
        metrics = json.loads((folder / "metrics.json").read_text())
        model.metrics_ = metrics["metrics"]
        for topic, stored in zip(model.topics_, metrics["topics"]):
            topic.coherence = stored.get("coherence", {})
        model._corpus = None
        return model


def checked_measures(measures: str | Iterable[str]) -> tuple[str, ...]:
    """``measures`` as a tuple (one name may be given as a string), each checked before any is computed."""
    measures = (measures,) if isinstance(measures, str) else tuple(measures)
    for measure in measures:
        if measure not in quality.COHERENCE_MEASURES:
            raise InvalidParameterError(f"unknown coherence measure {measure!r}",
                                        hint=f"measures are {', '.join(quality.COHERENCE_MEASURES)}")
    return measures


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def _prior(value, default):
    if value is None:
        return default
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return value
    return value


def _read_texts(corpus) -> tuple[list[list[str]], list | None, list, object]:
    """Token lists, labels (None without any), document ids and the fitted pipeline of a corpus."""
    if hasattr(corpus, "records"):
        texts, labels, ids = [], [], []
        for tokens, record in corpus.records():
            texts.append(tokens)
            labels.append(record.get("label"))
            ids.append(str(record.get("id")))
        has_labels = any(label is not None for label in labels)
        return texts, labels if has_labels else None, ids, corpus.fitted_pipeline()
    if isinstance(corpus, (str, bytes)):
        raise InvalidParameterError("fit() takes a Corpus or a list of token lists, not a string",
                                    hint="use nlpkit.read_corpus(path, pipeline='topics')")
    texts = []
    for doc in corpus:  # checked as read: a streamed corpus is read once
        if isinstance(doc, str):
            raise InvalidParameterError("fit() takes token lists, not raw strings", hint=TOKEN_LISTS_HINT)
        texts.append(_words(doc, "a list of words", TOKEN_LISTS_HINT))
    return texts, None, [str(i) for i in range(len(texts))], None


def _words(doc, expected: str = "a string or a list of words", hint: str = DOCUMENTS_HINT) -> list[str]:
    """The words of a token-list document; the one check of what fit and transform are given."""
    words = list(doc) if hasattr(doc, "__iter__") else None
    if words is None or not all(isinstance(word, str) for word in words):
        raise InvalidParameterError(f"a document must be {expected}, not {described(doc)}", hint=hint)
    return words


def _write_json(path: Path, data) -> None:
    with atomic_write(path) as fh:
        json.dump(data, fh, indent=2, default=lambda o: o.tolist() if hasattr(o, "tolist") else str(o))


def _legacy_engine_files(folder: Path, native_file: str) -> dict:
    """A model saved before engine files were hashed: the engine files its run.json lists (gensim writes
    several), or the main one; none has a hash to check."""
    listed = [name for name in recorded_files(folder) or () if name.startswith(native_file)]
    return dict.fromkeys(listed or [native_file])


def _check_engine_files(folder: Path, digests: dict) -> None:
    """Refuse a missing or changed engine file before the engine reads it: tomotopy's loader aborts the
    process on a missing or foreign file and hangs on a truncated one, where no exception can be caught.
    ``digests`` maps file names to their content hash at save time (None: only check the file is there)."""
    for name, digest in digests.items():
        path = folder / name
        if not path.is_file():
            raise ArtifactError(f"{path}: the model file is missing", hint="save the model again "
                                "(nlpkit topics CORPUS --save DIR)")
        if digest is not None and hash_files([path]) != digest:
            raise ArtifactError(f"{path}: the model file is damaged (its contents changed since it was saved)",
                                hint="save the model again (nlpkit topics CORPUS --save DIR)")
