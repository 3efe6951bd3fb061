"""A tiny world for flip tests: hand-made 6-d vectors, a templated review corpus, and a real
(small) SentimentCNN trained on it in a couple of seconds."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

POSITIVE = ["great", "tasty", "friendly", "delicious", "lovely"]
NEGATIVE = ["awful", "bland", "rude", "terrible", "dreadful"]
NOUNS = ["food", "service", "staff", "place", "pizza"]
OTHER = ["the", "was", "not", "is", "a", "an", "and", "very", "."]
POS_TAGS = {**{w: ("ADJ",) for w in POSITIVE + NEGATIVE}, **{w: ("NOUN",) for w in NOUNS},
            "the": ("OTHER",), "a": ("OTHER",), "an": ("OTHER",), "was": ("VERB",), "is": ("VERB",),
            "not": ("ADV",), "very": ("ADV",), "and": ("OTHER",), ".": ("OTHER",)}


def _vectors():
    from gensim.models import KeyedVectors

    rng = np.random.default_rng(0)
    words = POSITIVE + NEGATIVE + NOUNS + OTHER
    matrix = rng.normal(scale=0.3, size=(len(words), 6)).astype(np.float32)
    matrix[: len(POSITIVE), 0] += 2.0          # axis 0 carries sentiment
    matrix[len(POSITIVE): len(POSITIVE) + len(NEGATIVE), 0] -= 2.0
    kv = KeyedVectors(6)
    kv.add_vectors(words, matrix)
    return kv


def _corpus():
    pairs = []
    for noun, adj in itertools.product(NOUNS, POSITIVE + NEGATIVE):
        label = "pos" if adj in POSITIVE else "neg"
        other = "neg" if label == "pos" else "pos"
        pairs += [(["the", noun, "was", adj], label), (["the", noun, "is", "very", adj, "."], label),
                  (["the", noun, "was", "not", adj], other)]
    return pairs


@pytest.fixture(scope="session")
def tiny_corpus():
    return _corpus()


@pytest.fixture(scope="session")
def tiny_cnn(tiny_corpus):
    import torch

    from nlpkit.sentiment import SentimentCNN

    torch.set_num_threads(1)
    return SentimentCNN(widths=(1, 2), maps=16, epochs=15, vectors=_vectors(), extra_words=0, dev_fraction=0.1,
                        patience=30, seed=0, batch_size=16, lr=0.01).fit(tiny_corpus)


@pytest.fixture(scope="session")
def tiny_flipper(tiny_cnn, tiny_corpus):
    from nlpkit.flip import SentimentFlipper
    from nlpkit.flip.polarity import PolarityTable
    from nlpkit.flip.pos import PosTable
    from nlpkit.flip.rules import AntonymTable

    docs, labels = zip(*tiny_corpus)
    polarity = PolarityTable(min_count=1).fit(docs, labels)
    return SentimentFlipper(tiny_cnn, polarity=polarity, pos=PosTable(POS_TAGS), tagger="table", margin=0.1, min_count=1,
                            antonyms=AntonymTable({"great": ["awful"], "awful": ["great"]})).fit(tiny_corpus)
