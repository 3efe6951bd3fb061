"""``WordVectors``: one face for word vectors from anywhere — lookups, neighbours, analogies.

Analogies follow Levy & Goldberg (2014): for "b is to a as c is to d", d maximises
3CosAdd ``cos(d, a) - cos(d, b) + cos(d, c)`` or 3CosMul
``cos'(d, a) * cos'(d, c) / (cos'(d, b) + eps)`` with ``cos' = (1 + cos) / 2``;
the query words are never answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..base import check_count
from ..errors import InvalidParameterError, OutOfVocabularyError, closest

METHODS = ("add", "mul")
MUL_EPSILON = 1e-3
SPELLING_CANDIDATES = 50_000


@dataclass(frozen=True)
class Neighbour:
    """A word and its score (cosine similarity for ``similar``, the method's score for ``analogy``)."""

    word: str
    score: float

    def to_dict(self) -> dict:
        return {"word": self.word, "score": round(self.score, 6)}


class WordVectors:
    """Word vectors (a gensim ``KeyedVectors`` in ``.kv``) with lookups, neighbours and analogies.

    Build one with :meth:`load` (a model folder, a vector file, a gensim-data name or the
    embedded GloVe 6B 50d) or :meth:`train` (word2vec or fastText on a corpus).
    """

    def __init__(self, kv, source: str | None = None):
        self.kv = kv
        self.source = source
        self._normed: np.ndarray | None = None

    # ---- construction ----------------------------------------------------------------------
    @classmethod
    def load(cls, source: str | Path | None = None, *, limit: int | None = None) -> WordVectors:
        """Load vectors: None or "glove-6b-50d" (embedded default), a folder, a file, or a gensim-data name;
        ``limit`` keeps only the first (most frequent) words."""
        from .formats import DEFAULT_VECTORS, load_vectors

        return cls(load_vectors(source, limit=limit), str(source) if source is not None else DEFAULT_VECTORS)

    @classmethod
    def train(cls, corpus, *, model: str = "fasttext", **params) -> WordVectors:
        """Train on a corpus (a Corpus, path or corpus name): ``model`` "fasttext" (default) or "word2vec".

        ``params`` go to :class:`FastTextModel` / :class:`Word2VecModel`.
        """
        from .training import make_model

        return make_model(model, **params).fit(corpus).vectors_

    def save(self, folder: str | Path) -> Path:
        """Write the vectors as gensim KeyedVectors plus word2vec text and binary exports (atomically)."""
        from .training import save_vectors

        return save_vectors(self.kv, folder)

    def __repr__(self) -> str:
        return f"WordVectors({self.source!r}, words={len(self):,}, dim={self.dim})"

    # ---- vocabulary --------------------------------------------------------------------------
    @property
    def dim(self) -> int:
        return int(self.kv.vector_size)

    def __len__(self) -> int:
        return len(self.kv.index_to_key)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word in self.kv.key_to_index

    @property
    def words(self) -> list[str]:
        """The vocabulary, most frequent first (gensim's ``index_to_key``)."""
        return self.kv.index_to_key

    def known_form(self, word: str) -> str:
        """``word`` as the vocabulary holds it: itself, or its lowercase form where only that is known
        ("King" -> "king" in GloVe's lowercase vocabulary; gensim's analogy evaluation folds case too)."""
        if not isinstance(word, str):
            raise InvalidParameterError(f"{word!r}: a word must be a string, not {type(word).__name__}",
                                        hint='pass the word as text, e.g. "king"')
        return word.lower() if word not in self and word.lower() in self else word

    def vector(self, word: str) -> np.ndarray:
        """The vector of ``word``; fastText models also build one for an unseen word from its n-grams."""
        word = self.known_form(word)
        if word in self:
            return np.asarray(self.kv.vectors[self.kv.key_to_index[word]])
        if self.has_subwords:
            return np.asarray(self.kv.get_vector(word))
        raise self.unknown(word)

    @property
    def has_subwords(self) -> bool:
        """True for fastText vectors, which can compose a vector for any word from character n-grams."""
        return getattr(self.kv, "bucket", 0) > 0 and getattr(self.kv, "vectors_ngrams", None) is not None

    def matrix(self, limit: int | None = None) -> np.ndarray:
        """The vectors as a float32 array, rows in ``words`` order (the first ``limit`` rows)."""
        check_limit(limit)
        rows = self.kv.vectors if limit is None else self.kv.vectors[:limit]
        return np.asarray(rows, dtype=np.float32)

    def unknown(self, word: str) -> OutOfVocabularyError:
        """The OutOfVocabularyError for ``word``, with the closest spellings in the vocabulary."""
        suggestions = self.closest_spellings(word)
        hint = (f"did you mean: {', '.join(suggestions)}?" if suggestions
                else "check the spelling, or use vectors trained on a larger corpus")
        return OutOfVocabularyError(f"{word!r} is not in the vocabulary ({len(self):,} words)", hint=hint)

    def closest_spellings(self, word: str, n: int = 3) -> list[str]:
        """Vocabulary words spelled like ``word``: its lowercase form first, then difflib matches among
        the most frequent words of a similar length (difflib over 400k words would take seconds)."""
        found = [word.lower()] if word.lower() != word and word.lower() in self else []
        band = range(len(word) - 2, len(word) + 3)
        candidates = [w for w in self.words[:SPELLING_CANDIDATES] if len(w) in band]
        found += [w for w in closest(word, candidates, n) if w not in found]
        return found[:n]

    # ---- neighbours and analogies --------------------------------------------------------------
    def normed(self) -> np.ndarray:
        """Unit-length rows of ``matrix()`` (computed once; all-zero rows stay zero)."""
        if self._normed is None:
            matrix = self.matrix()
            norms = np.linalg.norm(matrix, axis=1, keepdims=True)
            norms[norms == 0] = 1.0
            self._normed = matrix / norms
        return self._normed

    def _unit(self, word: str) -> np.ndarray:
        if word in self:
            return self.normed()[self.kv.key_to_index[word]]
        vector = self.vector(word)
        norm = np.linalg.norm(vector)
        return vector / norm if norm else vector

    def similar(self, word: str, top: int = 10) -> list[Neighbour]:
        """The ``top`` words closest to ``word`` by cosine similarity (``word`` itself excluded; case
        folded as in ``known_form``): fewer where the vectors hold fewer other words, none where they
        hold no other word."""
        _check_top(top)
        word = self.known_form(word)
        scores = self.normed() @ self._unit(word)
        return self._best(scores, top, exclude=[word])

    def analogy(self, a: str, b: str, c: str, top: int = 10, method: str = "add") -> list[Neighbour]:
        """The best d for a - b + c ("b is to a as c is to d"): king - man + woman -> queen.

        ``method`` "add" is 3CosAdd (score: cosine with a - b + c), "mul" is 3CosMul;
        a, b and c are never answered; a word the vocabulary holds only in lowercase is read so.
        """
        _check_top(top)
        if method not in METHODS:
            raise InvalidParameterError(f"method {method!r}: must be 'add' or 'mul'",
                                        hint="--method add (3CosAdd) or --method mul (3CosMul)")
        a, b, c = (self.known_form(w) for w in (a, b, c))
        missing = [w for w in (a, b, c) if w not in self and not self.has_subwords]
        if missing:
            raise self.unknown(missing[0])
        normed = self.normed()
        unit_a, unit_b, unit_c = (self._unit(w) for w in (a, b, c))
        if method == "add":  # cos(d, a - b + c), gensim's score; it ranks exactly as the sum of cosines
            query = unit_a - unit_b + unit_c
            scores = normed @ (query / (np.linalg.norm(query) or 1.0))
        else:
            scores = analogy_scores(normed @ unit_a, normed @ unit_b, normed @ unit_c, method)
        return self._best(scores, top, exclude=[a, b, c])

    def _best(self, scores: np.ndarray, top: int, exclude: list[str]) -> list[Neighbour]:
        scores = np.array(scores, dtype=np.float32)
        for word in exclude:
            index = self.kv.key_to_index.get(word)
            if index is not None:
                scores[index] = -np.inf
        top = min(top, int(np.isfinite(scores).sum()))
        if top <= 0:
            return []
        best = np.argpartition(-scores, top - 1)[:top]
        best = best[np.argsort(-scores[best], kind="stable")]
        return [Neighbour(self.words[i], float(scores[i])) for i in best]

    # ---- evaluation ------------------------------------------------------------------------------
    def evaluate(self, *, analogies: str | Path | None = None, pairs: str | Path | None = None,
                 restrict: int = 30_000) -> dict:
        """Google analogy accuracy (3CosAdd and 3CosMul, per section) and wordsim353 Spearman."""
        from .evaluation import evaluate

        return evaluate(self, analogies=analogies, pairs=pairs, restrict=restrict)


def analogy_scores(cos_a: np.ndarray, cos_b: np.ndarray, cos_c: np.ndarray, method: str) -> np.ndarray:
    """3CosAdd or 3CosMul scores from the cosines with a, b and c (any matching shapes)."""
    if method == "add":
        return cos_a - cos_b + cos_c
    shift = lambda cos: (1.0 + cos) / 2.0  # noqa: E731 - Levy & Goldberg's shift to [0, 1]
    return shift(cos_a) * shift(cos_c) / (shift(cos_b) + MUL_EPSILON)


def _check_top(top: int) -> None:
    check_count("top", top, hint="e.g. top=10")


def check_limit(limit: int | None) -> None:
    """A ``limit`` on words is None (all) or a count."""
    if limit is not None:
        check_count("limit", limit, hint="e.g. limit=30_000 keeps the 30,000 most frequent words; None keeps all")
