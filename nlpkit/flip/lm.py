"""A compact interpolated Kneser-Ney trigram language model, vectorised with numpy.

Counts live in sorted int64 key arrays, so scoring any number of n-grams is a handful of
``np.searchsorted`` calls: scoring all candidate rewrites of a sentence is one call.
(``nltk.lm`` computes the same quantities word by word and is orders of magnitude slower.)
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from .._io import atomic_dir, read_json_artifact, read_npz_artifact
from ..errors import EmptyCorpusError, InvalidParameterError, NotFittedError

UNK, BOS, EOS = "<unk>", "<s>", "</s>"
_FORMAT = "nlpkit-kneser-ney-trigram/1"


def _discount(counts: np.ndarray) -> float:
    """Ney's estimate D = n1 / (n1 + 2 n2), kept inside (0.1, 0.95)."""
    n1, n2 = np.count_nonzero(counts == 1), np.count_nonzero(counts == 2)
    return float(np.clip(n1 / (n1 + 2 * n2), 0.1, 0.95)) if n1 + n2 else 0.75


def _lookup(keys: np.ndarray, values: np.ndarray, query: np.ndarray) -> np.ndarray:
    """``values`` at ``query`` keys, 0 where a key is absent (keys sorted)."""
    if len(keys) == 0:
        return np.zeros(len(query), dtype=values.dtype)
    pos = np.minimum(np.searchsorted(keys, query), len(keys) - 1)
    return np.where(keys[pos] == query, values[pos], 0)


class KneserNeyLM:
    """Interpolated Kneser-Ney trigram model over word ids.

    Parameters: ``min_count`` (rarer words become ``<unk>``), ``max_vocab`` (keep at most this
    many words, most frequent first; None keeps all).
    """

    def __init__(self, min_count: int = 2, max_vocab: int | None = None):
        self.min_count = min_count
        self.max_vocab = max_vocab

    def __repr__(self) -> str:
        state = f", vocabulary={len(self.words_):,}, trigrams={len(self.tri_keys_):,}" if hasattr(self, "words_") else ""
        return f"KneserNeyLM(min_count={self.min_count}, max_vocab={self.max_vocab}{state})"

    # -- training ---------------------------------------------------------------------------------
    def fit(self, sentences: Iterable[Sequence[str]]) -> KneserNeyLM:
        if self.min_count < 1:
            raise InvalidParameterError(f"min_count must be at least 1, not {self.min_count}")
        sentences = [list(s) for s in sentences if len(s)]
        if not sentences:
            raise EmptyCorpusError("the language model got no sentences to learn from")
        counts = Counter(w for s in sentences for w in s)
        kept = [w for w, c in counts.most_common(self.max_vocab) if c >= self.min_count]
        self._set_vocabulary([UNK, BOS, EOS] + [w for w in kept if w not in (UNK, BOS, EOS)])
        trigrams = np.concatenate([self._trigram_ids(s) for s in sentences])
        keys, tri_counts = np.unique(self._tri_key(trigrams[:, 0], trigrams[:, 1], trigrams[:, 2]), return_counts=True)
        self._derive(keys, tri_counts.astype(np.int64))
        return self

    def _set_vocabulary(self, words: list[str]) -> None:
        self.words_ = words
        self.index_ = {w: i for i, w in enumerate(words)}
        self._n = np.int64(len(words))

    def _tri_key(self, u, v, w):
        return (np.asarray(u, np.int64) * self._n + v) * self._n + w

    def _derive(self, tri_keys: np.ndarray, tri_counts: np.ndarray) -> None:
        n = self._n
        self.tri_keys_, self.tri_counts_ = tri_keys, tri_counts
        u_v, w = np.divmod(tri_keys, n)
        # trigram contexts (u, v): total count and number of distinct followers
        self.ctx_keys_, start = np.unique(u_v, return_index=True)
        self.ctx_total_ = np.add.reduceat(tri_counts, start)
        self.ctx_types_ = np.diff(np.append(start, len(u_v)))
        # bigram (v, w) continuation counts: distinct u before it
        v = u_v % n
        self.bi_keys_, self.bi_cont_ = np.unique(v * n + w, return_counts=True)
        bv, bw = np.divmod(self.bi_keys_, n)
        self.cont_total_ = np.bincount(bv, weights=self.bi_cont_, minlength=n)
        self.cont_types_ = np.bincount(bv, minlength=n).astype(np.float64)
        self.uni_cont_ = np.bincount(bw, minlength=n).astype(np.float64)
        self.d3_, self.d2_, self.d1_ = _discount(tri_counts), _discount(self.bi_cont_), _discount(self.uni_cont_)

    def _trigram_ids(self, tokens: Sequence[str]) -> np.ndarray:
        ids = [1, 1] + [self.index_.get(t, 0) for t in tokens] + [2]
        ids = np.asarray(ids, dtype=np.int64)
        return np.stack([ids[:-2], ids[1:-1], ids[2:]], axis=1)

    # -- scoring ----------------------------------------------------------------------------------
    def _check(self) -> None:
        if not hasattr(self, "words_"):
            raise NotFittedError("the language model is not fitted", hint="call fit(sentences) or KneserNeyLM.load(dir)")

    def ngram_logprob(self, u: np.ndarray, v: np.ndarray, w: np.ndarray) -> np.ndarray:
        """Natural-log probability of ``w`` after ``u v``, for arrays of ids."""
        self._check()
        n = self._n
        total1 = self.uni_cont_.sum()
        p1 = (np.maximum(self.uni_cont_[w] - self.d1_, 0) / total1
              + self.d1_ * np.count_nonzero(self.uni_cont_) / total1 / n)
        cont_total = self.cont_total_[v]
        safe = np.maximum(cont_total, 1)
        cont = _lookup(self.bi_keys_, self.bi_cont_, v * n + w)
        p2 = np.where(cont_total > 0,
                      np.maximum(cont - self.d2_, 0) / safe + self.d2_ * self.cont_types_[v] / safe * p1, p1)
        ctx = u * n + v
        total = _lookup(self.ctx_keys_, self.ctx_total_, ctx).astype(np.float64)
        types = _lookup(self.ctx_keys_, self.ctx_types_, ctx)
        count = _lookup(self.tri_keys_, self.tri_counts_, (ctx * n + w))
        safe = np.maximum(total, 1)
        p3 = np.where(total > 0, np.maximum(count - self.d3_, 0) / safe + self.d3_ * types / safe * p2, p2)
        return np.log(p3)

    def sentence_logprobs(self, sentences: Sequence[Sequence[str]]) -> np.ndarray:
        """Total log probability (with the end-of-sentence token) of each sentence, in one vectorised pass."""
        self._check()
        if not sentences:
            return np.zeros(0)
        grams = [self._trigram_ids(s) for s in sentences]
        lengths = np.array([len(g) for g in grams])
        stacked = np.concatenate(grams)
        logp = self.ngram_logprob(stacked[:, 0], stacked[:, 1], stacked[:, 2])
        return np.add.reduceat(logp, np.concatenate([[0], np.cumsum(lengths)[:-1]]))

    def logprob(self, tokens: Sequence[str]) -> float:
        return float(self.sentence_logprobs([tokens])[0])

    def perplexity(self, tokens: Sequence[str]) -> float:
        """exp of the mean negative log probability per predicted token (words and end of sentence)."""
        return float(np.exp(-self.logprob(tokens) / (len(tokens) + 1)))

    # -- persistence ------------------------------------------------------------------------------
    def save(self, folder: Path | str) -> Path:
        self._check()
        with atomic_dir(folder) as tmp:
            np.savez_compressed(tmp / "kneser_ney.npz", tri_keys=self.tri_keys_, tri_counts=self.tri_counts_.astype(np.int32))
            (tmp / "kneser_ney.json").write_text(json.dumps(
                {"format": _FORMAT, "params": {"min_count": self.min_count, "max_vocab": self.max_vocab},
                 "words": self.words_}, ensure_ascii=False))
        return Path(folder)

    @classmethod
    def load(cls, folder: Path | str) -> KneserNeyLM:
        folder = Path(folder)
        meta = read_json_artifact(folder / "kneser_ney.json", _FORMAT, "Kneser-Ney model")
        tri_keys, tri_counts = read_npz_artifact(folder / "kneser_ney.npz", ("tri_keys", "tri_counts"),
                                                 "Kneser-Ney model")
        model = cls(**meta["params"])
        model._set_vocabulary(meta["words"])
        model._derive(tri_keys, tri_counts.astype(np.int64))
        return model
