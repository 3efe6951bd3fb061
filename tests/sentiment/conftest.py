"""Fixtures of the sentiment tests: tiny vectors, a tiny corpus and a tiny trained model."""

from __future__ import annotations

import pytest
from sentiment_fixtures import TINY, make_pairs, make_vectors


@pytest.fixture(scope="session")
def tiny_vectors():
    return make_vectors()


@pytest.fixture(scope="session")
def tiny_pairs():
    return make_pairs()


@pytest.fixture(scope="session")
def tiny_model(tiny_vectors, tiny_pairs):
    from nlpkit.sentiment import SentimentCNN

    return SentimentCNN(**TINY, vectors=tiny_vectors).fit(tiny_pairs)


@pytest.fixture
def vector_file(tmp_path, tiny_vectors):
    """The tiny vectors as a word2vec text file (what --vectors takes)."""
    path = tmp_path / "tiny.vec"
    tiny_vectors.save_word2vec_format(str(path), binary=False)
    return path
