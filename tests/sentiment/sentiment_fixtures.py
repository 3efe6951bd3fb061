"""Tiny, hand-made data for the sentiment tests: 8-d vectors and a templated review corpus
(imported by tests/sentiment and tests/cli/test_sentiment.py)."""

from __future__ import annotations

import itertools

import numpy as np

POSITIVE = ["good", "great", "lovely", "superb", "fun"]
NEGATIVE = ["bad", "awful", "dull", "boring", "poor"]
NOUNS = ["film", "plot", "cast", "script", "ending"]
OTHER = ["the", "was", "is", "very", "truly", "."]


def make_vectors(dim: int = 8):
    from gensim.models import KeyedVectors

    rng = np.random.default_rng(0)
    words = POSITIVE + NEGATIVE + NOUNS + OTHER
    matrix = rng.normal(scale=0.3, size=(len(words), dim)).astype(np.float32)
    kv = KeyedVectors(dim)
    kv.add_vectors(words, matrix)
    return kv


def make_pairs(labels=("neg", "pos")) -> list[tuple[list[str], str]]:
    negative, positive = labels
    pairs = []
    for noun, adjective in itertools.product(NOUNS, POSITIVE + NEGATIVE):
        label = positive if adjective in POSITIVE else negative
        pairs += [(["the", noun, "was", adjective], label), (["the", noun, "is", "very", adjective, "."], label),
                  (["truly", adjective, noun], label)]
    return pairs


TINY = {"widths": (1, 2), "maps": 8, "epochs": 8, "batch_size": 16, "lr": 0.02, "extra_words": 0, "patience": 8, "seed": 0}




def finite_difference_gradient(loss_of, vectors: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """Central differences of ``loss_of(vectors)`` with respect to every entry of ``vectors``."""
    numeric = np.zeros_like(vectors)
    for i, j in np.ndindex(*vectors.shape):
        up, down = vectors.copy(), vectors.copy()
        up[i, j] += eps
        down[i, j] -= eps
        numeric[i, j] = (loss_of(up) - loss_of(down)) / (2 * eps)
    return numeric
