"""NgramSentiment (NBSVM) and SentimentCNN's n-gram mix (ngram_weight) on tiny hand-made data."""

from __future__ import annotations

import copy

import numpy as np
import pytest
from sentiment_fixtures import TINY, finite_difference_gradient, make_pairs

from nlpkit.errors import ArtifactError, InputError, InvalidParameterError
from nlpkit.sentiment import SentimentCNN
from nlpkit.sentiment.ngrams import NgramSentiment, ngrams_of


def test_ngrams_of_lists_every_n_gram_in_range():
    assert ngrams_of(["a", "b", "c"], 1, 2) == ["a", "b", "c", "a b", "b c"]
    assert ngrams_of(["a", "b", "c"], 2, 3) == ["a b", "b c", "a b c"]
    assert ngrams_of(["a"], 2, 3) == []


def test_ngram_model_equals_logistic_regression_on_nb_scaled_features(tiny_pairs):
    """The weight table gives exactly the probabilities of Wang & Manning's recipe run through scikit-learn."""
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    model = NgramSentiment(C=0.5).fit(tiny_pairs)
    vectorizer = CountVectorizer(analyzer=lambda tokens: ngrams_of(tokens, 1, 3), binary=True)
    features = vectorizer.fit_transform([t for t, _ in tiny_pairs]).tocsr()
    positive = np.array([label == "pos" for _, label in tiny_pairs])
    p = np.asarray(features[positive].sum(axis=0)).ravel() + 1.0
    q = np.asarray(features[~positive].sum(axis=0)).ravel() + 1.0
    ratio = np.log((p / p.sum()) / (q / q.sum()))
    regression = LogisticRegression(C=0.5, max_iter=3000).fit(features.multiply(ratio).tocsr(), positive)
    sentences = [["the", "plot", "was", "superb"], ["truly", "dull", "film"], ["very", "good", "unseen", "words"]]
    expected = regression.predict_proba(vectorizer.transform(sentences).multiply(ratio).tocsr())
    np.testing.assert_allclose(model.predict_proba(sentences), expected, atol=1e-5)
    assert model.predict(sentences[:2]) == ["pos", "neg"]


def test_ngram_model_weighs_class_words_by_their_side(tiny_pairs):
    model = NgramSentiment().fit(tiny_pairs)
    weight = dict(zip(model.ngrams_, model.weights_[:, 0]))
    assert weight["superb"] > 0 > weight["awful"]  # one score: the second class ("pos") against the first
    assert abs(weight["the"]) < min(abs(weight["superb"]), abs(weight["awful"]))


def test_ngram_model_scores_three_classes_one_against_the_rest():
    pairs = make_pairs() + [(["the", noun, "was", "okay"], "mid") for noun in ("film", "plot", "cast")] * 5
    model = NgramSentiment().fit(pairs)
    proba = model.predict_proba([["the", "film", "was", "okay"], ["truly", "superb", "plot"]])
    assert model.classes_ == ["mid", "neg", "pos"] and model.weights_.shape[1] == 3
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, atol=1e-6)
    assert model.predict([["the", "film", "was", "okay"], ["truly", "superb", "plot"]]) == ["mid", "pos"]


def test_ngram_model_min_count_drops_rare_n_grams(tiny_pairs):
    everything, frequent = NgramSentiment().fit(tiny_pairs), NgramSentiment(min_count=3).fit(tiny_pairs)
    assert set(frequent.ngrams_) < set(everything.ngrams_)
    assert "film was superb" in everything.ngrams_
    assert "film was superb" not in frequent.ngrams_  # seen once


def test_ngram_model_refuses_one_class_and_bad_parameters(tiny_pairs):
    with pytest.raises(InputError, match="two classes"):
        NgramSentiment().fit([(t, "pos") for t, _ in tiny_pairs])
    with pytest.raises(InvalidParameterError, match="ngram_range"):
        NgramSentiment(ngram_range=(2, 1)).fit(tiny_pairs)
    with pytest.raises(InvalidParameterError, match="C and alpha"):
        NgramSentiment(C=0).fit(tiny_pairs)


# ---- SentimentCNN(ngram_weight=...) ------------------------------------------------------------
@pytest.fixture(scope="module")
def mixed_model(tiny_vectors, tiny_pairs):
    return SentimentCNN(**TINY, vectors=tiny_vectors, ngram_weight=0.4).fit(tiny_pairs)


def test_mixed_model_predicts_the_weighted_mean_of_both_halves(mixed_model):
    texts = ["the plot was superb", "truly boring ending", "the cast is very fun ."]
    tokens = [mixed_model.tokenize(t) for t in texts]
    cnn = mixed_model._proba_of_ids([mixed_model._ids(t) for t in tokens])
    ngram = mixed_model.ngrams_.predict_proba(tokens)
    np.testing.assert_allclose(mixed_model.predict_proba(texts), 0.6 * cnn + 0.4 * ngram, atol=1e-6)
    assert not np.allclose(cnn, ngram, atol=1e-3)  # the mix is not one half alone
    assert mixed_model.metrics_["dev_accuracy_with_ngrams"] >= 0.9


def test_mixed_model_n_gram_half_learns_from_every_sentence_dev_included(mixed_model, tiny_pairs):
    assert mixed_model.metrics_["dev_sentences"] > 0
    every = NgramSentiment().fit(tiny_pairs)
    assert mixed_model.ngrams_.ngrams_ == every.ngrams_
    np.testing.assert_allclose(mixed_model.ngrams_.weights_, every.weights_, atol=1e-6)


def test_mixed_model_gradient_is_that_of_the_mixed_loss(mixed_model):
    """Finite differences of -log((1 - w) p_cnn(vectors) + w p_ngram(words)) in float64."""
    model = copy.copy(mixed_model)
    model.network_ = copy.deepcopy(mixed_model.network_).double().eval()
    tokens = ["the", "plot", "was", "very", "dull"]
    ngram_share = model.ngrams_.predict_proba([tokens])[0, 1]

    def mixed_loss(vectors):
        return -np.log(0.6 * model.proba_of_vectors(vectors)[1] + 0.4 * ngram_share)

    loss, gradient = model.loss_and_gradient(tokens, "pos")
    vectors = np.stack([model.vector_of(t) for t in tokens]).astype(np.float64)
    assert loss == pytest.approx(mixed_loss(vectors), rel=1e-6)
    assert loss == pytest.approx(-np.log(model.predict_proba([tokens])[0, 1]), rel=1e-5)
    numeric = finite_difference_gradient(mixed_loss, vectors)
    np.testing.assert_allclose(gradient, numeric, rtol=1e-4, atol=1e-8)
    assert np.abs(gradient).max() > 1e-5


def test_mixed_model_save_and_load_round_trip(mixed_model, tmp_path):
    folder = mixed_model.save(tmp_path / "model")
    assert (folder / "ngrams.json").is_file() and (folder / "ngram_weights.npy").is_file()
    loaded = SentimentCNN.load(folder)
    assert loaded.ngram_weight == 0.4 and loaded.ngrams_.ngrams_ == mixed_model.ngrams_.ngrams_
    texts = ["the film was superb", "truly boring ending"]
    np.testing.assert_allclose(loaded.predict_proba(texts), mixed_model.predict_proba(texts), atol=2e-3)


def test_mixed_model_load_refuses_missing_or_mismatched_n_gram_files(mixed_model, tmp_path):
    folder = mixed_model.save(tmp_path / "model")
    np.save(folder / "ngram_weights.npy", np.zeros((3, 1), dtype=np.float32))
    with pytest.raises(ArtifactError, match="does not match"):
        SentimentCNN.load(folder)
    (folder / "ngrams.json").unlink()
    with pytest.raises(ArtifactError, match="ngrams.json is missing"):
        SentimentCNN.load(folder)


def test_plain_model_has_no_n_gram_half_and_saves_no_n_gram_files(tiny_model, tmp_path):
    assert tiny_model.ngrams_ is None
    folder = tiny_model.save(tmp_path / "model")
    assert not (folder / "ngrams.json").exists()
    assert SentimentCNN.load(folder).ngrams_ is None


def test_ngram_weight_must_be_below_one(tiny_vectors, tiny_pairs):
    with pytest.raises(InvalidParameterError, match="ngram_weight"):
        SentimentCNN(**TINY, vectors=tiny_vectors, ngram_weight=1.0).fit(tiny_pairs)


def test_mixed_model_set_params_after_fit_changes_nothing_until_the_next_fit(tiny_model, mixed_model, tmp_path):
    texts = ["the plot was superb", "truly boring ending"]
    plain = copy.copy(tiny_model).set_params(ngram_weight=0.5)
    np.testing.assert_array_equal(plain.predict_proba(texts), tiny_model.predict_proba(texts))
    assert SentimentCNN.load(plain.save(tmp_path / "plain")).ngrams_ is None  # saved as fitted, loads back
    mixed = copy.copy(mixed_model).set_params(ngram_weight=0.0)
    np.testing.assert_array_equal(mixed.predict_proba(texts), mixed_model.predict_proba(texts))


def test_cnn_only_predicts_with_the_cnn_alone_and_leaves_the_model_whole(mixed_model):
    tokens = [["the", "plot", "was", "superb"], ["truly", "boring", "ending"]]
    alone = mixed_model.cnn_only()
    np.testing.assert_allclose(alone.predict_proba(tokens),
                               mixed_model._proba_of_ids([mixed_model._ids(t) for t in tokens]), atol=1e-7)
    assert alone.ngrams_ is None and mixed_model.ngrams_ is not None
    assert not np.allclose(alone.predict_proba(tokens), mixed_model.predict_proba(tokens), atol=1e-4)


def test_mixed_model_fits_when_a_rare_class_falls_in_dev_only(tiny_vectors):
    pairs = make_pairs() + [(["the", "film", "was", "okay"], "mid")]
    model = SentimentCNN(**{**TINY, "epochs": 1}, vectors=tiny_vectors, ngram_weight=0.5, dev_fraction=0.5)
    seeds = [seed for seed in range(40) if _mid_lands_in_dev(model.set_params(seed=seed), pairs)]
    assert seeds, "no seed put the one 'mid' sentence in dev"
    model.set_params(seed=seeds[0]).fit(pairs)
    assert model.ngrams_.classes_ == model.classes_ == ["mid", "neg", "pos"]
    assert "dev_accuracy_with_ngrams" not in model.metrics_  # the mix could not be measured on dev
    assert model.predict_proba(["the film was okay"]).shape == (1, 3)


def _mid_lands_in_dev(model, pairs) -> bool:
    train_rows, _ = model._dev_indices(len(pairs), np.random.default_rng(model.seed))
    return all(pairs[i][1] != "mid" for i in train_rows)


def test_ngram_model_refuses_a_string_where_token_lists_belong(tiny_pairs):
    with pytest.raises(InputError, match="token lists"):
        NgramSentiment().fit(tiny_pairs).predict_proba("the plot was superb")
