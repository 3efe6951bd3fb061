"""Word and phrase polarity: naive-Bayes log-odds from a labelled corpus, merged with a lexicon.

A candidate replacement must carry the target sentiment: ``log_odds(word, target) > threshold``.
Corpus statistics know the domain ("overpriced", "bland"); the Hu & Liu opinion lexicon knows
rare but clearly polar words.  Bigrams with a strong polarity ("over priced", "not worth") are
kept as phrases, so they can be edited as one unit.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from .._io import atomic_write, read_json_artifact
from ..errors import EmptyCorpusError, InvalidParameterError, NotFittedError

POSITIVE_NAMES = ("positive", "pos", "1", "1.0", "true", "good")
NEGATIVE_NAMES = ("negative", "neg", "0", "0.0", "-1", "false", "bad")
_FORMAT = "nlpkit-polarity/1"
# words that never start or end an editable phrase: negation and auxiliaries are edited on their own
FUNCTION_WORDS = frozenset("""a an the and or but so if then than as of to for in on at by with from this that these
those it its i me my we our you your he him his she her they them their there here is was are were am be been being
do does did has have had will would can could should may might must not n't no never 's 're 've 'll 'd 'm""".split())
# the strength a lexicon word gets when the corpus has too little evidence about it
LEXICON_STRENGTH = 1.5


def class_sign(label: str) -> int:
    """+1 for a label that means positive, -1 for negative, 0 for anything else."""
    name = str(label).strip().lower()
    return 1 if name in POSITIVE_NAMES else -1 if name in NEGATIVE_NAMES else 0


def positive_first(classes: Sequence[str]) -> tuple[str, str]:
    """(positive class, negative class) of a binary label set."""
    classes = [str(c) for c in classes]
    if len(classes) != 2:
        raise InvalidParameterError(f"sentiment flipping needs exactly two classes, got {classes}")
    signs = [class_sign(c) for c in classes]
    if sorted(signs) != [-1, 1]:
        raise InvalidParameterError(f"cannot tell which of the classes {classes} is positive",
                                    hint="name the classes pos/neg, positive/negative or 1/0")
    return (classes[0], classes[1]) if signs[0] == 1 else (classes[1], classes[0])


class PolarityTable:
    """Log-odds of positive vs negative for words (and strongly polar bigrams).

    Parameters: ``min_count`` (a word needs this many occurrences for the corpus to speak for
    it), ``smoothing`` (additive), ``phrase_min_count`` and ``phrase_threshold`` (a bigram
    becomes a phrase when frequent and more polar than either of its words).
    """

    def __init__(self, min_count: int = 3, smoothing: float = 1.0, phrase_min_count: int = 10,
                 phrase_threshold: float = 1.0):
        self.min_count = min_count
        self.smoothing = smoothing
        self.phrase_min_count = phrase_min_count
        self.phrase_threshold = phrase_threshold

    def __repr__(self) -> str:
        state = f", words={len(self.log_odds_):,}, phrases={len(self.phrases_):,}" if hasattr(self, "log_odds_") else ""
        return f"PolarityTable(min_count={self.min_count}{state})"

    def fit(self, documents: Iterable[Sequence[str]], labels: Iterable[str],
            sample_weight: Sequence[float] | None = None) -> PolarityTable:
        """Learn from token lists and their labels (any binary pos/neg naming).

        ``sample_weight`` weighs each document's counts in the log-odds: a sentence labelled by
        the review it came from (most of a negative review's sentences tell the plot) is weaker
        evidence than a sentence labelled on its own. ``counts_`` and ``min_count`` stay raw
        occurrences."""
        docs, labels = list(documents), [str(l) for l in labels]
        if not docs:
            raise EmptyCorpusError("no labelled documents to learn word polarity from")
        weights = [1.0] * len(docs) if sample_weight is None else [float(w) for w in sample_weight]
        if len(weights) != len(docs) or not all(math.isfinite(w) and w >= 0 for w in weights):
            raise InvalidParameterError(f"sample_weight: {len(weights)} weights for {len(docs)} documents, "
                                        f"or one that is negative, infinite or not a number",
                                        hint="give one finite, non-negative weight per document")
        positive, negative = positive_first(sorted(set(labels)))
        words = {positive: Counter(), negative: Counter()}
        pairs = {positive: Counter(), negative: Counter()}
        word_seen, pair_seen = Counter(), Counter()
        for tokens, label, weight in zip(docs, labels, weights):
            bigrams = [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]
            word_seen.update(tokens)
            pair_seen.update(bigrams)
            for counter, items in ((words[label], tokens), (pairs[label], bigrams)):
                for item in items:
                    counter[item] += weight
        self.log_odds_ = self._log_odds(words[positive], words[negative], word_seen, self.min_count)
        self.counts_ = {w: word_seen[w] for w in self.log_odds_}
        bigram_odds = self._log_odds(pairs[positive], pairs[negative], pair_seen, self.phrase_min_count)
        self.phrases_ = {p: s for p, s in bigram_odds.items() if self._is_phrase(p, s)}
        return self

    def _log_odds(self, pos: Counter, neg: Counter, seen: Counter, min_count: int) -> dict[str, float]:
        vocab = [w for w in seen if seen[w] >= min_count]
        if not vocab:   # a small corpus may have no bigram seen phrase_min_count times
            return {}
        a = self.smoothing
        pos_total = sum(pos[w] for w in vocab) + a * len(vocab)
        neg_total = sum(neg[w] for w in vocab) + a * len(vocab)
        shift = math.log(pos_total) - math.log(neg_total)
        return {w: round(math.log(pos[w] + a) - math.log(neg[w] + a) - shift, 4) for w in vocab}

    def _is_phrase(self, phrase: str, score: float) -> bool:
        """A bigram of words (no function word, negator or punctuation) more polar than either word."""
        first, second = phrase.split(" ")
        if not (first.isalpha() and second.isalpha()) or first in FUNCTION_WORDS or second in FUNCTION_WORDS:
            return False
        parts = max(abs(self.log_odds_.get(first, 0.0)), abs(self.log_odds_.get(second, 0.0)))
        return abs(score) >= self.phrase_threshold and abs(score) > parts + 0.5

    def add_lexicon(self, positive: Iterable[str], negative: Iterable[str]) -> PolarityTable:
        """Merge an opinion lexicon: a lexicon word the corpus contradicts keeps the corpus's sign
        only when the corpus has seen it at least 20 times (raw occurrences, whatever their
        ``sample_weight``); rarer lexicon words get at least a fixed strength. Counting weighted
        occurrences instead gave flip-sentiment fewer good candidates (benchmarks/results/flip.md)."""
        self._check()
        self.lexicon_ = {}
        for sign, entries in ((1, positive), (-1, negative)):
            for word in entries:
                self.lexicon_[word] = sign
                seen = self.counts_.get(word, 0)
                if seen < 20:
                    self.log_odds_[word] = sign * max(LEXICON_STRENGTH, sign * self.log_odds_.get(word, 0.0))
        return self

    def _check(self) -> None:
        if not hasattr(self, "log_odds_"):
            raise NotFittedError("the polarity table is not fitted", hint="call fit(documents, labels) or load(path)")

    def score(self, word: str) -> float:
        """Log-odds positive vs negative (0 for an unknown word)."""
        self._check()
        return self.log_odds_.get(word, self.phrases_.get(word, 0.0))

    def scores(self, words: Sequence[str]) -> np.ndarray:
        self._check()
        get = self.log_odds_.get
        return np.array([get(w, 0.0) for w in words], dtype=np.float64)

    def save(self, path: Path | str) -> Path:
        self._check()
        data = {"format": _FORMAT, "params": {"min_count": self.min_count, "smoothing": self.smoothing,
                                             "phrase_min_count": self.phrase_min_count,
                                             "phrase_threshold": self.phrase_threshold},
                "log_odds": self.log_odds_, "counts": self.counts_, "phrases": self.phrases_,
                "lexicon": getattr(self, "lexicon_", {})}
        with atomic_write(path) as f:
            json.dump(data, f, ensure_ascii=False, separators=(",", ":"))
        return Path(path)

    @classmethod
    def load(cls, path: Path | str) -> PolarityTable:
        data = read_json_artifact(path, _FORMAT, "polarity table")
        table = cls(**data["params"])
        table.log_odds_, table.counts_, table.phrases_ = data["log_odds"], data["counts"], data["phrases"]
        table.lexicon_ = data.get("lexicon", {})
        return table
