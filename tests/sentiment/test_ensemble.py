"""SentimentCNN(n_networks=N): several CNNs whose probabilities are averaged, on tiny hand-made data."""

from __future__ import annotations

import copy
import json

import numpy as np
import pytest
from sentiment_fixtures import TINY, finite_difference_gradient

from nlpkit.errors import InvalidParameterError
from nlpkit.sentiment import SentimentCNN
from nlpkit.sentiment.network import CNNEnsemble, KimCNN, networks_of

TEXTS = ["the plot was superb", "truly boring ending", "the cast is very fun ."]


@pytest.fixture(scope="module")
def ensemble(tiny_vectors, tiny_pairs):
    return SentimentCNN(**TINY, vectors=tiny_vectors, two_channel=True, n_networks=3).fit(tiny_pairs)


def _ids(model, texts):
    return [model._ids(model.tokenize(text)) for text in texts]


def test_ensemble_predicts_the_mean_of_its_networks(ensemble):
    networks = networks_of(ensemble.network_)
    assert isinstance(ensemble.network_, CNNEnsemble) and len(networks) == 3
    each = [ensemble._proba_of_ids(_ids(ensemble, TEXTS), network) for network in networks]
    np.testing.assert_allclose(ensemble.predict_proba(TEXTS), np.mean(each, axis=0), atol=1e-6)
    assert not np.allclose(each[0], each[1], atol=1e-3)  # the seeds made different networks
    assert ensemble.predict(TEXTS) == ["pos", "neg", "pos"]


def test_first_network_is_the_one_network_model_of_the_same_seed(ensemble, tiny_vectors, tiny_pairs):
    """Network i trains with seed + i on the same dev split and vocabulary, so network 0 is the
    plain model: n_networks=1 is exactly what SentimentCNN was before ensembles."""
    single = SentimentCNN(**TINY, vectors=tiny_vectors, two_channel=True).fit(tiny_pairs)
    assert isinstance(single.network_, KimCNN)
    first = ensemble._proba_of_ids(_ids(ensemble, TEXTS), networks_of(ensemble.network_)[0])
    np.testing.assert_array_equal(first, single.predict_proba(TEXTS))
    np.testing.assert_array_equal(ensemble.one_network(0).predict_proba(TEXTS), single.predict_proba(TEXTS))
    assert ensemble.vocabulary_ == single.vocabulary_
    assert len(networks_of(ensemble.network_)) == 3  # the view left the ensemble whole
    with pytest.raises(InvalidParameterError, match="networks 0 to 2"):
        ensemble.one_network(3)


def test_ensemble_metrics_cover_every_network(ensemble):
    """The scalar keys mean what they mean for one network (network 0's), the lists cover all."""
    metrics = ensemble.metrics_
    assert len(metrics["network_best_epoch"]) == len(metrics["network_dev_accuracy"]) == 3
    assert metrics["best_epoch"] == metrics["network_best_epoch"][0]
    assert sum(metrics["network_epochs_run"]) == len(metrics["history"])
    assert metrics["epochs_run"] == sum(1 for row in metrics["history"] if row["network"] == 0)
    assert {row["network"] for row in metrics["history"]} == {0, 1, 2}
    assert 0.5 < metrics["dev_accuracy"] <= 1.0


def test_ensemble_input_vectors_are_the_networks_side_by_side(ensemble):
    words, matrix = ensemble.input_vectors()
    dim = ensemble.network_.dim
    assert matrix.shape == (len(words), 3 * 2 * dim)  # three networks of two channels
    first = networks_of(ensemble.network_)[0]
    np.testing.assert_allclose(matrix[:, : 2 * dim], first.input_matrix()[2:].detach().numpy(), atol=1e-7)
    np.testing.assert_allclose(ensemble.vector_of("superb"), matrix[words.index("superb")], atol=1e-7)
    np.testing.assert_allclose(ensemble.proba_of_vectors(np.stack([ensemble.vector_of(w) for w in
                                                                   ["the", "plot", "was", "superb"]])),
                               ensemble.predict_proba(["the plot was superb"])[0], atol=1e-6)


def test_ensemble_gradient_matches_finite_differences(ensemble):
    """The gradient flip-sentiment steers by: -log(mean of the networks' p(target)), in float64."""
    model = copy.copy(ensemble)
    model.network_ = copy.deepcopy(ensemble.network_).double().eval()
    tokens = ["the", "plot", "was", "very", "dull"]
    loss, gradient = model.loss_and_gradient(tokens, "pos")
    vectors = np.stack([model.vector_of(t) for t in tokens]).astype(np.float64)
    assert loss == pytest.approx(-np.log(model.proba_of_vectors(vectors)[1]), rel=1e-9)
    numeric = finite_difference_gradient(lambda v: -np.log(model.proba_of_vectors(v)[1]), vectors)
    np.testing.assert_allclose(gradient, numeric, rtol=1e-4, atol=1e-8)
    assert np.abs(gradient).max() > 1e-5


def test_ensemble_save_and_load_round_trip(ensemble, tmp_path):
    folder = ensemble.save(tmp_path / "model")
    assert json.loads((folder / "params.json").read_text())["params"]["n_networks"] == 3
    loaded = SentimentCNN.load(folder)
    assert len(networks_of(loaded.network_)) == 3
    np.testing.assert_allclose(loaded.predict_proba(TEXTS), ensemble.predict_proba(TEXTS), atol=2e-3)


def _filters(model) -> list[np.ndarray]:
    return [network.convs[0].weight.detach().numpy().copy() for network in networks_of(model.network_)]


def test_ensemble_starts_from_one_network_or_as_many(tiny_model, ensemble, tiny_vectors, tiny_pairs):
    """With a learning rate of 1e-9 the filters stay where they started: network i at the
    source's network i, or every network at the one-network source's."""
    settings = {**TINY, "epochs": 1, "lr": 1e-9, "vectors": tiny_vectors}
    from_one = SentimentCNN(**settings, n_networks=2, init_from=tiny_model).fit(tiny_pairs)
    assert from_one.init_words_ > 0
    for filters in _filters(from_one):
        np.testing.assert_allclose(filters, _filters(tiny_model)[0], atol=1e-6)
    from_three = SentimentCNN(**settings, two_channel=True, n_networks=3, init_from=ensemble).fit(tiny_pairs)
    for ours, theirs in zip(_filters(from_three), _filters(ensemble)):
        np.testing.assert_allclose(ours, theirs, atol=1e-6)
    assert not np.allclose(_filters(ensemble)[0], _filters(ensemble)[1], atol=1e-3)  # so the pairing shows
    with pytest.raises(InvalidParameterError, match="has 3 networks; this one trains 2"):
        SentimentCNN(**settings, two_channel=True, n_networks=2, init_from=ensemble).fit(tiny_pairs)


def test_one_network_of_an_ensemble_saves_and_loads_as_a_one_network_model(ensemble, tmp_path):
    first = ensemble.one_network(1)
    assert first.n_networks == 1 and first.metrics_["best_epoch"] == ensemble.metrics_["network_best_epoch"][1]
    assert all("network" not in row for row in first.metrics_["history"])
    folder = first.save(tmp_path / "first")
    assert "n_networks" not in json.loads((folder / "params.json").read_text())["params"]  # as before ensembles
    loaded = SentimentCNN.load(folder)
    assert isinstance(loaded.network_, KimCNN)
    np.testing.assert_allclose(loaded.predict_proba(TEXTS), first.predict_proba(TEXTS), atol=2e-3)


def test_a_failed_fit_leaves_the_fitted_model_as_it_was(ensemble, tiny_pairs):
    """A refit that fails (here: start from a model of other vectors) keeps the old networks."""
    from gensim.models import KeyedVectors

    model = copy.copy(ensemble)
    before = model.predict_proba(TEXTS)
    other = KeyedVectors(8)
    other.add_vectors(list(ensemble.vocabulary_[2:]), np.ones((len(ensemble.vocabulary_) - 2, 8), np.float32))
    with pytest.raises(InvalidParameterError, match="other word vectors"):
        model.set_params(init_from=ensemble, epochs=1).fit(tiny_pairs, vectors=other)
    assert model.network_ is ensemble.network_ and model.vocabulary_ == ensemble.vocabulary_
    np.testing.assert_array_equal(model.predict_proba(TEXTS), before)


def test_n_networks_may_be_a_numpy_integer(tiny_vectors, tiny_pairs, tmp_path):
    model = SentimentCNN(**{**TINY, "epochs": 1}, vectors=tiny_vectors, n_networks=np.int64(2)).fit(tiny_pairs)
    saved = json.loads((model.save(tmp_path / "m") / "params.json").read_text())
    assert saved["params"]["n_networks"] == 2


@pytest.mark.parametrize("bad", [0, -1, 1.5, True])
def test_n_networks_must_be_a_whole_number_of_at_least_one(bad, tiny_vectors, tiny_pairs):
    with pytest.raises(InvalidParameterError, match="n_networks"):
        SentimentCNN(**TINY, vectors=tiny_vectors, n_networks=bad).fit(tiny_pairs)
