"""SampledLoss: the per-epoch training loss, checked against the formula on hand-set weights."""

from __future__ import annotations

import math

import numpy as np
import pytest
from gensim.models import FastText, Word2Vec

from nlpkit.vectors.loss import SampledLoss, _window_pairs

LINES = [["red", "green", "blue", "red", "green"], ["blue", "blue", "red"], ["green", "red"]] * 4


def _model(model_class, sg: int, window: int = 2):
    model = model_class(vector_size=4, window=window, min_count=1, negative=3, sg=sg, seed=5, workers=1,
                        **({"bucket": 50, "min_n": 2, "max_n": 3} if model_class is FastText else {}))
    model.build_vocab(LINES)
    rng = np.random.default_rng(0)
    model.syn1neg[:] = rng.normal(size=model.syn1neg.shape)
    if model_class is FastText:
        model.wv.vectors_vocab[:] = rng.normal(size=model.wv.vectors_vocab.shape)
        model.wv.vectors_ngrams[:] = rng.normal(size=model.wv.vectors_ngrams.shape)
    else:
        model.wv.vectors[:] = rng.normal(size=model.wv.vectors.shape)
    return model


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def _input(model, word: int) -> np.ndarray:
    """What gensim's skip-gram feeds in: fastText divides the word plus n-gram rows by the n-gram count."""
    if isinstance(model, FastText):
        buckets = model.wv.buckets_word[word]
        return (model.wv.vectors_vocab[word] + model.wv.vectors_ngrams[buckets].sum(axis=0)) / max(len(buckets), 1)
    return model.wv.vectors[word]


def test_loss_window_pairs_skip_gram_and_cbow():
    centers, contexts = _window_pairs([[1, 2, 3]], 1, cbow=False)
    assert list(zip(centers.tolist(), contexts.tolist())) == [(1, 2), (2, 1), (2, 3), (3, 2)]
    centers, contexts = _window_pairs([[1, 2, 3]], 1, cbow=True)
    assert centers.tolist() == [1, 2, 3] and contexts.tolist() == [[2, -1], [1, 3], [2, -1]]


@pytest.mark.parametrize("model_class", [Word2Vec, FastText])
def test_loss_skip_gram_equals_the_formula_pair_by_pair(model_class):
    model = _model(model_class, sg=1)
    loss = SampledLoss(model, LINES, seed=3)
    expected = []
    for center, context, negatives in zip(loss.centers, loss.contexts, loss.negatives):
        vector = _input(model, center)
        total = -math.log(_sigmoid(vector @ model.syn1neg[context]))
        total -= sum(math.log(_sigmoid(-(vector @ model.syn1neg[n]))) for n in negatives if n != context)
        expected.append(total)
    assert len(loss) == len(expected) > 20
    assert loss(model) == pytest.approx(np.mean(expected), rel=1e-5)


def test_loss_cbow_uses_the_mean_of_the_window():
    model = _model(Word2Vec, sg=0)
    loss = SampledLoss(model, LINES, seed=3)
    expected = []
    for center, window, negatives in zip(loss.centers, loss.contexts, loss.negatives):
        vector = model.wv.vectors[[w for w in window if w >= 0]].mean(axis=0)
        total = -math.log(_sigmoid(vector @ model.syn1neg[center]))
        total -= sum(math.log(_sigmoid(-(vector @ model.syn1neg[n]))) for n in negatives if n != center)
        expected.append(total)
    assert loss(model) == pytest.approx(np.mean(expected), rel=1e-5)


def test_loss_negatives_follow_gensims_unigram_table():
    model = _model(Word2Vec, sg=1)
    loss = SampledLoss(model, LINES * 50, seed=1)
    drawn = np.bincount(loss.negatives.ravel(), minlength=len(model.wv)) / loss.negatives.size
    counts = np.array([model.wv.get_vecattr(w, "count") for w in model.wv.index_to_key]) ** 0.75
    np.testing.assert_allclose(drawn, counts / counts.sum(), atol=0.02)


def test_loss_without_negative_sampling_is_not_reported():
    from nlpkit.vectors import Word2VecModel

    model = Word2VecModel(dim=8, epochs=1, min_count=2, hs=1, negative=0, workers=1).fit("lee")
    assert model.training_["epoch_losses"] == []
