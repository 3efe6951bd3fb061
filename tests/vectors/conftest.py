"""Fixtures of the vectors tests: hand-made vector files and one tiny model trained on lee."""

from __future__ import annotations

import numpy as np
import pytest

# Four axes: royalty, gender (+ male), person, food. Built so that king - man + woman = queen.
TOY_VECTORS = {
    "the": [0.1, 0.0, 0.1, 0.1],
    "king": [1.0, 1.0, 0.3, 0.0],
    "queen": [1.0, -1.0, 0.3, 0.0],
    "man": [0.0, 1.0, 1.0, 0.0],
    "woman": [0.0, -1.0, 1.0, 0.0],
    "prince": [0.8, 0.9, 0.5, 0.1],
    "pizza": [0.0, 0.0, 0.0, 1.0],
    "pie": [0.1, 0.1, 0.0, 1.0],
    "coffee": [0.0, -0.1, 0.1, 0.9],
    "espresso": [0.1, -0.2, 0.1, 0.95],
}


@pytest.fixture
def toy_kv():
    from gensim.models import KeyedVectors

    kv = KeyedVectors(vector_size=4)
    kv.add_vectors(list(TOY_VECTORS), np.array(list(TOY_VECTORS.values()), dtype=np.float32))
    return kv


@pytest.fixture
def toy_vectors(toy_kv):
    from nlpkit.vectors import WordVectors

    return WordVectors(toy_kv, source="toy")


@pytest.fixture
def random_vectors():
    """300 random 16-d vectors: enough words for rankings to be non-trivial."""
    from gensim.models import KeyedVectors

    from nlpkit.vectors import WordVectors

    rng = np.random.default_rng(0)
    kv = KeyedVectors(vector_size=16)
    kv.add_vectors([f"w{i}" for i in range(300)], rng.normal(size=(300, 16)).astype(np.float32))
    return WordVectors(kv, source="random")


@pytest.fixture(scope="session")
def lee_model(tmp_path_factory):
    """A tiny, exactly repeatable word2vec model on the embedded lee corpus (about a second)."""
    from nlpkit.vectors import Word2VecModel

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NLPKIT_CACHE_DIR", str(tmp_path_factory.mktemp("lee-cache")))
        return Word2VecModel(dim=20, min_count=2, epochs=3, workers=1, seed=1).fit("lee")
