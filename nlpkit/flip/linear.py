"""A TF-IDF unigram+bigram logistic regression: the second, differently built steering classifier.

The CNN reads word vectors through convolutions; this model reads n-gram identities.  An edit
that fools one by moving a vector into an odd corner of the embedding space rarely fools the
other, so the flipper requires both to agree.  Inference is plain numpy (a dict lookup per
n-gram), so scoring a few dozen candidate rewrites costs well under a millisecond.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .._io import atomic_dir, read_json_artifact, read_npz_artifact
from ..base import Estimator
from ..errors import EmptyCorpusError
from ..sentiment.ngrams import ngrams_of

_FORMAT = "nlpkit-ngram-logistic/1"


class NgramLogistic(Estimator):
    """Logistic regression on sublinear TF-IDF of 1..``ngram_max``-grams (scikit-learn for fitting).

    Parameters: ``ngram_max``, ``min_df``, ``C`` (inverse regularisation), ``max_features``.
    """

    def __init__(self, ngram_max: int = 2, min_df: int = 2, C: float = 4.0, max_features: int | None = 200_000):
        self.ngram_max = ngram_max
        self.min_df = min_df
        self.C = C
        self.max_features = max_features

    _not_fitted_hint = "call fit(documents, labels) or load(dir)"

    def _fitted_summary(self) -> str:
        return f"  # classes {self.classes_}, {len(self.vocabulary_):,} features" if hasattr(self, "classes_") else ""

    def fit(self, documents: Sequence[Sequence[str]], labels: Sequence[str]) -> NgramLogistic:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        self._check_param_types()
        documents, labels = [list(d) for d in documents], [str(l) for l in labels]
        if not documents or len(set(labels)) < 2:
            raise EmptyCorpusError("the n-gram classifier needs labelled documents of two classes")
        vectorizer = TfidfVectorizer(analyzer=lambda tokens: ngrams_of(tokens, 1, self.ngram_max), min_df=self.min_df,
                                     sublinear_tf=True, max_features=self.max_features)
        features = vectorizer.fit_transform(documents)
        model = LogisticRegression(C=self.C, max_iter=1000).fit(features, labels)
        self.classes_ = [str(c) for c in model.classes_]
        self.vocabulary_ = {k: int(v) for k, v in vectorizer.vocabulary_.items()}
        self.idf_ = vectorizer.idf_.astype(np.float64)
        self.coef_ = model.coef_[0].astype(np.float64)
        self.intercept_ = float(model.intercept_[0])
        self._remember_fitted_params()
        return self

    def decision(self, documents: Sequence[Sequence[str]]) -> np.ndarray:
        """The logit of ``classes_[1]`` for each token list."""
        self.check_fitted()
        out = np.full(len(documents), self.intercept_)
        vocab = self.vocabulary_
        ids, counts, sizes = [], [], []
        for tokens in documents:        # the rows' known n-grams, end to end, scored in one pass below
            row = Counter(i for i in map(vocab.get, ngrams_of(list(tokens), 1, self.params_["ngram_max"])) if i is not None)
            ids += row.keys()
            counts += row.values()
            sizes.append(len(row))
        if not ids:
            return out
        ids = np.asarray(ids, dtype=np.int64)
        weights = (1.0 + np.log(np.asarray(counts, dtype=np.float64))) * self.idf_[ids]   # sublinear tf-idf
        sizes = np.asarray(sizes)
        starts = (np.cumsum(sizes) - sizes)[sizes > 0]
        norms = np.sqrt(np.add.reduceat(weights * weights, starts))
        out[sizes > 0] += np.add.reduceat(weights * self.coef_[ids], starts) / norms
        return out

    def predict_proba(self, documents: Sequence[Sequence[str]]) -> np.ndarray:
        p1 = 1.0 / (1.0 + np.exp(-self.decision(documents)))
        return np.stack([1.0 - p1, p1], axis=1)

    def save(self, folder: Path | str) -> Path:
        self.check_fitted()
        words = sorted(self.vocabulary_, key=self.vocabulary_.get)
        with atomic_dir(folder) as tmp:
            np.savez_compressed(tmp / "ngram_logistic.npz", idf=self.idf_.astype(np.float32),
                                coef=self.coef_.astype(np.float32), intercept=np.array([self.intercept_]))
            (tmp / "ngram_logistic.json").write_text(json.dumps(
                {"format": _FORMAT, "params": self.fitted_params(),
                 "classes": self.classes_, "features": words}, ensure_ascii=False))
        return Path(folder)

    @classmethod
    def load(cls, folder: Path | str) -> NgramLogistic:
        folder = Path(folder)
        meta = read_json_artifact(folder / "ngram_logistic.json", _FORMAT, "n-gram classifier")
        idf, coef, intercept = read_npz_artifact(folder / "ngram_logistic.npz", ("idf", "coef", "intercept"),
                                                 "n-gram classifier")
        model = cls(**meta["params"])
        model._remember_fitted_params()
        model.classes_ = meta["classes"]
        model.vocabulary_ = {w: i for i, w in enumerate(meta["features"])}
        model.idf_, model.coef_ = idf.astype(np.float64), coef.astype(np.float64)
        model.intercept_ = float(intercept[0])
        return model
